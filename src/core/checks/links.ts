import type { RelatedLocation } from '../types';
import type { DocumentCheck } from './check';
import { param } from './check';
import { hasAnchor, linkTarget, resolveDocument } from '../links';

/** `links`: every relative link and image points to an existing file, every anchor to an existing heading. */
export const links: DocumentCheck = {
  id: 'links',
  scope: 'document',
  run(doc, ctx) {
    const images = param(ctx.params, 'images', true);
    const broken: { url: string; why: string; range: RelatedLocation['range'] }[] = [];
    for (const link of doc.links) {
      if (!link.relative || (link.kind === 'image' && !images)) continue;
      const target = linkTarget(doc.path, link);
      if (target === undefined) continue;
      const exts = ctx.ws.markdownExtensions;
      const docPath = link.path === '' ? doc.path : resolveDocument(target, ctx.ws.docs, exts);
      if (docPath === undefined && !ctx.ws.fileExists(target)) {
        broken.push({ url: link.url, why: 'file not found', range: link.range });
        continue;
      }
      if (link.anchor !== undefined && docPath !== undefined) {
        const targetDoc = ctx.ws.docs.get(docPath);
        if (targetDoc && !targetDoc.skipped && !hasAnchor(targetDoc, link.anchor)) broken.push({ url: link.url, why: 'no such heading', range: link.range });
      }
    }
    if (broken.length === 0) return { pass: true };
    const first = broken[0];
    const more = broken.length > 1 ? ` (and ${broken.length - 1} more)` : '';
    return {
      pass: false,
      message: `Broken link \`${first.url}\` (${first.why})${more}: point it at an existing file or heading`,
      range: first.range,
      related: broken.slice(1).map((b) => ({ path: doc.path, range: b.range, message: `broken link \`${b.url}\` (${b.why})` })),
    };
  },
};
