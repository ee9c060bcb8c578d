import type { SopDocument } from '../parse/facts';
import type { WorkspaceCheck, WorkspaceDocFinding, WorkspaceFacts, WorkspaceVerdict } from './check';
import { docRange, isProcedure } from './check';
import { SKETCH_SIZE, VOCABULARY_SKETCH_SIZE } from '../parse/parse';
import { Postings } from './postings';

/** Postings longer than this (boilerplate shingles shared by many documents) do not propose candidates. */
const MAX_POSTING = 200;

/** Title normalised for clashes: lower case, no punctuation, without the words sop/runbook/procedure. */
export function normalizedTitle(title: string, ignore: readonly string[]): string {
  const words = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w && !ignore.includes(w));
  return words.join(' ');
}

/** Jaccard similarity estimated from two sorted bottom-k sketches of size `k` (exact when both are shorter than k). */
export function sketchSimilarity(a: ArrayLike<number>, b: ArrayLike<number>, k = SKETCH_SIZE): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let union = 0;
  let both = 0;
  while (union < k && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) i++;
    else if (i >= a.length || b[j] < a[i]) j++;
    else {
      both++;
      i++;
      j++;
    }
    union++;
  }
  return union === 0 ? 0 : both / union;
}

/**
 * The share of the smaller of two vocabularies found in the other, from
 * their bottom-k sketches: Jaccard similarity J estimated on the sketches,
 * then |A ∩ B| = J (|A| + |B|) / (1 + J). Exact while both are shorter than
 * the sketch.
 */
export function vocabularyOverlap(a: SopDocument['vocabulary'], b: SopDocument['vocabulary']): number {
  const smaller = Math.min(a.size, b.size);
  if (smaller === 0) return 0;
  const jaccard = sketchSimilarity(a.sketch, b.sketch, VOCABULARY_SKETCH_SIZE);
  return Math.min(1, (jaccard * (a.size + b.size)) / (1 + jaccard) / smaller);
}

const byPath = (a: SopDocument, b: SopDocument) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The state of `one-version` for one parameter set, kept up to date document
 * by document: the shingle postings, the title groups and the pairs of
 * procedures with (nearly) the same text. `sync` applies the procedures that
 * changed since the last call (found by comparing), `update` the ones a
 * caller knows changed; `verdict` builds the same findings, in the same
 * order, as a search over every procedure would.
 *
 * A pair's presence depends on the two documents and on which of their
 * shared postings are short enough to count, so a posting that crosses
 * MAX_POSTING re-decides the pairs of every document in it.
 */
export class OneVersionIndex {
  private readonly docs = new Map<string, SopDocument>();
  /** Postings hold slot numbers: a slot is a document's place in `slots`, reused after it is removed. */
  private readonly postings = new Postings();
  private readonly slots: (SopDocument | undefined)[] = [];
  private readonly slotOf = new Map<SopDocument, number>();
  private readonly free: number[] = [];
  /** Text twins, both ways, with the reason. */
  private readonly pairs = new Map<SopDocument, Map<SopDocument, string>>();
  private readonly titleOf = new Map<SopDocument, string>();
  private readonly titles = new Map<string, Set<SopDocument>>();
  /** The procedures of the last `sync`. */
  private last: readonly SopDocument[] | undefined;

  constructor(
    readonly ignore: readonly string[],
    readonly threshold: number,
    /** Body similarity two documents with the same title need to compete (a shared generic title alone is no clash). */
    readonly titleThreshold = 0.3,
  ) {}

  /** Brings the index to the current procedures (`docs` is every document by path); false when it held them already. */
  sync(procedures: readonly SopDocument[], docs: ReadonlyMap<string, SopDocument>): boolean {
    const added: SopDocument[] = [];
    const removed: SopDocument[] = [];
    const last = this.last;
    this.last = procedures;
    if (last && last.length === procedures.length) {
      // The usual edit replaces documents in place: compare by position.
      let moved = false;
      for (let i = 0; i < procedures.length; i++) {
        if (procedures[i] === last[i]) continue;
        if (procedures[i].path !== last[i].path) {
          // A path came and another went (a rename): compare by path below.
          moved = true;
          added.length = 0;
          removed.length = 0;
          break;
        }
        added.push(procedures[i]);
        removed.push(last[i]);
      }
      if (!moved && added.length === 0 && this.sameAs(procedures)) return false;
    }
    if (added.length === 0) {
      for (const d of procedures) if (this.docs.get(d.path) !== d) added.push(d);
      for (const [path, d] of this.docs) if (docs.get(path) !== d) removed.push(d);
    }
    return this.update(procedures, added, removed);
  }

