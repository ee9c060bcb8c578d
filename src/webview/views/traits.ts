/**
 * The trait coverage matrix: business area × level. Each trait shows whether
 * an SOP covers it, with the documents and the words that matched as
 * evidence, or a button to create an SOP for it from the template.
 */
import type { TraitReport } from '../../core/report/types';
import { levelName, reportLevels, traitCoverage } from '../../shared/summary';
import { count, disclosure, documentButton, section, type ViewContext } from '../components';
import { h } from '../h';

/** Evidence shown before the rest folds away behind "N more". */
const EVIDENCE_SHOWN = 2;

function evidenceItem(ctx: ViewContext, e: TraitReport['evidence'][number]): HTMLElement {
  return h('li', null, documentButton(ctx, e.path, { note: `“${e.matched}” in ${e.field}`, short: true }));
}

function traitItem(ctx: ViewContext, trait: TraitReport): HTMLElement {
  const head = h(
    'div',
    { class: 'trait-head' },
    h('span', { class: 'trait-mark', 'aria-hidden': 'true' }, trait.covered ? '✓' : ''),
    h('span', { class: 'trait-title' }, trait.title),
    h('span', { class: 'visually-hidden' }, trait.covered ? ' (covered)' : ' (not covered)'),
  );
  if (!trait.covered) {
    return h(
      'li',
      { class: 'trait uncovered' },
      head,
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary small',
          'aria-label': `Create SOP for ${trait.title}`,
          'data-focus-key': `create:${trait.id}`,
          on: { click: () => ctx.post({ type: 'createSop', traitId: trait.id }) },
        },
        'Create SOP',
      ),
    );
  }
  const shown = trait.evidence.slice(0, EVIDENCE_SHOWN);
  const rest = trait.evidence.slice(EVIDENCE_SHOWN);
  const more =
    rest.length > 0
      ? disclosure(
          ctx,
          `trait:${trait.id}`,
          `${rest.length} more`,
          () =>
            h(
              'ul',
              { class: 'evidence' },
              rest.map((e) => evidenceItem(ctx, e)),
            ),
          'toggle small',
        )
      : undefined;
  return h(
    'li',
    { class: 'trait covered' },
    head,
    h(
      'ul',
      { class: 'evidence' },
      shown.map((e) => evidenceItem(ctx, e)),
    ),
    more?.button,
    more?.region,
  );
}

/** The trait coverage tab. */
export function renderTraits(ctx: ViewContext): HTMLElement {
  const { report } = ctx;
  const levels = reportLevels(report);
  const coverage = traitCoverage(report);
  const covered = report.traits.filter((t) => t.covered).length;
  const perLevel = levels.map((level) => {
    const at = report.traits.filter((t) => t.level === level);
    return `${at.filter((t) => t.covered).length} of ${at.length}`;
  });
  return section(
    'Process coverage',
    `${covered} of ${count(report.traits.length, 'trait')} are documented. A trait counts when a procedure document names it in its title, path, tags, category or front matter traits.`,
    h(
      'div',
      { class: 'matrix-wrap' },
      h(
        'table',
        { class: 'matrix' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, 'Business area'),
            levels.map((level, i) =>
              h(
                'th',
                { scope: 'col', class: level === report.levels.process ? 'current-col' : undefined },
                h('span', { class: 'col-level' }, `${level} · ${levelName(report, level)}`),
                h('span', { class: 'col-count' }, `${perLevel[i]} covered`),
              ),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          coverage.map((area) =>
            h(
              'tr',
              null,
              h(
                'th',
                { scope: 'row' },
                h('span', null, area.area),
                h('span', { class: 'col-count' }, `${area.covered}/${area.total}`),
              ),
              levels.map((level) => {
                const traits = area.traits.filter((t) => t.level === level);
                return h(
                  'td',
                  { 'data-level': `Level ${level}` },
                  traits.length > 0
                    ? h(
                        'ul',
                        { class: 'traits' },
                        traits.map((t) => traitItem(ctx, t)),
                      )
                    : null,
                );
              }),
            ),
          ),
        ),
      ),
    ),
  );
}
