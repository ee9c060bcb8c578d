/**
 * The checklist fix's items, derived from the steps the document already
 * has (RUBRIC.md, "A level is earned, never clicked"): each written step
 * becomes a task item holding the step's first sentence, whole, as Markdown
 * source, so inline code, links and emphasis stay what they were. A step is
 * cut only at a sentence end, or, when its first sentence runs long, at a
 * word boundary past `CUT_AFTER` characters with an ellipsis; never inside
 * a code span, a link or an emphasis.
 */
import type { List, Nodes, Paragraph, PhrasingContent, Root } from 'mdast';
import type { ListFact, SopDocument } from '../parse/facts';
import type { Rubric } from '../rubric/types';
import { enclosingSection, isInstruction, readsAsStep, writtenSteps } from '../parse/sections';
import { isPlaceholderText } from '../parse/placeholders';
import { fragmentProcessor } from '../parse/processor';
import { procedure } from '../checks/procedure';

/** A first sentence up to this many characters (as read) stays whole. */
export const KEEP_WHOLE = 120;
/** A longer one is cut at the first word boundary past this many characters. */
export const CUT_AFTER = 100;
export const ELLIPSIS = '…';

/** True for a list that can hold the document's own steps: top level, not quoted, not navigation. */
function ownList(l: ListFact): boolean {
  return l.depth === 0 && !l.quoted && !l.navigation;
}

/** A list and the lists that go on after it (numbering interrupted by a code block or a paragraph). */
function withContinuations(lists: readonly ListFact[], first: ListFact): ListFact[] {
  const out = [first];
  for (let i = lists.indexOf(first) + 1; i < lists.length; i++) {
    const l = lists[i];
    if (l.depth > 0) continue;
    if (!l.continues || l.ordered !== first.ordered || !ownList(l)) break;
    out.push(l);
  }
  return out;
}

/** The fewest numbered items the procedure check takes for steps (with its level params, the most any level asks). */
function minOrderedItems(rubric: Rubric): number {
  const check = rubric.checks.find((c) => c.id === 'procedure');
  const values = [check?.params, ...(check?.levels ?? []).map((l) => l.params)]
    .map((p) => p?.minOrderedItems)
    .filter((v): v is number => typeof v === 'number');
  return Math.max(procedure.defaults.minOrderedItems, ...values);
}

/**
 * The lists that hold the document's written steps: the list of its steps
 * section (numbered or bulleted, two items or more), else its first numbered
 * list of steps (as many items as the procedure check asks, one of them an
 * instruction or a question), else the bulleted list of instructions that
 * makes it a procedure. Empty when the document has no written steps, or has
 * them only as headings. A document whose steps these are already passes
 * the procedure check: the checklist adds no steps it did not have.
 */
export function stepLists(doc: SopDocument, rubric: Rubric): ListFact[] {
  const lists = doc.lists;
  const own = lists.filter(ownList);
  const inSection = own.find(
    (l) => l.items >= 2 && l.taskItems === 0 && enclosingSection(doc, l, rubric, 'steps') !== undefined,
  );
  if (inSection) return withContinuations(lists, inSection);
  const min = minOrderedItems(rubric);
  const ordered = own.find((l) => l.ordered && l.items >= min && l.itemTexts.some((t) => readsAsStep(t, rubric)));
  if (ordered) return withContinuations(lists, ordered);
  if (writtenSteps(doc, rubric)?.form === 'instruction-list') {
    const bulleted = own.find(
      (l) => !l.ordered && l.items >= 3 && l.itemTexts.filter((t) => isInstruction(t, rubric)).length * 2 >= l.items,
    );
    if (bulleted) return withContinuations(lists, bulleted);
  }
  return [];
}

/** One step of the document: its first paragraph's source and plain text. */
export interface StepSource {
  /** The first paragraph as Markdown source, on one line. */
  source: string;
  /** Its text as read (as the parser's `itemTexts`). */
  plain: string;
  /** The task item's Markdown (the first sentence, or its cut form). */
  item: string;
}

/**
 * The steps of the document, each with the Markdown of its task item.
 * Steps without a paragraph (an item that is only a code block) give none;
 * while one step is a placeholder, the steps are not written yet: none at all.
 */
export function checklistSteps(text: string, doc: SopDocument, rubric: Rubric): StepSource[] {
  if (doc.stub) return [];
  const definitions = doc.links
    .filter((l) => l.kind === 'definition')
    .map((l) => text.slice(l.range.start.offset, l.range.end.offset));
  const steps: StepSource[] = [];
  for (const list of stepLists(doc, rubric)) {
    for (const paragraph of firstParagraphs(text, list, definitions)) {
      const step = fromParagraph(paragraph.node, paragraph.source);
      if (!step) continue;
      // A step still to be written ("(to be completed)", "First step.") leaves the steps unfinished: no checklist until
      // it is written.
      if (isPlaceholderText(step.plain, rubric)) return [];
      steps.push(step);
    }
  }
  return steps;
}

