/**
 * Which fixes a finding may offer. A check names the fixes that address it;
 * whether one can change this document is the fix layer's to say: a
 * front-matter fix cannot edit front matter that does not parse, a
 * checklist is not added twice, a file that is not valid in its encoding is
 * never written. The report offers only the fixes that pass, and `--fix`
 * gives the same words when a fix makes no change.
 */
import type { SopDocument } from '../parse/facts';
import type { Finding } from '../report/types';
import type { Rubric } from '../rubric/types';
import { FIXES, SAFE_FIXES, isFixId, type SectionChecks } from './index';

/**
 * Why fix `fixId` cannot change `doc` for a finding of `check`, judged from
 * the document's facts; undefined when it can (the fix itself may still find,
 * once it sees the text, that its change would not read back as intended).
 */
export function fixBlocker(fixId: string, doc: SopDocument, rubric: Rubric, check?: SectionChecks): string | undefined {
  if (doc.readOnly) return doc.readOnly;
  if (SAFE_FIXES.has(fixId) && doc.kind !== 'procedure') {
    return 'the document is not a procedure: whether it is one is for a person to say (Treat as SOP)';
  }
  return isFixId(fixId) ? FIXES[fixId].blocker?.(doc, rubric, check) : undefined;
}

/** `finding` with only the fixes that can change `doc` (the same object when all can). */
export function withApplicableFixes(finding: Finding, doc: SopDocument, rubric: Rubric): Finding {
  if (finding.fixes.length === 0) return finding;
  const fixes = finding.fixes.filter((id) => fixBlocker(id, doc, rubric, finding.check) === undefined);
  return fixes.length === finding.fixes.length ? finding : { ...finding, fixes };
}

/** What `--fix` says when a fix found nothing it could change safely, and no fact explains why. */
export const NO_SAFE_EDIT =
  'the change would not read back as intended (an unclosed code block, HTML block or generated region where it goes, or a front-matter value in an unusual YAML form), so it is left for a person';
