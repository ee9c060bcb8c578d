import type { DocumentCheck } from './check';
import { structurePlace } from './check';

/** True when `path` lies inside `folder` ('' is the root). */
export function inFolder(path: string, folder: string): boolean {
  return folder === '' || path.startsWith(`${folder}/`);
}

/** `central-location`: the procedure lives in the central knowledge base folder. */
export const centralLocation: DocumentCheck = {
  id: 'central-location',
  scope: 'document',
  reads: 'central',
  defaults: {},
  run(doc, ctx) {
    const folder = ctx.ws.centralFolder;
    if (inFolder(doc.path, folder)) return { pass: true };
    // The fix moves the whole file: the finding names the document at its title.
    return {
      pass: false,
      message: `Outside the central knowledge base: move this procedure into \`${folder}/\` where every technician looks for procedures`,
      range: structurePlace(doc),
      fixes: ['move-to-central'],
    };
  },
};
