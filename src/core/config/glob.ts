/**
 * Glob matching without regular expressions: compiling a glob into a matcher
 * (`compileGlob`, `compileGlobs`) and matching paths by simulating it as an
 * automaton. The pattern syntax is compiled in globPattern.ts (segments and
 * classes) and globBraces.ts (braces); the limits and `GlobError` are in
 * globError.ts. The file selection built on it is in fileSelection.ts.
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
import { compileAlternative, type Compiled, type Segment } from './globPattern';
import { expandBraces } from './globBraces';
import { GlobError, MAX_GLOB_LENGTH } from './globError';

export { GlobError, MAX_GLOB_ALTERNATIVES, MAX_GLOB_LENGTH } from './globError';

export interface GlobOptions {
  /** Wildcards match names starting with `.` too (picomatch's `dot`). Default false. */
  dot?: boolean;
  /** Expand `{a,b}` and `{1..3}`. Default true; gitignore-style patterns (CODEOWNERS) have no braces. */
  braces?: boolean;
  /** A leading `!` negates the pattern. Default true; CODEOWNERS has no negation, `!` is a plain character there. */
  negation?: boolean;
  /**
   * Longest pattern accepted; default MAX_GLOB_LENGTH (a caller that checked the user's text first may add its own
   * prefix).
   */
  maxLength?: number;
}

/** A test on a POSIX path relative to the root. */
export type GlobMatcher = (path: string) => boolean;

/**
 * Work done by all matchers since the counter was last reset: one step per
 * automaton state visited. Tests assert on it instead of on time.
 */
export const globWork = { steps: 0 };

/** Compiles one glob; throws GlobError when it is too long, expands too far or is empty. */
export function compileGlob(pattern: string, options: GlobOptions = {}): GlobMatcher {
  if (pattern.length === 0) throw new GlobError('empty pattern', 1);
  const maxLength = options.maxLength ?? MAX_GLOB_LENGTH;
  if (pattern.length > maxLength) {
    throw new GlobError(`pattern is ${pattern.length} characters long, over the limit of ${maxLength}`, maxLength + 1);
  }
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
export function compileGlobs(
  patterns: readonly string[],
  options: GlobOptions = {},
): { match: GlobMatcher; problems: GlobProblem[] } {
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
      s.kind === 'globstar'
        ? name !== '' && (c.dot || name[0] !== '.') && name !== '.' && name !== '..'
        : matchSegment(s, name),
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
function runAutomaton<T, U>(
  items: readonly T[],
  inputs: Iterable<U>,
  isLoop: (item: T) => boolean,
  accepts: (item: T, input: U) => boolean,
): boolean {
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
