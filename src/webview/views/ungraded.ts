/**
 * "Why is nothing graded here?": when a folder holds Markdown but few
 * procedures, the Overview lists the documents that were not counted, each
 * with the reason the engine gives (`kindReason`), a "Treat as SOP" action
 * (the host writes the front-matter type) and an Open action. With no
 * procedures at all this list is the Overview, said plainly, instead of an
 * empty ladder.
 */
import type { DocumentReport, Report } from '../../core/report/types';
import { kindFixLabel, kindLabel } from '../../shared/kind';
import { plural } from '../../shared/text';
import { documentButton, section, type ViewContext } from '../components';
import { h } from '../h';

/** Fewer procedures than this, and the Overview explains the documents that were not counted. */
export const FEW_PROCEDURES = 3;

/** Rows listed at most; the Documents tab has the rest. */
const MAX_LISTED = 50;

/** The documents that were read but not graded (index pages and other documents), by path. */
export function ungradedDocuments(report: Report): DocumentReport[] {
  return report.documents
    .filter((d) => d.kind !== 'procedure')
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * True when the Overview should say why (almost) nothing is graded: no procedures, fewer than three, or fewer than the
 * other documents.
 */
export function fewProcedures(report: Report): boolean {
  const { procedures } = report.summary;
  const ungraded = report.documents.length - procedures;
  return ungraded > 0 && (procedures < FEW_PROCEDURES || procedures < ungraded);
}

function row(ctx: ViewContext, d: DocumentReport): HTMLElement {
  return h(
    'li',
    { class: 'review-row ungraded-row', 'data-path': d.path },
    documentButton(ctx, d.path, { title: d.title, note: `${kindLabel(d.kind)}: ${d.kindReason || 'no reason given'}` }),
    h(
      'button',
      {
        type: 'button',
        class: 'button small',
        title: `Count ${d.path} as a procedure (writes type: sop into its front matter)`,
        'aria-label': `Treat ${d.path} as SOP`,
        'data-focus-key': `ungraded:sop:${d.path}`,
        on: { click: () => ctx.post({ type: 'setKind', path: d.path, fix: 'treat-as-sop' }) },
      },
      kindFixLabel('treat-as-sop'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'button secondary small',
        title: `Open ${d.path}`,
        'aria-label': `Open ${d.path}`,
        'data-focus-key': `ungraded:open:${d.path}`,
        on: { click: () => ctx.post({ type: 'openDocument', path: d.path }) },
      },
      'Open',
    ),
  );
}

/**
 * The section that lists the documents not counted as procedures, or null
 * when there are enough procedures for the grade to speak for itself.
 */
export function renderUngraded(ctx: ViewContext): HTMLElement | null {
  const { report } = ctx;
  const { procedures } = report.summary;
  if (report.documents.length === 0) {
    return section(
      'Nothing to grade',
      null,
      h(
        'p',
        { class: 'empty' },
        'No Markdown documents were found in this folder, so nothing is graded. Check the include and exclude globs of the configuration.',
      ),
    );
  }
  if (!fewProcedures(report)) return null;
  const ungraded = ungradedDocuments(report);
  const title = procedures === 0 ? 'Nothing is graded here' : 'Why so little is graded here';
  const lead =
    procedures === 0
      ? `No procedure documents: none of the ${plural(report.documents.length, 'Markdown document')} reads as an SOP, so no level is assessed. ` +
        'Each document below says why it was not counted; if one of them is a procedure, “Treat as SOP” counts it.'
      : `Only ${plural(procedures, 'procedure')} ${procedures === 1 ? 'is' : 'are'} graded; ${plural(ungraded.length, 'other Markdown document')} ${ungraded.length === 1 ? 'was' : 'were'} not counted. ` +
        'Each says why; if one of them is a procedure, “Treat as SOP” counts it.';
  const listed = ungraded.slice(0, MAX_LISTED);
  return section(
    title,
    lead,
    h(
      'ul',
      { class: 'doc-list ungraded-list', 'aria-label': 'Documents not counted as procedures' },
      listed.map((d) => row(ctx, d)),
    ),
    ungraded.length > listed.length
      ? h('p', { class: 'muted' }, `and ${ungraded.length - listed.length} more: see the Documents tab.`)
      : null,
  );
}
