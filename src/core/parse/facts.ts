/**
 * The facts the parser keeps of one document (the syntax tree is dropped): what checks read.
 * Plain data, cached on disk and passed between threads.
 */
import type { Range } from '../position';

export type DocumentKind = 'procedure' | 'index' | 'other';

/** One key of the front matter, with where its key and value stand. */
export interface FrontMatterEntry {
  /** The key as written. */
  key: string;
  /** Lower case, `-`, `_` and spaces folded to `_`. */
  normalizedKey: string;
  value: unknown;
  keyRange: Range;
  valueRange: Range;
}

export interface FrontMatter {
  format: 'yaml' | 'toml';
  /** The whole block including its fences. */
  range: Range;
  /** Offset where the first line inside the block starts (after the opening fence's line break). */
  contentStart: number;
  /** Offset where the closing fence starts. */
  contentEnd: number;
  /** Top-level entries in document order (empty when the block is invalid). */
  entries: FrontMatterEntry[];
  /** Set when the block could not be read; the entries are then empty. */
  error?: { message: string; range: Range };
  /** Problems that leave the block readable, such as a key written twice (the last value is read). */
  warnings?: { message: string; range: Range }[];
}

export interface Heading {
  depth: number;
  text: string;
  /** Lower case, punctuation folded to spaces, trimmed. */
  normalized: string;
  /** GitHub-style anchor slug (duplicates get `-1`, `-2`, ...). */
  slug: string;
  range: Range;
  /** True when any block follows before the next heading of the same or higher rank. */
  hasContent: boolean;
  /** The step number the heading starts with (`Step 4`, `4.`, `4)`), if any. */
  step?: number;
  /** True when the heading's text is nothing but a link (navigation, never an instruction). */
  linkOnly?: boolean;
  /**
   * A line such as `##Process` (no space after the marks): a paragraph to
   * CommonMark and GitHub, a heading to Redcarpet (Middleman) and to its
   * author. It reads as a section; its anchor exists only on a Middleman site.
   */
  loose?: true;
  /**
   * A heading inside a list item or a block quote (often a setext underline by accident: `**Impact**:` over `  -`): not
   * a section of the document.
   */
  nested?: true;
  /**
   * True when the section (the heading and what follows it up to the next
   * heading of the same or a higher rank) holds placeholder content and
   * nothing else: `(to be completed)`, `TBD`, `First step.` (the rubric's
   * `sectionPlaceholders`). Such a section does not count for the checks.
   */
  placeholderOnly?: true;
}

export interface ListFact {
  ordered: boolean;
  /** Number of direct items. */
  items: number;
  /** Number of direct items that are GFM task items. */
  taskItems: number;
  /** Plain text of each direct item's first paragraph. */
  itemTexts: string[];
  range: Range;
  /** Index into `headings` of the closest heading before the list, or -1. */
  headingIndex: number;
  /** Nesting depth: 0 for a top-level list. */
  depth: number;
  /** True inside a block quote (a quoted list is not the document's own steps). */
  quoted?: boolean;
  /**
   * The number of an ordered list's first item when it is not 1 (a list interrupted by a code block goes on numbering).
   */
  start?: number;
  /**
   * True for a top-level list that follows a list of the same kind with only code blocks between them: to a reader, one
   * list.
   */
  continues?: true;
  /** True when every item is only a link, optionally with a short description: navigation, never steps. */
  navigation?: boolean;
  /** Direct items whose content is only placeholders (`(to be completed)`, `First step.`), when there are any. */
  placeholderItems?: number;
  /** Of those, the task items (`- [ ] (to be completed)`), when there are any. */
  placeholderTasks?: number;
}

export interface LinkFact {
  kind: 'link' | 'image' | 'definition' | 'html';
  url: string;
  range: Range;
  /** True for a link to a path of this repository (no scheme, not protocol-relative, not a pure anchor or mailto). */
  relative: boolean;
  /** Path part of a relative URL, decoded, without query or fragment ('' for a pure `#anchor`). */
  path: string;
  /** Fragment without `#`, decoded, or undefined. */
  anchor?: string;
}

