import type { DocumentCheck } from './check';
import { docRange } from './check';

/** `owner`: someone accountable, from the front matter, an `Owner:` line, CODEOWNERS or OWNERS. */
export const owner: DocumentCheck = {
  id: 'owner',
  scope: 'document',
  run(doc, ctx) {
    if (doc.owner && !doc.owner.placeholder) return { pass: true };
    const external = ctx.ws.ownerOf(doc.path);
    if (!doc.owner && external) return { pass: true };
    if (doc.owner?.placeholder) {
      return {
        pass: false,
        message: `Owner "${doc.owner.value}" is a placeholder: name the one person or team accountable for this procedure from start to finish`,
        range: doc.owner.range ?? docRange(doc),
        fixes: ['add-owner'],
      };
    }
    return {
      pass: false,
      message: 'No owner: add `owner:` to the front matter naming the one person or team accountable for this procedure from start to finish',
      range: doc.frontMatter?.range ?? docRange(doc),
      fixes: doc.frontMatter && !doc.frontMatter.error ? ['add-owner'] : doc.frontMatter ? [] : ['add-owner', 'add-front-matter'],
    };
  },
};
