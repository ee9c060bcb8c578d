/**
 * Resolving relative links between documents: used by the `links` check
 * and by the knowledge-base link graph (`kb-index`).
 */
import { posix } from 'node:path';
import type { LinkFact, SopDocument } from './types';
import { isIndexPath } from './classify';

/** Where a relative link points, as a POSIX path relative to the root; undefined when it leaves the root or is not a path. */
export function linkTarget(from: string, link: LinkFact): string | undefined {
  if (!link.relative) return undefined;
  if (link.path === '') return from;
  // Templated links of site generators ({{< ref >}}, {% link %}, <%= url %>). A `%` alone is no template:
  // `100%25.md` decodes to the file name `100%.md`.
  if (/[{}<>]/.test(link.path)) return undefined;
  const joined = link.path.startsWith('/') ? link.path.slice(1) : posix.join(posix.dirname(from), link.path);
  const norm = posix.normalize(joined).replace(/\/$/, '');
  if (norm === '..' || norm.startsWith('../')) return undefined;
  return norm === '.' ? '' : norm;
}

/**
 * The Markdown document a target path means: itself, the same path with a
 * Markdown ending (site generators drop it), or a folder's index page.
 */
export function resolveDocument(target: string, docs: ReadonlyMap<string, SopDocument>, extensions: readonly string[]): string | undefined {
  const found = resolveExactly(target, docs, extensions);
  if (found !== undefined) return found;
  for (const variant of unicodeVariants(target)) {
    const other = resolveExactly(variant, docs, extensions);
    if (other !== undefined) return other;
  }
  return undefined;
}

/**
 * The other Unicode normal forms of a path (NFC and NFD) that differ from it:
 * macOS writes names decomposed, most editors type them precomposed, and a
 * link should work either way. Empty for ASCII paths.
 */
export function unicodeVariants(path: string): string[] {
  if (!/[^\u0000-\u007f]/.test(path)) return [];
  return [...new Set([path.normalize('NFC'), path.normalize('NFD')])].filter((v) => v !== path);
}

function resolveExactly(target: string, docs: ReadonlyMap<string, SopDocument>, extensions: readonly string[]): string | undefined {
  if (docs.has(target)) return target;
  for (const ext of extensions) if (docs.has(target + ext)) return target + ext;
  const prefix = target === '' ? '' : `${target}/`;
  for (const name of ['README', 'readme', 'index', '_index', 'Readme']) {
    for (const ext of extensions) if (docs.has(prefix + name + ext)) return prefix + name + ext;
  }
  return undefined;
}

/** True when a heading anchor exists in a document (GitHub slugs, case-insensitive, explicit ids). */
export function hasAnchor(doc: SopDocument, anchor: string): boolean {
  const a = anchor.toLowerCase();
  if (a === '' || a === 'top' || /^l\d+(-l\d+)?$/.test(a)) return true;
  return doc.headings.some((h) => h.slug.toLowerCase() === a);
}

/** Paths of the index pages directly in a folder, else the shallowest below it (then alphabetical). */
export function findIndexPage(folder: string, docs: ReadonlyMap<string, SopDocument>): string | undefined {
  const prefix = folder === '' ? '' : `${folder}/`;
  let best: string | undefined;
  let bestDepth = Infinity;
  for (const path of docs.keys()) {
    if (!path.startsWith(prefix) || !isIndexPath(path)) continue;
    const depth = path.slice(prefix.length).split('/').length;
    if (depth < bestDepth || (depth === bestDepth && best !== undefined && path < best)) {
      best = path;
      bestDepth = depth;
    }
  }
  return best;
}
