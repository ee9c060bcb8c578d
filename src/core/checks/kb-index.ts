import type { SopDocument } from '../types';
import type { CheckContext, WorkspaceCheck, WorkspaceDocFinding, WorkspaceFacts, WorkspaceVerdict } from './check';
import { docRange, param } from './check';
import { linkTarget, resolveDocument } from '../links';

/** What the verdict of `kb-index` is made from besides the facts (an incremental workspace keeps both). */
export interface KbIndexOptions {
  /** Paths reachable from the index page. */
  reached: ReadonlySet<string>;
  /** The finding of an unreached procedure, made by `make` or kept from earlier. */
  findingFor?: (doc: SopDocument, make: () => WorkspaceDocFinding) => WorkspaceDocFinding;
}

/** `kb-index`: the central folder has an index page from which most procedures can be reached by links. */
export const kbIndex: WorkspaceCheck = {
  id: 'kb-index',
  scope: 'workspace',
  run(ctx) {
    return kbIndexVerdict(ctx, { reached: ctx.ws.indexPage ? reachable(ctx.ws.indexPage, ctx.ws) : new Set() });
  },
};

/** The verdict of `kb-index` given what the index page reaches. */
export function kbIndexVerdict(ctx: CheckContext, options: KbIndexOptions): WorkspaceVerdict {
  const { ws } = ctx;
  const min = param(ctx.params, 'minReachable', 0.8);
  const total = ws.procedures.length;
  const folder = ws.centralFolder === '' ? 'the repository root' : `${ws.centralFolder}/`;
  const indexPage = ws.indexPage;
  if (!indexPage) {
    return {
      pass: false,
      detail: `No index page in ${folder}: add a README.md there that links to every procedure`,
      documentsToFix: 1,
      paths: [],
      findings: [],
    };
  }
  const { reached, findingFor = (_d, make) => make() } = options;
  const unreached = ws.procedures.filter((d) => !reached.has(d.path));
  const count = total - unreached.length;
  const needed = Math.ceil(min * total - 1e-9);
  const pass = total === 0 || count >= needed;
  const index = ws.docs.get(indexPage);
  return {
    pass,
    detail: `${count} of ${total} procedures reachable from ${indexPage} (${Math.round(min * 100)}% needed)`,
    documentsToFix: Math.max(0, needed - count),
    paths: unreached.map((d) => d.path),
    findings: unreached.map((d) =>
      findingFor(d, () => ({
        path: d.path,
        message: `Not reachable from the knowledge-base index ${indexPage}: link this procedure from an index page`,
        range: docRange(d),
        related: [{ path: indexPage, range: index ? docRange(index) : undefined, message: 'knowledge-base index page' }],
      })),
    ),
  };
}

/** The paths a document's followed links point at (relative, not images, not same-page anchors). */
export function linkTargets(doc: SopDocument): string[] {
  const out: string[] = [];
  for (const link of doc.links) {
    if (link.kind === 'image' || !link.relative || link.path === '') continue;
    const target = linkTarget(doc.path, link);
    if (target !== undefined) out.push(target);
  }
  return out;
}

/** Documents reachable from `start` by following relative links through Markdown documents. */
export function reachable(start: string, ws: WorkspaceFacts, targetsOf: (doc: SopDocument) => readonly string[] = linkTargets): Set<string> {
  const seen = new Set<string>([start]);
  explore([start], seen, ws, targetsOf);
  return seen;
}

/** Adds to `seen` every document reachable from the documents at `queue` (already in `seen`). */
export function explore(queue: string[], seen: Set<string>, ws: WorkspaceFacts, targetsOf: (doc: SopDocument) => readonly string[] = linkTargets): void {
  // Many documents link to the same places: each target is resolved once.
  const resolved = new Map<string, string | undefined>();
  while (queue.length > 0) {
    const path = queue.pop() as string;
    const doc = ws.docs.get(path);
    if (!doc) continue;
    for (const target of targetsOf(doc)) {
      let next = resolved.get(target);
      if (next === undefined && !resolved.has(target)) resolved.set(target, (next = resolveDocument(target, ws.docs, ws.markdownExtensions)));
      if (next !== undefined && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
}
