/**
 * The documents tab: every Markdown file of the audit with its kind and the
 * rule that decided it, filtered by kind and by text. Other documents and
 * index pages appear nowhere else in the panel, so this is where a user finds
 * out why a file is not graded as a procedure.
 */
import type { DocumentReport } from '../../core/report/types';
import { kindLabel, stubOf } from '../../shared/kind';
import { count, documentButton, section, type ViewContext } from '../components';
import { h } from '../h';
import type { DocumentFilter } from '../state';

/** Rows rendered at most; a larger audit asks for a narrower filter (10,000 rows would slow every live update). */
export const MAX_ROWS = 300;

const FILTER_LABELS: Record<DocumentFilter, string> = {
  all: 'All',
  procedure: 'Procedures',
  index: 'Index pages',
  other: 'Other',
};

/** The documents of a kind whose path, title or reason contains every word of `query` (any case). */
export function filterDocuments(
  documents: readonly DocumentReport[],
  kind: DocumentFilter,
  query: string,
): DocumentReport[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return documents
    .filter((d) => kind === 'all' || d.kind === kind)
    .filter((d) => {
      if (words.length === 0) return true;
      const text = `${d.path} ${d.title ?? ''} ${d.kindReason}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function row(ctx: ViewContext, d: DocumentReport): HTMLElement {
  const stub = stubOf(d) === true;
  return h(
    'tr',
    { class: `document-row kind-row-${d.kind}` },
    h('td', null, documentButton(ctx, d.path, { title: d.title })),
    h(
      'td',
      { class: 'document-kind' },
      h('span', { class: `kind kind-${d.kind}` }, kindLabel(d.kind)),
      stub ? h('span', { class: 'tag tag-stub' }, 'stub') : null,
    ),
    h('td', { class: 'kind-reason' }, d.kindReason || 'no reason given'),
    h('td', { class: 'num' }, String(d.findings.length)),
  );
}

/** The documents tab. */
export function renderDocuments(ctx: ViewContext): HTMLElement {
  const all = ctx.report.documents;
  const body = h('tbody');
  const status = h('p', { class: 'section-desc documents-status', role: 'status', 'aria-live': 'polite' });
  const search = h('input', {
    type: 'search',
    class: 'search',
    placeholder: 'Filter by path, title or reason',
    'aria-label': 'Filter documents by path, title or reason',
    'data-focus-key': 'documents:search',
    value: ctx.ui.documentQuery,
  });
  const kinds = (['all', 'procedure', 'index', 'other'] as const).map((kind) => {
    const n = kind === 'all' ? all.length : all.filter((d) => d.kind === kind).length;
    return h(
      'button',
      {
        type: 'button',
        class: 'chip',
        'aria-pressed': String(kind === ctx.ui.documentKind),
        'data-kind': kind,
        'data-focus-key': `documents:kind:${kind}`,
        on: {
          click: () => {
            ctx.ui.setDocumentFilter(kind, search.value);
            for (const b of kinds) b.setAttribute('aria-pressed', String(b.getAttribute('data-kind') === kind));
            fill();
          },
        },
      },
      `${FILTER_LABELS[kind]} (${n})`,
    );
  });
  const fill = (): void => {
    const shown = filterDocuments(all, ctx.ui.documentKind, ctx.ui.documentQuery);
    body.replaceChildren(...shown.slice(0, MAX_ROWS).map((d) => row(ctx, d)));
    status.textContent =
      shown.length === 0
        ? 'No document matches the filter.'
        : shown.length > MAX_ROWS
          ? `Showing the first ${MAX_ROWS} of ${count(shown.length, 'document')}: narrow the filter to see the rest.`
          : `${count(shown.length, 'document')}.`;
  };
  search.addEventListener('input', () => {
    ctx.ui.setDocumentFilter(ctx.ui.documentKind, search.value);
    fill();
  });
  fill();
  return section(
    'Documents',
    'Every Markdown file of the audit, its kind and the rule that decided it. Click a document for its details, where a wrong kind can be corrected; the hover on the first line of a file says the same in the editor.',
    h(
      'div',
      { class: 'filters' },
      h('div', { class: 'chips', role: 'group', 'aria-label': 'Kinds of document to list' }, kinds),
      search,
    ),
    status,
    h(
      'table',
      { class: 'documents' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, 'Document'),
          h('th', { scope: 'col' }, 'Kind'),
          h('th', { scope: 'col' }, 'Why'),
          h('th', { scope: 'col', class: 'num' }, 'Findings'),
        ),
      ),
      body,
    ),
  );
}
