/**
 * What a workspace keeps between reports so that one edit costs work in
 * proportion to the edit, not to the workspace: sorted lists that later
 * reports share until they change, the documents a verdict looked up (so a
 * change reaches only the verdicts that read the changed path), and the
 * incremental state of the workspace checks: the `one-version` shingle
 * index, the first procedure of each coverage topic, and the `kb-index`
 * reachability of the link graph.
 *
 * Everything here is keyed by document objects or paths: a document is
 * replaced, never changed, when its text changes.
 */
import type { SopDocument } from '../parse/facts';
import type { CheckContext, WorkspaceDocFinding, WorkspaceFacts, WorkspaceVerdict } from '../checks/check';
import { OneVersionIndex, oneVersionParams } from '../checks/one-version';
import { explore, kbIndexVerdict, linkTargets, navigationStarts, reachableFrom, type KbIndexOptions } from '../checks/kb-index';
import { param } from '../checks/check';
import { matchWords } from './match';
import { resolveDocument } from './links';

/** Code-unit order of paths: the order of every path list of a report. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The index of the first item whose key is not below `key` (items sorted by key). */
export function lowerBound<T>(items: readonly T[], key: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(items[mid]) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A list sorted by path that reports share: once handed out (`share`), the
 * next change works on a copy, so an earlier report never sees later ones.
 * One item per path.
 */
export class SharedSortedList<T> {
  private items: T[] = [];
  private shared = false;

  constructor(private readonly keyOf: (item: T) => string) {}

  /** The current items (read-only). */
  get current(): readonly T[] {
    return this.items;
  }

  /** The list for a report: later changes copy it first. */
  share(): T[] {
    this.shared = true;
    return this.items;
  }

  /** Inserts `item`, or replaces the item with its key. */
  put(item: T): void {
    const key = this.keyOf(item);
    const i = lowerBound(this.items, key, this.keyOf);
    if (this.items[i] === item) return;
    const own = this.own();
    if (i < own.length && this.keyOf(own[i]) === key) own[i] = item;
    else own.splice(i, 0, item);
  }

  /** Removes the item with `key`, if any. */
  delete(key: string): void {
    const i = lowerBound(this.items, key, this.keyOf);
    if (i < this.items.length && this.keyOf(this.items[i]) === key) this.own().splice(i, 1);
  }

  /** Replaces every item (already sorted). */
  reset(items: T[]): void {
    this.items = items;
    this.shared = false;
  }

  private own(): T[] {
    if (this.shared) {
      this.items = this.items.slice();
      this.shared = false;
    }
    return this.items;
  }
}

/** A document's place in the change of one report: what it was at the last report and what it is now. */
export interface DocumentChange {
  path: string;
  old: SopDocument | undefined;
  doc: SopDocument | undefined;
}

/** True for the documents the checks grade (procedures that could be read). */
export function isProcedure(doc: SopDocument | undefined): doc is SopDocument {
  return doc !== undefined && doc.kind === 'procedure' && !doc.skipped;
}

/**
 * The documents map as a check sees it, recording every path it looks up
 * so that its verdict can be tied to them. Going through all documents is
 * recorded as `wide`.
 */
export class RecordingDocs implements ReadonlyMap<string, SopDocument> {
  readonly reads = new Set<string>();
  wide = false;

  constructor(private readonly docs: ReadonlyMap<string, SopDocument>) {}

  get size(): number {
    this.wide = true;
    return this.docs.size;
  }

  get(path: string): SopDocument | undefined {
    this.reads.add(path);
    return this.docs.get(path);
  }

  has(path: string): boolean {
    this.reads.add(path);
    return this.docs.has(path);
  }

  forEach(fn: (doc: SopDocument, path: string, map: ReadonlyMap<string, SopDocument>) => void): void {
    this.wide = true;
    this.docs.forEach((d, p) => fn(d, p, this));
  }

  entries(): MapIterator<[string, SopDocument]> {
    this.wide = true;
    return this.docs.entries();
  }

  keys(): MapIterator<string> {
    this.wide = true;
    return this.docs.keys();
  }

  values(): MapIterator<SopDocument> {
    this.wide = true;
    return this.docs.values();
  }

  [Symbol.iterator](): MapIterator<[string, SopDocument]> {
    return this.entries();
  }
}

/**
 * The incremental state of the workspace checks. `begin` tells it what
 * changed since the last report; `verdict` then answers for each check and
 * parameter set the same verdict a run over every procedure would.
 */
export class WorkspaceCheckMemo {
  private changes: readonly DocumentChange[] = [];
  private bulk = true;
  private readonly oneVersion = new Map<string, { index: OneVersionIndex; verdict?: WorkspaceVerdict }>();
  private readonly coverage = new Map<string, TopicIndex>();
  private readonly kb = new Map<string, KbState>();

  /** The changes of this report; `bulk` when most documents changed (indexes are then rebuilt). */
  begin(changes: readonly DocumentChange[], bulk: boolean): void {
    this.changes = changes;
    this.bulk = bulk;
  }

  verdict(checkId: string, paramsKey: string, ctx: CheckContext, run: (ctx: CheckContext) => WorkspaceVerdict): WorkspaceVerdict {
    if (checkId === 'one-version') return this.oneVersionVerdict(paramsKey, ctx);
    if (checkId === 'recurring-coverage' || checkId === 'assurance-coverage') return this.coverageVerdict(`${checkId}\u0000${paramsKey}`, ctx, run);
    if (checkId === 'kb-index') return this.kbIndexVerdict(paramsKey, ctx);
    return run(ctx);
  }

  /** `one-version`: the shingle index follows the procedures; its verdict is kept while nothing in it changed. */
  private oneVersionVerdict(paramsKey: string, ctx: CheckContext): WorkspaceVerdict {
    let entry = this.oneVersion.get(paramsKey);
    if (!entry) {
      const { ignore, threshold, titleThreshold } = oneVersionParams(ctx.params);
      this.oneVersion.set(paramsKey, (entry = { index: new OneVersionIndex(ignore, threshold, titleThreshold) }));
    }
    let changed: boolean;
    if (!entry.verdict || this.bulk) changed = entry.index.sync(ctx.ws.procedures, ctx.ws.docs);
    else {
      // The index holds the procedures of the last report: apply just what changed since.
      const added = this.changes.filter((c) => isProcedure(c.doc)).map((c) => c.doc as SopDocument);
      const removed = this.changes.filter((c) => isProcedure(c.old)).map((c) => c.old as SopDocument);
      changed = entry.index.update(ctx.ws.procedures, added, removed);
    }
    if (changed || !entry.verdict) entry.verdict = entry.index.verdict(ctx.ws);
    return entry.verdict;
  }

  /**
   * The coverage checks read the procedures only through `topicCoverage`:
   * for each topic, the first procedure (in path order) that matches it.
   * Given just those first matches, in path order, it answers the same; the
   * procedures matching each topic are kept up to date document by document.
   */
  private coverageVerdict(id: string, ctx: CheckContext, run: (ctx: CheckContext) => WorkspaceVerdict): WorkspaceVerdict {
    let topics = this.coverage.get(id);
    if (!topics || this.bulk) this.coverage.set(id, (topics = new TopicIndex(Object.values(param<Record<string, string[]>>(ctx.params, 'topics', {})), ctx.ws.procedures)));
    else topics.apply(this.changes);
    const firsts = topics.firsts();
    if (topics.verdict && sameItems(topics.verdictFor, firsts)) return topics.verdict;
    topics.verdictFor = firsts;
    topics.verdict = run({ ...ctx, ws: { ...ctx.ws, procedures: firsts } });
    return topics.verdict;
  }

  /**
   * `kb-index` follows the links of every document from the index page.
   * The set it reaches is kept while no path is added or removed: links of
   * documents it does not reach do not matter, links added to a reached
   * document only extend it, and so do links removed that led nowhere or to
   * a document the document still links to. The verdict is kept while,
   * besides, only reached procedures are replaced.
   */
  private kbIndexVerdict(paramsKey: string, ctx: CheckContext): WorkspaceVerdict {
    const { ws } = ctx;
    const starts = navigationStarts(ws);
    const layout = [ws.centralFolder, ws.site?.root ?? '', ...starts, '', ...ws.markdownExtensions].join('\u0000');
    let state = this.kb.get(paramsKey);
    if (!state || state.layout !== layout || this.bulk) {
      this.kb.set(paramsKey, (state = { layout, targets: new WeakMap(), findings: new WeakMap() }));
    }
    const targets = state.targets;
    const targetsOf = (doc: SopDocument): readonly string[] => {
      let t = targets.get(doc);
      if (!t) targets.set(doc, (t = linkTargets(doc, ws.site)));
      return t;
    };
    if (starts.length > 0 && !this.extendReach(state, ws, targetsOf)) {
      state.reached = reachableFrom(starts, ws, targetsOf);
      state.verdict = undefined;
    }
    const index = ws.indexPage !== undefined ? ws.docs.get(ws.indexPage) : undefined;
    const reached = state.reached;
    const keep =
      state.verdict !== undefined &&
      state.index === index &&
      this.changes.every((c) => (!isProcedure(c.old) && !isProcedure(c.doc)) || (isProcedure(c.old) && isProcedure(c.doc) && reached?.has(c.path)));
    if (keep && state.verdict) return state.verdict;
    state.index = index;
    const findings = state.findings;
    const options: KbIndexOptions = {
      reached: (starts.length > 0 && reached) || new Set(),
      findingFor: (d, make) => {
        let f = findings.get(d);
        if (!f || f.index !== index) findings.set(d, (f = { index, finding: make() }));
        return f.finding;
      },
    };
    state.verdict = kbIndexVerdict(ctx, options);
    return state.verdict;
  }

  /** Brings the kept reach up to date with this report's changes; false when it must be searched again. */
  private extendReach(state: KbState, ws: WorkspaceFacts, targetsOf: (doc: SopDocument) => readonly string[]): boolean {
    const { reached } = state;
    if (!reached) return false;
    const resolve = (t: string) => resolveDocument(t, ws.docs, ws.markdownExtensions);
    const extended: string[] = [];
    for (const c of this.changes) {
      // A path that comes or goes may change where any link leads.
      if (!c.old || !c.doc) return false;
      if (!reached.has(c.path) || sameLinks(c.old, c.doc)) continue;
      const now = targetsOf(c.doc);
      const nowSet = new Set(now);
      let leads: Set<string | undefined> | undefined;
      for (const t of targetsOf(c.old)) {
        if (nowSet.has(t)) continue;
        const gone = resolve(t);
        if (gone === undefined) continue;
        leads ??= new Set(now.map(resolve));
        if (!leads.has(gone)) return false;
      }
      extended.push(c.path);
    }
    if (extended.length > 0) {
      explore(extended, reached, ws, targetsOf);
      state.verdict = undefined;
    }
    return true;
  }
}

interface KbState {
  layout: string;
  reached?: Set<string>;
  /** Per document, the paths its followed links point at. */
  targets: WeakMap<SopDocument, readonly string[]>;
  /** Per unreached procedure, its finding (while the index page is the same document). */
  findings: WeakMap<SopDocument, { index: SopDocument | undefined; finding: WorkspaceDocFinding }>;
  index?: SopDocument;
  verdict?: WorkspaceVerdict;
}

/** For each coverage topic, the procedures matching it in path order (matches kept per document). */
class TopicIndex {
  private readonly matching: SharedSortedList<SopDocument>[];
  private readonly matches = new WeakMap<SopDocument, boolean[]>();
  verdictFor: readonly SopDocument[] = [];
  verdict?: WorkspaceVerdict;

  constructor(
    private readonly topics: readonly string[][],
    procedures: readonly SopDocument[],
  ) {
    this.matching = topics.map(() => new SharedSortedList<SopDocument>((d) => d.path));
    const lists: SopDocument[][] = topics.map(() => []);
    for (const d of procedures) this.matchesOf(d).forEach((m, k) => m && lists[k].push(d));
    lists.forEach((l, k) => this.matching[k].reset(l));
  }

  apply(changes: readonly DocumentChange[]): void {
    for (const c of changes) {
      if (isProcedure(c.old)) this.matchesOf(c.old).forEach((m, k) => m && this.matching[k].delete(c.path));
      if (isProcedure(c.doc)) this.matchesOf(c.doc).forEach((m, k) => m && this.matching[k].put(c.doc as SopDocument));
    }
  }

  /** The first procedure of each topic, each once, in path order. */
  firsts(): SopDocument[] {
    const out = new Set<SopDocument>();
    for (const list of this.matching) if (list.current.length > 0) out.add(list.current[0]);
    return [...out].sort((a, b) => comparePaths(a.path, b.path));
  }

  private matchesOf(d: SopDocument): boolean[] {
    let m = this.matches.get(d);
    // A stub (an empty template copy) covers no topic.
    if (!m) this.matches.set(d, (m = this.topics.map((words) => !d.stub && matchWords(d, words) !== undefined)));
    return m;
  }
}

/** True when two lists hold the same items in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameLinks(a: SopDocument, b: SopDocument): boolean {
  if (a.links.length !== b.links.length) return false;
  for (let i = 0; i < a.links.length; i++) {
    const x = a.links[i];
    const y = b.links[i];
    if (x.kind !== y.kind || x.relative !== y.relative || x.path !== y.path) return false;
  }
  return true;
}
