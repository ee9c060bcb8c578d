/**
 * Parses one Markdown file, once, into the facts the checks read
 * (`SopDocument`). The syntax tree is dropped afterwards: checks and caches
 * work on facts only.
 */
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { ListItem, Nodes, Root, RootContent, Text } from 'mdast';
import type { Exemption, FrontMatter, FrontMatterEntry, Heading, LinkFact, ListFact, OwnerFact, ReviewFact, SopDocument } from './facts';
import type { Range } from '../position';
import type { Rubric } from '../rubric/types';
import { readFrontMatter } from './frontmatter';
import { LineIndex, detectLineEnding, hash32, hashWords, normalizeHeading, sha1, slugify, stepNumber, wordSpace } from '../text';
import { addInterval, parseDate } from '../dates';
import { classify } from './classify';
import { isPlaceholderText, isPlaceholderValue } from './placeholders';
import { remarkGfmSubset } from './remark-gfm-subset';

/**
 * The Markdown parser: one frozen unified processor, made once, with
 * remark-parse (CommonMark), remark-frontmatter (YAML and TOML front matter,
 * as nodes with positions) and the parts of GFM the facts need
 * (`remarkGfmSubset`: tables for an `Owner` row, task lists for checklists).
 * Only `parse` is called: no transforms run, the tree is read once into facts.
 * GFM autolink literals, strikethrough and footnotes are left out (see
 * remark-gfm-subset.ts): bare URLs are found in the text instead.
 */
export const markdownProcessor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfmSubset).freeze();

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
    words: 0,
    shingles: [],
    vocabulary: { size: 0, sketch: [] },
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
  /** Placeholder judgements of blocks (see `contentKind`), each made once. */
  kinds: Map<Nodes, Kind>;
  /** Per top-level block: the section heading it opens (a heading, or a loose heading line), if any. */
  opens: (Heading | undefined)[];
}

function collect(doc: SopDocument, text: string, rubric: Rubric): SopDocument {
  const lines = new LineIndex(text);
  // micromark (under remark-parse) drops a byte-order mark and counts offsets without it: parse without it and move the positions back onto `text`.
  const bom = text.charCodeAt(0) === 0xfeff;
  const tree: Root = markdownProcessor.parse(bom ? text.slice(1) : text);
  if (bom) shiftPositions(tree, 1);
  const w: Walk = { text, lines, rubric, doc, generated: generatedRegions(text, rubric), headingIndex: -1, anchors: new Set(), kinds: new Map(), opens: [] };

  const first = tree.children[0];
  if (first && (first.type === 'yaml' || (first.type as string) === 'toml') && first.position) {
    const fm = readFrontMatter(text, lines, first.type === 'yaml' ? 'yaml' : 'toml', first.position.start.offset ?? 0, first.position.end.offset ?? 0);
    doc.frontMatter = fm;
    if (fm.error) doc.errors.push({ message: fm.error.message, range: fm.error.range });
    for (const warning of fm.warnings ?? []) doc.errors.push({ message: warning.message, range: warning.range });
  }

  walkTop(w, tree.children);
  markPlaceholderSections(w, tree.children);
  markHeadingSlugs(doc.headings, w);
  applyFrontMatterFacts(doc, rubric, w);
  doc.words = countWords(tree, w);
  const sketches = sketch(text, doc.frontMatter);
  doc.shingles = sketches.shingles;
  doc.vocabulary = sketches.vocabulary;
  const cls = classify(doc, rubric);
  doc.kind = cls.kind;
  doc.kindReason = cls.reason;
  if (cls.asPage) doc.asPage = cls.asPage;
  if (isStubKind(doc, doc.kind, rubric)) doc.stub = true;
  return doc;
}

/** Moves every position of a tree `by` UTF-16 units (the text it was parsed from began `by` units later); line 1's columns too. */
function shiftPositions(node: Nodes, by: number): void {
  const p = node.position;
  if (p) {
    for (const point of [p.start, p.end]) {
      if (point.offset !== undefined) point.offset += by;
      if (point.line === 1) point.column += by;
    }
  }
  if ('children' in node) for (const c of node.children as Nodes[]) shiftPositions(c, by);
}

/** True when a document of `kind` with the document's words is a stub (a procedure with too few words of its own). */
export function isStubKind(doc: SopDocument, kind: SopDocument['kind'], rubric: Rubric): boolean {
  return kind === 'procedure' && doc.words < (rubric.settings.stubWords ?? 30);
}

