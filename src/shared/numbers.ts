/**
 * One set of numbers, one set of words. The status bar, the panel, the
 * fix-all dialog and the CLI formatters say how far the next level is, what
 * a next step asks for and how many documents fail a check with these
 * functions, each reading the report field named in its comment; none of
 * them recounts anything (browser-safe: type imports only).
 */
import type { CheckLevelStats, CheckReport, NextLevelReport, NextStep, Report } from '../core/report/types';
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
