/**
 * The top of the panel: what is measured, as of when and by which rubric,
 * the export and copy buttons, and the guard message when it holds the level.
 */
import type { ExportFormat } from '../../shared/protocol';
import { count, type ViewContext } from '../components';
import { h } from '../h';

/** Export formats in the order people reach for them, with their button labels. */
const FORMATS: [ExportFormat, string][] = [
  ['html', 'HTML'],
  ['markdown', 'Markdown'],
  ['json', 'JSON'],
  ['sarif', 'SARIF'],
];

/** Title, label, audit facts and the toolbar. */
export function renderHeader(ctx: ViewContext): HTMLElement {
  const r = ctx.report;
  return h(
    'header',
    { class: 'top' },
    h(
      'div',
      { class: 'top-text' },
      h('h1', null, 'SOP Maturity'),
      // The report's label may start lower case (it is also used mid-sentence by the CLI).
      h('p', { class: 'label' }, r.label.charAt(0).toUpperCase() + r.label.slice(1)),
    ),
    h(
      'div',
      { class: 'toolbar', role: 'group', 'aria-label': 'Share and export' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-focus-key': 'copy',
          on: { click: () => ctx.post({ type: 'copyMarkdown' }) },
        },
        'Copy as Markdown',
      ),
      h(
        'div',
        { class: 'export-group', role: 'group', 'aria-label': 'Export report as' },
        h('span', { class: 'export-label', 'aria-hidden': 'true' }, 'Export'),
        FORMATS.map(([format, label]) =>
          h(
            'button',
            {
              type: 'button',
              class: 'button secondary',
              'aria-label': `Export as ${label}`,
              'data-focus-key': `export:${format}`,
              on: { click: () => ctx.post({ type: 'export', format }) },
            },
            label,
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'meta' },
      h('span', null, `As of ${r.asOf}`),
      h('span', null, `Rubric: ${r.rubric.title}`),
      h('span', null, `${count(r.summary.procedures, 'procedure')} in ${count(r.summary.documents, 'document')}`),
      h('span', null, `Central folder: ${r.centralFolder || '.'}`),
    ),
  );
}

/** The 5-document guard, when it holds the level down. */
export function renderGuard(ctx: ViewContext): HTMLElement | null {
  const guard = ctx.report.levels.guard;
  return guard
    ? h('p', { class: 'notice notice-warning', role: 'note' }, h('strong', null, 'Held at level 2. '), guard)
    : null;
}
