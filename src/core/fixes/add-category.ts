import type { SopDocument } from '../parse/facts';
import type { Fix } from './fix';
import { frontMatterBlocker, placeholderKey, setKey, verified } from './edits';
import { CATEGORY_PLACEHOLDER } from './templates';

/** `add-category`: the category a person picked, or a placeholder selected for the author to replace. */
export const addCategory: Fix = {
  id: 'add-category',
  class: 'aid',
  title: 'Add a category to the front matter',
  edits(ctx) {
    if (!ctx.category) return placeholderKey(ctx, 'category', CATEGORY_PLACEHOLDER);
    const holds = (d: SopDocument) => d.meta.category === ctx.category && !d.frontMatter?.error;
    return verified(ctx, setKey(ctx, 'category', ctx.category), holds);
  },
  blocker: frontMatterBlocker,
};
