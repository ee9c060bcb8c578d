import type { DocumentCheck } from './check';
import { docRange, findHeading } from './check';

/** `checklist`: a GFM task list accompanies the procedure. */
export const checklist: DocumentCheck = {
  id: 'checklist',
  scope: 'document',
  run(doc, ctx) {
    if (doc.lists.some((l) => l.taskItems > 0)) return { pass: true };
    return {
      pass: false,
      message: 'No checklist: add a task list (`- [ ] step`) that a technician ticks off while following the procedure',
      range: findHeading(doc, ctx.rubric, 'procedure')?.range ?? docRange(doc),
      fixes: ['add-checklist'],
    };
  },
};
