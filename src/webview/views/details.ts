/**
 * Exemptions in use, engine errors and the facts of the audit itself
 * (as-of date, rubric, central folder, counts).
 */
import { count, documentButton, section, type ViewContext } from '../components';
import { h } from '../h';
import { exemptionsInUse } from '../present';

function exemptions(ctx: ViewContext): HTMLElement {
  const list = exemptionsInUse(ctx.report);
  return section(
    'Exemptions in use',
    `${count(ctx.report.summary.exemptedDocuments, 'document')} ${ctx.report.summary.exemptedDocuments === 1 ? 'passes' : 'pass'} a check only through an exemption comment. Expired exemptions, or ones without a reason, do not count.`,
    list.length > 0
      ? h(
          'ul',
          { class: 'item-list' },
          list.map((e) =>
            h(
              'li',
              { class: `item ${e.active ? '' : 'inactive'}` },
              documentButton(ctx, e.path, { title: e.title }),
              h(
                'div',
                { class: 'item-meta' },
                h('span', { class: `status ${e.active ? 'ok' : 'bad'}` }, e.active ? 'Active' : 'Not counted'),
                h('span', null, e.checks.length > 0 ? e.checks.join(', ') : 'all checks'),
                e.until ? h('span', null, `until ${e.until}`) : null,
              ),
              h('p', { class: 'item-reason' }, e.reason ?? 'No reason given.'),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No document uses an exemption.'),
  );
}

function errors(ctx: ViewContext): HTMLElement {
  const list = ctx.report.errors;
  return section(
    'Engine errors',
    'Files the audit could not read completely, such as invalid front matter or unreadable files.',
    list.length > 0
      ? h(
          'ul',
          { class: 'item-list' },
          list.map((e) =>
            h(
              'li',
              { class: 'item error' },
              documentButton(ctx, e.path, { line: e.line, column: e.column }),
              h('p', { class: 'item-reason' }, e.message),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No errors: every file was read.'),
  );
}

function about(ctx: ViewContext): HTMLElement {
  const r = ctx.report;
  const central =
    r.centralFolderSource === 'config'
      ? 'configured'
      : r.centralFolderSource === 'default-rule'
        ? 'found by the default rule'
        : 'the workspace root';
  const rows: [string, string][] = [
    ['As of', r.asOf],
    ['Rubric', `${r.rubric.title} (${r.rubric.id}, ${r.rubric.source})`],
    ['Central folder', `${r.centralFolder || '.'} (${central})`],
    [
      'Documents',
      `${r.summary.documents} Markdown: ${r.summary.procedures} procedures, ${r.summary.indexes} index pages, ${r.summary.other} other`,
    ],
    ['Findings', String(r.summary.findings)],
    ['Skipped', r.summary.skipped > 0 ? `${count(r.summary.skipped, 'file')} (too large or too slow)` : 'none'],
    ['Root', r.root],
    ['Tool', `${r.tool.name} ${r.tool.version}`],
  ];
  return section(
    'About this audit',
    null,
    h(
      'dl',
      { class: 'facts' },
      rows.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
    ),
  );
}

/** The exemptions-and-errors tab. */
export function renderDetails(ctx: ViewContext): HTMLElement[] {
  return [exemptions(ctx), errors(ctx), about(ctx)];
}
