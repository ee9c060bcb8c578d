/**
 * Resolving links between documents the way the repository's renderer does
 * (RUBRIC.md, "Navigation and links in documentation sites"): GitHub for a
 * plain repository; a documentation site's source root, rendered page names
 * (`x.html` is served from `x.html.md.erb`) and its heading slugs for a site.
 * Used by the `links` check and by the knowledge-base link graph
 * (`kb-index`).
 */
import { posix } from 'node:path';
import type { LinkFact, SopDocument } from '../parse/facts';
import { isIndexPath } from '../parse/classify';
import { inside, type SiteInfo } from '../parse/site';

/** What link resolution reads of the workspace. */
export interface LinkScope {
  docs: ReadonlyMap<string, SopDocument>;
  markdownExtensions: readonly string[];
  site?: SiteInfo;
}

/**
 * Template code of site generators (ERB, Liquid, Hugo shortcodes, Ruby
 * interpolation): such a target is not checked. `[x](<%= url %>)` reaches the
 * parser as the pointy destination `%= url %`.
 */
const TEMPLATE = /<%|%>|#\{|\{\{|\{%|[{}<>]|^%=?\s[\s\S]*%$/;

/**
 * Where a relative link may point, as POSIX paths relative to the root, in
 * the order they are tried: a site-root link (`/x`) against the site's source
 * root, then against the audited root. 'template' for a target that holds
 * template code; undefined for a link that is not a path of this repository
 * or leaves it.
 */
export function linkCandidates(from: string, link: LinkFact, site?: SiteInfo): string[] | 'template' | undefined {
  if (!link.relative) return undefined;
  if (TEMPLATE.test(link.url)) return 'template';
  if (link.path === '') return [from];
  if (link.path.startsWith('/')) {
    const rest = clampUp(posix.normalize(link.path.replace(/^\/+/, '')));
    const out: string[] = [];
    if (site && site.root !== '') out.push(join(site.root, rest));
    out.push(rest);
    return out;
  }
  if (site && inside(from, site.root)) {
    // A page of the site: its links are URLs, and a browser stops `..` at the site's root.
    const dir = posix.dirname(from.slice(site.root === '' ? 0 : site.root.length + 1));
    return [join(site.root, clampUp(posix.normalize(posix.join(dir === '.' ? '' : dir, link.path))))];
  }
  const norm = posix.normalize(posix.join(posix.dirname(from), link.path));
  if (norm === '..' || norm.startsWith('../')) return undefined;
  return [stripSlash(norm)];
}

/** `..` above the top of a URL path stays at the top, as browsers resolve it. */
function clampUp(path: string): string {
  let p = path;
  while (p === '..' || p.startsWith('../')) p = p === '..' ? '' : p.slice(3);
  return stripSlash(p === '.' ? '' : p);
}

function stripSlash(p: string): string {
  const s = p.replace(/\/+$/, '');
  return s === '.' ? '' : s;
}

function join(folder: string, rest: string): string {
  return folder === '' ? rest : rest === '' ? folder : `${folder}/${rest}`;
}

/** The first of `candidates` (see `linkCandidates`) that resolves to a document. */
export function resolveCandidates(candidates: readonly string[], scope: LinkScope): string | undefined {
  for (const c of candidates) {
    const found = resolveDocument(c, scope.docs, scope.markdownExtensions);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The Markdown document a target path means: itself, the source of a
 * rendered page (`x.html`, `x/` or `x` → `x.html.md`, `x.html.md.erb`,
 * `x.html.erb`, `x.md`, ..., `x/index.md`, `x/README.md`, `x/_index.md`), in
 * either Unicode normal form.
 */
export function resolveDocument(
  target: string,
  docs: ReadonlyMap<string, SopDocument>,
  extensions: readonly string[],
): string | undefined {
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

/** Sources of a rendered page, in the order a site generator picks them. */
const PAGE_SOURCES = ['.html.md', '.html.md.erb', '.html.erb', '.md', '.markdown', '.mdx'];
const FOLDER_PAGES = [
  'index.md',
  'index.html.md',
  'index.html.md.erb',
  'README.md',
  '_index.md',
  'readme.md',
  'Readme.md',
  'index.markdown',
  'README.markdown',
  'index.mdx',
];

function resolveExactly(
  target: string,
  docs: ReadonlyMap<string, SopDocument>,
  extensions: readonly string[],
): string | undefined {
  if (docs.has(target)) return target;
  const last = target.slice(target.lastIndexOf('/') + 1);
  const page = /\.html?$/i.test(last)
    ? target.replace(/\.html?$/i, '')
    : /\.[A-Za-z0-9]+$/.test(last)
      ? undefined
      : target;
  if (page === undefined) return undefined;
  if (page !== '') {
    for (const ext of PAGE_SOURCES) if (docs.has(page + ext)) return page + ext;
    for (const ext of extensions) if (docs.has(page + ext)) return page + ext;
  }
  const prefix = page === '' ? '' : `${page}/`;
  for (const name of FOLDER_PAGES) if (docs.has(prefix + name)) return prefix + name;
  for (const name of ['README', 'index', '_index'])
    for (const ext of extensions) if (docs.has(prefix + name + ext)) return prefix + name + ext;
  return undefined;
}

/** GitHub's heading slug, and the slugs site generators make: Redcarpet (Middleman) and Python-Markdown (MkDocs). */
export function headingSlugs(text: string, generator: SiteInfo['generator']): string[] {
  const lower = text.trim().toLowerCase();
  if (generator === 'middleman') return [lower.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '')];
  if (generator === 'mkdocs') return [lower.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/[-\s]+/g, '-')];
  return [];
}

/**
 * True when a heading anchor exists in a document (GitHub slugs, case-insensitive, explicit ids, the site generator's
 * slugs).
 */
export function hasAnchor(doc: SopDocument, anchor: string, generator?: SiteInfo['generator']): boolean {
  const a = anchor.toLowerCase();
  if (a === '' || a === 'top' || /^l\d+(-l\d+)?$/.test(a)) return true;
  // GitHub makes no anchor of a loose heading (`##Process`); Redcarpet does.
  if (doc.headings.some((h) => !h.loose && h.slug.toLowerCase() === a)) return true;
  return (
    generator !== undefined &&
    doc.headings.some(
      (h) => h.depth <= 6 && (!h.loose || generator === 'middleman') && headingSlugs(h.text, generator).includes(a),
    )
  );
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

/** Where a relative link points in a plain repository (no site rules): the first candidate, or undefined. */
export function linkTarget(from: string, link: LinkFact): string | undefined {
  const c = linkCandidates(from, link);
  return Array.isArray(c) ? c[0] : undefined;
}
