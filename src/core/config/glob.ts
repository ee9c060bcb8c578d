/**
 * Glob matching without regular expressions, and the one file selection
 * (include/exclude globs, Markdown extensions, never-walked folders) that the
 * CLI's discovery, the extension and the history share.
 *
 * Globs come from the configuration and, worse, from the audited repository
 * itself (CODEOWNERS lines). Compiled into a backtracking regular expression,
 * as picomatch does, a pattern such as `**\/*a*a*a*a*a*a*b` takes seconds per
 * path and grows exponentially with each `*a`; a very long pattern makes the
 * regular expression engine throw. Here a path is matched by simulating the
 * pattern as an automaton, segment by segment and character by character,
 * so the work is at most proportional to (pattern length) × (path length),
 * whatever the pattern; patterns over MAX_GLOB_LENGTH characters or
 * MAX_GLOB_ALTERNATIVES brace alternatives are refused with a located problem.
 *
 * Syntax (picomatch's for ordinary patterns): `*` any characters but `/`,
 * `?` one character but `/`, `[abc]` `[a-z]` `[!a]` `[^a]` `[[:alpha:]]`
 * classes, `**` as a whole segment any number of folders, `{a,b}` and
 * `{1..3}` alternatives, `\` escapes, a leading `!` negates and a leading
 * `./` is dropped. Unless `dot` is set, wildcards do not match a name that
 * starts with `.` (an explicit `.` does). Differences from picomatch: no
 * extglobs, so parentheses, `|`, `+` and `@` are plain characters (picomatch
 * reads `old (2019)/**` as a regex group and never matches the folder
 * `old (2019)`); `[!a]` negates; `?` matches one Unicode character, not one
 * UTF-16 unit; patterns and paths are compared in Unicode NFC, so a name
 * written precomposed matches the same name stored decomposed.
 */
import type { SopConfig } from './types';

/** Longest glob accepted, in characters (Linux paths stop at 4096 bytes; real globs are far shorter). */
export const MAX_GLOB_LENGTH = 1024;
/** Most alternatives one glob may expand to through braces (`{a,b}{c,d}` is 4). */
export const MAX_GLOB_ALTERNATIVES = 256;

export interface GlobOptions {
  /** Wildcards match names starting with `.` too (picomatch's `dot`). Default false. */
  dot?: boolean;
  /** Expand `{a,b}` and `{1..3}`. Default true; gitignore-style patterns (CODEOWNERS) have no braces. */
  braces?: boolean;
  /** A leading `!` negates the pattern. Default true; CODEOWNERS has no negation, `!` is a plain character there. */
  negation?: boolean;
  /** Longest pattern accepted; default MAX_GLOB_LENGTH (a caller that checked the user's text first may add its own prefix). */
  maxLength?: number;
}

/** A test on a POSIX path relative to the root. */
export type GlobMatcher = (path: string) => boolean;

/** A glob that was refused, with the 1-based column in the pattern where the problem is. */
export class GlobError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * Work done by all matchers since the counter was last reset: one step per
 * automaton state visited. Tests assert on it instead of on time.
 */
export const globWork = { steps: 0 };

/** Compiles one glob; throws GlobError when it is too long, expands too far or is empty. */
export function compileGlob(pattern: string, options: GlobOptions = {}): GlobMatcher {
  if (pattern.length === 0) throw new GlobError('empty pattern', 1);
  const maxLength = options.maxLength ?? MAX_GLOB_LENGTH;
  if (pattern.length > maxLength) throw new GlobError(`pattern is ${pattern.length} characters long, over the limit of ${maxLength}`, maxLength + 1);
  let source = pattern.normalize('NFC');
  let offset = 0;
  const negated = options.negation !== false && source.startsWith('!');
  if (negated) {
    source = source.slice(1);
    offset = 1;
  }
  while (source.startsWith('./')) {
    source = source.slice(2);
    offset += 2;
  }
  const alternatives = options.braces === false ? [source] : expandBraces(source, offset);
  const compiled = alternatives.map((alt) => compileAlternative(alt, options.dot ?? false));
  const matches = (segments: string[]) => compiled.some((c) => matchSegments(c, segments));
  return (path) => matches(splitPath(path)) !== negated;
}

/** A refused pattern of a list. */
export interface GlobProblem {
  /** Index of the pattern in the list. */
  index: number;
  pattern: string;
  message: string;
  column: number;
}

/**
 * Compiles a list of globs into one matcher (true when any matches). A
 * refused pattern matches nothing and is returned as a problem, so one bad
 * glob never stops an audit.
 */
