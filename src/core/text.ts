/**
 * Small text helpers shared by the parser, the checks and the fixes:
 * positions, key and word normalisation, hashing.
 */
import { createHash } from 'node:crypto';
import type { Point, Range } from './types';

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
  return key.trim().toLowerCase().replace(/[\s_-]+/g, '_');
}

/** Heading normalisation: lower case, punctuation to spaces, collapsed. */
export function normalizeHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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

/** True when `phrase` occurs as whole words in a `wordSpace` string. */
export function hasWords(space: string, phrase: string): boolean {
  let p = phraseSpaces.get(phrase);
  if (p === undefined) {
    p = wordSpace(phrase);
    if (phraseSpaces.size < 10_000) phraseSpaces.set(phrase, p);
  }
  return p.length > 2 && space.includes(p);
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
