/**
 * What a workspace keeps between reports so that one edit costs work in
 * proportion to the edit, not to the workspace: document-check verdicts per
 * document object (documents are replaced, never changed, when their text
 * changes), fingerprints of findings, and the `one-version` index.
 *
 * A verdict is reused only while everything it read is the same: the
 * document, the parameters, the audit date and, for the checks that read
 * workspace facts, a key of those facts (owner rules, central folder, the set
 * of documents and their headings) plus, for `links`, the answers of every
 * `fileExists` probe it made.
 */
import type { Finding, Severity, SopDocument } from './types';
import type { CheckContext, DocumentVerdict, WorkspaceFacts, WorkspaceVerdict } from './checks/check';
import { OneVersionIndex, oneVersionParams } from './checks/one-version';
import { param } from './checks/check';
import { matchWords } from './match';

/** Document checks that read nothing beyond the document, the parameters and the audit date. */
const LOCAL_CHECKS = new Set(['procedure', 'category', 'required-sections', 'checklist', 'review-date', 'verification', 'prerequisites', 'automation', 'metrics']);

/** True when a document check may ask `fileExists` (its answers are then recorded and checked again at each report). */
export function mayProbe(checkId: string): boolean {
  return !LOCAL_CHECKS.has(checkId) && checkId !== 'owner' && checkId !== 'central-location';
}

export interface StoredVerdict {
  verdict: DocumentVerdict;
  /** `fileExists` answers the verdict depended on. */
  probes?: [string, boolean][];
}

export interface StoredFinding {
  check: string;
  path: string;
  level: number;
  severity: Severity;
  hint: string;
  finding: Finding;
}

/** The kept verdicts of one document check and parameter set. */
export interface VerdictStore {
  store: WeakMap<SopDocument, StoredVerdict>;
  /** The last report's procedures and their verdicts (`probed`: the verdict asked `fileExists`). */
  last?: { procedures: readonly SopDocument[]; verdicts: DocumentVerdict[]; probed: boolean[] };
}

/** The hooks `evaluate` uses; without one, it computes everything. */
export interface EvaluationMemo {
  /** The verdicts of one document check and parameter set, or undefined when they cannot be kept. */
  verdicts(checkId: string, paramsKey: string, ws: WorkspaceFacts, asOf: string): VerdictStore | undefined;
  /** A workspace check's verdict, computed incrementally or reused where possible (`run` runs the check). */
  workspaceVerdict(checkId: string, paramsKey: string, ctx: CheckContext, run: (ctx: CheckContext) => WorkspaceVerdict): WorkspaceVerdict;
  /** The finding made of a failing verdict, with what it was made from. */
  readonly findings: WeakMap<DocumentVerdict, StoredFinding>;
}

export class IncrementalState implements EvaluationMemo {
  /** Bumped when owner files change. */
  private ownerGeneration = 0;
  /** Bumped when a document is added or removed, or one's headings or skipped state change. */
  private linkGeneration = 0;
  /** Bumped when a document is added or removed, or one's links, kind or skipped state change (what `kb-index` follows). */
  private linkStructureGeneration = 0;
  /** Bumped on any change (checks whose inputs are not known). */
  private generation = 0;
  private readonly stores = new Map<string, VerdictStore & { key: string }>();
  private readonly oneVersion = new Map<string, OneVersionIndex>();
  readonly findings = new WeakMap<DocumentVerdict, StoredFinding>();

  /** A document replaced `old` (undefined: added) or `old` was removed (doc undefined). */
  documentChanged(old: SopDocument | undefined, doc: SopDocument | undefined): void {
    if (old === doc) return;
    this.generation++;
    if (!old || !doc || old.skipped !== doc.skipped || !sameHeadings(old, doc)) this.linkGeneration++;
    if (!old || !doc || old.skipped !== doc.skipped || old.kind !== doc.kind || !sameLinks(old, doc)) this.linkStructureGeneration++;
  }

  ownersChanged(): void {
    this.generation++;
    this.ownerGeneration++;
  }

  verdicts(checkId: string, paramsKey: string, ws: WorkspaceFacts, asOf: string): VerdictStore | undefined {
    let facts: string;
    if (LOCAL_CHECKS.has(checkId)) facts = '';
    else if (checkId === 'owner') facts = `o${this.ownerGeneration}`;
    else if (checkId === 'central-location') facts = `c${ws.centralFolder}`;
    else if (checkId === 'links') facts = `l${this.linkGeneration}\u0000${ws.markdownExtensions.join('\u0000')}`;
    else facts = `g${this.generation}`;
    const id = `${checkId}\u0000${paramsKey}`;
    const key = `${asOf}\u0000${facts}`;
    let entry = this.stores.get(id);
    if (!entry || entry.key !== key) this.stores.set(id, (entry = { key, store: new WeakMap() }));
    return entry;
  }

