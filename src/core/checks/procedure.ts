import type { DocumentCheck } from './check';
import { docRange, findHeading, param } from './check';
import { writtenSteps } from '../sections';

/**
 * `procedure`: written steps in any form that makes a document a procedure
 * (a steps section with its list, an ordered list, numbered step headings,
 * instruction headings, a task list), or a steps section with content. A
 * stub (an empty template copy) fails whatever its headings promise.
 */
export const procedure: DocumentCheck = {
  id: 'procedure',
  scope: 'document',
  run(doc, ctx) {
    if (doc.stub) {
      return {
        pass: false,
        message: `Empty template: only ${doc.words} words of its own; write the steps or delete the file`,
        range: docRange(doc),
        fixes: [],
      };
    }
    const min = param(ctx.params, 'minOrderedItems', 2);
    if (doc.lists.some((l) => !l.navigation && ((l.ordered && l.items >= min) || l.taskItems > 0))) return { pass: true };
    if (writtenSteps(doc, ctx.rubric)) return { pass: true };
    const h = findHeading(doc, ctx.rubric, 'procedure');
    if (h && h.hasContent) return { pass: true };
    return {
      pass: false,
      message: `No written steps: add a \`## Procedure\` section with a numbered list of at least ${min} steps`,
      range: h?.range ?? docRange(doc),
      fixes: ['add-sections'],
    };
  },
};
