/**
 * File discovery for the CLI (and the extension's first walk): which Markdown
 * files and owner files (CODEOWNERS / OWNERS) lie under the audited
 * directory, which folders below it are audit roots of their own, how to read
 * the files, and whether a linked path exists. Paths handed to the core are
 * always POSIX and relative to the root, also on Windows.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
// `ignore` is the gitignore matcher eslint, prettier and globby use: git's rules (negation, `dir/`, anchors, `**`),
// pure JS, bundled.
import ignore, { type Ignore } from 'ignore';
import { tempOwner, writeFileAtomic } from './atomic';
import { CONFIG_FILE, defaultConfig, loadConfigText } from '../core/config/config';
import { isOwnerFile } from '../core/parse/owners';
import { CONFIG_FILE_CAP, readConfinedFile, readRegularCapped } from './confine';
import { decodeBytes, encodeText, type InvalidByte, type TextEncodingName } from '../core/parse/encoding';
import { compileGlobs } from '../core/config/glob';
import { fileSelection, type FileSelection } from '../core/config/fileSelection';
import { unicodeVariants } from '../core/audit/links';
import type { SopConfig } from '../core/config/types';

/** The configuration file of an audit root; a folder below the root that holds one is an audit root of its own. */
export { CONFIG_FILE };

/** What discovery needs of a configuration. */
export type DiscoverConfig = Pick<SopConfig, 'include' | 'exclude' | 'markdownExtensions' | 'gitignore'>;

/** What the caller adds to the configuration. */
export interface DiscoverOptions {
  /** Extra exclude globs (the editor passes VS Code's files.exclude here), same syntax as config.exclude. */
  exclude?: string[];
}

/** What lies under the root. */
export interface Discovery {
  /** Markdown files to audit, sorted. */
  markdown: string[];
  /** CODEOWNERS and OWNERS files, sorted. */
  ownerFiles: string[];
  /**
   * Folders that could not be listed and files that will not be read (broken links, pipes...); the walk goes on without
   * them.
   */
  errors: { path: string; message: string }[];
  /**
   * Temporary files of our atomic writes (`.NAME.sop-maturity-PID-….tmp`) in the folders walked: `--fix` removes those
   * of killed runs.
   */
  temps: string[];
  /**
   * Folders below the root (POSIX, relative, sorted) that hold a .sopmaturity.yml: audit roots of their own, not
   * walked.
   */
  roots: string[];
}

/**
 * Walks `root` and returns the Markdown files the configuration selects
 * (include/exclude globs and Markdown extensions) and every owner file.
 * `node_modules` and `.git` are never walked, nor are excluded folders,
 * folders that `.gitignore` leaves out (unless `config.gitignore` is false),
 * nor folders below the root that hold a `.sopmaturity.yml`: those are audit
 * roots of their own, listed in `roots`. Only file names are looked at: no
 * file is opened or even stat'ed unless it is a symbolic link, a
 * `.gitignore` or the repository's `.git/info/exclude`.
 *
 * `.gitignore` files are read as git reads them: the root's and every
 * walked folder's, each pattern relative to its file's folder, a deeper file
 * overriding a shallower one, `.git/info/exclude` under all of them; an
 * ignored folder is never walked, so a file inside it cannot be brought back
 * (git's rule too). Rules above the root are not read: nothing outside the
 * audited folder is.
 *
 * Symbolic links: the audit never leaves the root. A linked folder is walked
 * once, after the real folders, and only when it points inside the root to a
 * folder not walked yet, so a link to a parent or a loop of links ends the
 * walk instead of repeating it. A linked file inside the root is audited
 * under the link's path unless its target is audited under its own. A
 * selected Markdown or owner file that is a broken link, a link out of the
 * root, a named pipe, a socket or a device is reported in `errors` and not
 * read (reading a pipe would wait forever); other such entries are skipped
 * silently.
 */
export function discover(root: string, config: DiscoverConfig, options: DiscoverOptions = {}): Discovery {
  return scan(root, config, options).found;
}

/**
 * Rules that say whether a path (relative to root, POSIX) is left out:
 * gitignored (when config.gitignore !== false), excluded, or inside a nested
 * audit root. Reads the .gitignore files under root once; `reload()` re-reads
 * them.
 */
