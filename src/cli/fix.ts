/**
 * `--fix`: applies the fixes that need no human input to the files on disk.
 * Fixes that need a value (an owner, a category) or a decision (an exemption's
 * reason, a move) stay for a person to make in the editor.
 */
import { FIX_IDS, SAFE_FIXES, applyEdits, computeFix, type Workspace } from '../core/index';
import type { Finding, Rubric } from '../core/types';
import { readTextFile, writeTextFile } from './discover';

/**
 * Fix ids `--fix` applies, in the core's order, which puts front matter
 * first: the other fixes may write into it.
 */
export const SAFE_FIX_IDS: readonly string[] = FIX_IDS.filter((id) => SAFE_FIXES.has(id));

/** The safe fix ids the findings of one document offer, each once, in application order. */
export function safeFixIds(findings: readonly Pick<Finding, 'fixes'>[]): string[] {
  const offered = new Set(findings.flatMap((f) => f.fixes));
  return SAFE_FIX_IDS.filter((id) => offered.has(id));
}

/** What `--fix` did to one document. */
export interface FixOutcome {
  path: string;
  /** Fix ids that changed the text, in the order applied. */
  applied: string[];
  /** Set when the file could not be read or written; it is then unchanged. */
  error?: string;
}

/**
 * Applies the safe fixes of every document of `findingsByPath` and writes the
 * files back (with their byte-order mark). Each fix is computed on the text
 * the previous one produced, re-parsed, so two fixes never edit stale
 * offsets. The workspace ends up holding the fixed texts, ready to report again.
 */
export function applySafeFixes(opts: {
  root: string;
  workspace: Workspace;
  rubric: Rubric;
  asOf: string;
  documents: readonly { path: string; findings: readonly Finding[] }[];
}): FixOutcome[] {
  const outcomes: FixOutcome[] = [];
  for (const { path, findings } of opts.documents) {
    const ids = safeFixIds(findings);
    if (ids.length === 0) continue;
    const read = readTextFile(opts.root, path);
    if (!read.ok) {
      outcomes.push({ path, applied: [], error: read.message });
      continue;
    }
    let text = read.text;
    const applied: string[] = [];
    for (const id of ids) {
      const doc = opts.workspace.setFile(path, text);
      const edits = computeFix(id, { text, doc, rubric: opts.rubric, asOf: opts.asOf });
      if (edits.length === 0) continue;
      text = applyEdits(text, edits);
      applied.push(id);
    }
    if (applied.length === 0) continue;
    try {
      writeTextFile(opts.root, path, text, read.bom);
    } catch (err) {
      // The workspace must keep describing the file as it is on disk.
      opts.workspace.setFile(path, read.text);
      outcomes.push({ path, applied: [], error: `cannot write the fixed file: ${(err as Error).message}` });
      continue;
    }
    opts.workspace.setFile(path, text);
    outcomes.push({ path, applied });
  }
  return outcomes;
}
