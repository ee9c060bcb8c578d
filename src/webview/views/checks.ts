/**
 * The checks table: every documentation check with its levels, its pass
 * ratio against each threshold and its status; a row expands to what the
 * check wants and the documents that fail it.
 */
import type { CheckLevelStats, CheckReport } from '../../core/report/types';
import { percent } from '../../shared/summary';
import { blockingLevel, failingAtLevel, levelResult, withFindings, workspaceFailing } from '../../shared/numbers';
import { count, disclosure, documentButton, levelBadge, progressBar, section, type ViewContext } from '../components';
import { h } from '../h';
import { withCode } from '../code';
import {
  checkStatus,
  documentAt,
  failingDocuments,
  failingWithoutFinding,
  hasSafeFixes,
  type FailingDocument,
  type UnreadFailure,
} from '../present';

function levelLine(check: CheckReport, stats: CheckLevelStats): HTMLElement {
  const tone = stats.holds ? 'ok' : 'bad';
  if (check.scope === 'workspace' || stats.threshold === undefined || stats.total === 0) {
    // "Passes — 4 documents not reachable from the navigation": a workspace check can hold while some documents fail
    // its condition.
    return h(
      'div',
      { class: 'level-line' },
      levelBadge(stats.level, tone),
      h('span', { class: `level-result ${tone}` }, levelResult(check, stats)),
    );
  }
  const share = stats.passing / stats.total;
  const failing = stats.failing ?? 0;
  return h(
    'div',
    { class: 'level-line' },
    levelBadge(stats.level, tone),
    progressBar(share, stats.threshold, tone),
    h('span', { class: 'ratio' }, `${percent(share)}`, h('span', { class: 'muted' }, ` / ${percent(stats.threshold)}`)),
    failing > 0 ? h('span', { class: 'level-failing muted' }, failingAtLevel(failing, stats.level)) : null,
  );
}

/**
 * Above the list of a check's documents: how many have a finding of the
 * check (`documentsWithFindings`), and how many of them fail each level
 * (`CheckLevelStats.failing`), so the list and the levels read as one.
 */
function findingsSummary(
  ctx: ViewContext,
  check: CheckReport,
  failing: readonly FailingDocument[],
  unread: readonly UnreadFailure[],
): string {
  const levels = check.levels.filter((l) => (l.failing ?? 0) > 0);
  const parts = levels.map((l) =>
    check.scope === 'workspace' ? workspaceFailing(check.id, l.failing ?? 0) : failingAtLevel(l.failing ?? 0, l.level),
  );
  const out = [`${withFindings(check)}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}.`];
  const others = failing.filter((f) => documentAt(ctx.report, f.path)?.kind !== 'procedure').length;
  if (others > 0)
    out.push(
      `${count(others, 'of them is not a procedure', 'of them are not procedures')}: shown, but not counted towards a level.`,
    );
  // Unreadable front matter: one error finding, and the checks that read it fail without findings of their own.
  if (unread.length > 0)
    out.push(
      `${count(unread.length, 'more document fails', 'more documents fail')} it without a finding of its own: ${[...new Set(unread.map((u) => u.message))].join('; ')}.`,
    );
  return out.join(' ');
}

function failingList(ctx: ViewContext, check: CheckReport): HTMLElement {
  const failing = failingDocuments(ctx.report, check.id);
  const unread = failingWithoutFinding(ctx.report, check.id);
  // Only safe fixes are applied to many documents at once; review dates and placeholders never are.
  const fixable = hasSafeFixes(ctx.report, check.id);
  const docsLink = /^https:\/\//.test(check.docsUrl)
    ? h('a', { href: check.docsUrl, class: 'link' }, 'Read about this check')
    : null;
  return h(
    'div',
    { class: 'check-detail' },
    h('p', null, check.description),
    h('p', { class: 'hint' }, h('strong', null, 'To pass: '), withCode(check.hint)),
    check.detail ? h('p', { class: 'muted' }, withCode(check.detail)) : null,
    check.exempted > 0
      ? h('p', { class: 'muted' }, `${count(check.exempted, 'document')} pass only through an exemption.`)
      : null,
    failing.length + unread.length > 0
      ? h('p', { class: 'muted findings-summary' }, findingsSummary(ctx, check, failing, unread))
      : null,
    failing.length + unread.length > 0
      ? h(
          'ul',
          { class: 'doc-list' },
          failing.map((f) =>
            h(
              'li',
              null,
              documentButton(ctx, f.path, {
                title: f.title,
                line: f.finding.range.start.line,
                column: f.finding.range.start.column,
                note: h('span', null, withCode(f.finding.message)),
              }),
            ),
          ),
          unread.map((u) =>
            h(
              'li',
              { class: 'without-finding' },
              documentButton(ctx, u.path, { title: u.title, note: h('span', null, withCode(u.message)) }),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No document fails this check.'),
    h(
      'div',
      { class: 'actions' },
      fixable
        ? h(
            'button',
            {
              type: 'button',
              class: 'button',
              'data-focus-key': `check-fix:${check.id}`,
              on: { click: () => ctx.post({ type: 'applyFixes', checkId: check.id }) },
            },
            'Apply safe fixes…',
          )
        : null,
      docsLink,
    ),
  );
}

function rows(ctx: ViewContext, check: CheckReport): HTMLElement[] {
  const status = checkStatus(check);
  // The status names the documents of the level it speaks of: the blocking level, or (a workspace check that
  // holds) the documents failing its per-document condition; the same counts as the levels column.
  const blocking = blockingLevel(check);
  const held = check.levels[0];
  const shown = blocking ?? (check.scope === 'workspace' ? held : undefined);
  const failing = shown?.failing ?? 0;
  const sub =
    !shown || failing === 0
      ? null
      : check.scope === 'workspace'
        ? workspaceFailing(check.id, failing)
        : failingAtLevel(failing, shown.level);
  const { button, region } = disclosure(
    ctx,
    `check:${check.id}`,
    h('span', { class: 'check-name' }, h('span', null, check.title), h('code', { class: 'check-id' }, check.id)),
    () => failingList(ctx, check),
    'row-toggle',
  );
  const statusCell = status.holds
    ? h('span', { class: 'status ok' }, 'Holds')
    : h('span', { class: 'status bad' }, `Blocks level ${status.blocks}`);
  return [
    h(
      'tr',
      { class: `check-row ${status.holds ? '' : 'failing'}` },
      h('th', { scope: 'row' }, button),
      h('td', { class: 'area-cell' }, check.area),
      h(
        'td',
        null,
        check.levels.map((l) => levelLine(check, l)),
      ),
      h('td', null, statusCell, sub ? h('span', { class: 'status-sub' }, sub) : null),
    ),
    h('tr', { class: 'detail-row' }, h('td', { colspan: 4 }, region)),
  ];
}

/** The checks tab. */
export function renderChecks(ctx: ViewContext): HTMLElement {
  const checks = ctx.report.checks;
  const blocking = checks.filter((c) => !checkStatus(c).holds).length;
  return section(
    'Documentation checks',
    `${count(checks.length, 'check')}: ${checks.length - blocking} hold at every level, ${blocking} block a level. Expand a check for the documents that fail it.`,
    h(
      'table',
      { class: 'checks' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, 'Check'),
          h('th', { scope: 'col' }, 'Area'),
          h('th', { scope: 'col' }, 'Levels: passing / needed'),
          h('th', { scope: 'col' }, 'Status'),
        ),
      ),
      h(
        'tbody',
        null,
        checks.flatMap((c) => rows(ctx, c)),
      ),
    ),
  );
}