export interface PathRules {
  /**
   * True when `rel` (a file, or a folder with `isFolder`) is left out of the
   * audit of the root. A Markdown file that `include` selects is in
   * `discover()`'s list exactly when this is false (files reached only
   * through a symbolic link aside).
   */
  leavesOut(rel: string, isFolder?: boolean): boolean;
  /** Folders below the root that hold a .sopmaturity.yml, as `Discovery.roots`. */
  readonly roots: string[];
  /** Walks the root again: new, changed or deleted `.gitignore` files and audit roots. */
  reload(): void;
}

/** The `PathRules` of `root`, from one walk like `discover()`'s. */
export function loadPathRules(root: string, config: DiscoverConfig, options: DiscoverOptions = {}): PathRules {
  let walked = scan(root, config, options);
  const excluded = compileGlobs([...config.exclude, ...(options.exclude ?? [])]).match;
  return {
    get roots() {
      return walked.found.roots;
    },
    reload() {
      walked = scan(root, config, options);
    },
    leavesOut(rel, isFolder = false) {
      const clean = rel.replace(/^\.\/+/, '').replace(/\/+$/, '');
      if (clean === '' || clean === '.') return false;
      const { selection, gitignores, roots } = walked;
      for (let slash = clean.indexOf('/'); slash >= 0; slash = clean.indexOf('/', slash + 1)) {
        const folder = clean.slice(0, slash);
        if (roots.has(folder) || selection.skipsFolder(folder)) return true;
      }
      if (isFolder ? roots.has(clean) || selection.skipsFolder(clean) : excluded(clean)) return true;
      const slash = clean.lastIndexOf('/');
      return gitignores.ignores(slash < 0 ? '' : clean.slice(0, slash), clean, isFolder);
    },
  };
}

/**
 * Every audit root at or below `root`: '' (the root itself) first, then each
 * nested folder holding a .sopmaturity.yml (not inside an ignored folder),
 * sorted. Each nested root is walked with its own configuration (read
 * leniently: a key with an error keeps its default), so a root below a
 * nested root is found the way an audit of the nested root finds it.
 *
 * @param config - The root's configuration; default: its `.sopmaturity.yml`, else the defaults.
 */
export function findAuditRoots(root: string, config?: DiscoverConfig, options: DiscoverOptions = {}): string[] {
  const out: string[] = [''];
  const visit = (abs: string, prefix: string, own: DiscoverConfig) => {
    for (const rel of discover(abs, own, options).roots) {
      const nested = prefix ? `${prefix}/${rel}` : rel;
      out.push(nested);
      const nestedAbs = path.join(abs, ...rel.split('/'));
      visit(nestedAbs, nested, lenientConfig(nestedAbs));
    }
  };
  visit(root, '', config ?? lenientConfig(root));
  return ['', ...out.slice(1).sort()];
}

/** The configuration of an audit root as far as it can be read; the audit itself reports its errors. */
function lenientConfig(root: string): SopConfig {
  const read = readConfinedFile(root, CONFIG_FILE);
  return read.ok ? loadConfigText(read.text, CONFIG_FILE).config : defaultConfig();
}

/** One walk: what it found, and the rules it applied (for `PathRules`). */
interface Scan {
  found: Discovery;
  selection: FileSelection;
  gitignores: GitIgnores;
  roots: Set<string>;
}

