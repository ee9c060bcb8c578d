/**
 * Helpers every report formatter shares: level names, escaping for the
 * output languages, and the orderings of findings and next steps. Keep them
 * here so that two formats never disagree about a name or an order.
 */
import type { Finding, NextStep, NextStepSide, Report, TargetReport } from './types';
import { percent, plural } from '../../shared/text';
import { DEFAULT_LEVEL_NAMES, levelName } from '../../shared/summary';
import {
  WITHIN_REACH,
  WITHIN_REACH_MEANS,
  nextLevelCount,
  nextLevelSumNote,
  nextLevelWords,
  stepDocuments,
  stepEffort,
  targetDaysWords,
  targetGoal,
  targetRemainingWords,
} from '../../shared/numbers';

export { percent, plural, DEFAULT_LEVEL_NAMES, levelName };

/** Where the project lives; the SARIF driver and the HTML footer link to it. */
export const PROJECT_URL = 'https://github.com/sop-maturity/sop-maturity';

/** The levels of the ladder, lowest first. */
export const LADDER = [1, 2, 3, 4, 5] as const;

/** The report fields that name a level. */
export type LevelNaming = Pick<Report, 'levelNames' | 'summary'>;

/** A level with its number, joined by `separator`: "3 · Scaling", "0 · not assessed". */
export function levelLabel(report: LevelNaming, level: number, separator = ' · '): string {
  return `${Math.max(0, level)}${separator}${levelName(report, level)}`;
}

/**
 * An area's level with its name: "3 · Scaling", and at 0 "0 · not yet" (the
 * area's first check fails; RUBRIC.md's wording) or "0 · not assessed".
 */
export function areaLabel(report: LevelNaming, level: number): string {
  return level > 0 || report.summary.procedures === 0 ? levelLabel(report, level) : '0 · not yet';
}

