/**
 * "Fix all": apply every safe fix of a document one after another, each on
 * the text the previous one produced, and reduce the result to one edit per
 * file so the refactor preview shows a clean diff.
 */
import { SAFE_FIXES } from '../core';
import type { SopDocument } from '../core/parse/facts';
import type { TextEdit } from '../core/position';
import type { Finding, Report } from '../core/report/types';
import { plural } from '../shared/text';

/** One fix to apply, with the check whose finding offered it. */
export interface PlannedFix {
  fixId: string;
  check: string;
}

/** The core operations fix-all needs, passed in so that tests can stub them. */
export interface FixEngine {
  /** Facts of `text` (a fresh parse: the previous fix changed the text). */
  parse(text: string): SopDocument;
  compute(fix: PlannedFix, text: string, doc: SopDocument): TextEdit[];
  apply(text: string, edits: TextEdit[]): string;
}

/**
 * The safe fixes of a document's findings, in finding order, each fix id
 * once; optionally of one check only. Safe is the core's `SAFE_FIXES` and
 * nothing else: fixes that derive information from the document itself (a
 * checklist from its written steps, front matter for a procedure without one). Editing
 * aids (owner, category, sections, exemption) and "mark reviewed" (a
 * person's statement) are never part of a fix-all, with or without a
 * preview (RUBRIC.md, "A level is earned, never clicked").
 */
export function safeFixes(findings: readonly Finding[], checkId?: string): PlannedFix[] {
  const out: PlannedFix[] = [];
  for (const f of findings) {
    if (checkId !== undefined && f.check !== checkId) continue;
    for (const fixId of f.fixes) {
      if (SAFE_FIXES.has(fixId) && !out.some((p) => p.fixId === fixId)) out.push({ fixId, check: f.check });
    }
  }
  return out;
}

/**
 * Applies `fixes` in order. Each fix is computed against the text the
 * previous fixes produced, so edits never overlap. Returns the final text and
 * the fixes that changed something.
 */
export function applyInOrder(
  text: string,
  doc: SopDocument,
  fixes: readonly PlannedFix[],
  engine: FixEngine,
): { text: string; applied: PlannedFix[] } {
  let current = text;
  let facts = doc;
  const applied: PlannedFix[] = [];
  for (const fix of fixes) {
    const edits = engine.compute(fix, current, facts);
    if (edits.length === 0) continue;
    const next = engine.apply(current, edits);
    if (next === current) continue;
    current = next;
    facts = engine.parse(current);
    applied.push(fix);
  }
  return { text: current, applied };
}

/**
 * The question the workspace fix-all asks before it applies anything.
 * `files` is the number of files the fix-all will change (its edit was
 * built, so fixes that change nothing are not counted); for one check it is
 * set against the documents with a finding of that check
 * (`CheckReport.documentsWithFindings`, what the panel lists), and the
 * words say when some of them have no safe fix.
 */
export function fixAllQuestion(
  files: number,
  checkId: string | undefined,
  reports: readonly Pick<Report, 'checks'>[],
): { message: string; detail: string } {
  const what = checkId ? ` for "${checkId}"` : '';
  const message = `Apply the safe fixes${what} to ${plural(files, 'file')}?`;
  let counts = '';
  if (checkId) {
    const withFindings = reports.reduce(
      (sum, r) => sum + (r.checks.find((c) => c.id === checkId)?.documentsWithFindings ?? 0),
      0,
    );
    if (withFindings > files) {
      counts = `${files} of the ${plural(withFindings, 'document')} with a finding of this check can be fixed automatically; the other ${withFindings - files} need${withFindings - files === 1 ? 's' : ''} their authors. `;
    } else if (withFindings > 0) {
      counts = `All ${plural(withFindings, 'document')} with a finding of this check can be fixed automatically. `;
    }
  }
  return {
    message,
    detail: `${counts}Only what the documents already say is added: checklists built from their written steps, front matter for procedures without one. Review dates, owners, categories and sections are left to their authors (a quick fix in each document). Each file can be undone.`,
  };
}

/** The single edit that turns `before` into `after` (common prefix and suffix kept), or undefined when equal. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Never cut a surrogate pair: an edit boundary inside one is not a valid editor position.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (endBefore < before.length && isHighSurrogate(before.charCodeAt(endBefore - 1))) {
    endBefore++;
    endAfter++;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
