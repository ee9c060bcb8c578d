/**
 * The review queue and the owners section kept between reports of one audit date: after an edit only the procedures
 * whose document report changed, and the paths whose failing levels changed, are placed again. The reports equal
 * `reviewQueue` and `ownersReport` made from scratch (`reviews.ts`); unchanged parts keep their identity, so the
 * panel's deltas stay small.
 */
import type { SopDocument } from '../parse/facts';
import type { DocumentReport, OwnerReport, OwnersReport, ReviewItem, ReviewsReport } from '../report/types';
import type { Rubric } from '../rubric/types';
import type { RuleOutcome } from './evaluate';
import { compareReviewItems, reviewAgeDays, reviewCounts, reviewItem } from './reviews';
import { comparePaths, lowerBound, withPath } from './pathLists';

/** One procedure's part of the owners section. */
interface Contribution {
  owner: string | null;
  state: ReviewItem['state'];
  /** The lowest level of a document check it fails (Infinity: none). */
  fails: number;
}

interface OwnerTally {
  procedures: number;
  overdue: number;
  dueSoon: number;
  passCurrent: number;
  passNext: number;
  /** In path order. */
  paths: string[];
  report?: OwnerReport;
}

/** More changes than this share of the queue: sort it again rather than move items one by one. */
const BULK_SHARE = 8;

export class ReviewsState {
  private readonly age: number;
  private readonly itemOf = new WeakMap<DocumentReport, ReviewItem>();
  private readonly byPath = new Map<string, ReviewItem>();
  private sorted: ReviewItem[] = [];
  private lastDocuments: readonly DocumentReport[] | undefined;
  private lastQueue: ReviewsReport | undefined;
  /** Items that changed since the owners section last looked (old, new). */
  private readonly moved = new Map<string, ReviewItem | undefined>();

  private readonly lowest = new Map<string, number>();
  private lastFailing: (readonly string[] | undefined)[] = [];
  private readonly contributions = new Map<string, Contribution>();
  private readonly tallies = new Map<string, OwnerTally>();
  private unowned: string[] = [];
  private levels: [number, number] | undefined;
  private lastOwners: OwnersReport | undefined;

  constructor(
    private readonly rubric: Rubric,
    private readonly asOf: string,
    private readonly within: number,
  ) {
    this.age = reviewAgeDays(rubric);
  }

  /** The review queue of the procedures of `documents` (the report's documents, in path order). */
  queue(documents: readonly DocumentReport[], docOf: (path: string) => SopDocument | undefined): ReviewsReport {
    const last = this.lastDocuments;
    if (this.lastQueue && documents === last) return this.lastQueue;
    this.lastDocuments = documents;
    const itemOf = (d: DocumentReport): ReviewItem => {
      let item = this.itemOf.get(d);
      if (!item) {
        item = reviewItem(d, docOf(d.path), this.rubric, this.asOf, this.within, this.age);
        this.itemOf.set(d, item);
      }
      return item;
    };
    const changes: [ReviewItem | undefined, ReviewItem][] = [];
    const removed: ReviewItem[] = [];
    // The usual edit replaces document reports in place: compare by position, and look up only what differs.
    if (!this.samePlaces(last, documents, itemOf, changes, removed)) {
      changes.length = 0;
      removed.length = 0;
      let procedures = 0;
      let added = 0;
      for (const d of documents) {
        if (d.kind !== 'procedure') continue;
        procedures++;
        const item = itemOf(d);
        const old = this.byPath.get(d.path);
        if (!old) added++;
        if (old !== item) changes.push([old, item]);
      }
      if (procedures - added !== this.byPath.size) {
        const present = new Set<string>();
        for (const d of documents) if (d.kind === 'procedure') present.add(d.path);
        for (const [path, item] of this.byPath) if (!present.has(path)) removed.push(item);
      }
    }
    if (this.lastQueue && changes.length === 0 && removed.length === 0) return this.lastQueue;
    for (const item of removed) {
      this.byPath.delete(item.path);
      this.note(item.path, item);
    }
    for (const [old, item] of changes) {
      this.byPath.set(item.path, item);
      this.note(item.path, old);
    }
    let counts: ReviewsReport['counts'];
    if (!this.lastQueue || changes.length + removed.length > Math.max(32, this.byPath.size / BULK_SHARE)) {
      this.sorted = [...this.byPath.values()].sort(compareReviewItems);
      counts = reviewCounts(this.sorted);
    } else {
      counts = { ...this.lastQueue.counts };
      for (const item of removed) {
        this.take(item);
        counts[item.state]--;
      }
      for (const [old] of changes)
        if (old) {
          this.take(old);
          counts[old.state]--;
        }
      for (const [, item] of changes) {
        this.sorted.splice(this.placeOf(item), 0, item);
        counts[item.state]++;
      }
    }
    this.lastQueue = { asOf: this.asOf, within: this.within, items: this.sorted.slice(), counts };
    return this.lastQueue;
  }

