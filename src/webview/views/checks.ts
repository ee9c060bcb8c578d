/**
 * The checks table: every documentation check with its levels, its pass
 * ratio against each threshold and its status; a row expands to what the
 * check wants and the documents that fail it.
 */
import type { CheckLevelStats, CheckReport } from '../../core/types';
import { percent } from '../../shared/summary';
import { count, disclosure, documentButton, levelBadge, progressBar, section, type ViewContext } from '../components';
import { h } from '../h';
import { withCode } from '../code';
import { checkStatus, failingDocuments, hasSafeFixes } from '../present';

function levelLine(check: CheckReport, stats: CheckLevelStats): HTMLElement {
  const tone = stats.holds ? 'ok' : 'bad';
  if (check.scope === 'workspace' || stats.threshold === undefined || stats.total === 0) {
    return h(
      'div',
      { class: 'level-line' },
      levelBadge(stats.level, tone),
      h('span', { class: `level-result ${tone}` }, stats.holds ? 'Passes' : 'Fails'),
    );
  }
  const share = stats.passing / stats.total;
  return h(
    'div',
    { class: 'level-line' },
    levelBadge(stats.level, tone),
    progressBar(share, stats.threshold, tone),
    h('span', { class: 'ratio' }, `${percent(share)}`, h('span', { class: 'muted' }, ` / ${percent(stats.threshold)}`)),
  );
}

function failingList(ctx: ViewContext, check: CheckReport): HTMLElement {
  const failing = failingDocuments(ctx.report, check.id);
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
    check.exempted > 0 ? h('p', { class: 'muted' }, `${count(check.exempted, 'document')} pass only through an exemption.`) : null,
    failing.length > 0
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
  const failing = failingDocuments(ctx.report, check.id).length;
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
      h('td', null, check.levels.map((l) => levelLine(check, l))),
      h(
        'td',
        null,
        statusCell,
        failing > 0 ? h('span', { class: 'status-sub' }, `${count(failing, 'document')} failing`) : null,
      ),
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
      h('tbody', null, checks.flatMap((c) => rows(ctx, c))),
    ),
  );
}
