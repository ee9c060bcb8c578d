/**
 * File discovery for the CLI: which Markdown files and owner files
 * (CODEOWNERS / OWNERS) lie under the audited directory, how to read them, and
 * whether a linked path exists. Paths handed to the core are always POSIX and
 * relative to the root, also on Windows.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempOwner, writeFileAtomic } from '../core/atomic';
import { decodeBytes, encodeText, type InvalidByte, type TextEncodingName } from '../core/encoding';
import { fileSelection } from '../core/glob';
import { unicodeVariants } from '../core/links';
import type { SopConfig } from '../core/types';

/** Folders where a CODEOWNERS file is honoured (GitHub's rule); '' is the root. */
const CODEOWNERS_FOLDERS = new Set(['', '.github', 'docs']);

/** What lies under the root. */
export interface Discovery {
  /** Markdown files to audit, sorted. */
  markdown: string[];
  /** CODEOWNERS and OWNERS files, sorted. */
  ownerFiles: string[];
  /** Folders that could not be listed and files that will not be read (broken links, pipes...); the walk goes on without them. */
  errors: { path: string; message: string }[];
  /** Temporary files of our atomic writes (`.NAME.sop-maturity-PID-….tmp`) in the folders walked: `--fix` removes those of killed runs. */
  temps: string[];
}

/**
 * Walks `root` and returns the Markdown files the configuration selects
 * (include/exclude globs and Markdown extensions) and every owner file.
 * `node_modules` and `.git` are never walked, nor are excluded folders, and
 * only file names are looked at: no file is opened or even stat'ed unless it
 * is a symbolic link.
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
export function discover(root: string, config: Pick<SopConfig, 'include' | 'exclude' | 'markdownExtensions'>): Discovery {
  const selection = fileSelection(config);
  const result: Discovery = { markdown: [], ownerFiles: [], errors: [], temps: [] };
  const realRoot = realpathOrSelf(root);
  const visited = new Set<string>();
  // Linked folders and files wait until every real folder is walked, so a
  // link to something also reachable directly never wins over the real path.
  const linkedDirs: { abs: string; rel: string }[] = [];
  const linkedFiles: { abs: string; rel: string }[] = [];
  const wanted = (rel: string) => selection.takesFile(rel) || isOwnerFileName(rel);
  const refuse = (rel: string, message: string) => {
    if (wanted(rel)) result.errors.push({ path: rel, message });
  };
  const take = (rel: string) => {
    if (isOwnerFileName(rel)) result.ownerFiles.push(rel);
    if (selection.takesFile(rel)) result.markdown.push(rel);
  };

  const walk = (absTop: string, relTop: string) => {
    const pending = [{ abs: absTop, rel: relTop }];
    for (let dir = pending.pop(); dir; dir = pending.pop()) {
      visited.add(realpathOrSelf(dir.abs));
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir.abs, { withFileTypes: true });
      } catch (err) {
        result.errors.push({ path: dir.rel || '.', message: `cannot list the folder: ${describeFsError(err)}` });
        continue;
      }
      // Names in order, so which of two links to the same folder or file wins does not depend on the file system.
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subfolders: { abs: string; rel: string }[] = [];
      for (const entry of entries) {
        const rel = dir.rel ? `${dir.rel}/${entry.name}` : entry.name;
        const abs = path.join(dir.abs, entry.name);
        if (entry.isDirectory()) {
          if (!selection.skipsFolder(rel)) subfolders.push({ abs, rel });
        } else if (entry.isFile()) {
          take(rel);
          if (tempOwner(entry.name) !== undefined) result.temps.push(rel);
        } else if (entry.isSymbolicLink()) {
          let target: fs.Stats;
          try {
            target = fs.statSync(abs);
          } catch (err) {
            refuse(rel, `broken symbolic link: ${describeFsError(err)}: not audited`);
            continue;
          }
          if (target.isDirectory()) {
            if (!selection.skipsFolder(rel)) linkedDirs.push({ abs, rel });
          } else if (target.isFile()) {
            if (wanted(rel)) linkedFiles.push({ abs, rel });
          } else {
            refuse(rel, `symbolic link to ${fileKind(target)}, not a regular file: not audited`);
          }
        } else {
          refuse(rel, `${fileKind(entry)}, not a regular file: not audited`);
        }
      }
      for (let i = subfolders.length - 1; i >= 0; i--) pending.push(subfolders[i]); // the first name is walked first
    }
  };
  walk(root, '');
  for (let i = 0; i < linkedDirs.length; i++) {
    const { abs, rel } = linkedDirs[i];
    const real = realpathOrSelf(abs);
    if (!visited.has(real) && isInside(realRoot, real)) walk(abs, rel);
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
  return result;
}

/** True for CODEOWNERS at the root, in `.github/` or `docs/`, and for any `OWNERS` file. */
export function isOwnerFileName(rel: string): boolean {
  const slash = rel.lastIndexOf('/');
  const name = rel.slice(slash + 1);
  const folder = slash < 0 ? '' : rel.slice(0, slash);
  if (name === 'OWNERS') return true;
  return name === 'CODEOWNERS' && CODEOWNERS_FOLDERS.has(folder);
}

/**
 * A file read as text: decoded in its own encoding (UTF-8 with or without a
 * byte-order mark, UTF-16 with one), with what it takes to write it back the
 * same way and to tell later whether it changed on disk.
 */
export type ReadResult = ({ ok: true } & TextRead) | { ok: false; message: string };

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

/** Reads a whole file's bytes given its absolute path; throws like `fs.readFileSync`. */
export type ReadFile = (absPath: string) => Uint8Array;

/**
 * Reads `rel` under `root`; a failure is returned, not thrown, so the audit
 * can go on. `readFile` is the reading primitive (tests inject failures).
 */
export function readTextFile(root: string, rel: string, readFile: ReadFile = readRegularFile): ReadResult {
  let bytes: Uint8Array;
  try {
    bytes = readFile(path.join(root, ...rel.split('/')));
  } catch (err) {
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
 * once instead of waiting for a writer.
 */
export function readRegularFile(absPath: string): Buffer {
  const fd = fs.openSync(absPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stats = fs.fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
    if (!stats.isFile()) throw Object.assign(new Error(`it is ${fileKind(stats)}, not a regular file`), { code: 'ENOTREG' });
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
export function writeTextFile(root: string, rel: string, text: string, read: ReadAs, readFile: ReadFile = readRegularFile, options: { syncFolder?: boolean } = {}): string {
  if (read.invalid) throw new Error(`the file is not valid ${read.encoding}: it is never written`);
  const abs = path.join(root, ...rel.split('/'));
  const real = realpathOrSelf(abs);
  if (!isInside(realpathOrSelf(root), real)) throw new Error('the file now lies outside the audited folder (through a symbolic link): not written');
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
  writeFileAtomic(real, encodeText(text, read.encoding, read.bom), { beforeRename: unchanged, syncFolder: options.syncFolder });
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
    const exists = isInside(absRoot, abs) && [abs, ...unicodeVariants(abs)].some((p) => statOrUndefined(p) !== undefined);
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
