/**
 * One set of numbers, one set of words. The status bar, the panel, the
 * fix-all dialog and the CLI formatters say how far the next level is, what
 * a next step asks for and how many documents fail a check with these
 * functions, each reading the report field named in its comment; none of
 * them recounts anything (browser-safe: type imports only).
 */
import type {
  CheckLevelStats,
  CheckReport,
  NextLevelReport,
  NextStep,
  Report,
  TargetReport,
} from '../core/report/types';
import { percent, plural } from './text';

/** What a user reads for `levels.shadow`: the level reached if only the steps blocking the next level were done. */
export const WITHIN_REACH = 'Within reach';

/** One sentence on what "within reach" means. */
export const WITHIN_REACH_MEANS = 'the level reached if only the steps that block the next level were done';

/**
 * True when a next step asks to change existing documents (a check that lists them), false when documents must be
 * written.
 */
export function stepFixesDocuments(step: Pick<NextStep, 'kind' | 'paths'>): boolean {
  return step.kind === 'check' && step.paths.length > 0;
}

/**
 * What a next step asks for, from `NextStep.documentsToFix`: "8 documents
 * to fix", "1 document to write", or "a workspace change" (a workspace check
 * that needs no particular document).
 */
export function stepEffort(step: Pick<NextStep, 'kind' | 'paths' | 'documentsToFix'>): string {
  if (step.documentsToFix === 0) return 'a workspace change';
  return `${plural(step.documentsToFix, 'document')} to ${stepFixesDocuments(step) ? 'fix' : 'write'}`;
}

/** "14 documents failing at level 4", the count of `CheckLevelStats.failing` (a step lists the same documents). */
export function failingAtLevel(failing: number, level: number): string {
  return `${plural(failing, 'document')} failing at level ${level}`;
}

/**
 * What a next step's documents are: for a document check "14 documents
 * failing at level 4" (`NextStep.paths`, the same documents as the check's
 * `CheckLevelStats.failing`); for a workspace check the check's own words
 * ("4 documents not reachable from the navigation").
 */
export function stepDocuments(step: Pick<NextStep, 'kind' | 'id' | 'check' | 'paths' | 'level' | 'total'>): string {
  const check = step.check ?? step.id;
  if (step.kind === 'check' && step.total === undefined) return workspaceFailing(check, step.paths.length);
  return failingAtLevel(step.paths.length, step.level);
}

/**
 * What the documents listed by a workspace check fail, in a few words
 * ("not reachable from the navigation"); checks not listed say "with a
 * finding".
 */
const WORKSPACE_CONDITIONS: Record<string, string> = {
  'kb-index': 'not reachable from the navigation',
  'one-version': 'competing with another copy',
  'central-location': 'outside the central folder',
};

/** The few words of a workspace check's per-document condition. */
export function workspaceCondition(checkId: string): string {
  return WORKSPACE_CONDITIONS[checkId] ?? 'with a finding';
}

/**
 * "4 documents not reachable from the navigation": `CheckLevelStats.failing` of a workspace check, in its own words.
 */
export function workspaceFailing(checkId: string, failing: number): string {
  return `${plural(failing, 'document')} ${workspaceCondition(checkId)}`;
}

/**
 * The result of one level of a check, in words that never contradict its
 * documents: "Passes", "Fails", "Passes — 4 documents not reachable from the
 * navigation" (a workspace check that holds while some documents fail its
 * per-document condition), "14 documents failing at level 4" for a document
 * check. From `CheckLevelStats.holds` and `.failing`.
 */
export function levelResult(check: Pick<CheckReport, 'id' | 'scope'>, stats: CheckLevelStats): string {
  const verdict = stats.holds ? 'Passes' : 'Fails';
  const failing = stats.failing ?? 0;
  if (check.scope === 'workspace') return failing > 0 ? `${verdict} — ${workspaceFailing(check.id, failing)}` : verdict;
  return failing > 0 ? `${verdict} — ${failingAtLevel(failing, stats.level)}` : verdict;
}

/** "59% pass, 80% needed" for a document check's level. */
export function levelShare(stats: Pick<CheckLevelStats, 'passing' | 'total' | 'threshold'>): string {
  const share = stats.total > 0 ? stats.passing / stats.total : 0;
  return stats.threshold === undefined
    ? `${percent(share)} pass`
    : `${percent(share)} pass, ${percent(stats.threshold)} needed`;
}

/** The lowest level at which a check fails, with its statistics; undefined when it holds at every level. */
export function blockingLevel(check: Pick<CheckReport, 'levels'>): CheckLevelStats | undefined {
  return [...check.levels].filter((l) => !l.holds).sort((a, b) => a.level - b.level)[0];
}

/** "17 documents with a finding of this check" (`CheckReport.documentsWithFindings`). */
export function withFindings(check: Pick<CheckReport, 'documentsWithFindings'>): string {
  return `${plural(check.documentsWithFindings ?? 0, 'document')} with a finding of this check`;
}

