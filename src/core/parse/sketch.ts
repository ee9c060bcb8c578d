/**
 * What a document's words add up to: its word count (the author's own
 * words), bottom-k sketches of its body for near-duplicate detection
 * (word shingles and vocabulary), and the texts that trait and coverage
 * words are matched against (`matchSpaces`).
 */
import type { Nodes, Root } from 'mdast';
import type { FrontMatter, SopDocument } from './facts';
import { hash32, hashWords, wordSpace } from '../text';
import { contentKind } from './contentKinds';
import { PLACEHOLDER, type Walk } from './walkState';

/** Shingle size (words) for the near-duplicate sketch. */
export const SHINGLE_WORDS = 5;
/** How many of the smallest shingle hashes the sketch keeps (bottom-k). */
export const SKETCH_SIZE = 256;
/** How many of the smallest content-word hashes the vocabulary sketch keeps. */
export const VOCABULARY_SKETCH_SIZE = 64;

/**
 * Words of the body: text, code and image descriptions, outside front
 * matter, headings, HTML (comments included), link targets and placeholder
 * paragraphs (`(to be completed)`, `TBD`): the author's own words.
 */
export function countWords(tree: Root, w: Walk): number {
  let n = 0;
  const visit = (node: Nodes): void => {
    const type = node.type as string;
    if (type === 'heading' || type === 'html' || type === 'yaml' || type === 'toml' || type === 'definition') return;
    if (node.type === 'paragraph' && contentKind(w, node) === PLACEHOLDER) return;
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') n += wordCount(node.value);
    else if (node.type === 'image') n += wordCount(node.alt ?? '');
    if ('children' in node) for (const c of node.children as Nodes[]) visit(c);
  };
  visit(tree);
  return n;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Words (runs of letters and digits) in `s`: a loop over the characters,
 * ASCII answered without a regular expression.
 */
export function wordCount(s: string): number {
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

/** Frequent words of four letters or more that say nothing about a document's subject. */
const COMMON_WORDS = new Set(
  [
    'about after also been before being both cannot could does done each from have here into just like make more',
    'most must need only other over same should some such than that their them then there these they this those',
    'through under until very were what when where which while will with would your',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Bottom-k sketches of the body (front matter excluded): its word 5-gram
 * shingles (the smallest `SKETCH_SIZE` distinct hashes, sorted), which
 * estimate how much of the text two documents share, and its vocabulary
 * (distinct words of four letters or more, common words aside), which
 * estimates how much of the subject they share when the wording differs.
 */
export function sketch(
  text: string,
  fm: FrontMatter | undefined,
): { shingles: Uint32Array; vocabulary: SopDocument['vocabulary'] } {
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
  return {
    shingles: bottom(set, SKETCH_SIZE),
    vocabulary: { size: vocabulary.size, sketch: bottom(vocabulary, VOCABULARY_SKETCH_SIZE) },
  };
}

/** The `k` smallest of `set`, sorted, in an array of their own (not a view that would keep the whole set alive). */
function bottom(set: Set<number>, k: number): Uint32Array {
  const all = Uint32Array.from(set).sort();
  return all.length > k ? all.slice(0, k) : all;
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
