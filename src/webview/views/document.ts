/**
 * The details of one document, shown beside the report when a document is
 * clicked anywhere in the panel: its kind and the rule that decided it (as
 * the engine words it), stub status when the report has it, owner and where
 * the owner came from, review date, exemptions and findings, with "Open file"
 * and the correction of its kind ("Treat as SOP" / "Not an SOP").
 */
import type { OwnerSource } from '../../core/parse/facts';
import type { DocumentReport, Finding } from '../../core/report/types';
import { kindFixFor, kindFixLabel, kindLabel, stubOf } from '../../shared/kind';
import type { ViewContext } from '../components';
import { h } from '../h';
import { documentAt } from '../present';

/** What each kind means for the grade, in a few words. */
const KIND_MEANING: Record<DocumentReport['kind'], string> = {
  procedure: 'graded by every document check',
  index: 'navigation for the knowledge base; not graded',
  other: 'counted and listed, never graded',
};

const OWNER_SOURCE: Record<OwnerSource, string> = {
  'front-matter': 'front matter',
  body: 'the document',
  codeowners: 'CODEOWNERS',
  'owners-file': 'OWNERS file',
};

/** What a correction writes, for the line under its button. */
const FIX_EFFECT = {
  'treat-as-sop':
    'Writes type: sop into the front matter, so the document is graded as a procedure. Undo it in the editor.',
  'not-an-sop':
    'Writes type: reference into the front matter, so the document is counted but not graded. Undo it in the editor.',
} as const;

/** Id of the details heading (focused when the details open). */
export const DETAILS_TITLE_ID = 'doc-details-title';

function ownerText(doc: DocumentReport): HTMLElement {
  if (!doc.owner) return h('dd', null, 'none found');
  const source = doc.ownerSource ? (OWNER_SOURCE[doc.ownerSource] ?? doc.ownerSource) : undefined;
  const origin = doc.ownerOrigin && doc.ownerOrigin !== source ? ` (${doc.ownerOrigin})` : '';
  return h('dd', null, doc.owner, source ? h('span', { class: 'muted' }, ` from ${source}${origin}`) : null);
}

function findingItem(ctx: ViewContext, doc: DocumentReport, f: Finding, index: number): HTMLElement {
  const { line, column } = f.range.start;
  return h(
    'li',
    { class: 'finding-item' },
    h(
      'button',
      {
        type: 'button',
        class: 'finding-link',
        title: `Open ${doc.path}:${line}`,
        'data-focus-key': `details:finding:${index}`,
        on: { click: () => ctx.post({ type: 'openDocument', path: doc.path, line, column }) },
      },
      h('span', { class: `severity severity-${f.severity}` }, f.severity),
      h('span', { class: 'finding-check' }, f.check),
      h('span', { class: 'finding-place' }, `line ${line}`),
    ),
    h('p', { class: 'finding-message' }, f.message),
  );
}

/**
 * The details of the selected document, or null when nothing is selected or
 * the document left the report (renamed, deleted). `close` hides them.
 */
export function renderDocumentDetails(ctx: ViewContext, close: () => void): HTMLElement | null {
  const path = ctx.ui.selected;
  const doc = path === undefined ? undefined : documentAt(ctx.report, path);
  if (!doc) return null;
  const stub = stubOf(doc, ctx.report);
  const fix = kindFixFor(doc.kind);
  const name = doc.path.split('/').pop() ?? doc.path;
  const rows: [string, HTMLElement][] = [
    [
      'Kind',
      h(
        'dd',
        null,
        h('span', { class: `kind kind-${doc.kind}` }, kindLabel(doc.kind)),
        h('span', { class: 'muted' }, ` — ${KIND_MEANING[doc.kind] ?? ''}`),
      ),
    ],
    ['Why', h('dd', { class: 'kind-reason' }, doc.kindReason || 'no reason given')],
  ];
  if (stub !== undefined)
    rows.push([
      'Stub',
      h('dd', null, stub ? 'yes: an empty template with no steps written; it covers no process yet' : 'no'),
    ]);
  rows.push(['Owner', ownerText(doc)], ['Reviewed', h('dd', null, doc.reviewed ?? 'no review date')]);
  if (doc.exemptions.length > 0) {
    rows.push([
      'Exemptions',
      h(
        'dd',
        null,
        doc.exemptions.map((e) =>
          h(
            'span',
            { class: 'exemption' },
            `${e.checks.length > 0 ? e.checks.join(', ') : 'all checks'}${e.until ? ` until ${e.until}` : ''}${e.active ? '' : ' (not counted)'}: ${e.reason ?? 'no reason'}`,
          ),
        ),
      ),
    ]);
  }
  return h(
    'div',
    { class: 'doc-details-body' },
    h(
      'div',
      { class: 'doc-details-head' },
      h(
        'h2',
        { id: DETAILS_TITLE_ID, class: 'doc-details-title', tabindex: -1, 'data-focus-key': 'details:title' },
        doc.title || name,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'icon-button',
          'aria-label': 'Close the document details',
          title: 'Close (Escape)',
          'data-focus-key': 'details:close',
          on: { click: close },
        },
        '×',
      ),
    ),
    h('p', { class: 'doc-details-path' }, doc.path),
    h(
      'dl',
      { class: 'facts doc-facts' },
      rows.flatMap(([k, v]) => [h('dt', null, k), v]),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-focus-key': 'details:open',
          on: { click: () => ctx.post({ type: 'openDocument', path: doc.path }) },
        },
        'Open file',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          'data-fix': fix,
          'data-focus-key': 'details:fix',
          on: { click: () => ctx.post({ type: 'setKind', path: doc.path, fix }) },
        },
        kindFixLabel(fix),
      ),
    ),
    h('p', { class: 'hint' }, FIX_EFFECT[fix]),
    h('h3', { class: 'doc-details-sub' }, `Findings (${doc.findings.length})`),
    doc.findings.length > 0
      ? h(
          'ul',
          { class: 'finding-list' },
          doc.findings.map((f, i) => findingItem(ctx, doc, f, i)),
        )
      : h(
          'p',
          { class: 'empty' },
          doc.kind === 'procedure'
            ? 'No findings: it passes every check.'
            : 'No findings: only its links are checked, and they work.',
        ),
  );
}
