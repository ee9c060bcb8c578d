import type { DocumentCheck } from './check';
import {
  entryPlace,
  placeholderSectionMessage,
  placeholderValueMessage,
  structurePlace,
  unreadFrontMatter,
  whatToWrite,
  writtenSection,
} from './check';
import { findEntry } from '../parse/parse';

/**
 * `automation`: `automation:` in the front matter, an Automation section, or a link to a script; placeholders do not
 * count.
 */
export const automation: DocumentCheck<{ scriptExtensions: string[] }> = {
  id: 'automation',
  scope: 'document',
  reads: 'document',
  /** `scriptExtensions`: endings of the script files a link may point at. */
  defaults: { scriptExtensions: ['.ps1', '.sh', '.py', '.bat', '.psm1'] },
  run(doc, ctx) {
    const valuePlaceholder = doc.meta.placeholders?.automation;
    if (doc.meta.automation && !valuePlaceholder) return { pass: true };
    const { written, placeholder } = writtenSection(doc, ctx.rubric, 'automation');
    if (written) return { pass: true };
    const exts = ctx.params.scriptExtensions.map((e) => e.toLowerCase());
    const script = doc.links.some((l) => {
      const p = (l.relative ? l.path : l.url.replace(/[?#].*$/, '')).toLowerCase();
      return exts.some((e) => p.endsWith(e));
    });
    if (script) return { pass: true };
    // The unread front matter may hold the `automation:` that passes.
    const unread = unreadFrontMatter(doc);
    if (unread) return unread;
    if (placeholder)
      return {
        pass: false,
        message: placeholderSectionMessage(placeholder, 'automation'),
        range: placeholder.range,
        fixes: [],
      };
    if (valuePlaceholder) {
      const range = entryPlace(doc, findEntry(doc.frontMatter?.entries ?? [], ctx.rubric, 'automation'));
      return {
        pass: false,
        message: placeholderValueMessage('automation', doc.meta.automation ?? '', whatToWrite('automation')),
        range,
        fixes: [],
      };
    }
    return {
      pass: false,
      message:
        'No automation: link the script that runs this procedure, add an `## Automation` section, or set `automation:` in the front matter',
      range: structurePlace(doc),
      fixes: ['add-sections'],
    };
  },
};
