import type { SopDocument } from '../parse/facts';
import type { Rubric } from '../rubric/types';
import type { Fix } from './fix';
import { isPlaceholderText } from '../parse/placeholders';
import { appendBlock, verified } from './edits';
import { checklistSteps, stepLists } from './checklist';

/**
 * `add-checklist`: a checklist built from the written steps, one task item
 * per step with the step's first sentence as written (see ./checklist). No
 * steps, no checklist: generic items would be placeholders.
 */
export const addChecklist: Fix = {
  id: 'add-checklist',
  class: 'safe',
  title: 'Add a checklist built from the procedure steps',
  edits(ctx) {
    if (ctx.doc.lists.some((l) => l.taskItems > 0)) return [];
    const items = checklistSteps(ctx.text, ctx.doc, ctx.rubric).map((s) => s.item);
    if (items.length === 0) return [];
    const edits = [appendBlock(ctx, ['## Checklist', '', ...items.map((s) => `- [ ] ${s}`)])];
    return verified(ctx, edits, (d) => d.lists.some((l) => l.taskItems === items.length && l.items === items.length));
  },
  blocker(doc, rubric) {
    if (doc.lists.some((l) => l.taskItems > 0)) return 'the document already has a checklist';
    if (doc.stub) return 'the document is an empty template (too few words of its own): write it first';
    return stepsBlocker(doc, rubric);
  },
};

/** Why the steps of a document give no checklist, or undefined when they do. */
function stepsBlocker(doc: SopDocument, rubric: Rubric): string | undefined {
  const lists = stepLists(doc, rubric);
  if (lists.length === 0) {
    return (
      'the document has no written steps (a numbered list, or a list under a Procedure or Steps heading) ' +
      'to build a checklist from: write them first'
    );
  }
  const placeholder = lists.flatMap((l) => l.itemTexts).find((t) => t && isPlaceholderText(t, rubric));
  return placeholder === undefined
    ? undefined
    : `a step is still a placeholder ("${placeholder}"): write the steps first`;
}
