/**
 * Link facts: Markdown links, images and definitions, bare URLs in running
 * text (as GFM links them), and links, anchors and exemption comments inside
 * raw HTML.
 */
import type { Nodes, Text } from 'mdast';
import type { LinkFact } from './facts';
import type { Range } from '../position';
import { EXEMPTION, readExemption } from './exemptions';
import { rangeOf, type Walk } from './walkState';

/** Walks inline content for links and images (`inLink`: inside a link's text, where GFM links no bare URL). */
export function collectLinks(w: Walk, node: Nodes, inLink = false): void {
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
    // The text's value lost the source's indentation and escapes: find the address in the source, else take the
    // whole text.
    const at = w.text.indexOf(url, from);
    const found = at >= 0 && at + url.length <= end;
    if (found) from = at + url.length;
    const range = found ? w.lines.range(at, at + url.length) : rangeOf(w, node);
    addLink(w, 'link', /^www\./i.test(url) ? `http://${url}` : url, range);
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function addLink(w: Walk, kind: LinkFact['kind'], url: string, range: Range): void {
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

const HTML_LINK = /<(a|img)\b[^>]*?\s(href|src)\s*=\s*("([^"]*)"|'([^']*)')/gi;
const HTML_ANCHOR = /\s(?:id|name)\s*=\s*("([^"]*)"|'([^']*)')/gi;

/** Exemption comments, links and anchors inside raw HTML (only exemptions in a `generated` region). */
export function htmlFacts(w: Walk, value: string, offset: number, generated: boolean): void {
  for (const m of value.matchAll(EXEMPTION)) {
    const range = w.lines.range(offset + (m.index ?? 0), offset + (m.index ?? 0) + m[0].length);
    readExemption(w.doc, m[1], range);
  }
  if (generated) return;
  for (const m of value.matchAll(HTML_LINK)) {
    const at = offset + (m.index ?? 0);
    const kind = m[1].toLowerCase() === 'img' ? 'image' : 'html';
    addLink(w, kind, m[4] ?? m[5] ?? '', w.lines.range(at, at + m[0].length));
  }
  for (const m of value.matchAll(HTML_ANCHOR)) w.anchors.add(m[2] ?? m[3] ?? '');
}
