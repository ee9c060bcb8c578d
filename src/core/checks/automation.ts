import type { DocumentCheck } from './check';
import { docRange, findHeading, param } from './check';

/** `automation`: `automation:` in the front matter, an Automation heading, or a link to a script. */
export const automation: DocumentCheck = {
  id: 'automation',
  scope: 'document',
  run(doc, ctx) {
    if (doc.meta.automation || findHeading(doc, ctx.rubric, 'automation')) return { pass: true };
    const exts = param(ctx.params, 'scriptExtensions', ['.ps1', '.sh', '.py', '.bat', '.psm1']).map((e) => e.toLowerCase());
    const script = doc.links.some((l) => {
      const p = (l.relative ? l.path : l.url.replace(/[?#].*$/, '')).toLowerCase();
      return exts.some((e) => p.endsWith(e));
    });
    if (script) return { pass: true };
    return {
      pass: false,
      message: 'No automation: link the script that runs this procedure, add an `## Automation` section, or set `automation:` in the front matter',
      range: docRange(doc),
      fixes: ['add-sections'],
    };
  },
};