  /**
   * Applies known changes since the last `sync` or `update`: `removed`
   * procedures leave the index, `added` ones join it (`procedures`: all of
   * them now, in path order); false when there were none.
   */
  update(procedures: readonly SopDocument[], added: readonly SopDocument[], removed: readonly SopDocument[]): boolean {
    this.last = procedures;
    if (added.length === 0 && removed.length === 0) return false;
    const bulk = added.length * 4 > procedures.length;
    if (bulk) {
      this.docs.clear();
      this.postings.clear();
      this.slots.length = 0;
      this.slotOf.clear();
      this.free.length = 0;
      this.pairs.clear();
      this.titleOf.clear();
      this.titles.clear();
    }
    const touched = bulk ? undefined : new Map<number, number>();
    if (!bulk) for (const d of removed) this.remove(d, touched as Map<number, number>);
    const adding = bulk ? procedures : added;
    for (const d of adding) this.add(d, touched);

    const affected = new Set<SopDocument>(adding);
    if (touched) {
      for (const [h, before] of touched) {
        const p = this.postings.slots(h);
        const after = this.postings.count(h);
        if (before > MAX_POSTING !== after > MAX_POSTING && p !== undefined)
          for (const s of typeof p === 'number' ? [p] : p) affected.add(this.slots[s] as SopDocument);
      }
    }
    for (const a of affected) this.unpair(a);
    // Each pair is decided once: by the first of its documents to be searched.
    const done = new Uint8Array(this.slots.length);
    // Shingles shared with each other slot (counts by slot, and the slots met, in the order met).
    const counts = new Uint32Array(this.slots.length);
    const met: number[] = [];
    for (const a of affected) {
      const self = this.slotOf.get(a);
      if (self === undefined) continue;
      met.length = 0;
      for (const h of a.shingles) {
        const p = this.postings.slots(h) as number | readonly number[];
        // A hash held by this document alone (the usual case) meets no other.
        if (typeof p === 'number' || p.length > MAX_POSTING) continue;
        for (const s of p) if (s !== self && done[s] === 0 && counts[s]++ === 0) met.push(s);
      }
      for (const s of met) {
        const n = counts[s];
        counts[s] = 0;
        const b = this.slots[s] as SopDocument;
        if (n < this.threshold * 0.5 * Math.min(a.shingles.length, b.shingles.length)) continue;
        const sim =
          a.path < b.path ? sketchSimilarity(a.shingles, b.shingles) : sketchSimilarity(b.shingles, a.shingles);
        if (sim >= this.threshold) {
          const why = `${Math.round(sim * 100)}% the same text`;
          this.pairOf(a).set(b, why);
          this.pairOf(b).set(a, why);
        }
      }
      done[self] = 1;
    }
    return true;
  }

  /** True when the index holds exactly these procedures (checked only when they look unchanged by position). */
  private sameAs(procedures: readonly SopDocument[]): boolean {
    let stubs = 0;
    for (const d of procedures) if (d.stub) stubs++;
    return this.docs.size === procedures.length - stubs;
  }

  private pairOf(d: SopDocument): Map<SopDocument, string> {
    let m = this.pairs.get(d);
    if (!m) this.pairs.set(d, (m = new Map()));
    return m;
  }

  private unpair(d: SopDocument): void {
    const mine = this.pairs.get(d);
    if (!mine) return;
    for (const other of mine.keys()) {
      const theirs = this.pairs.get(other);
      theirs?.delete(d);
      if (theirs && theirs.size === 0) this.pairs.delete(other);
    }
    this.pairs.delete(d);
  }

  private add(d: SopDocument, touched: Map<number, number> | undefined): void {
    // A stub (an empty template copy) competes with nothing: copies of one template are alike by design.
    if (d.stub) return;
    this.docs.set(d.path, d);
    const slot = this.free.pop() ?? this.slots.length;
    this.slots[slot] = d;
    this.slotOf.set(d, slot);
    for (const h of d.shingles) {
      if (touched && !touched.has(h)) touched.set(h, this.postings.count(h));
      this.postings.add(h, slot);
    }
    const t = d.title ? normalizedTitle(d.title, this.ignore) : '';
    if (t) {
      this.titleOf.set(d, t);
      let g = this.titles.get(t);
      if (!g) this.titles.set(t, (g = new Set()));
      g.add(d);
    }
  }

  private remove(d: SopDocument, touched: Map<number, number>): void {
    const slot = this.slotOf.get(d);
    if (slot === undefined) return;
    this.docs.delete(d.path);
    this.slotOf.delete(d);
    this.slots[slot] = undefined;
    this.free.push(slot);
    for (const h of d.shingles) {
      const n = this.postings.count(h);
      if (n === 0) continue;
      if (!touched.has(h)) touched.set(h, n);
      this.postings.remove(h, slot);
    }
    this.unpair(d);
    const t = this.titleOf.get(d);
    if (t !== undefined) {
      this.titleOf.delete(d);
      const g = this.titles.get(t);
      g?.delete(d);
      if (g && g.size === 0) this.titles.delete(t);
    }
  }