  /**
   * The owners section of `reviews` (this state's latest queue), with the evaluation's `outcomes` and the current and
   * next overall levels.
   */
  owners(reviews: ReviewsReport, outcomes: readonly RuleOutcome[], current: number, next: number): OwnersReport {
    const failing = outcomes.map((o) => (o.check.scope === 'document' ? o.failing : undefined));
    const sameLevels = this.levels?.[0] === current && this.levels?.[1] === next;
    if (!this.lastOwners || !sameLevels || failing.length !== this.lastFailing.length) {
      return this.rebuildOwners(reviews, outcomes, failing, current, next);
    }
    // Paths whose lowest failed level may have changed: those entering or leaving a failing list.
    const paths = new Set<string>(this.moved.keys());
    failing.forEach((list, i) => {
      const before = this.lastFailing[i];
      if (list !== before && list && before) symmetricDifference(before, list, paths);
    });
    this.lastFailing = failing;
    this.moved.clear();
    if (paths.size === 0) return this.lastOwners;
    const dirty = new Set<string>();
    let unownedChanged = false;
    for (const path of paths) {
      const fails = lowestLevel(path, outcomes);
      if (fails === Infinity) this.lowest.delete(path);
      else this.lowest.set(path, fails);
      const item = this.byPath.get(path);
      const before = this.contributions.get(path);
      const after: Contribution | undefined = item && { owner: item.owner, state: item.state, fails };
      if (sameContribution(before, after)) continue;
      for (const c of [before, after]) {
        if (!c) continue;
        if (c.owner === null) unownedChanged = true;
        else dirty.add(c.owner);
      }
      if (before) this.count(path, before, -1, current, next);
      if (after) this.count(path, after, 1, current, next);
      if (after) this.contributions.set(path, after);
      else this.contributions.delete(path);
    }
    if (dirty.size === 0 && !unownedChanged) return this.lastOwners;
    for (const owner of dirty) {
      const t = this.tallies.get(owner);
      if (t) t.report = undefined;
    }
    this.lastOwners = {
      owners: this.ownerReports(),
      unowned: unownedChanged ? this.unowned.slice() : this.lastOwners.unowned,
    };
    return this.lastOwners;
  }

  private rebuildOwners(
    reviews: ReviewsReport,
    outcomes: readonly RuleOutcome[],
    failing: (readonly string[] | undefined)[],
    current: number,
    next: number,
  ): OwnersReport {
    this.levels = [current, next];
    this.lastFailing = failing;
    this.moved.clear();
    this.lowest.clear();
    for (const o of outcomes) {
      if (o.check.scope !== 'document') continue;
      for (const p of o.failing) {
        const was = this.lowest.get(p);
        if (was === undefined || o.rule.level < was) this.lowest.set(p, o.rule.level);
      }
    }
    this.contributions.clear();
    this.tallies.clear();
    this.unowned = [];
    for (const i of reviews.items) {
      const c: Contribution = { owner: i.owner, state: i.state, fails: this.lowest.get(i.path) ?? Infinity };
      this.contributions.set(i.path, c);
      this.count(i.path, c, 1, current, next, false);
    }
    // Appended in queue order: put each list in path order once.
    this.unowned.sort(comparePaths);
    for (const t of this.tallies.values()) t.paths.sort(comparePaths);
    this.lastOwners = { owners: this.ownerReports(), unowned: this.unowned.slice() };
    return this.lastOwners;
  }

