import type { DocumentCheck } from './check';
import { entryPlace, frontMatterPlace, placeholderValueMessage, unreadFrontMatter } from './check';
import { findEntry } from '../parse/parse';

/**
 * `category`: a category (issue type, service area) in the front matter, so the knowledge base can be browsed by it; a
 * placeholder does not count.
 */
export const category: DocumentCheck = {
  id: 'category',
  scope: 'document',
  reads: 'document',
  defaults: {},
  run(doc, ctx) {
    const unread = unreadFrontMatter(doc);
    if (unread) return unread;
    const placeholder = doc.meta.placeholders?.category;
    if (doc.meta.category && !placeholder) return { pass: true };
    if (placeholder) {
      return {
        pass: false,
        message: placeholderValueMessage(
          'category',
          doc.meta.category ?? '',
          'name the service area or ticket type this procedure belongs to',
        ),
        range: entryPlace(doc, findEntry(doc.frontMatter?.entries ?? [], ctx.rubric, 'category')),
        fixes: ['add-category'],
      };
    }
    return {
      pass: false,
      message:
        'No category: add `category:` to the front matter (the service area or ticket type this procedure belongs to)',
      range: frontMatterPlace(doc),
      fixes: ['add-category'],
    };
  },
};