  /**
   * Position in `a`'s sketch of the first shingle `a` shares with `b` through a short posting (the order a full search
   * meets `b`).
   */
  private firstShared(a: SopDocument, b: SopDocument): number {
    const x = a.shingles;
    const y = b.shingles;
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      if (x[i] < y[j]) i++;
      else if (y[j] < x[i]) j++;
      else {
        if (this.postings.count(x[i]) <= MAX_POSTING) return i;
        i++;
        j++;
      }
    }
    return Infinity;
  }

  /** Documents with the same title as `doc` whose bodies are alike enough to compete, in path order. */
  private titleTwins(doc: SopDocument): SopDocument[] {
    const group = this.titles.get(this.titleOf.get(doc) ?? '');
    if (!group || group.size < 2) return [];
    return [...group].filter((b) => b !== doc && this.similarity(doc, b) >= this.titleThreshold).sort(byPath);
  }

  /**
   * How much of the smaller vocabulary the other document shares: two
   * same-titled documents that say the same thing in other words share
   * their subject's words; two that merely share a generic title do not.
   */
  private similarity(a: SopDocument, b: SopDocument): number {
    return vocabularyOverlap(a.vocabulary, b.vocabulary);
  }

  /** The check's verdict on the indexed procedures. */
  verdict(ws: WorkspaceFacts): WorkspaceVerdict {
    const clashing = new Set<SopDocument>(this.pairs.keys());
    for (const g of this.titles.values())
      if (g.size > 1) for (const d of g) if (this.titleTwins(d).length > 0) clashing.add(d);
    const findings: WorkspaceDocFinding[] = [];
    for (const doc of [...clashing].sort(byPath)) {
      const list: [SopDocument, string][] = [];
      const twins = this.titleTwins(doc);
      const sameTitle = twins.length > 0 ? new Set(twins) : undefined;
      for (const b of twins) list.push([b, `same title, ${Math.round(this.similarity(doc, b) * 100)}% the same words`]);
      const text = [...(this.pairs.get(doc) ?? new Map<SopDocument, string>())].filter(([b]) => !sameTitle?.has(b));
      const before = text.filter(([b]) => b.path < doc.path).sort(([a], [b]) => byPath(a, b));
      const after = text
        .filter(([b]) => b.path > doc.path)
        .map(([b, why]) => ({ b, why, k: this.firstShared(doc, b) }))
        .sort((p, q) => p.k - q.k || byPath(p.b, q.b));
      list.push(...before, ...after.map(({ b, why }) => [b, why] as [SopDocument, string]));
      const current = ws.docs.get(doc.path) ?? doc;
      findings.push({
        path: doc.path,
        message: `Competing version of ${list.map(([b, why]) => `${b.path} (${why})`).join(', ')}: keep one procedure and merge or remove the other`,
        range: docRange(current),
        related: list.map(([b, why]) => {
          const other = ws.docs.get(b.path);
          return { path: b.path, range: other ? docRange(other) : undefined, message: `other version (${why})` };
        }),
      });
    }
    const clashes = findings.length;
    return {
      pass: clashes === 0,
      detail: clashes === 0 ? 'No competing versions of a procedure' : `${clashes} procedures have a competing version`,
      documentsToFix: Math.ceil(clashes / 2),
      paths: findings.map((f) => f.path),
      findings,
    };
  }
}

type OneVersionParams = { ignoreTitleWords: string[]; similarity: number; titleSimilarity: number };

/** An index of the procedures for one parameter set. */
function indexFor(params: OneVersionParams): OneVersionIndex {
  return new OneVersionIndex(params.ignoreTitleWords, params.similarity, params.titleSimilarity);
}

/** `one-version`: no two procedures share a title or most of their body. */
export const oneVersion: WorkspaceCheck<OneVersionParams> = {
  id: 'one-version',
  scope: 'workspace',
  /**
   * `ignoreTitleWords`: words left out of titles compared; `similarity`: the
   * share of text two procedures need in common to compete; `titleSimilarity`:
   * the share of words two procedures with the same title need in common.
   */
  defaults: { ignoreTitleWords: ['sop', 'runbook', 'procedure'], similarity: 0.9, titleSimilarity: 0.3 },
  run(ctx) {
    const index = indexFor(ctx.params);
    index.sync(ctx.ws.procedures, ctx.ws.docs);
    return index.verdict(ctx.ws);
  },
  /** The shingle index follows the procedures; its verdict is kept while nothing in it changed. */
  createState(params) {
    const index = indexFor(params);
    let verdict: WorkspaceVerdict | undefined;
    return {
      verdict(ctx, { changes, bulk }) {
        let changed: boolean;
        if (!verdict || bulk) changed = index.sync(ctx.ws.procedures, ctx.ws.docs);
        else {
          // The index holds the procedures of the last report: apply just what changed since.
          const added = changes.filter((c) => isProcedure(c.doc)).map((c) => c.doc as SopDocument);
          const removed = changes.filter((c) => isProcedure(c.old)).map((c) => c.old as SopDocument);
          changed = index.update(ctx.ws.procedures, added, removed);
        }
        if (changed || !verdict) verdict = index.verdict(ctx.ws);
        return verdict;
      },
    };
  },
};
