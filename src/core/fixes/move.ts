/**
 * Link rewriting for moving a document (into the central folder): the
 * moved document's relative links are re-pointed from its new place, and
 * links in other documents that point at it follow it.
 */
import { posix } from 'node:path';
import type { LinkFact, SopDocument } from '../parse/facts';
import type { TextEdit } from '../position';
import { linkTarget, resolveDocument } from '../audit/links';
import type { Fix } from './fix';

/**
 * `move-to-central`: moves the document into the central folder. The shells
 * perform it (a rename, with the link edits of `rewriteLinksForMove`): it
 * has no edits of the document's text of its own.
 */
export const moveToCentral: Fix = {
  id: 'move-to-central',
  class: 'move',
  title: 'Move into the central folder (and update links)',
  edits: () => [],
};

export interface MoveInput {
  /** Old and new POSIX paths relative to the root. */
  from: string;
  to: string;
  /** Every Markdown document of the workspace with its current text. */
  docs: ReadonlyMap<string, { text: string; doc: SopDocument }>;
  markdownExtensions?: readonly string[];
}

const DEFAULT_EXTENSIONS = ['.md', '.markdown', '.mdx'];

/** Relative link text from a document at `fromDoc` to `target`. */
function relativeLink(fromDoc: string, target: string): string {
  const rel = posix.relative(posix.dirname(fromDoc), target);
  const encoded = rel
    .split('/')
    .map((s) => encodeURI(s).replace(/#/g, '%23').replace(/\?/g, '%3F'))
    .join('/');
  return encoded.startsWith('.') ? encoded : encoded;
}

/** The edit that replaces the path part of a link inside its source text, or undefined when it cannot be found. */
function replacePath(text: string, link: LinkFact, newPath: string): TextEdit | undefined {
  const start = link.range.start.offset;
  const slice = text.slice(start, link.range.end.offset);
  const rawPath = link.url.replace(/[?#].*$/, '');
  if (rawPath === '') return undefined;
  // Search from the end: the destination follows the link text, which may contain the same words.
  const at = slice.lastIndexOf(rawPath);
  if (at < 0) return undefined;
  return { start: start + at, end: start + at + rawPath.length, newText: newPath };
}

/**
 * The edits per document that keep every relative link working after
 * moving `from` to `to`. The moved document's own edits are keyed by its
 * old path (the edit is made before the rename).
 */
export function rewriteLinksForMove(input: MoveInput): Map<string, TextEdit[]> {
  const exts = input.markdownExtensions ?? DEFAULT_EXTENSIONS;
  const docsOnly = new Map([...input.docs].map(([p, v]) => [p, v.doc]));
  const out = new Map<string, TextEdit[]>();
  const push = (path: string, e: TextEdit | undefined) => {
    if (!e) return;
    out.set(path, [...(out.get(path) ?? []), e]);
  };

  const moved = input.docs.get(input.from);
  if (moved) {
    for (const link of moved.doc.links) {
      if (!link.relative || link.path === '' || link.path.startsWith('/')) continue;
      const target = linkTarget(input.from, link);
      if (target === undefined) continue;
      // A link to the moved document itself keeps pointing at it.
      const resolved = target === input.from ? input.to : target;
      const newPath = relativeLink(input.to, resolved) || posix.basename(resolved);
      if (newPath === link.path) continue;
      push(input.from, replacePath(moved.text, link, newPath));
    }
  }

  for (const [path, { text, doc }] of input.docs) {
    if (path === input.from) continue;
    for (const link of doc.links) {
      if (!link.relative || link.path === '') continue;
      const target = linkTarget(path, link);
      if (target === undefined || resolveDocument(target, docsOnly, exts) !== input.from) continue;
      const newPath = link.path.startsWith('/') ? `/${input.to}` : relativeLink(path, input.to);
      push(path, replacePath(text, link, newPath));
    }
  }
  return out;
}
