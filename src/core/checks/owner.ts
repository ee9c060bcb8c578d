import type { DocumentCheck } from './check';
import { docRange } from './check';
import { isPlaceholderValue } from '../placeholders';

const ACCOUNTABLE = 'name the one person or team accountable for this procedure from start to finish';

/** `owner`: someone accountable, from the front matter, an `Owner:` line, CODEOWNERS or OWNERS; a placeholder (`TBD`, `<owner>`) names nobody. */
export const owner: DocumentCheck = {
  id: 'owner',
  scope: 'document',
  run(doc, ctx) {
    if (doc.owner && !doc.owner.placeholder) return { pass: true };
    const external = doc.owner ? undefined : ctx.ws.ownerOf(doc.path);
    if (external && !external.value.split(', ').every((v) => isPlaceholderValue(v, ctx.rubric))) return { pass: true };
    if (doc.owner?.placeholder) {
      const value = doc.owner.value.trim();
      return {
        pass: false,
        message: value === '' ? `Owner is empty (a placeholder): ${ACCOUNTABLE}` : `Owner "${value}" is a placeholder: ${ACCOUNTABLE}`,
        range: doc.owner.range ?? docRange(doc),
        fixes: ['add-owner'],
      };
    }
    if (external) {
      return { pass: false, message: `Owner "${external.value}" (from ${external.origin}) is a placeholder: ${ACCOUNTABLE}`, range: docRange(doc), fixes: [] };
    }
    return {
      pass: false,
      message: `No owner: add \`owner:\` to the front matter naming the one person or team accountable for this procedure from start to finish`,
      range: doc.frontMatter?.range ?? docRange(doc),
      fixes: doc.frontMatter && !doc.frontMatter.error ? ['add-owner'] : doc.frontMatter ? [] : ['add-owner', 'add-front-matter'],
    };
  },
};
