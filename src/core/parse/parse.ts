/**
 * Parses one Markdown file, once, into the facts the checks read
 * (`SopDocument`). The syntax tree is dropped afterwards: checks and caches
 * work on facts only.
 *
 * This is the parser's entry: it assembles the stages, each in a module of
 * its own: the processor (processor.ts), the front matter (frontmatter.ts),
 * the walk that collects headings, lists, links and the body's owner
 * (walk.ts, headings.ts, links.ts, exemptions.ts, bodyOwner.ts), placeholder
 * sections (contentKinds.ts), the front matter's facts (frontMatterFacts.ts),
 * words and sketches (sketch.ts) and the document's kind (classify.ts).
 */
import type { Nodes, Root } from 'mdast';
import type { SopDocument } from './facts';
import type { Rubric } from '../rubric/types';
import { readFrontMatter } from './frontmatter';
import { LineIndex, detectLineEnding, sha1 } from '../text';
import { classify } from './classify';
import { markdownProcessor } from './processor';
import { markPlaceholderSections } from './contentKinds';
import { markHeadingSlugs } from './headings';
import { applyFrontMatterFacts } from './frontMatterFacts';
import { countWords, sketch } from './sketch';
import { walkTop } from './walk';
import { generatedRegions, type Walk } from './walkState';

// The parser's other exports, for the modules that import them from here.
export { markdownProcessor } from './processor';
export { findEntry } from './frontMatterFacts';
export { SHINGLE_WORDS, SKETCH_SIZE, VOCABULARY_SKETCH_SIZE, matchSpaces } from './sketch';

/** Options of one parse. */
export interface ParseOptions {
  /** Files longer than this (UTF-16 code units) are not parsed. */
  maxFileBytes?: number;
}

/**
 * Parses `text` (the file's content without a byte-order mark) at `path`
 * (POSIX, relative to the audited root) into a `SopDocument`.
 * Never throws: problems become `errors` on the document.
 */
export function parseDocument(path: string, text: string, rubric: Rubric, options: ParseOptions = {}): SopDocument {
  const max = options.maxFileBytes ?? Infinity;
  if (text.length > max) {
    const why = `file is ${text.length} characters long, over the limit of ${max}: not audited`;
    return skippedDocument(path, text, `${why} (raise maxFileBytes in .sopmaturity.yml to include it)`);
  }
  if (text.includes('\u0000')) {
    return skippedDocument(path, text, 'file contains NUL bytes and looks binary: not audited');
  }
  try {
    return collect(emptyDocument(path, text), text, rubric);
  } catch (e) {
    return skippedDocument(path, text, `file could not be parsed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The document of a file that was not even read because its size (`bytes`) cannot decode to `maxFileBytes` characters
 * or fewer: skipped, as a long text is.
 */
export function oversizedDocument(path: string, bytes: number, maxFileBytes: number): SopDocument {
  const why = `file is ${bytes} bytes long, more than ${maxFileBytes} characters can take: not audited`;
  return skippedDocument(path, '', `${why} (raise maxFileBytes in .sopmaturity.yml to include it)`);
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
    shingles: new Uint32Array(0),
    vocabulary: { size: 0, sketch: new Uint32Array(0) },
    hash: sha1(text),
    lineEnding: detectLineEnding(text),
    length: text.length,
    endsWithNewline: text.endsWith('\n'),
    errors: [],
  };
}

function collect(doc: SopDocument, text: string, rubric: Rubric): SopDocument {
  const lines = new LineIndex(text);
  // micromark (under remark-parse) drops a byte-order mark and counts offsets without it: parse without it and
  // move the positions back onto `text`.
  const bom = text.charCodeAt(0) === 0xfeff;
  const tree: Root = markdownProcessor.parse(bom ? text.slice(1) : text);
  if (bom) shiftPositions(tree, 1);
  const w: Walk = {
    text,
    lines,
    rubric,
    doc,
    generated: generatedRegions(text, rubric),
    headingIndex: -1,
    anchors: new Set(),
    kinds: new Map(),
    opens: [],
  };

  const first = tree.children[0];
  if (first && (first.type === 'yaml' || (first.type as string) === 'toml') && first.position) {
    const kind = first.type === 'yaml' ? 'yaml' : 'toml';
    const fm = readFrontMatter(text, lines, kind, first.position.start.offset ?? 0, first.position.end.offset ?? 0);
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

/**
 * Moves every position of a tree `by` UTF-16 units (the text it was parsed from began `by` units later); line 1's
 * columns too.
 */
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
