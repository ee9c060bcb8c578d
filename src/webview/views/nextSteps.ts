/**
 * Next steps for both sides: the checks that stop the next documentation
 * level and the traits that stop the next process level, one group per side
 * in the order the report gives (fewest documents to change first), each
 * step with its progress against the threshold, the documents to change and
 * the action that helps.
 */
import type { NextStep, NextStepSide } from '../../core/report/types';
import { levelName, percent } from '../../shared/summary';
import { nextLevelCount, nextLevelSumNote, nextLevelWords, stepDocuments, stepEffort } from '../../shared/numbers';
import { withCode } from '../code';
import { count, disclosure, documentButton, levelBadge, progressBar, section, type ViewContext } from '../components';
import { h } from '../h';
import { documentAt, findingStart, hasSafeFixes, needsReview } from '../present';

function documentList(ctx: ViewContext, step: NextStep): HTMLElement {
  const checkId = step.kind === 'check' ? (step.check ?? step.id) : undefined;
  const review = checkId !== undefined && needsReview(ctx.report, checkId);
  return h(
    'ul',
    { class: 'doc-list' },
    step.paths.map((path) => {
      const doc = documentAt(ctx.report, path);
      const at = findingStart(ctx.report, path, checkId);
      if (!review) return h('li', null, documentButton(ctx, path, { title: doc?.title, ...at }));
      // A review is a person's statement: the owner to ask, and the document to open and read; no button writes the
      // date.
      return h(
        'li',
        { class: 'review-row' },
        documentButton(ctx, path, { title: doc?.title, note: doc?.owner ? `Owner: ${doc.owner}` : 'No owner', ...at }),
        h(
          'button',
          {
            type: 'button',
            class: 'button secondary small',
            title: `Open ${path} to review it`,
            'aria-label': `Open ${path} to review it`,
            on: {
              click: () =>
                ctx.post({
                  type: 'openDocument',
                  path,
                  ...(at.line ? { line: at.line } : {}),
                  ...(at.column ? { column: at.column } : {}),
                }),
            },
          },
          'Open',
        ),
      );
    }),
  );
}

function kindLabel(step: NextStep): string {
  if (step.kind === 'trait') return 'Process trait';
  if (step.kind === 'guard') return 'Repository size';
  return 'Documentation check';
}

function progressRow(step: NextStep): HTMLElement | null {
  if (!step.total || step.passing === undefined) return null;
  const share = step.passing / step.total;
  const holds = step.threshold === undefined || share >= step.threshold;
  return h(
    'div',
    { class: 'progress-row' },
    progressBar(share, step.threshold, holds ? 'ok' : 'bad'),
    h(
      'span',
      { class: 'progress-text' },
      `${step.passing} of ${step.total} pass (${percent(share)})`,
      step.threshold === undefined ? null : h('span', { class: 'muted' }, ` · ${percent(step.threshold)} needed`),
    ),
  );
}

function actions(ctx: ViewContext, step: NextStep): { bar: HTMLElement; region?: HTMLElement } {
  const bar = h('div', { class: 'actions' });
  let region: HTMLElement | undefined;
  if (step.paths.length > 0) {
    const label = step.kind === 'check' ? stepDocuments(step) : count(step.paths.length, 'document');
    const d = disclosure(ctx, `step:${step.kind}:${step.id}`, label, () => documentList(ctx, step));
    bar.append(d.button);
    region = d.region;
  }
  const checkId = step.check ?? step.id;
  // Only fixes that derive from the documents themselves are offered in bulk (never a review date or a placeholder).
  if (step.kind === 'check' && hasSafeFixes(ctx.report, checkId)) {
    bar.append(
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          title: 'Preview and apply the safe quick fixes for this check',
          'data-focus-key': `fix:${checkId}`,
          on: { click: () => ctx.post({ type: 'applyFixes', checkId }) },
        },
        'Apply safe fixes…',
      ),
    );
  }
  if (step.kind === 'trait') {
    // A trait step stands for one level; each uncovered trait of it gets its own button.
    const ids = step.traits && step.traits.length > 0 ? step.traits : [step.id];
    for (const traitId of ids) {
      const title = ctx.report.traits.find((t) => t.id === traitId)?.title ?? traitId;
      bar.append(
        h(
          'button',
          {
            type: 'button',
            class: 'button',
            title: `Create a new SOP for “${title}” from the template`,
            'aria-label': `Create an SOP for ${title}`,
            'data-focus-key': `create:${traitId}`,
            on: { click: () => ctx.post({ type: 'createSop', traitId }) },
          },
          ids.length > 1 ? `Create SOP: ${title}…` : 'Create SOP…',
        ),
      );
    }
  }
  return { bar, region };
}

