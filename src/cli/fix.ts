/**
 * `--fix`: applies the safe fixes (RUBRIC.md, "A level is earned, never
 * clicked"): those that add what the document itself states (a checklist
 * from its written steps, front matter from its own title). Editing aids (a
 * section, an owner, a category, an exemption to write) and review dates (a
 * person's statement) stay for a person, one document at a time, in the
 * editor; the summary counts them.
 *
 * Nothing is lost on the way: a document is written only over exactly the
 * bytes the audit read (else it is left alone with a `file` finding), in its
 * own encoding, through a temporary file and a rename.
 */
import { FIX_IDS, SAFE_FIXES, applyEdits, computeFix, type Workspace } from '../core/index';
import { syncFolder } from '../node/atomic';
import { withFileProblem } from '../core/parse/encoding';
import { NO_SAFE_EDIT, fixBlocker } from '../core/fixes/offer';
import type { Finding } from '../core/report/types';
import type { Rubric } from '../core/rubric/types';
import { ChangedOnDiskError, readTextFile, writeTextFile, type ReadAs, type ReadFile } from '../node/discover';

/**
 * Fix ids `--fix` applies, in the core's order, which puts front matter
 * first: the other fixes may write into it.
 */
export const SAFE_FIX_IDS: readonly string[] = FIX_IDS.filter((id) => SAFE_FIXES.has(id));

/** One safe fix of one document, with the findings that offer it. */
interface PlannedFix {
  fixId: string;
  /**
   * `add-sections`: the checks of the findings that offer it, whose sections it adds (as the editor's quick fix does
   * for each).
   */
  sectionsFor?: string[];
  findings: Finding[];
}

/** The safe fixes the findings of one document offer, each once, in application order. */
export function plannedFixes(findings: readonly Finding[]): PlannedFix[] {
  const byId = new Map<string, PlannedFix>();
  for (const finding of findings) {
    for (const fixId of finding.fixes) {
      if (!SAFE_FIXES.has(fixId)) continue;
      let planned = byId.get(fixId);
      if (!planned)
        byId.set(fixId, (planned = { fixId, ...(fixId === 'add-sections' ? { sectionsFor: [] } : {}), findings: [] }));
      planned.findings.push(finding);
      if (planned.sectionsFor && !planned.sectionsFor.includes(finding.check)) planned.sectionsFor.push(finding.check);
    }
  }
  return [...byId.values()].sort((a, b) => SAFE_FIX_IDS.indexOf(a.fixId) - SAFE_FIX_IDS.indexOf(b.fixId));
}

/** The fixes of a document's findings that `--fix` leaves for a person (every fix that is not safe), each once. */
function forPerson(findings: readonly Finding[]): string[] {
  const ids = new Set<string>();
  for (const f of findings) for (const id of f.fixes) if (!SAFE_FIXES.has(id)) ids.add(id);
  return [...ids];
}

/** A fix a finding offered that made no change, and why. */
export interface NotApplied {
  fixId: string;
  check: string;
  line: number;
  column: number;
  reason: string;
}

/** What `--fix` did to one document. */
export interface FixOutcome {
  path: string;
  /** Fix ids that changed the text, each once, in the order applied. */
  applied: string[];
  /** Fixes offered by a finding that changed nothing, per finding. */
  notApplied: NotApplied[];
  /** Fixes the findings offer that are for a person (editing aids, reviews), each once. */
  forPerson?: string[];
  /** Set when the file could not be read or written, or changed on disk; it is then unchanged. */
  error?: string;
}

/**
 * Applies the safe fixes of every document of `documents` and writes the
 * files back. Each fix is computed on the text the previous one produced,
 * re-parsed, so two fixes never edit stale offsets. `reads` holds how the
 * audit read each file (bytes digest, encoding); a file that no longer has
 * those bytes is not written. The workspace ends up holding the texts on
 * disk, ready to report again.
 */
export function applySafeFixes(opts: {
  root: string;
  workspace: Workspace;
  rubric: Rubric;
  asOf: string;
  documents: readonly { path: string; findings: readonly Finding[] }[];
  reads: ReadonlyMap<string, ReadAs>;
  readFile?: ReadFile;
}): FixOutcome[] {
  const outcomes: FixOutcome[] = [];
  const { workspace } = opts;
  // Each folder written into is flushed once at the end, not after every file.
  const folders = new Set<string>();
  for (const { path, findings } of opts.documents) {
    const planned = plannedFixes(findings);
    const person = forPerson(findings);
    if (planned.length === 0) {
      if (person.length > 0) outcomes.push({ path, applied: [], notApplied: [], forPerson: person });
      continue;
    }
    const audited = opts.reads.get(path);
    const now = readTextFile(opts.root, path, opts.readFile);
    if (!now.ok) {
      outcomes.push({ path, applied: [], notApplied: [], error: now.message });
      continue;
    }
    if (!audited || now.digest !== audited.digest) {
      outcomes.push({ path, applied: [], notApplied: [], error: changedOnDisk(workspace, path) });
      continue;
    }
    let text = now.text;
    const applied: string[] = [];
    const notApplied: NotApplied[] = [];
    for (const fix of planned) {
      const doc = workspace.setFile(path, text);
      const edits = doc.readOnly
        ? []
        : computeFix(fix.fixId, { text, doc, rubric: opts.rubric, asOf: opts.asOf, sectionsFor: fix.sectionsFor });
      if (edits.length === 0) {
        const reason = fixBlocker(fix.fixId, doc, opts.rubric, fix.sectionsFor) ?? NO_SAFE_EDIT;
        for (const f of fix.findings)
          notApplied.push({
            fixId: fix.fixId,
            check: f.check,
            line: f.range.start.line,
            column: f.range.start.column,
            reason,
          });
        continue;
      }
      text = applyEdits(text, edits);
      if (!applied.includes(fix.fixId)) applied.push(fix.fixId);
    }
    const extra = person.length > 0 ? { forPerson: person } : {};
    if (applied.length === 0) {
      outcomes.push({ path, applied, notApplied, ...extra });
      continue;
    }
    try {
      folders.add(writeTextFile(opts.root, path, text, audited, opts.readFile, { syncFolder: false }));
    } catch (err) {
      // The workspace must keep describing the file as the audit read it.
      workspace.setFile(path, now.text);
      const error =
        err instanceof ChangedOnDiskError
          ? changedOnDisk(workspace, path)
          : `cannot write the fixed file: ${(err as Error).message}`;
      outcomes.push({ path, applied: [], notApplied, error, ...extra });
      continue;
    }
    workspace.setFile(path, text);
    outcomes.push({ path, applied, notApplied, ...extra });
  }
  for (const folder of folders) syncFolder(folder);
  return outcomes;
}

/** Marks the document with a `file` finding (and no fixes) and returns the message. */
function changedOnDisk(workspace: Workspace, path: string): string {
  const message = new ChangedOnDiskError().message;
  const doc = workspace.document(path);
  if (doc)
    workspace.putDocument(withFileProblem(doc, { message, readOnly: 'the file changed on disk during the audit' }));
  return message;
}
