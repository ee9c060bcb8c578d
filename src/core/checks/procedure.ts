import type { DocumentCheck } from './check';
import { docRange, findHeading, param } from './check';

/** `procedure`: written steps — an ordered list, a task list, or a Procedure/Steps heading with content. */
export const procedure: DocumentCheck = {
  id: 'procedure',
  scope: 'document',
  run(doc, ctx) {
    const min = param(ctx.params, 'minOrderedItems', 2);
    if (doc.lists.some((l) => (l.ordered && l.items >= min) || l.taskItems > 0)) return { pass: true };
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