/**
 * Words of the body: text, code and image descriptions, outside front
 * matter, headings, HTML (comments included), link targets and placeholder
 * paragraphs (`(to be completed)`, `TBD`): the author's own words.
 */
function countWords(tree: Root, w: Walk): number {
  let n = 0;
  const visit = (node: Nodes): void => {
    if (node.type === 'heading' || node.type === 'html' || node.type === 'yaml' || (node.type as string) === 'toml' || node.type === 'definition') return;
    if (node.type === 'paragraph' && contentKind(w, node) === PLACEHOLDER) return;
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') n += wordCount(node.value);
    else if (node.type === 'image') n += wordCount(node.alt ?? '');
    if ('children' in node) for (const c of node.children as Nodes[]) visit(c);
  };
  visit(tree);
  return n;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Words (runs of letters and digits) in `s`: a loop over the characters, ASCII answered without a regular expression. */
function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const word = c < 128 ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : WORD_CHAR.test(s[i]);
    if (word && !inWord) n++;
    inWord = word;
  }
  return n;
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

function walkChildren(w: Walk, children: readonly Nodes[], listDepth: number, quoted: boolean): void {
  for (const node of children) walk(w, node, listDepth, quoted);
}

/**
 * Walks the top-level blocks, marking which headings have content: a heading
 * has content when the block right after it is not a heading of the same or
 * a higher rank.
 */
function walkTop(w: Walk, children: readonly RootContent[]): void {
  let open: Heading | undefined;
  // The last top-level list, while only code blocks follow it: a list that comes next goes on from it.
  let lastList: ListFact | undefined;
  for (const node of children) {
    if (node.type === 'list' && lastList && lastList.ordered === (node.ordered === true)) {
      const lists = w.doc.lists.length;
      walk(w, node, 0, false);
      if (w.doc.lists.length > lists) w.doc.lists[lists].continues = true;
      lastList = w.doc.lists[lists];
      open = undefined;
      w.opens.push(undefined);
      continue;
    }
    if (node.type === 'list') lastList = undefined;
    else if (node.type !== 'code') lastList = undefined;
    const before = w.doc.headings.length;
    const depth = node.type === 'heading' ? node.depth : looseHeadingDepth(w, node);
    if (open && !(depth !== undefined && depth <= open.depth)) open.hasContent = true;
    const lists = w.doc.lists.length;
    walk(w, node, 0, false);
    if (node.type === 'list') lastList = w.doc.lists[lists];
    const added = w.doc.headings.length > before ? w.doc.headings[w.doc.headings.length - 1] : undefined;
    open = depth !== undefined && added && !added.hasContent ? added : undefined;
    w.opens.push(depth !== undefined ? added : undefined);
  }
}

/** What a block holds, as far as placeholders go: nothing (a comment, a rule), only placeholders, or something a person wrote. */
type Kind = 0 | 1 | 2;
const NOTHING = 0;
const PLACEHOLDER = 1;
const WRITTEN = 2;

