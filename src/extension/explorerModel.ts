/**
 * The SOP explorer's model, without `vscode`: the procedures of a report
 * grouped by status, owner, area or folder, the words of each row, and a
 * signature of what the tree shows, so the view is told to refresh only when
 * that changed (an edit that moves no procedure between groups and changes
 * no row refreshes nothing).
 */
import { posix } from 'node:path';
import type { DocumentReport, Report, ReviewItem } from '../core/report/types';

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

/** The paths that fail a step blocking the next overall level. */
function failingPaths(report: Report): Set<string> {
  const failing = new Set<string>();
  for (const step of report.nextSteps) if (step.blocksOverall) for (const p of step.paths) failing.add(p);
  return failing;
}

/** The review queue by path. */
function reviewsByPath(report: Report): Map<string, ReviewItem> {
  const reviews = new Map<string, ReviewItem>();
  for (const item of report.reviews?.items ?? []) reviews.set(item.path, item);
  return reviews;
}

/** A procedure's row from its document report, whether it fails the next level, and its review. */
function entryOf(doc: DocumentReport, failing: boolean, review: ReviewItem | undefined, by: GroupBy): ProcedureEntry {
  const status: ProcedureStatus = failing ? 'failing' : review?.state === 'overdue' ? 'overdue' : 'passing';
  const owner = review ? review.owner : (doc.owner ?? null);
  const words = [by === 'owner' ? '' : (owner ?? NO_OWNER.toLowerCase()), reviewWords(review)];
  return {
    path: doc.path,
    title: doc.title?.trim() || posix.basename(doc.path),
    owner,
    status,
    review,
    description: words.filter((w) => w !== '').join(' · '),
  };
}

const byPath = (a: ProcedureEntry, b: ProcedureEntry): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The procedures of a report, in path order, with their status. */
export function procedureEntries(report: Report, by: GroupBy): ProcedureEntry[] {
  const failing = failingPaths(report);
  const reviews = reviewsByPath(report);
  const out: ProcedureEntry[] = [];
  for (const doc of report.documents) {
    if (doc.kind !== 'procedure') continue;
    out.push(entryOf(doc, failing.has(doc.path), reviews.get(doc.path), by));
  }
  return out.sort(byPath);
}

/** The group a row goes in. */
function groupKey(e: ProcedureEntry, by: GroupBy, area: (path: string) => string | undefined): string {
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
}

/** Group keys in tree order: statuses in a fixed order, others by name (no owner and the root first, no area last). */
function orderKeys(keys: Iterable<string>, by: GroupBy): string[] {
  const present = new Set(keys);
  if (by === 'status') return STATUS_ORDER.filter((s) => present.has(s));
  const last = by === 'area' ? NO_AREA : undefined;
  const first = by === 'owner' ? NO_OWNER : by === 'folder' ? ROOT_FOLDER : undefined;
  return [...present].sort((a, b) => {
    if (a === first || b === last) return -1;
    if (b === first || a === last) return 1;
    return a.localeCompare(b);
  });
}

/** A group with its name and count. */
function makeGroup(key: string, by: GroupBy, items: ProcedureEntry[]): ProcedureGroup {
  const name = by === 'status' ? STATUS_LABEL[key as ProcedureStatus] : key;
  return { key, label: `${name} (${items.length})`, items };
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
  const groups = new Map<string, ProcedureEntry[]>();
  for (const e of procedureEntries(report, by)) {
    const key = groupKey(e, by, area);
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  return orderKeys(groups.keys(), by).map((key) => makeGroup(key, by, groups.get(key)!));
}

/** True when two review items say the same (they are flat: fields of strings, numbers and null). */
function sameReview(a: ReviewItem | undefined, b: ReviewItem | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (x[k] !== y[k]) return false;
    n++;
  }
  for (const k in y) if (--n < 0 || !(k in x)) return false;
  return n === 0;
}

/** What a row was made from, the row and its group. */
interface KeptRow {
  doc: DocumentReport;
  failing: boolean;
  review: ReviewItem | undefined;
  entry: ProcedureEntry;
  key: string;
}

/** The lengths of what two lists share at the start (`p`), and where their different middles end. */
function trim<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): [number, number, number] {
  let p = 0;
  while (p < a.length && p < b.length && same(a[p], b[p])) p++;
  let ea = a.length;
  let eb = b.length;
  while (ea > p && eb > p && same(a[ea - 1], b[eb - 1])) {
    ea--;
    eb--;
  }
  return [p, ea, eb];
}

/** True when two lists of path lists hold the same paths. */
function sameLists(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => x === b[i] || (x.length === b[i].length && x.every((p, j) => p === b[i][j])))
  );
}

/**
 * The groups of {@link groupProcedures}, kept up to date report after report: a procedure's row is made again only
 * when its document report (by identity), its review item or whether it fails the next level changed, and only rows
 * that changed group move between groups. Groups that did not change keep their object, so the tree reuses them.
 * `area` must answer the same for a path as long as its document report is the same object (the engine makes a new
 * one whenever the document's facts change).
 */
