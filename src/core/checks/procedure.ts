import type { SopDocument } from '../parse/facts';
import type { DocumentCheck } from './check';
import { findHeading, placeholderSectionMessage, structurePlace, writtenSection } from './check';
import { writtenSteps } from '../parse/sections';

/**
 * `procedure`: written steps in any form that makes a document a procedure
 * (a steps section with its list, an ordered list, numbered step headings,
 * instruction headings, a task list), or a steps section with content. A
 * stub (an empty template copy) fails whatever its headings promise, and
 * placeholders (`1. (to be completed)`, `First step.`) are no steps.
 */
export const procedure: DocumentCheck<{ minOrderedItems: number }> = {
  id: 'procedure',
  scope: 'document',
  reads: 'document',
  /** `minOrderedItems`: the fewest numbered items that are steps. */
  defaults: { minOrderedItems: 2 },
  run(doc, ctx) {
    if (doc.stub) {
      return {
        pass: false,
        message: `Empty template: only ${doc.words} words of its own; write the steps or delete the file`,
        range: structurePlace(doc, findHeading(doc, ctx.rubric, 'procedure')),
        fixes: [],
      };
    }
    const min = ctx.params.minOrderedItems;
    const written = (n: number, placeholders = 0) => n - placeholders;
    if (
      doc.lists.some(
        (l) =>
          !l.navigation &&
          ((l.ordered && written(l.items, l.placeholderItems) >= min) || written(l.taskItems, l.placeholderTasks) > 0),
      )
    )
      return { pass: true };
    if (writtenSteps(withoutPlaceholderLists(doc), ctx.rubric)) return { pass: true };
    const { written: h, placeholder } = writtenSection(doc, ctx.rubric, 'procedure');
    if (h && h.hasContent) return { pass: true };
    if (placeholder && !h)
      return {
        pass: false,
        message: placeholderSectionMessage(placeholder, 'procedure'),
        range: placeholder.range,
        fixes: [],
      };
    return {
      pass: false,
      message: `No written steps: add a \`## Procedure\` section with a numbered list of at least ${min} steps`,
      range: structurePlace(doc, h ?? findHeading(doc, ctx.rubric, 'procedure')),
      fixes: ['add-sections'],
    };
  },
};

/**
 * The document as its written steps are read: lists whose items are all placeholders left out (the same object when
 * there are none).
 */
function withoutPlaceholderLists(doc: SopDocument): SopDocument {
  if (!doc.lists.some((l) => l.placeholderItems === l.items)) return doc;
  return { ...doc, lists: doc.lists.filter((l) => l.placeholderItems !== l.items) };
}