/** An HTML block that is one comment (an exemption, a note to editors): no content of the section. */
const HTML_COMMENT = /^\s*<!--[\s\S]*-->\s*$/;
/** A prompt in angle brackets that Markdown reads as an HTML tag (`<add the steps here>`): words, no attribute values, no closing slash. */
const HTML_PROMPT = /^\s*<\p{L}[\p{L}\p{N}-]*(?:\s+[\p{L}\p{N}'’.,-]+)+\s*>\s*$/u;

/**
 * Whether a block holds placeholders only (RUBRIC.md, "A level is earned,
 * never clicked"): a paragraph is judged on its source text (so an image
 * or a link is content), a list item, a list or a quote by its blocks, an
 * empty list item is a placeholder, a comment or a rule is nothing, and any
 * other block (code, a table, HTML) is written content.
 */
function contentKind(w: Walk, node: Nodes): Kind {
  let kind = w.kinds.get(node);
  if (kind !== undefined) return kind;
  switch (node.type) {
    case 'paragraph':
      kind = isPlaceholderText(w.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0), w.rubric) ? PLACEHOLDER : WRITTEN;
      break;
    case 'listItem':
      kind = node.children.length === 0 ? PLACEHOLDER : blocksKind(w, node.children);
      break;
    case 'list':
    case 'blockquote':
    case 'footnoteDefinition':
      kind = blocksKind(w, node.children);
      break;
    case 'html':
      kind = HTML_COMMENT.test(node.value) ? NOTHING : HTML_PROMPT.test(node.value) ? PLACEHOLDER : WRITTEN;
      break;
    case 'heading':
    case 'thematicBreak':
    case 'definition':
    case 'yaml':
      kind = NOTHING;
      break;
    case 'code':
      kind = node.value.trim() === '' ? NOTHING : WRITTEN;
      break;
    default:
      kind = (node.type as string) === 'toml' ? NOTHING : WRITTEN;
  }
  w.kinds.set(node, kind);
  return kind;
}

/** The kind of a run of blocks: written when one is, else placeholder when one is, else nothing. */
function blocksKind(w: Walk, nodes: readonly Nodes[]): Kind {
  let kind: Kind = NOTHING;
  for (const n of nodes) {
    const k = contentKind(w, n);
    if (k === WRITTEN) return WRITTEN;
    if (k === PLACEHOLDER) kind = PLACEHOLDER;
  }
  return kind;
}

/**
 * Marks the sections that hold placeholders and nothing a person wrote
 * (`Heading.placeholderOnly`): a section runs from its heading to the next
 * heading of the same or a higher rank, sub-sections included (their
 * headings are neither). A loose heading's own paragraph lines, and a block
 * of a generated region, are written content.
 */
function markPlaceholderSections(w: Walk, children: readonly RootContent[]): void {
  const open: { heading: Heading; placeholder: boolean; written: boolean }[] = [];
  const close = (depth: number): void => {
    while (open.length > 0 && open[open.length - 1].heading.depth >= depth) {
      const s = open.pop() as (typeof open)[number];
      if (s.placeholder && !s.written) s.heading.placeholderOnly = true;
    }
  };
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    const heading = w.opens[i];
    if (heading) {
      close(heading.depth);
      open.push({ heading, placeholder: false, written: heading.loose === true && heading.hasContent });
      continue;
    }
    if (open.length === 0) continue;
    const kind = inGenerated(w, node) ? WRITTEN : contentKind(w, node);
    if (kind === NOTHING) continue;
    for (const s of open) {
      if (kind === WRITTEN) s.written = true;
      else s.placeholder = true;
    }
  }
  close(0);
}

/**
 * `##Process` (no space, or a no-break space, after the marks): not a heading
 * in CommonMark, but one in Redcarpet (Middleman) and in the author's mind.
 */