export function compileGlobs(patterns: readonly string[], options: GlobOptions = {}): { match: GlobMatcher; problems: GlobProblem[] } {
  const matchers: GlobMatcher[] = [];
  const problems: GlobProblem[] = [];
  patterns.forEach((pattern, index) => {
    try {
      matchers.push(compileGlob(pattern, options));
    } catch (err) {
      if (!(err instanceof GlobError)) throw err;
      problems.push({ index, pattern, message: err.message, column: err.column });
    }
  });
  if (matchers.length === 1) return { match: matchers[0], problems };
  return { match: (path) => matchers.some((m) => m(path)), problems };
}

/* ------------------------------------------------------------ selection */

/** Folders never walked, whatever the configuration says. */
const NEVER_WALKED = new Set(['node_modules', '.git']);

/** Which files of a root the audit reads: the same answer in every shell. */
export interface FileSelection {
  /** True when the folder `rel` and everything below it are left out (node_modules, .git, an exclude glob). */
  skipsFolder(rel: string): boolean;
  /** True when the file `rel` is Markdown, included and not excluded; the folders above it are not looked at (a walk has done that). */
  takesFile(rel: string): boolean;
  /** `takesFile`, and no folder above `rel` is left out. */
  selects(rel: string): boolean;
  /** Include and exclude globs that were refused (they match nothing). */
  problems: (GlobProblem & { key: 'include' | 'exclude' })[];
}

/** The selection of `config`: by extension and include globs, minus excluded files and anything below an excluded or never-walked folder. */
export function fileSelection(config: Pick<SopConfig, 'include' | 'exclude' | 'markdownExtensions'>): FileSelection {
  const include = compileGlobs(config.include.length > 0 ? config.include : ['**/*']);
  const exclude = config.exclude.length > 0 ? compileGlobs(config.exclude) : { match: () => false, problems: [] };
  const skipsFolder = (rel: string) => NEVER_WALKED.has(rel.slice(rel.lastIndexOf('/') + 1)) || exclude.match(rel);
  const extensions = config.markdownExtensions.map((e) => e.toLowerCase());
  const isMarkdown = (rel: string) => {
    const lower = rel.toLowerCase();
    return extensions.some((ext) => lower.endsWith(ext));
  };
  const takesFile = (rel: string) => isMarkdown(rel) && include.match(rel) && !exclude.match(rel);
  return {
    skipsFolder,
    takesFile,
    selects(rel) {
      if (!takesFile(rel)) return false;
      for (let slash = rel.indexOf('/'); slash >= 0; slash = rel.indexOf('/', slash + 1)) {
        if (skipsFolder(rel.slice(0, slash))) return false;
      }
      return true;
    },
    problems: [
      ...include.problems.map((p) => ({ ...p, key: 'include' as const })),
      ...exclude.problems.map((p) => ({ ...p, key: 'exclude' as const })),
    ],
  };
}

/* ------------------------------------------------------------ compiling */

/** One character test of a segment pattern. */
type Token = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; test: (c: string) => boolean };

/** A segment pattern: `**`, or tokens for one path segment. */
type Segment =
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

interface Compiled {
  segments: Segment[];
  dot: boolean;
}

