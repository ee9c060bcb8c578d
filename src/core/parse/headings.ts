/**
 * Heading facts: Markdown headings (with `{#custom-id}` anchors), loose
 * heading lines (`##Process`), and slugs once every heading is known.
 */
import type { Heading as MdHeading, Nodes } from 'mdast';
import type { Heading } from './facts';
import { normalizeHeading, slugify, stepNumber } from '../text';
import { plainText, rangeOf, type Walk } from './walkState';

/**
 * `##Process` (no space, or a no-break space, after the marks): not a heading
 * in CommonMark, but one in Redcarpet (Middleman) and in the author's mind.
 */
const LOOSE_HEADING = /^(#{1,6})\u00a0?(\p{L}[^\n]*?)\s*#*\s*$/u;

/** The depth of a paragraph that opens with a loose heading line, else undefined. */
export function looseHeadingDepth(w: Walk, node: Nodes): number | undefined {
  if (node.type !== 'paragraph' || w.text.charCodeAt(node.position?.start.offset ?? -1) !== 35) return undefined;
  const start = node.position?.start.offset ?? 0;
  const eol = w.text.indexOf('\n', start);
  const m = LOOSE_HEADING.exec(w.text.slice(start, eol < 0 ? node.position?.end.offset : eol).replace(/\r$/, ''));
  return m ? m[1].length : undefined;
}

/** Records a loose heading line that opens a paragraph (see `LOOSE_HEADING`). */
export function looseHeading(w: Walk, node: Nodes): void {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const eol = w.text.indexOf('\n', start);
  const lineEnd = eol < 0 || eol > end ? end : eol;
  const m = LOOSE_HEADING.exec(w.text.slice(start, lineEnd).replace(/\r$/, ''));
  if (!m) return;
  const text = m[2].trim();
  const heading: Heading = {
    depth: m[1].length,
    text,
    normalized: normalizeHeading(text),
    slug: '',
    range: w.lines.range(start, lineEnd),
    hasContent: lineEnd < end,
    loose: true,
  };
  const step = stepNumber(text);
  if (step !== undefined) heading.step = step;
  w.doc.headings.push(heading);
  w.headingIndex = w.doc.headings.length - 1;
}

/** `{#custom-id}` at the end of a heading (kramdown, Hugo, MkDocs attribute lists): an anchor of its own. */
const HEADING_ID = /\s*\{#([^\s}]+)[^}]*\}\s*$/;

/** Records a Markdown heading (`nested` inside a list or a quote); its links are the caller's. */
export function addHeading(w: Walk, node: MdHeading, nested: boolean): void {
  let text = plainText(node).trim();
  const id = HEADING_ID.exec(text);
  if (id) {
    w.anchors.add(id[1]);
    text = text.slice(0, id.index);
  }
  const heading: Heading = {
    depth: node.depth,
    text,
    normalized: normalizeHeading(text),
    slug: '',
    range: rangeOf(w, node),
    hasContent: false,
  };
  const step = stepNumber(text);
  if (step !== undefined) heading.step = step;
  if (isLinkOnly(node.children)) heading.linkOnly = true;
  if (nested) heading.nested = true;
  w.doc.headings.push(heading);
  w.headingIndex = w.doc.headings.length - 1;
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

/** Sets slugs and `hasContent` once all headings are known. */
export function markHeadingSlugs(headings: Heading[], w: Walk): void {
  const seen = new Map<string, number>();
  for (const h of headings) {
    const base = slugify(h.text);
    const n = seen.get(base) ?? 0;
    h.slug = n === 0 ? base : `${base}-${n}`;
    seen.set(base, n + 1);
  }
  for (const a of w.anchors) {
    if (a) headings.push({ depth: 7, text: a, normalized: '', slug: a, range: w.lines.range(0, 0), hasContent: false });
  }
}
