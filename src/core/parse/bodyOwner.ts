/**
 * The owner written in a document's body: an `Owner: name` line opening a
 * paragraph, or a table row whose first cell is `Owner` (the first one found;
 * the front matter's owner wins over it, see frontMatterFacts.ts).
 */
import type { Nodes } from 'mdast';
import type { OwnerFact } from './facts';
import type { Range } from '../position';
import type { Rubric } from '../rubric/types';
import { isPlaceholderValue } from './placeholders';
import { plainText, rangeOf, type Walk } from './walkState';

/** `Owner: name` paragraphs (also bold), the first line only. */
export function bodyOwnerFromParagraph(w: Walk, node: Nodes): void {
  if (w.bodyOwner) return;
  const text = plainText(node);
  const m = /^\s*owners?\s*:\s*(.+)$/im.exec(text);
  if (!m || m.index !== text.search(/\S/)) return;
  let value = m[1].replace(/\*\*|__/g, '').trim();
  if (value === '') {
    // `Owner: <owner>`: the value is an HTML tag to Markdown, gone from the plain text; read it in the source.
    const source = w.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0).split(/\r?\n/)[0];
    value = source
      .slice(source.indexOf(':') + 1)
      .replace(/\*\*|__/g, '')
      .trim();
  }
  // The finding of a placeholder owner goes on the `Owner:` line, not on the whole paragraph.
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const eol = w.text.indexOf('\n', start);
  const lineEnd = eol < 0 || eol > end ? end : eol - (w.text.charCodeAt(eol - 1) === 13 ? 1 : 0);
  w.bodyOwner = ownerFact(value, 'body', 'Owner: line', w.lines.range(start, lineEnd), w.rubric);
}

/** A table row whose first cell is `Owner`. */
export function bodyOwnerFromTable(w: Walk, node: Nodes): void {
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

function ownerFact(
  value: string,
  source: OwnerFact['source'],
  origin: string,
  range: Range | undefined,
  rubric: Rubric,
): OwnerFact {
  return { value, source, origin, range, placeholder: isPlaceholderValue(value, rubric) };
}
