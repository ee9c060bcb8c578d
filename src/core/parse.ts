/**
 * Parses one Markdown file, once, into the facts the checks read
 * (`SopDocument`). The syntax tree is dropped afterwards: checks and caches
 * work on facts only.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Nodes, Root, RootContent, Text } from 'mdast';
import type {
  Exemption,
  FrontMatter,
  FrontMatterEntry,
  Heading,
  LinkFact,
  OwnerFact,
  Range,
  ReviewFact,
  Rubric,
  SopDocument,
} from './types';
import { readFrontMatter } from './frontmatter';
import { LineIndex, detectLineEnding, hash32, hashWords, normalizeHeading, sha1, slugify, wordSpace } from './text';
import { addInterval, parseDate } from './dates';
import { classify } from './classify';

/**
 * CommonMark plus the parts of GFM the facts need (tables: an `Owner` row;
 * task lists: checklists) and YAML/TOML front matter: what remark-parse,
 * remark-gfm and remark-frontmatter run, minus the GFM constructs no check
 * reads. Bare URLs (autolink literals) are found in the text instead, at a
 * fraction of their cost (that construct alone made parsing ~30% slower);
 * footnotes and strikethrough only change how text is split, not a fact.
 */
const FRONT_MATTER: ('yaml' | 'toml')[] = ['yaml', 'toml'];
const markdownOptions = {
  extensions: [frontmatter(FRONT_MATTER), gfmTable(), gfmTaskListItem()],
  mdastExtensions: [frontmatterFromMarkdown(FRONT_MATTER), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()],
};

/** Options of one parse. */
export interface ParseOptions {
  /** Files longer than this (UTF-16 code units) are not parsed. */
  maxFileBytes?: number;
}

/** Shingle size (words) for the near-duplicate sketch. */
export const SHINGLE_WORDS = 5;
/** How many of the smallest shingle hashes the sketch keeps (bottom-k). */
export const SKETCH_SIZE = 256;

/**
 * Parses `text` (the file's content without a byte-order mark) at `path`
 * (POSIX, relative to the audited root) into a `SopDocument`.
 * Never throws: problems become `errors` on the document.
 */
