/**
 * Placeholder content: whether a block holds nothing, only placeholders or
 * something a person wrote (`contentKind`), and the sections that hold
 * placeholders only (`Heading.placeholderOnly`).
 */
import type { Nodes, RootContent } from 'mdast';
import type { Heading } from './facts';
import { isPlaceholderText } from './placeholders';
import { NOTHING, PLACEHOLDER, WRITTEN, inGenerated, type Kind, type Walk } from './walkState';

/** An HTML block that is one comment (an exemption, a note to editors): no content of the section. */
const HTML_COMMENT = /^\s*<!--[\s\S]*-->\s*$/;
/**
 * A prompt in angle brackets that Markdown reads as an HTML tag (`<add the steps here>`): words, no attribute
 * values, no closing slash.
 */
const HTML_PROMPT = /^\s*<\p{L}[\p{L}\p{N}-]*(?:\s+[\p{L}\p{N}'’.,-]+)+\s*>\s*$/u;

/**
 * Whether a block holds placeholders only (RUBRIC.md, "A level is earned,
 * never clicked"): a paragraph is judged on its source text (so an image
 * or a link is content), a list item, a list or a quote by its blocks, an
 * empty list item is a placeholder, a comment or a rule is nothing, and any
 * other block (code, a table, HTML) is written content.
 */
export function contentKind(w: Walk, node: Nodes): Kind {
  let kind = w.kinds.get(node);
  if (kind !== undefined) return kind;
  switch (node.type) {
    case 'paragraph': {
      const source = w.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
      kind = isPlaceholderText(source, w.rubric) ? PLACEHOLDER : WRITTEN;
      break;
    }
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
export function markPlaceholderSections(w: Walk, children: readonly RootContent[]): void {
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