export class ProcedureGrouping {
  private readonly rows = new Map<string, KeptRow>();
  /** Per group key, its rows in path order. */
  private readonly lists = new Map<string, ProcedureEntry[]>();
  private readonly made = new Map<string, ProcedureGroup>();
  private out: ProcedureGroup[] = [];
  /** What the last update saw: the documents, the review queue, the blocking steps' paths and those paths. */
  private last: {
    docs: readonly DocumentReport[];
    items: readonly ReviewItem[];
    blocking: readonly (readonly string[])[];
    failing: ReadonlySet<string>;
  } = { docs: [], items: [], blocking: [], failing: new Set() };

  constructor(
    readonly by: GroupBy,
    private readonly area: (path: string) => string | undefined = () => undefined,
  ) {}

  /** The groups as of the last update (the same as `groupProcedures` of that report). */
  get groups(): readonly ProcedureGroup[] {
    return this.out;
  }

  /** Takes in a new report (undefined: none); true when what the tree shows changed (rows, their words or groups). */
  update(report: Report | undefined): boolean {
    const docs = report?.documents ?? [];
    const items = report?.reviews?.items ?? [];
    const blocking = report ? report.nextSteps.filter((s) => s.blocksOverall).map((s) => s.paths) : [];
    // The paths whose document report, review item or failing status may have changed: the middles of the lists
    // between what both reports share at the start and at the end. One edit makes them a path or two.
    const dirty = new Set<string>();
    const [p, oldEnd, newEnd] = trim(this.last.docs, docs, (x, y) => x === y);
    const gone = new Set<string>();
    const docAt = new Map<string, DocumentReport>();
    for (let i = p; i < oldEnd; i++) gone.add(this.last.docs[i].path);
    for (let j = p; j < newEnd; j++) docAt.set(docs[j].path, docs[j]);
    const [r, oldReviewEnd, newReviewEnd] = trim(this.last.items, items, sameReview);
    const reviewGone = new Set<string>();
    const reviewAt = new Map<string, ReviewItem>();
    for (let i = r; i < oldReviewEnd; i++) reviewGone.add(this.last.items[i].path);
    for (let j = r; j < newReviewEnd; j++) reviewAt.set(items[j].path, items[j]);
    let failing = this.last.failing;
    if (!sameLists(blocking, this.last.blocking)) {
      failing = new Set(blocking.flat());
      for (const path of failing) if (!this.last.failing.has(path)) dirty.add(path);
      for (const path of this.last.failing) if (!failing.has(path)) dirty.add(path);
    }
    for (const path of gone) dirty.add(path);
    for (const path of docAt.keys()) dirty.add(path);
    for (const path of reviewGone) dirty.add(path);
    for (const path of reviewAt.keys()) dirty.add(path);
    this.last = { docs, items, blocking, failing };

    const touched = new Set<string>();
    let shown = false;
    for (const path of dirty) {
      const row = this.rows.get(path);
      const doc = docAt.get(path) ?? (gone.has(path) ? undefined : row?.doc);
      if (!doc || doc.kind !== 'procedure') {
        if (row) {
          this.rows.delete(path);
          this.remove(row.key, path, touched);
          shown = true;
        }
        continue;
      }
      const review = reviewAt.get(path) ?? (reviewGone.has(path) ? undefined : row?.review);
      const isFailing = failing.has(path);
      if (row && row.doc === doc && row.failing === isFailing && sameReview(row.review, review)) continue;
      const entry = entryOf(doc, isFailing, review, this.by);
      const key = row && row.doc === doc && this.by === 'area' ? row.key : groupKey(entry, this.by, this.area);
      if (row) {
        const old = row.entry;
        if (
          row.key !== key ||
          old.title !== entry.title ||
          old.description !== entry.description ||
          old.status !== entry.status
        )
          shown = true;
        this.remove(row.key, path, touched);
      } else shown = true;
      this.insert(key, entry, touched);
      this.rows.set(path, { doc, failing: isFailing, review, entry, key });
    }
    if (touched.size === 0) return shown;
    let keysChanged = false;
    for (const key of touched) {
      const list = this.lists.get(key);
      if (!list || list.length === 0) {
        this.lists.delete(key);
        if (this.made.delete(key)) keysChanged = true;
      } else {
        keysChanged ||= !this.made.has(key);
        this.made.set(key, makeGroup(key, this.by, list.slice()));
      }
    }
    if (keysChanged) this.out = orderKeys(this.made.keys(), this.by).map((k) => this.made.get(k)!);
    else this.out = this.out.map((g) => this.made.get(g.key)!);
    return shown;
  }

  private insert(key: string, entry: ProcedureEntry, touched: Set<string>): void {
    touched.add(key);
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = []));
    list.splice(lowerBound(list, entry.path), 0, entry);
  }

  private remove(key: string, path: string, touched: Set<string>): void {
    const list = this.lists.get(key);
    if (!list) return;
    const i = lowerBound(list, path);
    if (list[i]?.path !== path) return;
    list.splice(i, 1);
    touched.add(key);
  }
}

/** The first index of `list` (in path order) whose path is not below `path`. */
function lowerBound(list: readonly ProcedureEntry[], path: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].path < path) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
