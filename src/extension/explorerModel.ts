/**
 * The SOP explorer's model, without `vscode`: the procedures of a report
 * grouped by status, owner, area or folder, the words of each row, and a
 * signature of what the tree shows, so the view is told to refresh only when
 * that changed (an edit that moves no procedure between groups and changes
 * no row refreshes nothing).
 */
import { posix } from 'node:path';
import type { Report, ReviewItem } from '../core/report/types';

/** What the explorer groups procedures by. */
export type GroupBy = 'status' | 'owner' | 'area' | 'folder';

export const GROUP_BYS: readonly { id: GroupBy; label: string; detail: string }[] = [
  { id: 'status', label: 'Status', detail: 'Failing the next level, overdue for review, passing' },
  { id: 'owner', label: 'Owner', detail: 'The accountable owner; procedures without one first' },
  { id: 'area', label: 'Area', detail: 'The front-matter category' },
  { id: 'folder', label: 'Folder', detail: 'The folder the procedure is in' },
];

export function isGroupBy(value: unknown): value is GroupBy {
  return GROUP_BYS.some((g) => g.id === value);
}

/** Where a procedure stands: it fails a check that blocks the next level, its review is overdue, or neither. */
export type ProcedureStatus = 'failing' | 'overdue' | 'passing';

/** One procedure row. */
export interface ProcedureEntry {
  path: string;
  title: string;
  owner: string | null;
  status: ProcedureStatus;
  review?: ReviewItem;
  /** The words next to the title. */
  description: string;
}

export interface ProcedureGroup {
  key: string;
  /** The group's name with its count: "Overdue review (3)". */
  label: string;
  items: ProcedureEntry[];
}

const STATUS_LABEL: Record<ProcedureStatus, string> = {
  failing: 'Failing the next level',
  overdue: 'Overdue review',
  passing: 'Passing',
};
const STATUS_ORDER: readonly ProcedureStatus[] = ['failing', 'overdue', 'passing'];
const NO_OWNER = 'No owner';
const NO_AREA = 'No area';
const ROOT_FOLDER = '(root)';

/** Review state in a few words ("overdue 12 days", "due in 5 days", "never reviewed"); '' without an item. */
export function reviewWords(item: ReviewItem | undefined): string {
  if (!item) return '';
  const days = item.days ?? 0;
  switch (item.state) {
    case 'overdue':
      return `overdue ${plural(days, 'day')}`;
    case 'due-soon':
      return days === 0 ? 'review due today' : `review due in ${plural(days, 'day')}`;
    case 'never-reviewed':
      return 'never reviewed';
    case 'ok':
      return item.due ? `next review ${item.due}` : 'reviewed';
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The procedures of a report, in path order, with their status. */
export function procedureEntries(report: Report, by: GroupBy): ProcedureEntry[] {
  const failing = new Set<string>();
  for (const step of report.nextSteps) if (step.blocksOverall) for (const p of step.paths) failing.add(p);
  const reviews = new Map<string, ReviewItem>();
  for (const item of report.reviews?.items ?? []) reviews.set(item.path, item);
  const out: ProcedureEntry[] = [];
  for (const doc of report.documents) {
    if (doc.kind !== 'procedure') continue;
    const review = reviews.get(doc.path);
    const status: ProcedureStatus = failing.has(doc.path)
      ? 'failing'
      : review?.state === 'overdue'
        ? 'overdue'
        : 'passing';
    const owner = review ? review.owner : (doc.owner ?? null);
    const words = [by === 'owner' ? '' : (owner ?? NO_OWNER.toLowerCase()), reviewWords(review)];
    out.push({
      path: doc.path,
      title: doc.title?.trim() || posix.basename(doc.path),
      owner,
      status,
      review,
      description: words.filter((w) => w !== '').join(' · '),
    });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The groups of the tree. Status groups come in a fixed order (empty ones left out); owners with procedures
 * without an owner first, areas and folders by name with the unnamed last. `area` gives a document's category.
 */
export function groupProcedures(
  report: Report,
  by: GroupBy,
  area: (path: string) => string | undefined = () => undefined,
): ProcedureGroup[] {
  const entries = procedureEntries(report, by);
  const groups = new Map<string, ProcedureEntry[]>();
  const keyOf = (e: ProcedureEntry): string => {
    switch (by) {
      case 'status':
        return e.status;
      case 'owner':
        return e.owner ?? NO_OWNER;
      case 'area':
        return area(e.path)?.trim() || NO_AREA;
      case 'folder': {
        const dir = posix.dirname(e.path);
        return dir === '.' ? ROOT_FOLDER : dir;
      }
    }
  };
  for (const e of entries) {
    const key = keyOf(e);
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  let keys: string[];
  if (by === 'status') keys = STATUS_ORDER.filter((s) => groups.has(s));
  else {
    const last = by === 'owner' ? undefined : by === 'area' ? NO_AREA : undefined;
    const first = by === 'owner' ? NO_OWNER : by === 'folder' ? ROOT_FOLDER : undefined;
    keys = [...groups.keys()].sort((a, b) => {
      if (a === first || b === last) return -1;
      if (b === first || a === last) return 1;
      return a.localeCompare(b);
    });
  }
  return keys.map((key) => {
    const items = groups.get(key)!;
    const name = by === 'status' ? STATUS_LABEL[key as ProcedureStatus] : key;
    return { key, label: `${name} (${items.length})`, items };
  });
}

/** A string that changes when, and only when, what the tree shows changes. */
export function groupsSignature(groups: readonly ProcedureGroup[]): string {
  return groups
    .map(
      (g) => `${g.label}\u0001${g.items.map((i) => `${i.path}\u0002${i.title}\u0002${i.description}`).join('\u0003')}`,
    )
    .join('\u0004');
}

/** The number of overdue reviews (the view's badge). */
export function overdueReviews(report: Report | undefined): number {
  return report?.reviews?.counts.overdue ?? 0;
}
