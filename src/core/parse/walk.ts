/**
 * The walk over a document's syntax tree that collects its facts: headings,
 * lists (steps, checklists, navigation), links, the body's owner and
 * exemptions, block by block. Generated regions give only their exemptions.
 */
import type { List, ListItem, Nodes, RootContent } from 'mdast';
import type { Heading, ListFact } from './facts';
import { bodyOwnerFromParagraph, bodyOwnerFromTable } from './bodyOwner';
import { contentKind } from './contentKinds';
import { addHeading, looseHeading, looseHeadingDepth } from './headings';
import { addLink, collectLinks, htmlFacts } from './links';
import { wordCount } from './sketch';
import { PLACEHOLDER, inGenerated, plainText, rangeOf, type Walk } from './walkState';

/**
 * Walks the top-level blocks, marking which headings have content: a heading
 * has content when the block right after it is not a heading of the same or
 * a higher rank.
 */
export function walkTop(w: Walk, children: readonly RootContent[]): void {
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

function walkChildren(w: Walk, children: readonly Nodes[], listDepth: number, quoted: boolean): void {
  for (const node of children) walk(w, node, listDepth, quoted);
}

function walk(w: Walk, node: Nodes, listDepth: number, quoted: boolean): void {
  const generated = inGenerated(w, node);
  switch (node.type) {
    case 'heading':
      if (generated) return;
      addHeading(w, node, listDepth > 0 || quoted);
      collectLinks(w, node);
      return;
    case 'list':
      if (!generated) w.doc.lists.push(listFact(w, node, listDepth, quoted));
      for (const item of node.children) walkChildren(w, item.children, listDepth + 1, quoted);
      return;
    case 'paragraph':
      if (!generated) {
        const opensWithHash = w.text.charCodeAt(node.position?.start.offset ?? -1) === 35;
        if (listDepth === 0 && !quoted && opensWithHash) looseHeading(w, node);
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

/** The facts of a list (`listDepth`: how many lists it is nested in; `quoted`: inside a quote). */
function listFact(w: Walk, node: List, listDepth: number, quoted: boolean): ListFact {
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
  return list;
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
  const after = inline
    .slice(1)
    .map((c) => plainText(c))
    .join(' ');
  if (wordCount(after) > NAV_DESCRIPTION_WORDS) return false;
  return rest.every((c) => c.type === 'list' && c.children.every(isNavigationItem));
}

function firstParagraphText(item: { children: RootContent[] }): string {
  const p = item.children.find((c) => c.type === 'paragraph');
  return p ? plainText(p).replace(/\s+/g, ' ').trim() : '';
}
