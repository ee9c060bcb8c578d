import type { Fix } from './fix';
import { frontMatterBlocker, placeholderKey, setKey, verified } from './edits';
import { OWNER_PLACEHOLDER } from './templates';

/** `add-owner`: the owner a person picked, or a placeholder selected for the author to replace. */
export const addOwner: Fix = {
  id: 'add-owner',
  class: 'aid',
  title: 'Add an owner to the front matter',
  edits(ctx) {
    if (!ctx.owner) return placeholderKey(ctx, 'owner', OWNER_PLACEHOLDER);
    return verified(ctx, setKey(ctx, 'owner', ctx.owner), (d) => d.owner?.value === ctx.owner && !d.frontMatter?.error);
  },
  blocker: frontMatterBlocker,
};
