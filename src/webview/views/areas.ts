/**
 * The compact area chart: one row per documentation area (its level as five
 * pips) and one per business area (trait coverage per level as five cells).
 */
import { levelName, reportLevels, traitCoverage, type AreaCoverage } from '../../shared/summary';
import { section, type ViewContext } from '../components';
import { h } from '../h';

function documentationRow(ctx: ViewContext, area: string, level: number): HTMLElement {
  const pips = reportLevels(ctx.report).map((l) => h('span', { class: `pip ${l <= level ? 'pip-on' : ''}` }));
  return h(
    'li',
    { class: 'area-row' },
    h('span', { class: 'area-name' }, area),
    h('span', { class: 'pips', 'aria-hidden': 'true' }, pips),
    // At 0 the area has not passed its first check yet ("not yet", as RUBRIC.md words it).
    h('span', { class: 'area-value' }, `${level} · ${level > 0 ? levelName(ctx.report, level) : 'not yet'}`),
  );
}

function coverageClass(covered: number, total: number): string {
  if (total === 0) return 'cell-none';
  if (covered === total) return 'cell-full';
  return covered === 0 ? 'cell-empty' : 'cell-part';
}

function businessRow(c: AreaCoverage): HTMLElement {
  const cells = c.byLevel.map((l) =>
    h('span', {
      class: `cell ${coverageClass(l.covered, l.total)}`,
      title: l.total === 0 ? `Level ${l.level}: no traits` : `Level ${l.level}: ${l.covered} of ${l.total} covered`,
    }),
  );
  const detail = c.byLevel
    .filter((l) => l.total > 0)
    .map((l) => `level ${l.level} ${l.covered} of ${l.total}`)
    .join(', ');
  return h(
    'li',
    { class: 'area-row' },
    h('span', { class: 'area-name' }, c.area),
    h('span', { class: 'cells', role: 'img', 'aria-label': `Traits covered: ${detail}` }, cells),
    h('span', { class: 'area-value' }, `${c.covered}/${c.total} traits`),
  );
}

function legend(): HTMLElement {
  const item = (cls: string, text: string): HTMLElement =>
    h('li', null, h('span', { class: `cell ${cls}`, 'aria-hidden': 'true' }), text);
  return h(
    'ul',
    { class: 'cell-legend', 'aria-label': 'Legend' },
    item('cell-full', 'all covered'),
    item('cell-part', 'some'),
    item('cell-empty', 'none'),
    item('cell-none', 'no traits at that level'),
  );
}

/** The two area charts side by side (stacked when the panel is narrow). */
export function renderAreas(ctx: ViewContext): HTMLElement {
  const docAreas = Object.entries(ctx.report.levels.areas);
  const coverage = traitCoverage(ctx.report);
  return section(
    'Areas',
    'Documentation areas by level, and how many process traits of each business area your SOPs cover.',
    h(
      'div',
      { class: 'areas' },
      h(
        'div',
        { class: 'area-group' },
        h('h3', { class: 'group-title' }, 'Documentation areas'),
        docAreas.length > 0
          ? h(
              'ul',
              { class: 'area-list' },
              docAreas.map(([area, level]) => documentationRow(ctx, area, level)),
            )
          : h('p', { class: 'muted' }, 'No documentation areas in this rubric.'),
      ),
      h(
        'div',
        { class: 'area-group' },
        h('h3', { class: 'group-title' }, 'Business areas (process traits, levels 1–5)'),
        coverage.length > 0
          ? [h('ul', { class: 'area-list' }, coverage.map(businessRow)), legend()]
          : h('p', { class: 'muted' }, 'No process traits in this rubric.'),
      ),
    ),
  );
}
