/**
 * The owners tab: who owns which procedures, how many of them are overdue or
 * due for review, and what share of them pass every check at the current and
 * the next level (`Report.owners`). The table sorts by any column (a button
 * in each header, `aria-sort` on the sorted one); a row expands to its
 * owner's documents, each one click from the editor. Unowned procedures are
 * their own group below the table.
 */
import type { OwnerReport, OwnersReport } from '../../core/report/types';
import { percent } from '../../shared/summary';
import { count, disclosure, documentButton, section, type ViewContext } from '../components';
import { h } from '../h';
import type { OwnerSortKey, OwnersSort } from '../state';

interface Column {
  key: OwnerSortKey;
  label: string;
  numeric: boolean;
}

function columns(current: number, next: number): Column[] {
  return [
    { key: 'owner', label: 'Owner', numeric: false },
    { key: 'procedures', label: 'Procedures', numeric: true },
    { key: 'overdue', label: 'Overdue', numeric: true },
    { key: 'dueSoon', label: 'Due soon', numeric: true },
    { key: 'passingCurrent', label: `Passing L${current}`, numeric: true },
    { key: 'passingNext', label: `Passing L${next}`, numeric: true },
  ];
}

/** The owners in the order of `sort`; ties fall back to the name, so the order never depends on the report's. */
export function sortOwners(owners: readonly OwnerReport[], sort: OwnersSort): OwnerReport[] {
  const sign = sort.dir === 'ascending' ? 1 : -1;
  const byName = (a: OwnerReport, b: OwnerReport): number => a.owner.localeCompare(b.owner);
  return [...owners].sort((a, b) => {
    const d = sort.key === 'owner' ? byName(a, b) : a[sort.key] - b[sort.key];
    return d !== 0 ? sign * d : byName(a, b);
  });
}

function documentList(ctx: ViewContext, paths: readonly string[]): HTMLElement {
  const titles = new Map(ctx.report.documents.map((d) => [d.path, d.title]));
  return h(
    'ul',
    { class: 'owner-docs' },
    paths.map((path) => h('li', null, documentButton(ctx, path, { title: titles.get(path) }))),
  );
}

function ownerRows(ctx: ViewContext, o: OwnerReport, span: number): HTMLElement[] {
  const { button, region } = disclosure(
    ctx,
    `owner:${o.owner}`,
    h('span', { class: 'owner-name' }, o.owner),
    () => documentList(ctx, o.paths),
    'toggle row-toggle',
  );
  button.setAttribute('aria-label', `${o.owner}: ${count(o.procedures, 'procedure')}`);
  const detail = h('tr', { class: 'owner-detail' }, h('td', { colspan: span }, region));
  detail.hidden = region.hidden;
  // The detail row follows its region, so a closed row leaves no empty cell behind.
  button.addEventListener('click', () => {
    detail.hidden = region.hidden;
  });
  const cell = (n: number, tone?: string): HTMLElement =>
    h('td', { class: `num${n > 0 && tone ? ` ${tone}` : ''}` }, String(n));
  return [
    h(
      'tr',
      { class: 'owner-row', 'data-owner': o.owner },
      h('th', { scope: 'row' }, button),
      cell(o.procedures),
      cell(o.overdue, 'num-bad'),
      cell(o.dueSoon, 'num-warn'),
      h('td', { class: 'num' }, percent(o.passingCurrent)),
      h('td', { class: 'num' }, percent(o.passingNext)),
    ),
    detail,
  ];
}

function header(cols: Column[], sort: OwnersSort, resort: (s: OwnersSort) => void): HTMLElement {
  return h(
    'tr',
    null,
    cols.map((c) => {
      const sorted = c.key === sort.key;
      const nextDir = sorted
        ? sort.dir === 'ascending'
          ? 'descending'
          : 'ascending'
        : c.numeric
          ? 'descending'
          : 'ascending';
      return h(
        'th',
        { scope: 'col', class: c.numeric ? 'num' : undefined, 'aria-sort': sorted ? sort.dir : 'none' },
        h(
          'button',
          {
            type: 'button',
            class: 'sort-button',
            'data-sort': c.key,
            'data-focus-key': `owners:sort:${c.key}`,
            title: `Sort by ${c.label.toLowerCase()}, ${nextDir}`,
            on: { click: () => resort({ key: c.key, dir: nextDir }) },
          },
          c.label,
          h(
            'span',
            { class: 'sort-mark', 'aria-hidden': 'true' },
            sorted ? (sort.dir === 'ascending' ? '▲' : '▼') : '',
          ),
        ),
      );
    }),
  );
}

function ownersTable(ctx: ViewContext, report: OwnersReport): HTMLElement {
  const current = ctx.report.levels.overall;
  const top = Math.max(current, ...Object.keys(ctx.report.levelNames).map(Number).filter(Number.isFinite));
  const next = ctx.report.nextLevel?.level ?? Math.min(current + 1, top);
  const cols = columns(current, next);
  const head = h('thead');
  const body = h('tbody');
  const fill = (sort: OwnersSort): void => {
    head.replaceChildren(header(cols, sort, resort));
    body.replaceChildren(...sortOwners(report.owners, sort).flatMap((o) => ownerRows(ctx, o, cols.length)));
  };
  const resort = (sort: OwnersSort): void => {
    ctx.ui.setOwnersSort(sort);
    fill(sort);
    head.querySelector<HTMLElement>(`[data-sort="${sort.key}"]`)?.focus();
  };
  fill(ctx.ui.ownersSort);
  return h('table', { class: 'owners' }, head, body);
}

/** The owners tab; says so when the report has no owner data. */
export function renderOwners(ctx: ViewContext): HTMLElement {
  const owners = ctx.report.owners;
  const description =
    'Who owns which procedures, their reviews, and the share of their procedures that pass every check at the ' +
    'current and the next level. Click a column to sort; open an owner for their documents.';
  if (!owners) return section('Owners', description, h('p', { class: 'muted' }, 'No owner data in this report.'));
  const unowned =
    owners.unowned.length > 0
      ? h(
          'div',
          { class: 'owners-unowned' },
          h('h3', { class: 'group-title' }, `Unowned (${count(owners.unowned.length, 'procedure')})`),
          documentList(ctx, owners.unowned),
        )
      : h('p', { class: 'muted' }, 'Every procedure has an owner.');
  return section(
    'Owners',
    description,
    owners.owners.length > 0 ? ownersTable(ctx, owners) : h('p', { class: 'muted' }, 'No procedure names an owner.'),
    unowned,
  );
}