function scan(root: string, config: DiscoverConfig, options: DiscoverOptions): Scan {
  const selection = fileSelection(
    options.exclude?.length ? { ...config, exclude: [...config.exclude, ...options.exclude] } : config,
  );
  const result: Discovery = { markdown: [], ownerFiles: [], errors: [], temps: [], roots: [] };
  const gitignores = new GitIgnores(root, config.gitignore !== false, result.errors);
  const realRoot = realpathOrSelf(root);
  const visited = new Set<string>();
  // Linked folders and files wait until every real folder is walked, so a
  // link to something also reachable directly never wins over the real path.
  const linkedDirs: { abs: string; rel: string; rules: RuleNode }[] = [];
  const linkedFiles: { abs: string; rel: string }[] = [];
  const wanted = (rel: string) => selection.takesFile(rel) || isOwnerFileName(rel);
  const refuse = (rel: string, message: string) => {
    if (wanted(rel)) result.errors.push({ path: rel, message });
  };
  const take = (rel: string) => {
    if (isOwnerFileName(rel)) result.ownerFiles.push(rel);
    if (selection.takesFile(rel)) result.markdown.push(rel);
  };

  const walk = (absTop: string, relTop: string, rulesTop: RuleNode) => {
    const pending = [{ abs: absTop, rel: relTop, rules: rulesTop }];
    for (let dir = pending.pop(); dir; dir = pending.pop()) {
      visited.add(realpathOrSelf(dir.abs));
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir.abs, { withFileTypes: true });
      } catch (err) {
        result.errors.push({ path: dir.rel || '.', message: `cannot list the folder: ${describeFsError(err)}` });
        continue;
      }
      const rules = gitignores.enter(dir.abs, dir.rel, entries, dir.rules);
      // A configuration file that .gitignore hides (a local, untracked one) makes no audit root.
      const marker = dir.rel ? `${dir.rel}/${CONFIG_FILE}` : CONFIG_FILE;
      if (
        dir.rel !== '' &&
        entries.some((e) => e.name === CONFIG_FILE && !e.isDirectory()) &&
        !rules.ignores(marker, false)
      ) {
        result.roots.push(dir.rel);
        continue;
      }
      // Names in order, so which of two links to the same folder or file wins does not depend on the file system.
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subfolders: { abs: string; rel: string; rules: RuleNode }[] = [];
      for (const entry of entries) {
        const rel = dir.rel ? `${dir.rel}/${entry.name}` : entry.name;
        const abs = path.join(dir.abs, entry.name);
        if (entry.isDirectory()) {
          if (!selection.skipsFolder(rel) && !rules.ignores(rel, true)) subfolders.push({ abs, rel, rules });
        } else if (entry.isFile()) {
          // Our own temporary files are removed by --fix even where .gitignore hides them (`*.tmp` often is).
          if (tempOwner(entry.name) !== undefined) result.temps.push(rel);
          if (!rules.ignores(rel, false)) take(rel);
        } else if (entry.isSymbolicLink()) {
          let target: fs.Stats;
          try {
            target = fs.statSync(abs);
          } catch (err) {
            if (!rules.ignores(rel, false)) refuse(rel, `broken symbolic link: ${describeFsError(err)}: not audited`);
            continue;
          }
          if (target.isDirectory()) {
            if (!selection.skipsFolder(rel) && !rules.ignores(rel, true)) linkedDirs.push({ abs, rel, rules });
          } else if (rules.ignores(rel, false)) {
            continue;
          } else if (target.isFile()) {
            if (wanted(rel)) linkedFiles.push({ abs, rel });
          } else {
            refuse(rel, `symbolic link to ${fileKind(target)}, not a regular file: not audited`);
          }
        } else if (!rules.ignores(rel, false)) {
          refuse(rel, `${fileKind(entry)}, not a regular file: not audited`);
        }
      }
      for (let i = subfolders.length - 1; i >= 0; i--) pending.push(subfolders[i]); // the first name is walked first
    }
  };
  walk(root, '', gitignores.top());
  for (let i = 0; i < linkedDirs.length; i++) {
    const { abs, rel, rules } = linkedDirs[i];
    const real = realpathOrSelf(abs);
    if (!visited.has(real) && isInside(realRoot, real)) walk(abs, rel, rules);
  }
  const audited = new Set(result.markdown);
  const linkedTargets = new Set<string>();
  for (const { abs, rel } of linkedFiles) {
    const real = realpathOrSelf(abs);
    if (!isInside(realRoot, real)) {
      refuse(rel, 'symbolic link to a file outside the audited folder: not audited');
      continue;
    }
    const realRel = path.relative(realRoot, real).split(path.sep).join('/');
    // The target is audited under its own path (or through another link): one document, not two.
    if (selection.takesFile(rel) && (audited.has(realRel) || linkedTargets.has(real))) continue;
    linkedTargets.add(real);
    take(rel);
  }
  result.markdown.sort();
  result.ownerFiles.sort();
  result.roots.sort();
  return { found: result, selection, gitignores, roots: new Set(result.roots) };
}

/* ------------------------------------------------------------ .gitignore */

/** Longest `.gitignore` pattern applied; a longer one is reported and skipped. */
const MAX_IGNORE_PATTERN = 1024;
/**
 * Most `**` segments in one pattern (after the one a nested file's pattern
 * gets): the matcher compiles patterns to regular expressions, and each `**`
 * multiplies the work on a deep path (three take seconds at depth 100).
 */
const MAX_IGNORE_GLOBSTARS = 2;

/** The rules that apply inside one folder: its own `.gitignore` after those of the folders above it. */
interface RuleNode {
  /** True when `rel` (below the root) is ignored; `isFolder` for folders (git's `dir/` patterns). */
  ignores(rel: string, isFolder: boolean): boolean;
  /** Every pattern that applies, relative to the root, in order of precedence. */
  readonly patterns: readonly string[];
}

