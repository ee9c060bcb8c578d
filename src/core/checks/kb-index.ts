import type { WorkspaceCheck } from './check';
import { docRange, param } from './check';
import { linkTarget, resolveDocument } from '../links';

/** `kb-index`: the central folder has an index page from which most procedures can be reached by links. */
export const kbIndex: WorkspaceCheck = {
  id: 'kb-index',
  scope: 'workspace',
  run(ctx) {
    const { ws } = ctx;
    const min = param(ctx.params, 'minReachable', 0.8);
    const total = ws.procedures.length;
    const folder = ws.centralFolder === '' ? 'the repository root' : `${ws.centralFolder}/`;
    if (!ws.indexPage) {
      return {
        pass: false,
        detail: `No index page in ${folder}: add a README.md there that links to every procedure`,
        documentsToFix: 1,
        paths: [],
        findings: [],
      };
    }
    const reached = reachable(ws.indexPage, ctx.ws);
    const unreached = ws.procedures.filter((d) => !reached.has(d.path));
    const count = total - unreached.length;
    const needed = Math.ceil(min * total - 1e-9);
    const pass = total === 0 || count >= needed;
    const index = ws.docs.get(ws.indexPage);
    return {
      pass,
      detail: `${count} of ${total} procedures reachable from ${ws.indexPage} (${Math.round(min * 100)}% needed)`,
      documentsToFix: Math.max(0, needed - count),
      paths: unreached.map((d) => d.path),
      findings: unreached.map((d) => ({
        path: d.path,
        message: `Not reachable from the knowledge-base index ${ws.indexPage}: link this procedure from an index page`,
        range: docRange(d),
        related: [{ path: ws.indexPage as string, range: index ? docRange(index) : undefined, message: 'knowledge-base index page' }],
      })),
    };
  },
};

/** Documents reachable from `start` by following relative links through Markdown documents. */
function reachable(start: string, ws: Parameters<WorkspaceCheck['run']>[0]['ws']): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const path = queue.pop() as string;
    const doc = ws.docs.get(path);
    if (!doc) continue;
    for (const link of doc.links) {
      if (link.kind === 'image' || !link.relative || link.path === '') continue;
      const target = linkTarget(path, link);
      if (target === undefined) continue;
      const next = resolveDocument(target, ws.docs, ws.markdownExtensions);
      if (next !== undefined && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
