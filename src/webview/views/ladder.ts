/**
 * The headline: the overall level with documentation and process side by
 * side, the level within reach and points, then the five-step ladder with the
 * current level highlighted.
 */
import { levelName, percent, reportLevels } from '../../shared/summary';
import { WITHIN_REACH } from '../../shared/numbers';
import { progressBar, type ViewContext } from '../components';
import { h } from '../h';

function stat(label: string, value: string, name: string, note: string, tone = ''): HTMLElement {
  return h(
    'div',
    { class: `stat ${tone}` },
    h('dt', { class: 'stat-label' }, label),
    h(
      'dd',
      { class: 'stat-value' },
      h('span', { class: 'stat-number' }, value),
      h('span', { class: 'stat-name' }, name),
    ),
    h('dd', { class: 'stat-note' }, note),
  );
}

/** Overall level, documentation and process levels, the level within reach and points. */
export function renderHero(ctx: ViewContext): HTMLElement {
  const { report } = ctx;
  const { overall, documentation, process, shadow, points } = report.levels;
  const pointsBar = progressBar(points, undefined, 'ok');
  const lowerSide =
    documentation === process
      ? 'both sides agree'
      : documentation < process
        ? 'held by documentation'
        : 'held by process';
  return h(
    'div',
    { class: 'hero' },
    h(
      'div',
      { class: 'hero-main' },
      h('div', { class: 'eyebrow' }, 'Overall maturity'),
      h(
        'div',
        { class: 'hero-level' },
        h('span', { class: 'hero-number' }, String(overall)),
        h('span', { class: 'hero-name' }, levelName(report, overall)),
      ),
      // When one side holds the overall level back, the report says which and why in one sentence.
      h(
        'p',
        { class: 'hero-caption' },
        report.levels.heldBack ? `${report.levels.heldBack}.` : `The lower of documentation and process: ${lowerSide}.`,
      ),
    ),
    h(
      'dl',
      { class: 'stats' },
      stat(
        'Documentation',
        String(documentation),
        levelName(report, documentation),
        'Checks of the SOP files',
        'stat-doc',
      ),
      stat('Process', String(process), levelName(report, process), 'Traits the SOPs cover', 'stat-process'),
      stat(
        WITHIN_REACH,
        String(shadow),
        levelName(report, shadow),
        shadow > overall ? 'If only the steps that block the next level were done' : 'No higher level within reach',
        'stat-shadow',
      ),
      h(
        'div',
        { class: 'stat stat-points' },
        h('dt', { class: 'stat-label' }, 'Points'),
        h('dd', { class: 'stat-value' }, h('span', { class: 'stat-number' }, percent(points))),
        h('dd', { class: 'stat-note' }, pointsBar, h('span', { class: 'visually-hidden' }, 'of all requirements met')),
      ),
    ),
  );
}

/** The ladder, lowest step left; reached steps filled, the current one outlined and marked. */
export function renderLadder(ctx: ViewContext): HTMLElement {
  const { report } = ctx;
  const { overall, documentation, process, shadow } = report.levels;
  const steps = reportLevels(report).map((level) => {
    const state = level === overall ? 'current' : level < overall ? 'reached' : level === shadow ? 'shadow' : 'ahead';
    const tags = [
      level === documentation ? h('span', { class: 'tag tag-doc' }, 'Documentation') : null,
      level === process ? h('span', { class: 'tag tag-process' }, 'Process') : null,
      state === 'shadow' ? h('span', { class: 'tag tag-shadow' }, WITHIN_REACH) : null,
    ];
    return h(
      'li',
      {
        class: `step step-${state} step-h${Math.min(level, 5)}`,
        'aria-current': state === 'current' ? 'step' : undefined,
      },
      h('span', { class: 'step-name' }, levelName(report, level)),
      h(
        'span',
        { class: 'step-bar' },
        h('span', { class: 'step-number' }, String(level)),
        state === 'current' ? h('span', { class: 'step-here' }, 'You are here') : null,
      ),
      h('span', { class: 'step-tags' }, tags),
    );
  });
  return h('ol', { class: 'ladder', 'aria-label': 'Maturity ladder' }, steps);
}