/** "OML 3 · Scaling"; "OML · not assessed" when there is nothing to assess. */
export function levelTitle(report: LevelNaming, level: number): string {
  return level <= 0 && report.summary.procedures === 0 ? 'OML · not assessed' : `OML ${levelLabel(report, level)}`;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes document-derived text for GitHub-flavoured Markdown, placed inline
 * (never at the start of a line), including inside table cells: emphasis,
 * code, link, table and heading punctuation gets a backslash, HTML
 * metacharacters become entities (GitHub would otherwise render raw HTML),
 * and line breaks become spaces so a title cannot break a table row.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]#|~>]/g, '\\$&')
    .replace(/[&<"]/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Characters a terminal would act on or hide instead of showing: C0 controls
 * (line breaks and tabs included: a file name holding `\n` could print a line
 * of its own), DEL, C1 controls, bidirectional embeddings, overrides, isolates
 * and marks (which reorder what follows them), zero-width characters, line and
 * paragraph separators, the byte-order mark and unpaired surrogates.
 */
const TERMINAL_UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Makes document-derived text (a file name, a title, a message quoting a
 * document) safe to print on a terminal: every character in
 * `TERMINAL_UNSAFE` is shown as an escape, `\n`, `\r`, `\t` or `\u202E`, so
 * it can neither forge a line of the report nor reorder or hide text.
 */
export function terminalSafe(text: string): string {
  return text.replace(
    TERMINAL_UNSAFE,
    (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** Shown where a path goes for findings of the whole workspace (no document). */
export const WORKSPACE_PLACE = '(workspace)';

/** A finding with the path of its document; `path` is undefined for a workspace finding. */
export interface LocatedFinding {
  path?: string;
  finding: Finding;
}

/** Every finding of the report: workspace findings first, then by path, line and column. */
export function allFindings(report: Pick<Report, 'documents' | 'workspaceFindings'>): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  for (const doc of report.documents) for (const finding of doc.findings) out.push({ path: doc.path, finding });
  out.sort(
    (a, b) =>
      compareText(a.path!, b.path!) ||
      a.finding.range.start.line - b.finding.range.start.line ||
      a.finding.range.start.column - b.finding.range.start.column ||
      compareText(a.finding.check, b.finding.check),
  );
  const workspace = (report.workspaceFindings ?? []).map((finding) => ({ finding }));
  return [...workspace, ...out];
}

/** `path:line:col` of a finding, or "(workspace)" for a finding of the whole workspace. */
export function findingPlace({ path, finding }: LocatedFinding): string {
  return path === undefined ? WORKSPACE_PLACE : `${path}:${finding.range.start.line}:${finding.range.start.column}`;
}

/** "12:5" for a document finding; a dash for a workspace finding, whose range is not in any file. */
export function lineColumn(path: string, finding: Finding): string {
  return path === WORKSPACE_PLACE ? '–' : `${finding.range.start.line}:${finding.range.start.column}`;
}

/** Findings grouped by document path ("(workspace)" first when there are workspace findings). */
export function findingsByPath(report: Pick<Report, 'documents' | 'workspaceFindings'>): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const located of allFindings(report)) {
    const key = located.path ?? WORKSPACE_PLACE;
    const group = groups.get(key);
    if (group) group.push(located.finding);
    else groups.set(key, [located.finding]);
  }
  return groups;
}

/** The next steps of one side of the report: the level they block and the steps, in the report's order. */
export interface StepGroup {
  side: NextStepSide;
  /** The side's next level (documentation + 1 or process + 1). */
  level: number;
  steps: NextStep[];
}

/** The next steps by side, documentation first; a side with nothing to do (the top of the ladder) is left out. */
export function stepsBySide(report: Pick<Report, 'nextSteps' | 'levels'>): StepGroup[] {
  const groups: StepGroup[] = [];
  for (const side of ['documentation', 'process'] as const) {
    const steps = report.nextSteps.filter((s) => s.side === side);
    if (steps.length > 0) groups.push({ side, level: report.levels[side] + 1, steps });
  }
  return groups;
}

/** "Documentation" / "Process". */
export function sideName(side: NextStepSide): string {
  return side === 'documentation' ? 'Documentation' : 'Process';
}

/**
 * What a next step asks for, in the panel's and the status bar's words:
 * "8 documents to fix; 14 documents failing at level 4 (20/34 pass, 80%
 * needed)" for a document check, "1 document to write (uncovered: ...)"
 * for a process, the hint for a workspace change.
 */
export function stepProgress(step: NextStep): string {
  const effort = stepEffort(step);
  if (step.kind === 'check' && step.total !== undefined && step.passing !== undefined && step.threshold !== undefined) {
    return `${effort}; ${stepDocuments(step)} (${step.passing}/${step.total} pass, ${percent(step.threshold)} needed)`;
  }
  if (step.kind === 'check' && step.paths.length > 0) return `${effort}; ${stepDocuments(step)}`;
  const traits = step.traits && step.traits.length > 0 ? ` (uncovered: ${step.traits.join(', ')})` : '';
  if (step.documentsToFix > 0) return `${effort}${traits}`;
  return `${step.hint}${traits}`;
}

/** The label of the level within reach (`levels.shadow`), with what it means. */
export const WITHIN_REACH_LABEL = `${WITHIN_REACH} (${WITHIN_REACH_MEANS})`;

/**
 * The distance to the next level from `Report.nextLevel`, as the status
 * bar counts it: "19 to L4: 18 documents to fix and 1 to write to reach
 * level 4", then what the sum means; undefined at the top of the ladder.
 */
export function nextLevelLine(report: Pick<Report, 'nextLevel'>): { summary: string; note: string } | undefined {
  const next = report.nextLevel;
  if (!next) return undefined;
  return {
    summary: `${nextLevelCount(next)} to L${next.level}: ${nextLevelWords(next)}`,
    note: nextLevelSumNote(next),
  };
}

/** What kind of requirement a next step is, in a word. */
export function stepKindLabel(step: NextStep): string {
  return step.kind === 'trait' ? 'process' : step.kind === 'guard' ? 'guard' : 'check';
}

/** Stable, locale-independent comparison so output does not depend on the machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One target in words, for every format: its title, where it stands ("now L2", "now 50%"), what remains, the days,
 * and the trend when the history was sampled. `status` is "met", "missed" or "open".
 */
export function targetWords(t: TargetReport): { title: string; status: string; now: string; detail: string } {
  const now = t.kind === 'level' ? `now L${t.current}` : `now ${percent(t.current)}`;
  const parts = [targetDaysWords(t)];
  if (!t.met) parts.push(targetRemainingWords(t));
  if (t.kind === 'level' && !t.met && t.remaining.traits?.length)
    parts.push(`traits: ${t.remaining.traits.join(', ')}`);
  if (t.owner) parts.push(`owner ${t.owner}`);
  const trend = t.trend ? ` ${t.trend.sentence}` : '';
  return {
    title: t.title,
    status: t.met ? 'met' : t.missed ? 'missed' : 'open',
    now: `${targetGoal(t)} by ${t.by}, ${now}`,
    detail: `${parts.join('; ')}.${trend}`,
  };
}
