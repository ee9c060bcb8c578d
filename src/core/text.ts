/**
 * Small text helpers shared by the parser, the checks and the fixes:
 * positions, key and word normalisation, hashing.
 */
import { createHash } from 'node:crypto';
import type { Point, Range } from './position';

/** Maps UTF-16 offsets of one text to 1-based line/column points. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  /** The point at `offset` (clamped to the text). */
  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1, offset: o };
  }

  range(start: number, end: number): Range {
    return { start: this.point(start), end: this.point(end) };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** The empty range at the start of a document. */
export const START_RANGE: Range = {
  start: { line: 1, column: 1, offset: 0 },
  end: { line: 1, column: 1, offset: 0 },
};

/** Front-matter key normalisation: lower case, `-`, `_`, `.` kept apart from spaces folded to `_`. */
export function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
}

/**
 * Leading numbering of a heading: `4.`, `4)`, `1.2`, `IV.`, `A.`, `Step 4:`,
 * `Section 2 -` (RUBRIC.md, "Reading headings"). Roman numerals stop at 39 so
 * that a word such as "Mix." is not read as one.
 */
const LEADING_NUMBER =
  /^\s*(?:(?:step|section|part|phase|stage)(?:\s*\d+(?:\.\d+)*|\s+(?:(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})|[a-z]))\b\s*[:.)\-\u2013\u2014]?|\d+(?:\.\d+)*\s*[:.)\-\u2013\u2014]?|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})[.)]|[a-z][.)])\s+/i;
/** A trailing parenthetical (`(L1)`, `(using ADUC)`), with punctuation around it. */
const TRAILING_PARENTHETICAL = /\s*[:.?!]*\s*\([^()]*\)[\s:.?!]*$/;

/**
 * Heading normalisation (RUBRIC.md, "Reading headings"): leading numbering
 * and step words removed, a trailing parenthetical removed, lower case,
 * everything but letters and digits (punctuation, `-`, `_`, `/`, emoji,
 * code marks) read as a space, spaces collapsed. A heading that is nothing
 * but a number ("Step 1") keeps it.
 */
export function normalizeHeading(text: string): string {
  let t = stripNumbering(text);
  for (let i = 0; i < 3; i++) {
    const stripped = t.replace(TRAILING_PARENTHETICAL, '');
    if (stripped === t || stripped.trim() === '') break;
    t = stripped;
  }
  return normalizeName(t);
}

/** A name as headings are compared: lower case, everything but letters and digits read as one space. */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A heading's text without its leading numbering (`4.`, `Step 4:`, `IV.`); a heading that is only a number keeps it.
 */
export function stripNumbering(text: string): string {
  const numbered = LEADING_NUMBER.exec(text);
  return numbered && numbered[0].length < text.length ? text.slice(numbered[0].length) : text;
}

/** Numbering that makes a heading a step: `Step 4`, `4.`, `4)` (not a bare number, not `1.2`). */
const STEP_NUMBER = /^\s*(?:step\s*(\d+)\b|(\d+)[.)](?!\d))/i;

/** The step number a heading starts with, or undefined. */
export function stepNumber(text: string): number | undefined {
  const m = STEP_NUMBER.exec(text);
  if (!m) return undefined;
  return Number(m[1] ?? m[2]);
}

/**
 * True when a normalised heading reads as a normalised name: equal to it,
 * or starting or ending with it at a word boundary ("steps to unlock the
 * account", "resolution steps"). `whole`: only the whole heading counts.
 */
export function readsAs(normalized: string, name: string, whole = false): boolean {
  if (normalized === name) return true;
  if (whole || name === '' || normalized.length <= name.length) return false;
  return (
    (normalized.startsWith(name) && normalized.charCodeAt(name.length) === 32) ||
    (normalized.endsWith(name) && normalized.charCodeAt(normalized.length - name.length - 1) === 32)
  );
}

/**
 * Normalisation for word matching (traits, coverage): lower case, with
 * `-`, `_`, `/` and `.` read as spaces, and padded with spaces so that a
 * phrase can be found as whole words with `includes(' phrase ')`.
 */
export function wordSpace(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/[-_/.]+/g, ' ')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return ` ${words.join(' ')} `;
}

/** `wordSpace` of the phrases `hasWords` looks for: a rubric's few hundred words, asked for once per document. */
const phraseSpaces = new Map<string, string>();

/** True when `phrase` occurs as whole words in a `wordSpace` string, exactly (no folding). */
export function hasWords(space: string, phrase: string): boolean {
  let p = phraseSpaces.get(phrase);
  if (p === undefined) {
    p = wordSpace(phrase);
    if (phraseSpaces.size < 10_000) phraseSpaces.set(phrase, p);
  }
  return p.length > 2 && space.includes(p);
}

/** A word and its plurals: `backup` → backups, `policy` → policies, `patch` → patches. */
function wordForms(word: string): string[] {
  const forms = [word, `${word}s`, `${word}es`];
  if (/[^aeiou]y$/.test(word)) forms.push(`${word.slice(0, -1)}ies`);
  return forms;
}

function alternatives(forms: readonly string[]): string {
  return forms.length === 1 ? forms[0] : `(?:${forms.join('|')})`;
}

/** A phrase's folded matcher: a pattern over a `wordSpace` and a prefix every match starts with. */
interface PhraseMatcher {
  prefix: string;
  pattern: RegExp | undefined;
}

const phraseMatchers = new Map<string, PhraseMatcher>();

/** `s` as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The matcher of a phrase with RUBRIC.md's two foldings: each word also
 * matches its plural; the words of a phrase also match written as one
 * (`help desk` = helpdesk), and a one-word phrase also matches split at a
 * hyphen or a space (`antivirus` = anti-virus).
 */
function phraseMatcher(phrase: string): PhraseMatcher {
  let m = phraseMatchers.get(phrase);
  if (m) return m;
  const words = wordSpace(phrase).trim().split(' ').filter(Boolean).map(escapeRegExp);
  const alts: string[] = [];
  if (words.length > 0) {
    alts.push(words.map((w) => alternatives(wordForms(w))).join(' '));
    if (words.length > 1) alts.push(alternatives(wordForms(words.join(''))));
    else {
      const w = words[0];
      for (let i = 2; i <= w.length - 2; i++) alts.push(`${w.slice(0, i)} ${alternatives(wordForms(w.slice(i)))}`);
    }
  }
  m = {
    prefix: ` ${words[0]?.slice(0, 3) ?? ''}`,
    pattern: words.length > 0 ? new RegExp(`(?<= )(?:${alts.join('|')})(?= )`, 'u') : undefined,
  };
  if (phraseMatchers.size < 10_000) phraseMatchers.set(phrase, m);
  return m;
}

/** True when `phrase` occurs in a `wordSpace` string as whole words, with plurals and compounds folded. */
export function hasFoldedWords(space: string, phrase: string): boolean {
  const m = phraseMatcher(phrase);
  return m.pattern !== undefined && space.includes(m.prefix) && m.pattern.test(space);
}

/** Hex SHA-1 of a text. */
export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * Hash of `count` consecutive word hashes from `start` (MurmurHash3's
 * 32-bit body and finaliser over 32-bit words): a shingle's hash without
 * building the shingle's string.
 */
export function hashWords(words: Uint32Array, start: number, count: number): number {
  let h = 0x9747b28c;
  for (let i = start; i < start + count; i++) {
    let k = Math.imul(words[i], 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= count * 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a hash with a final avalanche, for shingles. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The line ending a text mostly uses (CRLF when any line ends with CRLF before the first bare LF). */
export function detectLineEnding(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** GitHub-style heading anchor slug. */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
