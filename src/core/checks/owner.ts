import type { DocumentCheck } from './check';
import { entryOf, entryPlace, frontMatterPlace, unreadFrontMatter } from './check';
import { isPlaceholderValue } from '../parse/placeholders';

const ACCOUNTABLE = 'name the one person or team accountable for this procedure from start to finish';

/**
 * `owner`: someone accountable, from the front matter, an `Owner:` line, CODEOWNERS or OWNERS; a placeholder (`TBD`,
 * `<owner>`) names nobody.
 */
export const owner: DocumentCheck = {
  id: 'owner',
  scope: 'document',
  reads: 'owners',
  defaults: {},
  run(doc, ctx) {
    if (doc.owner && !doc.owner.placeholder) return { pass: true };
    const external = doc.owner ? undefined : ctx.ws.ownerOf(doc.path);
    if (external && !external.value.split(', ').every((v) => isPlaceholderValue(v, ctx.rubric))) return { pass: true };
    // An `Owner:` line or an owner file that names someone passes on its own; else the unread front matter may hold the
    // owner.
    const unread = unreadFrontMatter(doc);
    if (unread) return unread;
    if (doc.owner?.placeholder) {
      const value = doc.owner.value.trim();
      const fromFrontMatter = doc.owner.source === 'front-matter';
      return {
        pass: false,
        message:
          value === ''
            ? `Owner is empty (a placeholder): ${ACCOUNTABLE}`
            : `Owner "${value}" is a placeholder: ${ACCOUNTABLE}`,
        range: fromFrontMatter
          ? entryPlace(doc, entryOf(doc, doc.owner.origin))
          : (doc.owner.range ?? frontMatterPlace(doc)),
        fixes: ['add-owner'],
      };
    }
    if (external) {
      // The owner files name a placeholder: an `owner:` in the front matter overrides them.
      return {
        pass: false,
        message: `Owner "${external.value}" (from ${external.origin}) is a placeholder: ${ACCOUNTABLE}`,
        range: frontMatterPlace(doc),
        fixes: [],
      };
    }
    return {
      pass: false,
      message: `No owner: add \`owner:\` to the front matter naming the one person or team accountable for this procedure from start to finish`,
      range: frontMatterPlace(doc),
      fixes: doc.frontMatter ? ['add-owner'] : ['add-owner', 'add-front-matter'],
    };
  },
};