  /**
   * Adds (`sign` 1) or takes away (-1) one procedure's part; `inOrder` false: appends the path to its list, which the
   * caller sorts.
   */
  private count(path: string, c: Contribution, sign: 1 | -1, current: number, next: number, inOrder = true): void {
    if (c.owner === null) {
      if (inOrder) this.unowned = withPath(this.unowned, path, sign > 0);
      else this.unowned.push(path);
      return;
    }
    let t = this.tallies.get(c.owner);
    if (!t) {
      t = { procedures: 0, overdue: 0, dueSoon: 0, passCurrent: 0, passNext: 0, paths: [] };
      this.tallies.set(c.owner, t);
    }
    t.procedures += sign;
    if (c.state === 'overdue') t.overdue += sign;
    if (c.state === 'due-soon') t.dueSoon += sign;
    if (c.fails > current) t.passCurrent += sign;
    if (c.fails > next) t.passNext += sign;
    if (inOrder) t.paths = withPath(t.paths, path, sign > 0);
    else t.paths.push(path);
    if (t.procedures === 0) this.tallies.delete(c.owner);
  }

  /** The owners, most procedures first, then by name; unchanged owners keep their report object. */
  private ownerReports(): OwnerReport[] {
    const owners: OwnerReport[] = [];
    for (const [owner, t] of this.tallies) {
      t.report ??= {
        owner,
        procedures: t.procedures,
        overdue: t.overdue,
        dueSoon: t.dueSoon,
        passingCurrent: round3(t.passCurrent / t.procedures),
        passingNext: round3(t.passNext / t.procedures),
        paths: t.paths.slice(),
      };
      owners.push(t.report);
    }
    return owners.sort((a, b) => b.procedures - a.procedures || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
  }

  /**
   * With `last` and `documents` of the same paths in the same places, the changed procedures' items (`changes`) and
   * the items of documents that stopped being procedures (`removed`); false when the places differ.
   */
  private samePlaces(
    last: readonly DocumentReport[] | undefined,
    documents: readonly DocumentReport[],
    itemOf: (d: DocumentReport) => ReviewItem,
    changes: [ReviewItem | undefined, ReviewItem][],
    removed: ReviewItem[],
  ): boolean {
    if (!last || last.length !== documents.length) return false;
    for (let i = 0; i < documents.length; i++) {
      const d = documents[i];
      if (d === last[i]) continue;
      if (d.path !== last[i].path) return false;
      const old = this.byPath.get(d.path);
      if (d.kind === 'procedure') {
        const item = itemOf(d);
        if (item !== old) changes.push([old, item]);
      } else if (old) removed.push(old);
    }
    return true;
  }

  /** Remembers that `path`'s item changed (its item before, for the owners section). */
  private note(path: string, before: ReviewItem | undefined): void {
    if (!this.moved.has(path)) this.moved.set(path, before);
  }

  private take(item: ReviewItem): void {
    let i = this.placeOf(item);
    if (this.sorted[i] !== item) i = this.sorted.indexOf(item);
    if (i >= 0) this.sorted.splice(i, 1);
  }

  /** Where `item` stands (or would stand) in the queue: the order is total (the path decides last). */
  private placeOf(item: ReviewItem): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareReviewItems(this.sorted[mid], item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Paths in exactly one of two lists sorted by `comparePaths`, added to `out`. */
function symmetricDifference(a: readonly string[], b: readonly string[], out: Set<string>): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const c = i >= a.length ? 1 : j >= b.length ? -1 : comparePaths(a[i], b[j]);
    if (c === 0) {
      i++;
      j++;
    } else if (c < 0) out.add(a[i++]);
    else out.add(b[j++]);
  }
}

/** The lowest level of a document check whose failing list holds `path` (Infinity: none). */
function lowestLevel(path: string, outcomes: readonly RuleOutcome[]): number {
  let lowest = Infinity;
  for (const o of outcomes) {
    if (o.check.scope !== 'document' || o.rule.level >= lowest) continue;
    const i = lowerBound(o.failing, path, (p) => p);
    if (o.failing[i] === path) lowest = o.rule.level;
  }
  return lowest;
}

function sameContribution(a: Contribution | undefined, b: Contribution | undefined): boolean {
  return a === b || (!!a && !!b && a.owner === b.owner && a.state === b.state && a.fails === b.fails);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