const NOTHING_IGNORED: RuleNode = { ignores: () => false, patterns: [] };

/**
 * The `.gitignore` rules of one walk. Each folder that has a `.gitignore`
 * gets one matcher holding every pattern that applies in it, rewritten
 * relative to the root (`*.log` in `docs/` is `docs/**\/*.log`) and in git's
 * order of precedence (info/exclude, then the root's file, then each deeper
 * file), so the last pattern that matches decides, as in git; a folder
 * without one shares its parent's matcher.
 */
class GitIgnores {
  /** The matcher of each walked folder that has rules of its own, by relative path ('' the root). */
  private readonly nodes = new Map<string, RuleNode>();
  private readonly ignorecase = process.platform === 'darwin' || process.platform === 'win32'; // git's core.ignoreCase default on those file systems

  constructor(
    private readonly root: string,
    private readonly enabled: boolean,
    private readonly errors: Discovery['errors'],
  ) {}

  /** The rules of the root before its listing is read: `.git/info/exclude`, when the root is a repository. */
  top(): RuleNode {
    if (!this.enabled) return NOTHING_IGNORED;
    const exclude = path.join(this.root, '.git', 'info', 'exclude');
    const patterns = fs.existsSync(exclude) ? this.read(exclude, '.git/info/exclude', '') : [];
    return patterns.length > 0 ? this.add('', patterns, []) : NOTHING_IGNORED;
  }

  /**
   * The rules inside folder `rel` whose listing is `entries`: `parent`'s, plus its own `.gitignore` when it has one.
   */
  enter(abs: string, rel: string, entries: readonly fs.Dirent[], parent: RuleNode): RuleNode {
    // Like git (2.32 and later), a `.gitignore` that is a symbolic link is not followed.
    if (!this.enabled || !entries.some((e) => e.name === '.gitignore' && e.isFile())) return parent;
    const own = this.read(path.join(abs, '.gitignore'), rel ? `${rel}/.gitignore` : '.gitignore', rel);
    if (own.length === 0) return parent;
    return this.add(rel, own, parent.patterns);
  }

  /** True when `rel` is ignored by the rules of folder `folder` (the nearest walked folder above it that has rules). */
  ignores(folder: string, rel: string, isFolder: boolean): boolean {
    for (
      let at: string | undefined = folder;
      at !== undefined;
      at = at === '' ? undefined : at.slice(0, Math.max(0, at.lastIndexOf('/')))
    ) {
      const found = this.nodes.get(at);
      if (found) return found.ignores(rel, isFolder);
    }
    return false;
  }

  private add(rel: string, own: readonly string[], inherited: readonly string[]): RuleNode {
    const patterns = [...inherited, ...own];
    const matcher: Ignore = ignore({ ignorecase: this.ignorecase, allowRelativePaths: true }).add(patterns);
    const node: RuleNode = {
      patterns,
      ignores: (p, isFolder) => {
        try {
          return matcher.ignores(isFolder ? `${p}/` : p);
        } catch {
          return false; // a name the matcher cannot take as a path is not ignored
        }
      },
    };
    this.nodes.set(rel, node);
    return node;
  }

  /** The patterns of one ignore file, rewritten relative to the root; problems go to `errors`. */
  private read(abs: string, shown: string, folder: string): string[] {
    const read = readRegularCapped(abs, CONFIG_FILE_CAP);
    if (!read.ok) {
      this.errors.push({ path: shown, message: `the ignore file ${read.reason}: its patterns are not applied` });
      return [];
    }
    const out: string[] = [];
    read.text.split(/\r?\n/).forEach((line, index) => {
      const rebased = rebasePattern(line, folder);
      if (rebased === undefined) return;
      const globstars = rebased.split('/').filter((s) => s === '**').length;
      const problem =
        rebased.length > MAX_IGNORE_PATTERN
          ? `is over ${MAX_IGNORE_PATTERN} characters long`
          : globstars > MAX_IGNORE_GLOBSTARS
            ? `has more than ${folder ? MAX_IGNORE_GLOBSTARS - 1 : MAX_IGNORE_GLOBSTARS} \`**\` segments${folder ? ' (a pattern without a slash in a nested .gitignore counts one more)' : ''}`
            : undefined;
      if (problem)
        this.errors.push({ path: shown, message: `line ${index + 1}: the pattern ${problem}: it is not applied` });
      else out.push(rebased);
    });
    return out;
  }
}

