/**
 * The registry of fixes and the entry to them. Fixes are pure functions
 * from a document's text and facts to text edits, one file per fix; the
 * extension turns the edits into a WorkspaceEdit, the CLI's `--fix` applies
 * them.
 */
import type { TextEdit } from '../position';
import type { Fix, FixClass, FixContext, FixId } from './fix';
import { FIX_IDS, isFixId } from './fix';
import { moveToCentral } from './move';
import { addOwner } from './add-owner';
import { addFrontMatter } from './add-front-matter';
import { addChecklist } from './add-checklist';
import { markReviewed } from './mark-reviewed';
import { addSections } from './add-sections';
import { addCategory } from './add-category';
import { addExemption } from './add-exemption';
import { notAnSop, treatAsSop } from './kind';

export { FIX_IDS, isFixId, type Fix, type FixClass, type FixContext, type FixId, type SectionChecks } from './fix';
export { applyEdits } from './edits';
export { renderTemplate, type TemplateInput } from './templates';

export const FIXES: Readonly<Record<FixId, Fix>> = {
  'move-to-central': moveToCentral,
  'add-owner': addOwner,
  'add-front-matter': addFrontMatter,
  'add-checklist': addChecklist,
  'mark-reviewed': markReviewed,
  'add-sections': addSections,
  'add-category': addCategory,
  'add-exemption': addExemption,
  'treat-as-sop': treatAsSop,
  'not-an-sop': notAnSop,
};

/** The class of each fix (see `FixClass`). */
export const FIX_CLASS: Readonly<Record<FixId, FixClass>> = Object.fromEntries(
  FIX_IDS.map((id) => [id, FIXES[id].class]),
) as Record<FixId, FixClass>;

/** The class of a fix id (unknown ids are never safe). */
export function fixClass(fixId: string): FixClass | undefined {
  return isFixId(fixId) ? FIXES[fixId].class : undefined;
}

/**
 * Fixes that need no decision from a person and write nothing a person must
 * state: the only ones "fix all" and `--fix` apply.
 */
export const SAFE_FIXES: ReadonlySet<string> = new Set(FIX_IDS.filter((id) => FIXES[id].class === 'safe'));

/** Human title of a fix. */
export function fixTitle(fixId: string): string {
  return isFixId(fixId) ? FIXES[fixId].title : fixId;
}

/** The edits of one fix; empty when the fix does not apply (or lacks a value it needs). */
export function computeFix(fixId: string, ctx: FixContext): TextEdit[] {
  if (!isFixId(fixId)) return [];
  // A file not valid in its encoding (or changed on disk under --fix) is never written.
  if (ctx.doc.readOnly) return [];
  // A safe fix states what a procedure already says; on another document it would make it one
  // (`type: sop`, a task list).
  const fix = FIXES[fixId];
  if (fix.class === 'safe' && ctx.doc.kind !== 'procedure') return [];
  return fix.edits(ctx);
}
