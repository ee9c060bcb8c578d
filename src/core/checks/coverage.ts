import type { SopDocument } from '../parse/facts';
import type { DocumentChange, WorkspaceCheck, WorkspaceCheckState, WorkspaceVerdict } from './check';
import { isProcedure, param } from './check';
import { matchWords, topicCoverage } from '../audit/match';
import { SharedSortedList, comparePaths, sameItems } from '../audit/pathLists';

type CoverageParams = { topics: Record<string, string[]> };

/** A workspace check that passes when procedure documents cover at least `minTopics` of its topics. */
function coverageCheck(id: string, what: string): WorkspaceCheck<CoverageParams> {
  const run: WorkspaceCheck<CoverageParams>['run'] = (ctx) => {
    const cov = topicCoverage(ctx.ws.procedures, ctx.params.topics);
    const min = param(ctx.params, 'minTopics', cov.length);
    const covered = cov.filter((c) => c.path);
    const missing = cov.filter((c) => !c.path).map((c) => c.topic);
    const pass = covered.length >= min;
    const have = covered.map((c) => `${c.topic} (${c.path})`).join(', ') || 'none';
    const detail = pass
      ? `${what}: ${covered.length} of ${cov.length} topics covered: ${have}`
      : `${what}: ${covered.length} of ${cov.length} topics covered, ${min} needed; ` +
        `write procedures for: ${missing.join(', ')}`;
    return { pass, detail, documentsToFix: Math.max(0, min - covered.length), paths: [], findings: [] };
  };
  return {
    id,
    scope: 'workspace',
    /** `topics`: words by topic; `minTopics` (a number): topics to cover, every topic when not set. */
    defaults: { topics: {} },
    run,
    createState: () => coverageState(run),
  };
}

/**
 * The coverage checks read the procedures only through `topicCoverage`: for
 * each topic, the first procedure (in path order) that matches it. Given
 * just those first matches, in path order, `run` answers the same; the
 * procedures matching each topic are kept up to date document by document.
 */
function coverageState(run: WorkspaceCheck<CoverageParams>['run']): WorkspaceCheckState<CoverageParams> {
  let topics: TopicIndex | undefined;
  return {
    verdict(ctx, { changes, bulk }) {
      if (!topics || bulk) topics = new TopicIndex(Object.values(ctx.params.topics), ctx.ws.procedures);
      else topics.apply(changes);
      const firsts = topics.firsts();
      if (topics.verdict && sameItems(topics.verdictFor, firsts)) return topics.verdict;
      topics.verdictFor = firsts;
      topics.verdict = run({ ...ctx, ws: { ...ctx.ws, procedures: firsts } });
      return topics.verdict;
    },
  };
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

/** `recurring-coverage`: procedures for the recurring operational work (patching, monitoring, backup, ...). */
export const recurringCoverage = coverageCheck('recurring-coverage', 'Recurring work');

/** `assurance-coverage`: procedures that test backups, endpoint protection and threat detection. */
export const assuranceCoverage = coverageCheck('assurance-coverage', 'Assurance');