/**
 * One line of a `.gitignore` in `folder` as a pattern relative to the root,
 * or undefined for a blank line or a comment. Git's rules: a pattern with a
 * slash at its start or in its middle is relative to the file's folder, one
 * without matches at any depth below it; a trailing slash means folders only;
 * a leading `!` negates. Runs of `**` segments are one `**`.
 */
export function rebasePattern(line: string, folder: string): string | undefined {
  let p = line.replace(/^\uFEFF/, '');
  // Trailing spaces are dropped unless escaped with a backslash.
  while (p.endsWith(' ') && !p.endsWith('\\ ')) p = p.slice(0, -1);
  if (p === '' || p.startsWith('#')) return undefined;
  let negation = '';
  if (p.startsWith('!')) {
    negation = '!';
    p = p.slice(1);
  }
  p = p.replace(/(^|\/)\*\*(\/\*\*)+(?=\/|$)/g, '$1**');
  if (folder === '') return p === '' || p === '/' ? undefined : negation + p;
  // A leading `\#` or `\!` is a literal character; after the folder prefix it no longer needs the escape.
  if (p.startsWith('\\#') || p.startsWith('\\!')) p = p.slice(1);
  const folderOnly = p.endsWith('/');
  let body = folderOnly ? p.slice(0, -1) : p;
  if (body === '') return undefined;
  if (body.startsWith('/')) body = body.slice(1);
  else if (!body.includes('/')) body = `**/${body}`;
  if (body === '') return undefined;
  return `${negation}${escapeIgnorePath(folder)}/${body}${folderOnly ? '/' : ''}`;
}

