import type { DocumentCheck } from './check';
import { findHeading, structurePlace } from './check';

/** `checklist`: a GFM task list accompanies the procedure; a task list of placeholders only does not count. */
export const checklist: DocumentCheck = {
  id: 'checklist',
  scope: 'document',
  reads: 'document',
  defaults: {},
  run(doc, ctx) {
    if (doc.lists.some((l) => l.taskItems > (l.placeholderTasks ?? 0))) return { pass: true };
    const placeholder = doc.lists.find((l) => l.taskItems > 0);
    if (placeholder) {
      return {
        pass: false,
        message:
          'The checklist holds only placeholders: write each step a technician ticks off as a task item (`- [ ] step`)',
        range: placeholder.range,
        fixes: ['add-checklist'],
      };
    }
    // The checklist goes with the steps: at the steps section's heading, else the title's.
    return {
      pass: false,
      message: 'No checklist: add a task list (`- [ ] step`) that a technician ticks off while following the procedure',
      range: structurePlace(doc, findHeading(doc, ctx.rubric, 'procedure')),
      fixes: ['add-checklist'],
    };
  },
};