function compileAlternative(source: string, dot: boolean): Compiled {
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
function classEnd(chars: ArrayLike<string>, open: number): number {
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

/* ------------------------------------------------------------ braces */

/**
 * Expands `{a,b}` (nested, with empty alternatives) and `{1..3}` / `{a..e}`
 * ranges; a brace without a comma or range, or without its closing brace, is
 * a plain character. `offset` is where `source` starts in the pattern, for
 * the column of a problem.
 */
function expandBraces(source: string, offset: number): string[] {
  const open = findBrace(source);
  if (!open) return [source];
  const { start, end, parts } = open;
  const column = offset + start + 1;
  const pre = source.slice(0, start);
  const tails = expandBraces(source.slice(end + 1), offset + end + 1);
  const middles: string[] = [];
  for (const part of parts) {
    for (const m of expandBraces(part.text, offset + part.at)) {
      middles.push(m);
      if (middles.length > MAX_GLOB_ALTERNATIVES) throw tooMany(column);
    }
  }
  if (middles.length * tails.length > MAX_GLOB_ALTERNATIVES) throw tooMany(column);
  const out: string[] = [];
  for (const m of middles) for (const t of tails) out.push(pre + m + t);
  return out;
}

function tooMany(column: number): GlobError {
  return new GlobError(`braces expand to more than ${MAX_GLOB_ALTERNATIVES} alternatives`, column);
}

/** The first `{...}` with a top-level comma or a range, split into its alternatives. */
function findBrace(source: string): { start: number; end: number; parts: { text: string; at: number }[] } | undefined {
  for (let start = 0; start < source.length; start++) {
    const c = source[start];
    if (c === '\\') {
      start++;
      continue;
    }
    if (c === '[') {
      const end = classEnd(source, start);
      if (end > 0) start = end;
      continue;
    }
    if (c !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = start + 1; i < source.length; i++) {
      const d = source[i];
      if (d === '\\') i++;
      else if (d === '{') depth++;
      else if (d === ',' && depth === 0) commas.push(i);
      else if (d === '}') {
        if (depth > 0) {
          depth--;
          continue;
        }
        if (commas.length > 0) {
          const bounds = [start, ...commas, i];
          const parts = bounds.slice(1).map((b, k) => ({ text: source.slice(bounds[k] + 1, b), at: bounds[k] + 1 }));
          return { start, end: i, parts };
        }
        const range = rangeParts(source.slice(start + 1, i), start + 1);
        if (range) return { start, end: i, parts: range };
        break; // `{a}` is plain text; look for a later brace
      }
    }
  }
  return undefined;
}

/** `1..3` → 1, 2, 3; `a..c` → a, b, c; anything else undefined. */
function rangeParts(body: string, at: number): { text: string; at: number }[] | undefined {
  const m = /^(-?\d{1,6}|[A-Za-z])\.\.(-?\d{1,6}|[A-Za-z])$/.exec(body);
  if (!m) return undefined;
  const numeric = /\d/.test(m[1]);
  if (numeric !== /\d/.test(m[2])) return undefined;
  const from = numeric ? Number(m[1]) : m[1].charCodeAt(0);
  const to = numeric ? Number(m[2]) : m[2].charCodeAt(0);
  if (Math.abs(to - from) >= MAX_GLOB_ALTERNATIVES) throw tooMany(at);
  const step = from <= to ? 1 : -1;
  const out: { text: string; at: number }[] = [];
  for (let v = from; ; v += step) {
    out.push({ text: numeric ? String(v) : String.fromCharCode(v), at });
    if (v === to) break;
  }
  return out;
}

/* ------------------------------------------------------------ matching */

function splitPath(path: string): string[] {
  return (/[^\u0000-\u007f]/.test(path) ? path.normalize('NFC') : path).split('/');
}

/**
 * Path segments against segment patterns: a `**` takes any number of names
 * (not empty, `.` or `..`, nor dot names unless `dot`), any other segment
 * exactly one. Work: pattern segments × path segments × one segment test.
 */
function matchSegments(c: Compiled, path: string[]): boolean {
  return runAutomaton(
    c.segments,
    path,
    (s) => s.kind === 'globstar',
    (s, name) =>
      s.kind === 'globstar' ? name !== '' && (c.dot || name[0] !== '.') && name !== '.' && name !== '..' : matchSegment(s, name),
  );
}

/** One path segment against one segment pattern: the character automaton, at most tokens × characters steps. */
function matchSegment(s: Extract<Segment, { kind: 'tokens' }>, name: string): boolean {
  if (s.literal !== undefined) {
    globWork.steps++;
    return s.literal === name;
  }
  if (s.refusesDot && name[0] === '.') return false;
  if (s.nonEmpty && name === '') return false;
  const chars = Array.from(name);
  if (chars.length < s.minLength) return false;
  return runAutomaton(
    s.tokens,
    chars,
    (t) => t.kind === 'star',
    (t, ch) => t.kind === 'star' || t.kind === 'any' || (t.kind === 'char' ? t.char === ch : t.test(ch)),
  );
}

/**
 * Simulates a pattern as a nondeterministic automaton without backtracking:
 * `states` marks every pattern position reachable after the inputs read so
 * far. A loop item (`*`, `**`) takes any number of inputs it accepts,
 * including none; any other item takes exactly one. Each input costs at most
 * one step per pattern item, so the work is items × inputs, whatever the
 * pattern.
 */
function runAutomaton<T, U>(items: readonly T[], inputs: Iterable<U>, isLoop: (item: T) => boolean, accepts: (item: T, input: U) => boolean): boolean {
  const n = items.length;
  // A loop may take nothing: its position leads on to the next one.
  const skipLoops = (states: Uint8Array) => {
    for (let i = 0; i < n; i++) if (states[i] && isLoop(items[i])) states[i + 1] = 1;
    return states;
  };
  let states: Uint8Array = new Uint8Array(n + 1);
  states[0] = 1;
  skipLoops(states);
  for (const input of inputs) {
    const next = new Uint8Array(n + 1);
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!states[i]) continue;
      globWork.steps++;
      if (!accepts(items[i], input)) continue;
      next[isLoop(items[i]) ? i : i + 1] = 1;
      any = true;
    }
    if (!any) return false;
    states = skipLoops(next);
  }
  return states[n] === 1;
}