export type OwnerSource = 'front-matter' | 'body' | 'codeowners' | 'owners-file';

export interface OwnerFact {
  /** The owner as written (several owners joined with ", "). */
  value: string;
  source: OwnerSource;
  /** Where the owner is written, when it is in this document. */
  range?: Range;
  /** The front-matter key or the rules file that gave the owner. */
  origin: string;
  /** True when the value is a placeholder such as TBD or everyone. */
  placeholder: boolean;
}

export interface ReviewFact {
  /** The front-matter key that held the date. */
  key: string;
  raw: string;
  /** ISO date `YYYY-MM-DD` when the value is a valid date. */
  date?: string;
  range: Range;
  /** ISO date of the next review the document declares (review_by, next_review, or last review + review_in). */
  nextReview?: string;
}

export interface Exemption {
  /** Check ids; empty means all checks. */
  checks: string[];
  reason?: string;
  /** ISO date `YYYY-MM-DD`. */
  until?: string;
  range: Range;
}

/** A problem the engine met while reading a document (not a rubric finding). */
export interface DocumentError {
  message: string;
  range?: Range;
  /**
   * The finding's check: `file` for a problem of the file itself (its encoding, a change on disk); default by the
   * document.
   */
  check?: 'file';
}

/** Everything the checks need to know about one Markdown document. */
export interface SopDocument {
  /** POSIX path relative to the audited root. */
  path: string;
  kind: DocumentKind;
  /** Why the document got its kind, in a few words ("front matter type: sop", "folder runbooks/"). */
  kindReason: string;
  /**
   * For files named like index pages (README, index, _index): the kind the
   * file would have as an ordinary page, which it is inside a documentation
   * site's source root (the workspace applies it; facts do not know the site).
   */
  asPage?: { kind: DocumentKind; reason: string };
  /**
   * Words of the body outside front matter, headings, HTML, link targets and placeholder content (`(to be completed)`,
   * `TBD`): the author's own words.
   */
  words: number;
  /** A procedure with fewer than 30 words of its own: an empty template copy (graded, but covers nothing). */
  stub?: true;
  title?: string;
  titleRange?: Range;
  frontMatter?: FrontMatter;
  headings: Heading[];
  lists: ListFact[];
  links: LinkFact[];
  /** Owner written in the document itself; CODEOWNERS/OWNERS are resolved at workspace level. */
  owner?: OwnerFact;
  review?: ReviewFact;
  exemptions: Exemption[];
  /** Malformed exemption comments (no reason, bad date). */
  badExemptions: { range: Range; message: string }[];
  /** Normalised values of selected front-matter concepts (category, tags, type, traits, automation, metrics). */
  meta: {
    type?: string;
    category?: string;
    tags: string[];
    traits: string[];
    automation?: string;
    metrics?: string;
    /**
     * Values of these concepts that are placeholders (`<category>`, `TBD`, `n/a`), with where they are written: they do
     * not count.
     */
    placeholders?: { category?: Range; automation?: Range; metrics?: Range };
  };
  /**
   * Hashes of the word 5-gram shingles of the body (front matter excluded), for `one-version`: the smallest ones,
   * sorted (a typed array: a quarter of the memory of a list of numbers this large).
   */
  shingles: Uint32Array;
  /**
   * The body's distinct content words: how many, and the smallest of their hashes (`one-version` compares the subjects
   * of same-titled documents).
   */
  vocabulary: { size: number; sketch: Uint32Array };
  /** Content hash (hex) of the whole text. */
  hash: string;
  lineEnding: '\n' | '\r\n';
  /** Length of the text in UTF-16 code units. */
  length: number;
  /** True when the text ends with a line break. */
  endsWithNewline: boolean;
  errors: DocumentError[];
  /** Set when the document was not parsed at all (too large, too slow, unreadable). */
  skipped?: string;
  /** Set when parsing ran out of its time budget (`maxParseMs`): a verdict of this machine's load, never cached. */
  timedOut?: true;
  /**
   * Set (to the reason) when no fix may write the file: not valid in its encoding, or changed on disk during `--fix`.
   */
  readOnly?: string;
}
