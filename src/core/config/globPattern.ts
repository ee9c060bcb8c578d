/**
 * Compiling a glob (braces already expanded, see globBraces.ts) into segment
 * patterns for the matcher in glob.ts: `**` segments, and per segment its
 * character tests (literal characters, `?`, `*`, bracket classes with POSIX
 * names).
 */

/** One character test of a segment pattern. */
export type Token =
  | { kind: 'char'; char: string }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; negated: boolean; test: (c: string) => boolean };

/** A segment pattern: `**`, or tokens for one path segment. */
export type Segment =
  | { kind: 'globstar' }
  | {
      kind: 'tokens';
      tokens: Token[];
      /** The same segment as plain text when it has no wildcard (compared with ===). */
      literal?: string;
      /** Characters the segment needs at least (its non-star tokens). */
      minLength: number;
      /** A name starting with `.` is refused (the segment starts with a wildcard and `dot` is off). */
      refusesDot: boolean;
      /** The segment is only stars, so it needs at least one character. */
      nonEmpty: boolean;
    };

export interface Compiled {
  segments: Segment[];
  dot: boolean;
}

export function compileAlternative(source: string, dot: boolean): Compiled {
  const segments = splitPattern(source).map((s) => compileSegment(s, dot));
  // picomatch's rule: a trailing `/**` may match no folder (`docs/**` matches `docs`) unless the
  // segment before it ends in a star (`*/**` and `docs/*/**` need one more name).
  let run = segments.length;
  while (run > 0 && segments[run - 1].kind === 'globstar') run--;
  const before = segments[run - 1];
  if (run < segments.length && before?.kind === 'tokens' && before.tokens[before.tokens.length - 1]?.kind === 'star') {
    segments.splice(run, segments.length - run, compileSegment('*', dot), { kind: 'globstar' });
  }
  return { segments, dot };
}

/** Splits a pattern on `/`, keeping escapes and classes (a class never holds `/`) whole. */
function splitPattern(source: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const end = classEnd(source, i);
      if (end > 0) i = end;
    } else if (c === '/') {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

function compileSegment(text: string, dot: boolean): Segment {
  if (text === '**') return { kind: 'globstar' };
  const tokens: Token[] = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\') {
      tokens.push({ kind: 'char', char: i + 1 < chars.length ? chars[++i] : '\\' });
    } else if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') {
      tokens.push({ kind: 'any' });
    } else if (c === '[') {
      const end = classEnd(chars, i);
      if (end < 0) tokens.push({ kind: 'char', char: c });
      else {
        tokens.push(compileClass(chars.slice(i + 1, end)));
        i = end;
      }
    } else {
      tokens.push({ kind: 'char', char: c });
    }
  }
  const first = tokens[0];
  const plain = tokens.every((t) => t.kind === 'char');
  return {
    kind: 'tokens',
    tokens,
    literal: plain ? tokens.map((t) => (t as { char: string }).char).join('') : undefined,
    minLength: tokens.filter((t) => t.kind !== 'star').length,
    refusesDot: !dot && first !== undefined && (first.kind === 'star' || first.kind === 'any'),
    nonEmpty: tokens.length > 0 && tokens.every((t) => t.kind === 'star'),
  };
}

/**
 * Index of the `]` closing the class opened at `open`, or -1 when the class is
 * not closed within its segment (the `[` is then a plain character).
 */
export function classEnd(chars: ArrayLike<string>, open: number): number {
  let i = open + 1;
  if (chars[i] === '!' || chars[i] === '^') i++;
  if (chars[i] === ']') i++; // a leading ] is a member
  for (; i < chars.length; i++) {
    const c = chars[i];
    if (c === '/') return -1;
    if (c === '\\') i++;
    else if (c === '[' && chars[i + 1] === ':') {
      const close = indexOfPair(chars, i + 2, ':', ']');
      if (close > 0) i = close + 1;
    } else if (c === ']') return i;
  }
  return -1;
}

function indexOfPair(chars: ArrayLike<string>, from: number, a: string, b: string): number {
  for (let i = from; i + 1 < chars.length; i++) {
    if (chars[i] === '/' || chars[i] === ']') return chars[i] === a && chars[i + 1] === b ? i : -1;
    if (chars[i] === a && chars[i + 1] === b) return i;
  }
  return -1;
}

/** POSIX classes, ASCII as in picomatch and in the C locale. */
const POSIX_CLASSES: Record<string, (c: string) => boolean> = {
  alpha: (c) => /^[A-Za-z]$/.test(c),
  digit: (c) => /^[0-9]$/.test(c),
  alnum: (c) => /^[A-Za-z0-9]$/.test(c),
  upper: (c) => /^[A-Z]$/.test(c),
  lower: (c) => /^[a-z]$/.test(c),
  space: (c) => /^[ \t\r\n\v\f]$/.test(c),
  blank: (c) => c === ' ' || c === '\t',
  punct: (c) => /^[!-/:-@[-`{-~]$/.test(c),
  xdigit: (c) => /^[0-9A-Fa-f]$/.test(c),
  word: (c) => /^[A-Za-z0-9_]$/.test(c),
};

/** A class body (between the brackets) as a character test. */
function compileClass(body: string[]): Token {
  let i = 0;
  const negated = body[0] === '!' || body[0] === '^';
  if (negated) i++;
  const tests: ((c: string) => boolean)[] = [];
  const singles = new Set<string>();
  while (i < body.length) {
    let c = body[i];
    if (c === '[' && body[i + 1] === ':') {
      const close = indexOfPair(body, i + 2, ':', ']');
      const name = close > 0 ? body.slice(i + 2, close).join('') : '';
      if (close > 0 && Object.hasOwn(POSIX_CLASSES, name)) {
        tests.push(POSIX_CLASSES[name]);
        i = close + 2;
        continue;
      }
    }
    if (c === '\\' && i + 1 < body.length) c = body[++i];
    if (body[i + 1] === '-' && i + 2 < body.length) {
      let hi = body[i + 2];
      i += 2;
      if (hi === '\\' && i + 1 < body.length) hi = body[++i];
      const lo = c;
      tests.push((x) => x >= lo && x <= hi);
    } else {
      singles.add(c);
    }
    i++;
  }
  const member = (c: string) => singles.has(c) || tests.some((t) => t(c));
  return { kind: 'class', negated, test: negated ? (c) => !member(c) : member };
}