/** A folder path as literal text in a gitignore pattern. */
function escapeIgnorePath(folder: string): string {
  return folder.replace(/[\\*?[\]]/g, '\\$&').replace(/^[#!]/, '\\$&');
}

/** True for CODEOWNERS at the root, in `.github/` or `docs/`, and for any `OWNERS` file (the engine's rule). */
export const isOwnerFileName = isOwnerFile;

/**
 * A file read as text: decoded in its own encoding (UTF-8 with or without a
 * byte-order mark, UTF-16 with one), with what it takes to write it back the
 * same way and to tell later whether it changed on disk.
 */
export type ReadResult =
  | ({ ok: true } & TextRead)
  | {
      ok: false;
      message: string;
      /** Set when the file was not read because it is longer than `maxChars` could decode to: its size in bytes. */
      tooLarge?: number;
    };

export interface TextRead {
  /** The text without its byte-order mark; with U+FFFD for bad sequences when `invalid` is set. */
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
  /** SHA-1 of the bytes as read: `--fix` writes only over exactly these bytes. */
  digest: string;
  /** Set when the file is not valid in its encoding: it is audited as read and never written. */
  invalid?: InvalidByte;
}

/** How a file was read, without its text: what `writeTextFile` needs to write it back the same way. */
export type ReadAs = Omit<TextRead, 'text'>;

/**
 * Reads a whole file's bytes given its absolute path; throws like `fs.readFileSync`. With `maxBytes`, a file larger
 * than that is not read: `FileTooLargeError` is thrown (a reader that cannot tell the size first may read it whole).
 */
export type ReadFile = (absPath: string, maxBytes?: number) => Uint8Array;

/** A file over the size a reader was given: not read. */
export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(readonly bytes: number) {
    super(`the file is ${bytes} bytes long`);
  }
}

/**
 * The most bytes a text of `maxChars` UTF-16 code units can take in a file: three per unit (UTF-8 spends three bytes
 * on a character of the Basic Multilingual Plane, and four on a pair of units), plus a byte-order mark.
 */
export function maxBytesOf(maxChars: number): number {
  return Number.isFinite(maxChars) ? maxChars * 3 + 4 : Infinity;
}

/**
 * Reads `rel` under `root`; a failure is returned, not thrown, so the audit
 * can go on. `readFile` is the reading primitive (tests inject failures).
 */
export function readTextFile(
  root: string,
  rel: string,
  readFile: ReadFile = readRegularFile,
  options: { maxChars?: number } = {},
): ReadResult {
  let bytes: Uint8Array;
  // A file that cannot decode to at most `maxChars` units is not read at all (its size is checked first).
  const maxBytes = options.maxChars === undefined ? undefined : maxBytesOf(options.maxChars);
  try {
    bytes = readFile(path.join(root, ...rel.split('/')), maxBytes);
  } catch (err) {
    if (err instanceof FileTooLargeError) return { ok: false, message: err.message, tooLarge: err.bytes };
    return { ok: false, message: `cannot read the file: ${describeFsError(err)}` };
  }
  const decoded = decodeBytes(bytes);
  return { ok: true, ...decoded, digest: digestOf(bytes) };
}

/** The digest `TextRead.digest` holds. */
export function digestOf(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * Reads a regular file. The file is opened without blocking and checked
 * before reading, so a file replaced by a named pipe after discovery fails at
 * once instead of waiting for a writer, and a file over `maxBytes` is never
 * read (`FileTooLargeError`).
 */
export function readRegularFile(absPath: string, maxBytes = Infinity): Buffer {
  const fd = fs.openSync(absPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stats = fs.fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
    if (!stats.isFile())
      throw Object.assign(new Error(`it is ${fileKind(stats)}, not a regular file`), { code: 'ENOTREG' });
    if (stats.size > maxBytes) throw new FileTooLargeError(stats.size);
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A document that changed on disk since it was read: `--fix` leaves it alone. */
export class ChangedOnDiskError extends Error {
  override name = 'ChangedOnDiskError';
  constructor() {
    super('changed on disk during the audit: not fixed');
  }
}

/**
 * Writes `text` back to `rel` under `root` in the encoding and with the
 * byte-order mark it was read with (`read`), atomically (`writeFileAtomic`),
 * and only over the same bytes: when the file on disk is no longer what was
 * read, nothing is written and `ChangedOnDiskError` is thrown. A file that
 * was not valid in its encoding is never written. The target is resolved
 * through symbolic links and must stay inside `root`. Returns the folder
 * written into (with `syncFolder: false`, the caller flushes it).
 */
export function writeTextFile(
  root: string,
  rel: string,
  text: string,
  read: ReadAs,
  readFile: ReadFile = readRegularFile,
  options: { syncFolder?: boolean } = {},
): string {
  if (read.invalid) throw new Error(`the file is not valid ${read.encoding}: it is never written`);
  const abs = path.join(root, ...rel.split('/'));
  const real = realpathOrSelf(abs);
  if (!isInside(realpathOrSelf(root), real))
    throw new Error('the file now lies outside the audited folder (through a symbolic link): not written');
  const unchanged = () => {
    let now: Uint8Array;
    try {
      now = readFile(real);
    } catch {
      throw new ChangedOnDiskError();
    }
    if (digestOf(now) !== read.digest) throw new ChangedOnDiskError();
  };
  unchanged();
  // Checked again just before the rename: the window for another writer is the rename itself.
  writeFileAtomic(real, encodeText(text, read.encoding, read.bom), {
    beforeRename: unchanged,
    syncFolder: options.syncFolder,
  });
  return path.dirname(real);
}

/**
 * A `fileExists(relPosixPath)` for link checking. Paths that resolve outside
 * the root count as missing: a link out of the repository will not work for
 * the reader of the published docs either. Names are compared in both
 * Unicode normal forms (NFC and NFD). Answers are cached because the
 * same targets (indexes, shared images) are linked from many documents.
 */
export function createFileExists(root: string): (relPosixPath: string) => boolean {
  const absRoot = path.resolve(root);
  const cache = new Map<string, boolean>();
  return (relPosixPath) => {
    const abs = path.resolve(absRoot, ...relPosixPath.split('/'));
    const cached = cache.get(abs);
    if (cached !== undefined) return cached;
    // A name may be stored decomposed (NFD, as macOS writes it) and linked precomposed (NFC), or the other way round.
    const exists =
      isInside(absRoot, abs) && [abs, ...unicodeVariants(abs)].some((p) => statOrUndefined(p) !== undefined);
    cache.set(abs, exists);
    return exists;
  };
}

function isInside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function statOrUndefined(abs: string): fs.Stats | undefined {
  try {
    return fs.statSync(abs);
  } catch {
    return undefined;
  }
}

function realpathOrSelf(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    return path.resolve(abs);
  }
}

/** What a non-regular directory entry is, for a message. */
function fileKind(entry: fs.Dirent | fs.Stats): string {
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device';
  if (entry.isDirectory()) return 'a folder';
  return 'an entry of unknown type';
}

/** Plain words for the errors a walk or a read meets, without the absolute path Node puts in its messages. */
const FS_ERRORS: Record<string, string> = {
  ENOENT: 'it does not exist (deleted or moved during the audit, or the target of a broken link)',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'a loop of symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
};

/** `CODE (explanation)` for a file-system error. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const detail = (e?.message ?? String(err)).replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/s, '');
  return e?.code ? `${e.code} (${FS_ERRORS[e.code] ?? detail})` : detail;
}
