import type { SopDocument } from '../parse/facts';
import type { Fix } from './fix';
import { unclosedFence, verified, yamlScalar } from './edits';

/**
 * `add-front-matter`: front matter with what the document states, its title
 * and that it is a procedure (a safe fix runs on procedures only). The title
 * key is left out when writing it would change the reading: a document
 * titled by its first heading whose front matter names the title reads that
 * heading as a section.
 */
export const addFrontMatter: Fix = {
  id: 'add-front-matter',
  class: 'safe',
  title: 'Add front matter (title and type)',
  edits(ctx) {
    const { doc } = ctx;
    if (doc.frontMatter || unclosedFence(ctx)) return [];
    const eol = doc.lineEnding;
    const titleHeading = doc.headings.findIndex((h) => h.range === doc.titleRange);
    const sameReading = (d: SopDocument) =>
      d.meta.type === 'sop' &&
      !d.frontMatter?.error &&
      (titleHeading < 0 || d.headings[titleHeading]?.range === d.titleRange);
    const block = (title: boolean) => {
      const lines = ['---', ...(title && doc.title ? [`title: ${yamlScalar(doc.title)}`] : []), 'type: sop', '---'];
      return [{ start: 0, end: 0, newText: lines.join(eol) + eol }];
    };
    const withTitle = verified(ctx, block(true), sameReading);
    return withTitle.length > 0 ? withTitle : verified(ctx, block(false), sameReading);
  },
  blocker: (doc) => (doc.frontMatter ? 'the document already has front matter' : undefined),
};