/**
 * The distance to the next level in one line, from `Report.nextLevel`:
 * "18 documents to fix and 1 to write to reach level 4". The documents to
 * fix are a sum over the blocking checks (a document that fails two of them
 * counts twice), which `nextLevelSumNote` says.
 */
export function nextLevelWords(next: NextLevelReport): string {
  const parts: string[] = [];
  if (next.documentsToFix > 0) parts.push(`${plural(next.documentsToFix, 'document')} to fix`);
  if (next.documentsToWrite > 0)
    parts.push(
      next.documentsToFix > 0
        ? `${next.documentsToWrite} to write`
        : `${plural(next.documentsToWrite, 'document')} to write`,
    );
  if (parts.length === 0) return `nothing left to change to reach level ${next.level}`;
  return `${parts.join(' and ')} to reach level ${next.level}`;
}

/** The status bar's count: documents to fix plus documents to write (`Report.nextLevel`). */
export function nextLevelCount(next: NextLevelReport): number {
  return next.documentsToFix + next.documentsToWrite;
}

/**
 * What the number of documents to fix is: a sum of the per-check counts, and how many distinct documents fail those
 * checks.
 */
export function nextLevelSumNote(next: NextLevelReport): string {
  if (next.documentsToFix === 0) return '';
  return `The documents to fix are summed over the blocking checks (a document that fails two of them counts twice); ${plural(next.failingDocuments, 'different document')} fail${next.failingDocuments === 1 ? 's' : ''} at least one of them today.`;
}

/** The steps that count towards `Report.nextLevel`, in the report's order. */
export function blockingSteps(report: Pick<Report, 'nextSteps'>): NextStep[] {
  return report.nextSteps.filter((s) => s.blocksOverall !== false);
}

/* ------------------------------------------------------------ targets (issue 18) */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mar 31" for an ISO date ("2027-03-31"); anything else is returned as it is. */
export function shortDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${month} ${Number(m[3])}` : iso;
}

type TargetWords = Pick<TargetReport, 'kind' | 'level' | 'check' | 'share' | 'by' | 'met' | 'missed' | 'daysLeft'> & {
  remaining: TargetReport['remaining'];
};

/** What is left to reach a target, as one number: documents to fix plus documents to write (`remaining`). */
export function targetToGo(target: Pick<TargetReport, 'remaining'>): number {
  return target.remaining.documentsToFix + (target.remaining.documentsToWrite ?? 0);
}

/** What a target asks for in a few words: "L4", "checklist 80%". */
export function targetGoal(target: Pick<TargetReport, 'kind' | 'level' | 'check' | 'share'>): string {
  return target.kind === 'level' ? `L${target.level ?? '?'}` : `${target.check ?? '?'} ${percent(target.share ?? 0)}`;
}

/** "12 documents to fix, 2 to write and 3 traits to document", or "nothing left" (`TargetReport.remaining`). */
export function targetRemainingWords(target: Pick<TargetReport, 'remaining'>): string {
  const { documentsToFix, documentsToWrite = 0, traits = [] } = target.remaining;
  const parts: string[] = [];
  if (documentsToFix > 0) parts.push(`${plural(documentsToFix, 'document')} to fix`);
  if (documentsToWrite > 0) {
    parts.push(
      documentsToFix > 0 ? `${documentsToWrite} to write` : `${plural(documentsToWrite, 'document')} to write`,
    );
  }
  if (traits.length > 0) parts.push(`${plural(traits.length, 'trait')} to document`);
  if (parts.length === 0) return 'nothing left';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "Met", "Missed by 3 days", "Due today", "42 days left" (`TargetReport.met`, `.missed`, `.daysLeft`). */
export function targetDaysWords(target: Pick<TargetReport, 'met' | 'missed' | 'daysLeft'>): string {
  if (target.met) return 'Met';
  if (target.missed || target.daysLeft < 0) return `Missed by ${plural(Math.abs(target.daysLeft), 'day')}`;
  if (target.daysLeft === 0) return 'Due today';
  return `${plural(target.daysLeft, 'day')} left`;
}

/** The unmet target whose date comes first and has not passed; undefined when there is none. */
export function nearestTarget<T extends Pick<TargetReport, 'met' | 'missed' | 'daysLeft'>>(
  targets: readonly T[] | undefined,
): T | undefined {
  return (targets ?? [])
    .filter((t) => !t.met && !t.missed && t.daysLeft >= 0)
    .sort((a, b) => a.daysLeft - b.daysLeft)[0];
}

/** The status bar's words for a target: "L4 by Mar 31 · 12 to go". */
export function targetStatusWords(target: TargetWords): string {
  const goal = `${targetGoal(target)} by ${shortDate(target.by)}`;
  const toGo = targetToGo(target);
  return toGo > 0 ? `${goal} · ${toGo} to go` : goal;
}