  workspaceVerdict(checkId: string, paramsKey: string, ctx: CheckContext, run: (ctx: CheckContext) => WorkspaceVerdict): WorkspaceVerdict {
    if (checkId === 'one-version') {
      let index = this.oneVersion.get(paramsKey);
      if (!index) {
        const { ignore, threshold } = oneVersionParams(ctx.params);
        this.oneVersion.set(paramsKey, (index = new OneVersionIndex(ignore, threshold)));
      }
      index.sync(ctx.ws.procedures, ctx.ws.docs);
      return index.verdict(ctx.ws);
    }
    if (checkId === 'recurring-coverage' || checkId === 'assurance-coverage') return this.coverage(checkId, paramsKey, ctx, run);
    if (checkId === 'kb-index') return this.kbIndex(paramsKey, ctx, run);
    return run(ctx);
  }

  private readonly topicMatches = new Map<string, WeakMap<SopDocument, boolean[]>>();
  /** The last full scan's procedures and their matches, reused by position. */
  private readonly lastCoverage = new Map<string, { procedures: readonly SopDocument[]; matches: boolean[][] }>();

  /**
   * The coverage checks read the procedures only through `topicCoverage`:
   * for each topic, the first procedure (in path order) that matches it.
   * Given just those first matches, in path order, it answers the same; the
   * matches of each document are kept until the document changes.
   */
  private coverage(checkId: string, paramsKey: string, ctx: CheckContext, run: (ctx: CheckContext) => WorkspaceVerdict): WorkspaceVerdict {
    const topics = Object.values(param<Record<string, string[]>>(ctx.params, 'topics', {}));
    const id = `${checkId}\u0000${paramsKey}`;
    let matches = this.topicMatches.get(id);
    if (!matches) this.topicMatches.set(id, (matches = new WeakMap()));
    const open = new Set(topics.keys());
    const firsts = new Set<SopDocument>();
    const all = ctx.ws.procedures;
    const last = this.lastCoverage.get(id);
    const same = last !== undefined && last.procedures.length === all.length;
    const seen: boolean[][] = [];
    for (let i = 0; i < all.length; i++) {
      if (open.size === 0) break;
      const d = all[i];
      let m = same && last.procedures[i] === d ? last.matches[i] : matches.get(d);
      if (!m) {
        m = topics.map((words) => matchWords(d, words) !== undefined);
        matches.set(d, m);
      }
      seen[i] = m;
      for (const k of open) {
        if (m[k]) {
          firsts.add(d);
          open.delete(k);
        }
      }
    }
    if (seen.length === all.length) this.lastCoverage.set(id, { procedures: all, matches: seen });
    const procedures = ctx.ws.procedures.filter((d) => firsts.has(d));
    return run({ ...ctx, ws: { ...ctx.ws, procedures } });
  }

  private readonly kb = new Map<string, { key: string; deps: [string, SopDocument | undefined][]; verdict: WorkspaceVerdict }>();

  /**
   * `kb-index` follows the links of every document; its verdict is reused
   * while no document was added, removed or changed its links, kind or
   * skipped state, the central folder and index page are the same, and the
   * documents its findings point at (whose ranges it reports) are unchanged.
   */
  private kbIndex(paramsKey: string, ctx: CheckContext, run: (ctx: CheckContext) => WorkspaceVerdict): WorkspaceVerdict {
    const { ws } = ctx;
    const key = `${this.linkStructureGeneration}\u0000${ws.centralFolder}\u0000${ws.indexPage ?? ''}\u0000${ws.markdownExtensions.join('\u0000')}`;
    const hit = this.kb.get(paramsKey);
    if (hit && hit.key === key && hit.deps.every(([p, d]) => ws.docs.get(p) === d)) return hit.verdict;
    const verdict = run(ctx);
    const paths = new Set(verdict.findings.map((f) => f.path));
    if (ws.indexPage) paths.add(ws.indexPage);
    this.kb.set(paramsKey, { key, deps: [...paths].map((p) => [p, ws.docs.get(p)]), verdict });
    return verdict;
  }
}

function sameHeadings(a: SopDocument, b: SopDocument): boolean {
  if (a.headings.length !== b.headings.length) return false;
  for (let i = 0; i < a.headings.length; i++) if (a.headings[i].slug !== b.headings[i].slug) return false;
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