const LOOSE_HEADING = /^(#{1,6})\u00a0?(\p{L}[^\n]*?)\s*#*\s*$/u;

/** The depth of a paragraph that opens with a loose heading line, else undefined. */
function looseHeadingDepth(w: Walk, node: Nodes): number | undefined {
  if (node.type !== 'paragraph' || w.text.charCodeAt(node.position?.start.offset ?? -1) !== 35) return undefined;
  const start = node.position?.start.offset ?? 0;
  const eol = w.text.indexOf('\n', start);
  const m = LOOSE_HEADING.exec(w.text.slice(start, eol < 0 ? node.position?.end.offset : eol).replace(/\r$/, ''));
  return m ? m[1].length : undefined;
}

/** Records a loose heading line that opens a paragraph (see `LOOSE_HEADING`). */
function looseHeading(w: Walk, node: Nodes): void {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const eol = w.text.indexOf('\n', start);
  const lineEnd = eol < 0 || eol > end ? end : eol;
  const m = LOOSE_HEADING.exec(w.text.slice(start, lineEnd).replace(/\r$/, ''));
  if (!m) return;
  const text = m[2].trim();
  const heading: Heading = { depth: m[1].length, text, normalized: normalizeHeading(text), slug: '', range: w.lines.range(start, lineEnd), hasContent: lineEnd < end, loose: true };
  const step = stepNumber(text);
  if (step !== undefined) heading.step = step;
  w.doc.headings.push(heading);
  w.headingIndex = w.doc.headings.length - 1;
}

/** `{#custom-id}` at the end of a heading (kramdown, Hugo, MkDocs attribute lists): an anchor of its own. */
const HEADING_ID = /\s*\{#([^\s}]+)[^}]*\}\s*$/;

function walk(w: Walk, node: Nodes, listDepth: number, quoted: boolean): void {
  const generated = inGenerated(w, node);
  switch (node.type) {
    case 'heading': {
      if (generated) return;
      let text = plainText(node).trim();
      const id = HEADING_ID.exec(text);
      if (id) {
        w.anchors.add(id[1]);
        text = text.slice(0, id.index);
      }
      const heading: Heading = { depth: node.depth, text, normalized: normalizeHeading(text), slug: '', range: rangeOf(w, node), hasContent: false };
      const step = stepNumber(text);
      if (step !== undefined) heading.step = step;
      if (isLinkOnly(node.children)) heading.linkOnly = true;
      if (listDepth > 0 || quoted) heading.nested = true;
      w.doc.headings.push(heading);
      w.headingIndex = w.doc.headings.length - 1;
      collectLinks(w, node);
      return;
    }
    case 'list': {
      if (!generated) {
        const items = node.children;
        const list: ListFact = {
          ordered: node.ordered === true,
          items: items.length,
          taskItems: items.filter((i) => typeof i.checked === 'boolean').length,
          itemTexts: items.map((i) => firstParagraphText(i)),
          range: rangeOf(w, node),
          headingIndex: w.headingIndex,
          depth: listDepth,
        };
        if (quoted) list.quoted = true;
        if (node.ordered && typeof node.start === 'number' && node.start !== 1) list.start = node.start;
        if (items.length > 0 && items.every(isNavigationItem)) list.navigation = true;
        let placeholders = 0;
        let placeholderTasks = 0;
        for (const item of items) {
          if (contentKind(w, item) !== PLACEHOLDER) continue;
          placeholders++;
          if (typeof item.checked === 'boolean') placeholderTasks++;
        }
        if (placeholders > 0) list.placeholderItems = placeholders;
        if (placeholderTasks > 0) list.placeholderTasks = placeholderTasks;
        w.doc.lists.push(list);
      }
      for (const item of node.children) walkChildren(w, item.children, listDepth + 1, quoted);
      return;
    }
    case 'paragraph':
      if (!generated) {
        if (listDepth === 0 && !quoted && w.text.charCodeAt(node.position?.start.offset ?? -1) === 35) looseHeading(w, node);
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
      walkChildren(w, node.children, listDepth, true);
      return;
    case 'footnoteDefinition':
      walkChildren(w, node.children, listDepth, quoted);
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

/** True when inline content is one or more links and nothing else but spaces and separators. */
function isLinkOnly(children: readonly Nodes[]): boolean {
  let links = 0;
  for (const c of children) {
    if (c.type === 'link' || c.type === 'linkReference') links++;
    else if (c.type !== 'text' || /[\p{L}\p{N}]/u.test(c.value)) return false;
  }
  return links > 0;
}

/** A description after a navigation link stays short: a few words, not a step's instructions. */
const NAV_DESCRIPTION_WORDS = 15;

/**
 * A list item that is only a link (to another file or a heading), optionally
 * followed by a short description, with nothing else in it but nested
 * navigation lists: a line of an index or a table of contents.
 */
function isNavigationItem(item: ListItem): boolean {
  const [first, ...rest] = item.children;
  if (!first || first.type !== 'paragraph') return false;
  const inline = first.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const lead = inline[0];
  if (!lead || (lead.type !== 'link' && lead.type !== 'linkReference')) return false;
  const after = inline.slice(1).map((c) => plainText(c)).join(' ');
  if (wordCount(after) > NAV_DESCRIPTION_WORDS) return false;
  return rest.every((c) => c.type === 'list' && c.children.every(isNavigationItem));
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
  let value = m[1].replace(/\*\*|__/g, '').trim();
  if (value === '') {
    // `Owner: <owner>`: the value is an HTML tag to Markdown, gone from the plain text; read it in the source.
    const source = w.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0).split(/\r?\n/)[0];
    value = source.slice(source.indexOf(':') + 1).replace(/\*\*|__/g, '').trim();
  }
  // The finding of a placeholder owner goes on the `Owner:` line, not on the whole paragraph.
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const eol = w.text.indexOf('\n', start);
  const lineEnd = eol < 0 || eol > end ? end : eol - (w.text.charCodeAt(eol - 1) === 13 ? 1 : 0);
  w.bodyOwner = ownerFact(value, 'body', 'Owner: line', w.lines.range(start, lineEnd), w.rubric);
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
  return { value, source, origin, range, placeholder: isPlaceholderValue(value, rubric) };
}

/** True when a value read as a list (`[tbd, team]`, `TBD`) holds placeholders only; an empty list is one too. */
function placeholderList(values: readonly string[], rubric: Rubric): boolean {
  return values.every((v) => isPlaceholderValue(v, rubric));
}

/** Sets slugs and `hasContent` once all headings are known. */
function markHeadingSlugs(headings: Heading[], w: Walk): void {
  const seen = new Map<string, number>();
  for (const h of headings) {
    const base = slugify(h.text);
    const n = seen.get(base) ?? 0;
    h.slug = n === 0 ? base : `${base}-${n}`;
    seen.set(base, n + 1);
  }
  for (const a of w.anchors) if (a) headings.push({ depth: 7, text: a, normalized: '', slug: a, range: w.lines.range(0, 0), hasContent: false });
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
    // The first level-1 heading, else the first heading of any depth (RUBRIC.md).
    const h = doc.headings.find((x) => x.depth === 1) ?? doc.headings.find((x) => x.depth <= 6);
    if (h) {
      doc.title = h.text;
      doc.titleRange = h.range;
    }
  }

  const owner = find('owner');
  if (owner) {
    const values = listText(owner.value);
    doc.owner = { value: values.join(', '), source: 'front-matter', origin: owner.key, range: owner.valueRange, placeholder: placeholderList(values, rubric) };
  } else if (w.bodyOwner) {
    doc.owner = w.bodyOwner;
  }

  doc.review = reviewFact(entries, rubric);

  // Category, automation and metrics: the value as written, and where it is when it is only a placeholder.
  const placeholders: NonNullable<SopDocument['meta']['placeholders']> = {};
  const valued = (concept: 'category' | 'automation' | 'metrics'): string | undefined => {
    const entry = find(concept);
    const values = listText(entry?.value);
    if (!entry || values.length === 0) return undefined;
    if (placeholderList(values, rubric)) placeholders[concept] = entry.valueRange;
    return values.join(', ');
  };
  doc.meta = {
    type: scalarText(find('type')?.value)?.toLowerCase(),
    category: valued('category'),
    tags: listText(find('tags')?.value),
    traits: listText(find('traits')?.value).map((t) => t.toLowerCase()),
    automation: valued('automation'),
    metrics: valued('metrics'),
  };
  if (placeholders.category || placeholders.automation || placeholders.metrics) doc.meta.placeholders = placeholders;
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

/** How many of the smallest content-word hashes the vocabulary sketch keeps. */
export const VOCABULARY_SKETCH_SIZE = 64;

/** Frequent words of four letters or more that say nothing about a document's subject. */
const COMMON_WORDS = new Set(
  'about after also been before being both cannot could does done each from have here into just like make more most must need only other over same should some such than that their them then there these they this those through under until very were what when where which while will with would your'.split(' '),
);

/**
 * Bottom-k sketches of the body (front matter excluded): its word 5-gram
 * shingles (the smallest `SKETCH_SIZE` distinct hashes, sorted), which
 * estimate how much of the text two documents share, and its vocabulary
 * (distinct words of four letters or more, common words aside), which
 * estimates how much of the subject they share when the wording differs.
 */
function sketch(text: string, fm: FrontMatter | undefined): { shingles: number[]; vocabulary: SopDocument['vocabulary'] } {
  const body = fm ? text.slice(fm.range.end.offset) : text;
  const words = body.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  // Each word is hashed once; a shingle's hash combines its words' hashes.
  const hashes = new Uint32Array(words.length);
  const vocabulary = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    hashes[i] = hash32(words[i]);
    if (words[i].length >= 4 && !COMMON_WORDS.has(words[i])) vocabulary.add(hashes[i]);
  }
  const set = new Set<number>();
  if (words.length > 0 && words.length < SHINGLE_WORDS) set.add(hashWords(hashes, 0, words.length));
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) set.add(hashWords(hashes, i, SHINGLE_WORDS));
  return { shingles: bottom(set, SKETCH_SIZE), vocabulary: { size: vocabulary.size, sketch: bottom(vocabulary, VOCABULARY_SKETCH_SIZE) } };
}

function bottom(set: Set<number>, k: number): number[] {
  const all = Uint32Array.from(set).sort();
  return Array.from(all.length > k ? all.subarray(0, k) : all);
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
