/**
 * Small building blocks the panel's sections share: level badges, progress
 * bars with a threshold marker, document links and disclosures.
 */
import type { WebviewMessage } from '../shared/protocol';
import type { Report } from '../core/report/types';
import { levelName, percent } from '../shared/summary';
import { h, type Child } from './h';
import type { UiStore } from './state';

/** What every section needs: the report, a way to talk to the host, and the UI state. */
export interface ViewContext {
  report: Report;
  post(message: WebviewMessage): void;
  ui: UiStore;
  /** Unique element ids within one render (for aria-controls). */
  nextId(prefix: string): string;
  /** Shows the details of a document of the report beside the report. */
  showDocument(path: string): void;
}

/** A section of a tab with a heading and an optional one-line description. */
export function section(title: string, description: Child, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'section' },
    h('h2', { class: 'section-title' }, title),
    description ? h('p', { class: 'section-desc' }, description) : null,
    ...children,
  );
}

/** "L3" badge; `tone` colours it (reached, blocked, neutral). */
export function levelBadge(level: number, tone: 'ok' | 'bad' | 'neutral' = 'neutral', title?: string): HTMLElement {
  return h('span', { class: `badge badge-${tone}`, title }, `L${level}`);
}

/** "3 · Scaling" */
export function levelText(report: Report, level: number): string {
  return `${level} · ${levelName(report, level)}`;
}

/**
 * A horizontal bar of `value` (0..1) with a marker at `threshold`. The bar is
 * decorative; the text beside it (and its accessible name) carries the numbers.
 */
export function progressBar(value: number, threshold: number | undefined, tone: 'ok' | 'bad'): HTMLElement {
  const label =
    threshold === undefined ? `${percent(value)} passing` : `${percent(value)} passing, ${percent(threshold)} needed`;
  const fill = h('span', { class: `bar-fill bar-${tone}` });
  fill.style.width = `${Math.max(0, Math.min(1, value)) * 100}%`;
  const bar = h('span', { class: 'bar', role: 'img', 'aria-label': label }, fill);
  if (threshold !== undefined) {
    const marker = h('span', { class: 'bar-threshold', title: `${percent(threshold)} needed` });
    marker.style.left = `${Math.max(0, Math.min(1, threshold)) * 100}%`;
    bar.append(marker);
  }
  return bar;
}

/**
 * A button that opens a document of the report (at a 1-based line and
 * column when given) and shows its details in the panel. Shows the path, and
 * the title when there is one.
 */
export function documentButton(
  ctx: ViewContext,
  path: string,
  options: { title?: string; line?: number; column?: number; note?: Child; short?: boolean } = {},
): HTMLElement {
  const { title, line, column, note, short } = options;
  const where = line ? `${path}:${line}` : path;
  // In narrow cells a full path wraps into noise; the file name is shown and the tooltip keeps the path.
  const shown = short ? (where.split('/').pop() ?? where) : where;
  return h(
    'button',
    {
      type: 'button',
      class: 'doc-link',
      title: `Open ${where}`,
      'aria-label': short ? `Open ${where}` : undefined,
      on: {
        click: () => {
          ctx.post({ type: 'openDocument', path, ...(line ? { line } : {}), ...(column ? { column } : {}) });
          ctx.showDocument(path);
        },
      },
    },
    h('span', { class: 'doc-path' }, shown),
    title ? h('span', { class: 'doc-title' }, title) : null,
    note ? h('span', { class: 'doc-note' }, note) : null,
  );
}

/**
 * A toggle button and the region it shows. The region's content is built on
 * first open (long document lists cost nothing until someone looks), and the
 * open/closed state survives re-renders through the UI store under `key`.
 */
export function disclosure(
  ctx: ViewContext,
  key: string,
  label: Child,
  build: () => Node,
  buttonClass = 'toggle',
): { button: HTMLButtonElement; region: HTMLElement } {
  const regionId = ctx.nextId('region');
  const region = h('div', { class: 'disclosure-region', id: regionId });
  const button = h(
    'button',
    { type: 'button', class: buttonClass, 'aria-controls': regionId, 'data-focus-key': `toggle:${key}` },
    h('span', { class: 'chevron', 'aria-hidden': 'true' }),
    label,
  );
  let built = false;
  const show = (open: boolean): void => {
    if (open && !built) {
      region.append(build());
      built = true;
    }
    button.setAttribute('aria-expanded', String(open));
    region.hidden = !open;
  };
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    ctx.ui.setExpanded(key, open);
    show(open);
  });
  show(ctx.ui.isExpanded(key));
  return { button, region };
}

/** "1 document" / "3 documents" */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