function stepCard(ctx: ViewContext, step: NextStep): HTMLElement {
  const { bar, region } = actions(ctx, step);
  // A workspace check has no documents to list; what it found is the useful part.
  const detail =
    step.kind === 'check' ? ctx.report.checks.find((c) => c.id === (step.check ?? step.id))?.detail : undefined;
  return h(
    'li',
    { class: `card step-card step-kind-${step.kind}` },
    h(
      'div',
      { class: 'card-head' },
      levelBadge(step.level, 'bad', `Needed for ${step.side} level ${step.level}`),
      h('div', { class: 'card-title' }, h('h3', null, step.title), h('span', { class: 'card-kind' }, kindLabel(step))),
      h('span', { class: 'effort' }, stepEffort(step)),
    ),
    h('p', { class: 'hint' }, withCode(step.hint)),
    step.kind === 'check' && needsReview(ctx.report, step.check ?? step.id)
      ? h(
          'p',
          { class: 'muted detail' },
          'A review is a person\'s statement: open each document, read it, and mark it reviewed there (the quick fix on its review date, or "Mark Current SOP Reviewed Today").',
        )
      : null,
    detail && step.paths.length === 0 ? h('p', { class: 'muted detail' }, withCode(detail)) : null,
    progressRow(step),
    bar.childElementCount > 0 ? bar : null,
    region,
  );
}

const SIDE_NAMES: Record<NextStepSide, string> = { documentation: 'Documentation', process: 'Process' };

/** One side's steps under a heading naming the side and the level they block. */
function sideGroup(ctx: ViewContext, side: NextStepSide, steps: NextStep[]): HTMLElement {
  const { report } = ctx;
  const level = report.levels[side] + 1;
  const holds = report.levels[side] === report.levels.overall;
  return h(
    'div',
    { class: `step-group step-group-${side}` },
    h(
      'h3',
      { class: 'group-title' },
      `${SIDE_NAMES[side]} → level ${level} · ${levelName(report, level)} `,
      holds
        ? h('span', { class: `tag tag-${side === 'documentation' ? 'doc' : 'process'}` }, 'holds the overall level')
        : null,
    ),
    holds
      ? null
      : h(
          'p',
          { class: 'muted group-note' },
          `Above the overall level: these steps are not in the count to level ${report.levels.overall + 1}.`,
        ),
    h(
      'ol',
      { class: 'cards', 'aria-label': `${SIDE_NAMES[side]} steps` },
      steps.map((step) => stepCard(ctx, step)),
    ),
  );
}

/**
 * "19 to level 4: 18 documents to fix and 1 to write to reach level 4", from `Report.nextLevel`, and what the sum
 * means.
 */
function nextLevelDistance(next: NonNullable<ViewContext['report']['nextLevel']>): HTMLElement {
  const note = nextLevelSumNote(next);
  return h(
    'p',
    { class: 'section-desc next-level' },
    h('strong', null, `${nextLevelCount(next)} to level ${next.level}: `),
    `${nextLevelWords(next)}.`,
    note ? h('span', { class: 'muted' }, ` ${note}`) : null,
  );
}

/** The next-steps section: the steps of each side (why the overall level is held back is the hero's caption). */
export function renderNextSteps(ctx: ViewContext): HTMLElement {
  const { report } = ctx;
  const groups = (['documentation', 'process'] as const)
    .map((side) => ({ side, steps: report.nextSteps.filter((s) => s.side === side) }))
    .filter((g) => g.steps.length > 0);
  const top = !report.levelNames[String(report.levels.overall + 1)];
  const description = top
    ? 'The top of the ladder: keep reviewing your SOPs so they stay there.'
    : 'What stands between each side and its next level, fewest changes first. The overall level is the lower of the two sides.';
  const next = report.nextLevel;
  const distance = next && !top ? nextLevelDistance(next) : null;
  return section(
    'Next steps',
    description,
    distance,
    ...(groups.length > 0
      ? groups.map((g) => sideGroup(ctx, g.side, g.steps))
      : [h('p', { class: 'empty' }, top ? 'Nothing left to climb.' : 'Nothing blocks the next level.')]),
  );
}