/** Re-parses a list's own source and returns each item's first paragraph with the source it was read from. */
function firstParagraphs(
  text: string,
  list: ListFact,
  definitions: readonly string[],
): { node: Paragraph; source: string }[] {
  const start = list.range.start.offset;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // From the start of the list's line, so continuation lines keep their indentation relative to the markers.
  const from = /^[ \t]*$/.test(text.slice(lineStart, start)) ? lineStart : start;
  const own = text.slice(from, list.range.end.offset);
  // The document's link definitions, so that `[text][ref]` reads as the link it is.
  const source = definitions.length > 0 ? `${own}\n\n${definitions.join('\n')}\n` : own;
  const tree: Root = fragmentProcessor.parse(source);
  const node = tree.children.find((c): c is List => c.type === 'list');
  if (!node) return [];
  const out: { node: Paragraph; source: string }[] = [];
  for (const item of node.children) {
    const p = item.children.find((c): c is Paragraph => c.type === 'paragraph');
    if (p) out.push({ node: p, source });
  }
  return out;
}

/** A piece of a paragraph: its source on one line, its text as read, and whether it may be cut. */
interface Piece {
  source: string;
  plain: string;
  /** Running text, where a sentence may end and a cut may fall. */
  open: boolean;
}

function offsets(node: Nodes): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/** Text as read, like mdast-util-to-string (text, code, image alt). */
function plainOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if (node.type === 'break') return ' ';
  if ('children' in node) return (node.children as Nodes[]).map(plainOf).join('');
  return '';
}

/** What a stretch of running text's source reads as: escapes and character references resolved. */
function readAs(source: string): string {
  return source
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});/g, '&');
}

/** Line breaks (with the spaces around them) become one space: an item is one line. */
const oneLine = (s: string, code = false) => s.replace(code ? /\r?\n[ \t]*/g : /[ \t]*\r?\n[ \t]*/g, ' ');

function pieces(paragraph: Paragraph, source: string): Piece[] {
  return paragraph.children.map((child: PhrasingContent) => {
    const [a, b] = offsets(child);
    if (child.type === 'break') return { source: ' ', plain: ' ', open: true };
    const raw = source.slice(a, b);
    if (child.type === 'text') return { source: oneLine(raw), plain: oneLine(child.value), open: true };
    return {
      source: oneLine(raw, child.type === 'inlineCode'),
      plain: oneLine(plainOf(child), child.type === 'inlineCode'),
      open: false,
    };
  });
}

/** Words before a full stop that do not end a sentence ("e.g. Windows"). */
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|vs|cf|approx|incl|fig|no|nr|ca|resp|[A-Z])$/i;
/** A sentence end: `.`, `!` or `?`, closing quotes or brackets, then a space. */
const SENTENCE_END = /[.!?]+["'’”)\]]*(?=\s)/g;

/**
 * Where the first sentence ends, as an offset into the joined source; the
 * whole length when it does not end before the paragraph does. A sentence
 * ends only in running text and before a word that does not start lower case.
 */
function firstSentenceEnd(ps: readonly Piece[]): number {
  const joined = ps.map((p) => p.source).join('');
  let at = 0;
  for (const p of ps) {
    if (p.open) {
      for (const m of p.source.matchAll(SENTENCE_END)) {
        const end = at + (m.index ?? 0) + m[0].length;
        const next = joined.slice(end).trimStart()[0];
        if (next === undefined || /\p{Ll}/u.test(next)) continue;
        if (m[0].startsWith('.') && m[0].length === 1 && ABBREVIATION.test(joined.slice(0, end - 1))) continue;
        return end;
      }
    }
    at += p.source.length;
  }
  return joined.length;
}

/** The pieces up to offset `end` of their joined source (a running-text piece is split there). */
function upTo(ps: readonly Piece[], end: number): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const p of ps) {
    if (at >= end) break;
    if (at + p.source.length <= end) out.push(p);
    else {
      const source = p.source.slice(0, end - at);
      out.push({ source, plain: readAs(source), open: true });
    }
    at += p.source.length;
  }
  return out;
}

const plainLength = (ps: readonly Piece[]) => ps.reduce((n, p) => n + p.plain.length, 0);

/**
 * A long sentence cut at the first space of running text past `CUT_AFTER`
 * characters as read, with an ellipsis; undefined when no such space exists
 * (the rest is one code span or link: it stays whole).
 */
function cutLong(ps: readonly Piece[]): string | undefined {
  let at = 0;
  for (const p of ps) {
    if (p.open) {
      for (const m of p.source.matchAll(/\s+/g)) {
        const end = at + (m.index ?? 0);
        const head = upTo(ps, end);
        if (plainLength(head) < CUT_AFTER) continue;
        const source = head
          .map((h) => h.source)
          .join('')
          .trimEnd();
        return `${source.replace(/[,;:]+$/, '')}${ELLIPSIS}`;
      }
    }
    at += p.source.length;
  }
  return undefined;
}

function fromParagraph(paragraph: Paragraph, source: string): StepSource | undefined {
  const ps = pieces(paragraph, source);
  const whole = ps
    .map((p) => p.source)
    .join('')
    .trim();
  const plain = ps
    .map((p) => p.plain)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (!whole || !plain) return undefined;
  const sentence = upTo(ps, firstSentenceEnd(ps));
  const text = sentence
    .map((p) => p.source)
    .join('')
    .trim();
  const item = plainLength(sentence) > KEEP_WHOLE ? (cutLong(sentence) ?? text) : text;
  return { source: whole, plain, item };
}
