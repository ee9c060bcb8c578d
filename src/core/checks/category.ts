import type { DocumentCheck } from './check';
import { docRange } from './check';

/** `category`: a category (issue type, service area) in the front matter, so the knowledge base can be browsed by it. */
export const category: DocumentCheck = {
  id: 'category',
  scope: 'document',
  run(doc) {
    if (doc.meta.category) return { pass: true };
    return {
      pass: false,
      message: 'No category: add `category:` to the front matter (the service area or ticket type this procedure belongs to)',
      range: doc.frontMatter?.range ?? docRange(doc),
      fixes: doc.frontMatter?.error ? [] : ['add-category'],
    };
  },
};
