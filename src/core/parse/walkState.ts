/**
 * The state of one walk over a document's syntax tree (`Walk`), shared by
 * the modules that collect its facts, and the small helpers they all use:
 * a node's range, generated regions, a node's plain text.
 */
import type { Nodes } from 'mdast';
import type { Heading, OwnerFact, SopDocument } from './facts';
import type { Range } from '../position';
import type { Rubric } from '../rubric/types';
import type { LineIndex } from '../text';

/**
 * What a block holds, as far as placeholders go: nothing (a comment, a rule),
 * only placeholders, or something a person wrote (see contentKinds.ts).
 */
export type Kind = 0 | 1 | 2;
export const NOTHING = 0;
export const PLACEHOLDER = 1;
export const WRITTEN = 2;

/** State of one walk over the tree. */
export interface Walk {
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

export function rangeOf(w: Walk, node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Range {
  const s = node.position?.start.offset ?? 0;
  const e = node.position?.end.offset ?? s;
  return w.lines.range(s, e);
}

export function inGenerated(w: Walk, node: Nodes): boolean {
  const o = node.position?.start.offset;
  if (o === undefined || w.generated.length === 0) return false;
  return w.generated.some(([s, e]) => o >= s && o < e);
}

/** Regions between generated-content markers, as offset pairs. */
export function generatedRegions(text: string, rubric: Rubric): [number, number][] {
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

/** Plain text of a node (text, inline code, image alt), like mdast-util-to-string. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}
