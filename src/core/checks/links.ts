import type { LinkFact, SopDocument } from '../parse/facts';
import type { Range } from '../position';
import type { DocumentCheck, WorkspaceFacts } from './check';
import { hasAnchor, linkCandidates, resolveCandidates } from '../audit/links';

/** Why a link does not work: its file (page) is missing, or the heading its anchor names. */
export interface LinkProblem {
  link: LinkFact;
  reason: 'file' | 'anchor';
  /** The document the link resolved to, for an anchor problem. */
  target?: string;
  /** What is wrong, in a few words. */
  why: string;
}

/**
 * The problem of one link of `doc`, or undefined when it works or is not
 * checked (external, template code, `links.ignore`, leaving the repository).
 */
export function linkProblem(doc: SopDocument, link: LinkFact, ws: WorkspaceFacts): LinkProblem | undefined {
  const candidates = linkCandidates(doc.path, link, ws.site);
  if (!Array.isArray(candidates)) return undefined;
  if (ws.linkIgnored && link.path !== '' && (ws.linkIgnored(link.path) || candidates.some((c) => ws.linkIgnored?.(c))))
    return undefined;
  const target = link.path === '' ? doc.path : resolveCandidates(candidates, ws);
  if (target === undefined) {
    if (candidates.some((c) => ws.fileExists(c))) return undefined;
    return { link, reason: 'file', why: 'file not found' };
  }
  if (link.anchor === undefined) return undefined;
  const targetDoc = ws.docs.get(target);
  if (!targetDoc || targetDoc.skipped || hasAnchor(targetDoc, link.anchor, ws.site?.generator)) return undefined;
  return {
    link,
    reason: 'anchor',
    target,
    why: target === doc.path ? `no heading #${link.anchor} on this page` : `no heading #${link.anchor} in ${target}`,
  };
}

/** Every problem of a document's links (images too unless `images` is false). */
export function linkProblems(doc: SopDocument, ws: WorkspaceFacts, images = true): LinkProblem[] {
  const out: LinkProblem[] = [];
  for (const link of doc.links) {
    if (!link.relative || (link.kind === 'image' && !images)) continue;
    const p = linkProblem(doc, link, ws);
    if (p) out.push(p);
  }
  return out;
}

/**
 * `links`: every relative and site-root link and image points to an existing
 * file or page, and every anchor to an existing heading, resolved as the
 * repository's renderer resolves them; the message says which part is broken.
 * Checked in every Markdown document, as a link checker would (RUBRIC.md,
 * "Links are checked in every Markdown document"); only procedures count.
 */
export const links: DocumentCheck<{ images: boolean }> = {
  id: 'links',
  scope: 'document',
  reads: 'links',
  everyDocument: true,
  /** `images`: check images too. */
  defaults: { images: true },
  run(doc, ctx) {
    const broken = linkProblems(doc, ctx.ws, ctx.params.images);
    if (broken.length === 0) return { pass: true };
    const [first] = broken;
    const more = broken.length > 1 ? ` (and ${broken.length - 1} more)` : '';
    const fix = first.reason === 'file' ? 'point it at an existing file or page' : 'point it at an existing heading';
    return {
      pass: false,
      message: `Broken link \`${first.link.url}\` (${first.why})${more}: ${fix}`,
      range: first.link.range,
      related: broken.slice(1).map((b) => ({
        path: doc.path,
        range: b.link.range as Range,
        message: `broken link \`${b.link.url}\` (${b.why})`,
      })),
    };
  },
};