export function parseDocument(path: string, text: string, rubric: Rubric, options: ParseOptions = {}): SopDocument {
  const max = options.maxFileBytes ?? Infinity;
  if (text.length > max) {
    return skippedDocument(path, text, `file is ${text.length} characters long, over the limit of ${max}: not audited (raise maxFileBytes in .sopmaturity.yml to include it)`);
  }
  if (text.includes('\u0000')) return skippedDocument(path, text, 'file contains NUL bytes and looks binary: not audited');
  try {
    return collect(emptyDocument(path, text), text, rubric);
  } catch (e) {
    return skippedDocument(path, text, `file could not be parsed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The document of a file that is not audited, saying why (the `file` finding shows the reason). */
export function skippedDocument(path: string, text: string, reason: string): SopDocument {
  const doc = emptyDocument(path, text);
  doc.skipped = reason;
  doc.errors.push({ message: reason });
  doc.kindReason = 'skipped';
  return doc;
}

function emptyDocument(path: string, text: string): SopDocument {
  return {
    path,
    kind: 'other',
    kindReason: '',
    headings: [],
    lists: [],
    links: [],
    exemptions: [],
    badExemptions: [],
    meta: { tags: [], traits: [] },
    shingles: [],
    hash: sha1(text),
    lineEnding: detectLineEnding(text),
    length: text.length,
    endsWithNewline: text.endsWith('\n'),
    errors: [],
  };
}

/** State of one walk over the tree. */
interface Walk {
  text: string;
  lines: LineIndex;
  rubric: Rubric;
  doc: SopDocument;
  generated: [number, number][];
  bodyOwner?: OwnerFact;
  headingIndex: number;
  anchors: Set<string>;
}

function collect(doc: SopDocument, text: string, rubric: Rubric): SopDocument {
  const lines = new LineIndex(text);
  const tree = fromMarkdown(text, markdownOptions) as Root;
  const w: Walk = { text, lines, rubric, doc, generated: generatedRegions(text, rubric), headingIndex: -1, anchors: new Set() };

  const first = tree.children[0];
  if (first && (first.type === 'yaml' || (first.type as string) === 'toml') && first.position) {
    const fm = readFrontMatter(text, lines, first.type === 'yaml' ? 'yaml' : 'toml', first.position.start.offset ?? 0, first.position.end.offset ?? 0);
    doc.frontMatter = fm;
    if (fm.error) doc.errors.push({ message: fm.error.message, range: fm.error.range });
  }

  walkChildren(w, tree.children, 0);
  markHeadingContent(tree.children, doc.headings, w);
  applyFrontMatterFacts(doc, rubric, w);
  doc.shingles = sketch(text, doc.frontMatter);
  const cls = classify(doc, rubric);
  doc.kind = cls.kind;
  doc.kindReason = cls.reason;
  return doc;
}

function rangeOf(w: Walk, node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Range {
  const s = node.position?.start.offset ?? 0;
  const e = node.position?.end.offset ?? s;
  return w.lines.range(s, e);
}

function inGenerated(w: Walk, node: Nodes): boolean {
  const o = node.position?.start.offset;
  if (o === undefined || w.generated.length === 0) return false;
  return w.generated.some(([s, e]) => o >= s && o < e);
}

function walkChildren(w: Walk, children: readonly Nodes[], listDepth: number): void {
  for (const node of children) walk(w, node, listDepth);
}

function walk(w: Walk, node: Nodes, listDepth: number): void {
  const generated = inGenerated(w, node);
  switch (node.type) {
    case 'heading': {
      if (generated) return;
      const text = plainText(node).trim();
      w.doc.headings.push({ depth: node.depth, text, normalized: normalizeHeading(text), slug: '', range: rangeOf(w, node), hasContent: false });
      w.headingIndex = w.doc.headings.length - 1;
      collectLinks(w, node);
      return;
    }
    case 'list': {
      if (!generated) {
        const items = node.children;
        w.doc.lists.push({
          ordered: node.ordered === true,
          items: items.length,
          taskItems: items.filter((i) => typeof i.checked === 'boolean').length,
          itemTexts: items.map((i) => firstParagraphText(i)),
          range: rangeOf(w, node),
          headingIndex: w.headingIndex,
          depth: listDepth,
        });
      }
      for (const item of node.children) walkChildren(w, item.children, listDepth + 1);
      return;
    }
    case 'paragraph':
      if (!generated) {
        bodyOwnerFromParagraph(w, node);
        collectLinks(w, node);
      }
      return;
    case 'table':
      if (!generated) {
        bodyOwnerFromTable(w, node);
        collectLinks(w, node);
      }
      return;
    case 'html':
      htmlFacts(w, node.value, node.position?.start.offset ?? 0, generated);
      return;
    case 'definition':
      // `[^1]: note` is a footnote (GFM), not a link definition.
      if (!generated && !node.label?.startsWith('^')) addLink(w, 'definition', node.url, rangeOf(w, node));
      return;
    case 'blockquote':
    case 'footnoteDefinition':
      walkChildren(w, node.children, listDepth);
      return;
    default:
      return;
  }
}

/** Plain text of a node (text, inline code, image alt), like mdast-util-to-string. */
function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

function firstParagraphText(item: { children: RootContent[] }): string {
  const p = item.children.find((c) => c.type === 'paragraph');
  return p ? plainText(p).replace(/\s+/g, ' ').trim() : '';
}

/** Walks inline content for links and images (`inLink`: inside a link's text, where GFM links no bare URL). */
function collectLinks(w: Walk, node: Nodes, inLink = false): void {
  if (node.type === 'link') addLink(w, 'link', node.url, rangeOf(w, node));
  else if (node.type === 'image') addLink(w, 'image', node.url, rangeOf(w, node));
  else if (node.type === 'html') htmlFacts(w, node.value, node.position?.start.offset ?? 0, false);
  else if (node.type === 'text' && !inLink) bareUrls(w, node);
  if ('children' in node) for (const c of node.children as Nodes[]) collectLinks(w, c, inLink || node.type === 'link');
}

/** `https://…`, `http://…` and `www.…` in running text, as GFM links them (a `www.` address gets `http://`). */
const BARE_URL = /(?<![\w.@/-])(?:https?:\/\/|www\.)(?=[\p{L}\p{N}_-])[^\s<[\]]+/giu;
/** Trailing characters that end a sentence rather than the address (GFM drops them too). */
const URL_TRAILER = /[?!.,:;*_~'"]+$/;

function bareUrls(w: Walk, node: Text): void {
  if (!node.value.includes('http') && !node.value.includes('www.')) return;
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  let from = start;
  for (const m of node.value.matchAll(BARE_URL)) {
    let url = m[0].replace(URL_TRAILER, '');
    // An unbalanced closing parenthesis belongs to the sentence: `(see https://x/y)`.
    while (url.endsWith(')') && count(url, ')') > count(url, '(')) url = url.slice(0, -1).replace(URL_TRAILER, '');
    // The text's value lost the source's indentation and escapes: find the address in the source, else take the whole text.
    const at = w.text.indexOf(url, from);
    const found = at >= 0 && at + url.length <= end;
    if (found) from = at + url.length;
    addLink(w, 'link', /^www\./i.test(url) ? `http://${url}` : url, found ? w.lines.range(at, at + url.length) : rangeOf(w, node));
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function addLink(w: Walk, kind: LinkFact['kind'], url: string, range: Range): void {
  const raw = url.trim();
  if (raw === '') return;
  const relative = !SCHEME.test(raw) && !raw.startsWith('//');
  let path = '';
  let anchor: string | undefined;
  if (relative) {
    const hashAt = raw.indexOf('#');
    const beforeHash = hashAt >= 0 ? raw.slice(0, hashAt) : raw;
    if (hashAt >= 0) anchor = safeDecode(raw.slice(hashAt + 1));
    const q = beforeHash.indexOf('?');
    path = safeDecode(q >= 0 ? beforeHash.slice(0, q) : beforeHash);
  }
  w.doc.links.push({ kind, url: raw, range, relative, path, anchor });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const EXEMPTION = /<!--\s*sop-maturity-disable\b([\s\S]*?)-->/g;
const HTML_LINK = /<(a|img)\b[^>]*?\s(href|src)\s*=\s*("([^"]*)"|'([^']*)')/gi;
const HTML_ANCHOR = /\s(?:id|name)\s*=\s*("([^"]*)"|'([^']*)')/gi;

/** Exemption comments, links and anchors inside raw HTML. */
function htmlFacts(w: Walk, value: string, offset: number, generated: boolean): void {
  for (const m of value.matchAll(EXEMPTION)) {
    const range = w.lines.range(offset + (m.index ?? 0), offset + (m.index ?? 0) + m[0].length);
    readExemption(w.doc, m[1], range);
  }
  if (generated) return;
  for (const m of value.matchAll(HTML_LINK)) {
    const at = offset + (m.index ?? 0);
    addLink(w, m[1].toLowerCase() === 'img' ? 'image' : 'html', m[4] ?? m[5] ?? '', w.lines.range(at, at + m[0].length));
  }
  for (const m of value.matchAll(HTML_ANCHOR)) w.anchors.add(m[2] ?? m[3] ?? '');
}

/**
 * `<!-- sop-maturity-disable CHECK-ID ... -- REASON (until YYYY-MM-DD) -->`:
 * no ids means every check; a reason is required; the date is optional.
 */
function readExemption(doc: SopDocument, body: string, range: Range): void {
  const sep = body.search(/\s--(\s|$)/);
  const idsPart = sep >= 0 ? body.slice(0, sep) : body;
  let rest = sep >= 0 ? body.slice(sep).replace(/^\s--/, '') : '';
  let until: string | undefined;
  const u = /\(\s*until\s+([^)]*?)\s*\)\s*$/i.exec(rest);
  if (u) {
    until = parseDate(u[1]);
    rest = rest.slice(0, u.index);
    if (!until) {
      doc.badExemptions.push({ range, message: `exemption date "${u[1]}" is not a date: write (until YYYY-MM-DD)` });
      return;
    }
  }
  const checks = idsPart.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  const reason = rest.trim();
  const ex: Exemption = { checks, range, until };
  if (reason) ex.reason = reason;
  doc.exemptions.push(ex);
}

/** `Owner: name` paragraphs (also bold), the first line only. */
function bodyOwnerFromParagraph(w: Walk, node: Nodes): void {
  if (w.bodyOwner) return;
  const text = plainText(node);
  const m = /^\s*owners?\s*:\s*(.+)$/im.exec(text);
  if (!m || m.index !== text.search(/\S/)) return;
  const value = m[1].replace(/\*\*|__/g, '').trim();
  w.bodyOwner = ownerFact(value, 'body', 'Owner: line', rangeOf(w, node), w.rubric);
}

/** A table row whose first cell is `Owner`. */
function bodyOwnerFromTable(w: Walk, node: Nodes): void {
  if (w.bodyOwner || node.type !== 'table') return;
  for (const row of node.children) {
    const [head, value] = row.children;
    if (!head || !value) continue;
    if (/^\s*owners?\s*:?\s*$/i.test(plainText(head))) {
      w.bodyOwner = ownerFact(plainText(value).trim(), 'body', 'Owner table row', rangeOf(w, row), w.rubric);
      return;
    }
  }
}

function ownerFact(value: string, source: OwnerFact['source'], origin: string, range: Range | undefined, rubric: Rubric): OwnerFact {
  return { value, source, origin, range, placeholder: isPlaceholder(value, rubric) };
}

/** True when an owner value is empty or a placeholder such as TBD or everyone. */
export function isPlaceholder(value: string, rubric: Rubric): boolean {
  const v = value.toLowerCase().replace(/[^\p{L}\p{N}/?]+/gu, ' ').trim();
  if (v === '') return true;
  return rubric.settings.ownerPlaceholders.some((p) => p.toLowerCase() === v);
}

/** Sets slugs and `hasContent` once all headings are known. */
function markHeadingContent(children: readonly RootContent[], headings: Heading[], w: Walk): void {
  const seen = new Map<string, number>();
  for (const h of headings) {
    const base = slugify(h.text);
    const n = seen.get(base) ?? 0;
    h.slug = n === 0 ? base : `${base}-${n}`;
    seen.set(base, n + 1);
  }
  for (const a of w.anchors) if (a) headings.push({ depth: 7, text: a, normalized: '', slug: a, range: w.lines.range(0, 0), hasContent: false });
  let hi = 0;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c.type !== 'heading' || inGenerated(w, c)) continue;
    const h = headings[hi++];
    if (!h) break;
    const next = children[i + 1];
    h.hasContent = next !== undefined && !(next.type === 'heading' && next.depth <= c.depth);
  }
}

/** Title, owner, review date and the meta fields, from the front matter and the body. */
function applyFrontMatterFacts(doc: SopDocument, rubric: Rubric, w: Walk): void {
  const fm = doc.frontMatter;
  const entries = fm && !fm.error ? fm.entries : [];
  const find = (concept: string) => findEntry(entries, rubric, concept);

  const title = find('title');
  if (title && typeof title.value === 'string' && title.value.trim()) {
    doc.title = title.value.trim();
    doc.titleRange = title.valueRange;
  } else {
    const h1 = doc.headings.find((h) => h.depth === 1);
    if (h1) {
      doc.title = h1.text;
      doc.titleRange = h1.range;
    }
  }

  const owner = find('owner');
  if (owner) {
    const value = ownerValue(owner.value);
    doc.owner = { value, source: 'front-matter', origin: owner.key, range: owner.valueRange, placeholder: isPlaceholder(value, rubric) };
  } else if (w.bodyOwner) {
    doc.owner = w.bodyOwner;
  }

  doc.review = reviewFact(entries, rubric);

  doc.meta = {
    type: scalarText(find('type')?.value)?.toLowerCase(),
    category: listText(find('category')?.value).join(', ') || undefined,
    tags: listText(find('tags')?.value),
    traits: listText(find('traits')?.value).map((t) => t.toLowerCase()),
    automation: listText(find('automation')?.value).join(', ') || undefined,
    metrics: listText(find('metrics')?.value).join(', ') || undefined,
  };
}

/** The first front-matter entry whose key is one of a concept's aliases. */
export function findEntry(entries: readonly FrontMatterEntry[], rubric: Rubric, concept: string): FrontMatterEntry | undefined {
  const aliases = rubric.aliases.frontMatter[concept] ?? [concept];
  for (const alias of aliases) {
    const key = alias.toLowerCase().replace(/[\s_-]+/g, '_');
    const e = entries.find((x) => x.normalizedKey === key);
    if (e) return e;
  }
  return undefined;
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return undefined;
}

/** A value read as a list of texts: arrays, comma-separated strings, scalars, objects' values. */
function listText(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap(listText);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  if (typeof v === 'object' && !(v instanceof Date)) return Object.values(v as Record<string, unknown>).flatMap(listText);
  const s = scalarText(v);
  return s ? [s] : [];
}

function ownerValue(v: unknown): string {
  return listText(v).join(', ');
}

function reviewFact(entries: readonly FrontMatterEntry[], rubric: Rubric): ReviewFact | undefined {
  const e = findEntry(entries, rubric, 'reviewed');
  if (!e) return undefined;
  const raw = e.value instanceof Date ? e.value.toISOString().slice(0, 10) : e.value === null || e.value === undefined ? '' : String(e.value);
  const fact: ReviewFact = { key: e.key, raw, date: parseDate(e.value), range: e.valueRange };
  const next = findEntry(entries, rubric, 'nextReview');
  const nextDate = next ? parseDate(next.value) : undefined;
  if (nextDate) fact.nextReview = nextDate;
  else if (fact.date) {
    const interval = findEntry(entries, rubric, 'reviewIn');
    const due = interval ? addInterval(fact.date, interval.value) : undefined;
    if (due) fact.nextReview = due;
  }
  return fact;
}

/** Regions between generated-content markers, as offset pairs. */
function generatedRegions(text: string, rubric: Rubric): [number, number][] {
  const out: [number, number][] = [];
  for (const { start, end } of rubric.settings.generatedMarkers) {
    let from = 0;
    for (;;) {
      const s = text.indexOf(start, from);
      if (s < 0) break;
      const e = text.indexOf(end, s + start.length);
      const stop = e < 0 ? text.length : e + end.length;
      out.push([s, stop]);
      from = stop;
    }
  }
  return out;
}

/**
 * Bottom-k sketch of the body's word 5-gram shingles: the smallest
 * `SKETCH_SIZE` distinct hashes, sorted. Two sketches estimate the Jaccard
 * similarity of the full shingle sets (exactly, for short documents).
 */
function sketch(text: string, fm: FrontMatter | undefined): number[] {
  const body = fm ? text.slice(fm.range.end.offset) : text;
  const words = body.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  // Each word is hashed once; a shingle's hash combines its words' hashes.
  const hashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) hashes[i] = hash32(words[i]);
  const set = new Set<number>();
  if (words.length > 0 && words.length < SHINGLE_WORDS) set.add(hashWords(hashes, 0, words.length));
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) set.add(hashWords(hashes, i, SHINGLE_WORDS));
  const all = Uint32Array.from(set).sort();
  return Array.from(all.length > SKETCH_SIZE ? all.subarray(0, SKETCH_SIZE) : all);
}

/**
 * The texts that trait and coverage words are matched against: title, path,
 * each tag and the category (never the body), in word-space form.
 */
export function matchSpaces(doc: SopDocument): { field: string; space: string }[] {
  let spaces = spacesOf.get(doc);
  if (!spaces) spacesOf.set(doc, (spaces = buildMatchSpaces(doc)));
  return spaces;
}

/** `matchSpaces` per document object (facts are never changed after parsing): topic coverage asks for each topic. */
const spacesOf = new WeakMap<SopDocument, { field: string; space: string }[]>();

function buildMatchSpaces(doc: SopDocument): { field: string; space: string }[] {
  return [
    { field: 'title', space: wordSpace(doc.title ?? '') },
    { field: 'path', space: wordSpace(doc.path) },
    ...doc.meta.tags.map((t) => ({ field: 'tags', space: wordSpace(t) })),
    { field: 'category', space: wordSpace(doc.meta.category ?? '') },
  ];
}
