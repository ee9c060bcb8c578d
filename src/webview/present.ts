/**
 * Read-only views of the report that the panel's sections share: which
 * documents fail a check, where, which exemptions are in use. These only
 * regroup what the report carries; no fact is re-derived from Markdown.
 */
import type { CheckReport, DocumentReport, Finding, Report } from '../core/report/types';

/** A document that fails a check, with the finding that says so. */
export interface FailingDocument {
  path: string;
  title?: string;
  finding: Finding;
}

/** Documents with a finding of `checkId`, by path. */
export function failingDocuments(report: Report, checkId: string): FailingDocument[] {
  const out: FailingDocument[] = [];
  for (const doc of report.documents) {
    const finding = doc.findings.find((f) => f.check === checkId);
    if (finding) out.push({ path: doc.path, title: doc.title, finding });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** A document that fails a check without a finding of it (its front matter could not be read), with why. */
export interface UnreadFailure {
  path: string;
  title?: string;
  kind: DocumentReport['kind'];
  message: string;
}

/** Documents that fail `checkId` without a finding of it (`DocumentReport.failingWithoutFinding`), by path. */
export function failingWithoutFinding(report: Report, checkId: string): UnreadFailure[] {
  const out: UnreadFailure[] = [];
  for (const doc of report.documents) {
    const f = doc.failingWithoutFinding?.find((x) => x.check === checkId);
    if (f) out.push({ path: doc.path, title: doc.title, kind: doc.kind, message: f.message });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The document of the report at `path`, if it is one. */
export function documentAt(report: Report, path: string): DocumentReport | undefined {
  return report.documents.find((d) => d.path === path);
}

/** Where to open a document for a check: its finding's start, else the top. */
export function findingStart(report: Report, path: string, checkId?: string): { line?: number; column?: number } {
  const finding = checkId ? documentAt(report, path)?.findings.find((f) => f.check === checkId) : undefined;
  return finding ? { line: finding.range.start.line, column: finding.range.start.column } : {};
}

/**
 * The fixes the panel may apply to many documents at once: the core's
 * `SAFE_FIXES` (information derived from each document itself). A copy, so
 * that the panel's bundle does not carry the engine; a unit test keeps the
 * two equal. Editing aids and "mark reviewed" are never applied from here.
 */
export const SAFE_FIX_IDS: ReadonlySet<string> = new Set(['add-checklist', 'add-front-matter']);

/** True when at least one failing document of the check has a safe fix (one "Apply safe fixes…" can help). */
export function hasSafeFixes(report: Report, checkId: string): boolean {
  return report.documents.some((d) =>
    d.findings.some((f) => f.check === checkId && f.fixes.some((x) => SAFE_FIX_IDS.has(x))),
  );
}

/**
 * True when the check's findings are ended by a person's statement ("mark
 * reviewed"): the panel lists those documents with their owners to open and
 * review, one at a time, and never offers to write the date for them.
 */
export function needsReview(report: Report, checkId: string): boolean {
  return report.documents.some((d) => d.findings.some((f) => f.check === checkId && f.fixes.includes('mark-reviewed')));
}

/** Status of a check: it holds at every level, or it blocks the lowest level where it fails. */
export function checkStatus(check: CheckReport): { holds: true } | { holds: false; blocks: number } {
  const failing = check.levels.filter((l) => !l.holds).sort((a, b) => a.level - b.level)[0];
  return failing ? { holds: false, blocks: failing.level } : { holds: true };
}

/** An exemption comment in use, with the document it is in. */
export interface ExemptionInUse {
  path: string;
  title?: string;
  checks: string[];
  reason?: string;
  until?: string;
  active: boolean;
}

/** Every exemption of every document, active ones first, then by path. */
export function exemptionsInUse(report: Report): ExemptionInUse[] {
  return report.documents
    .flatMap((d) => d.exemptions.map((e) => ({ path: d.path, title: d.title, ...e })))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.path.localeCompare(b.path));
}
