/**
 * Configuration confined to the repository. A path written in
 * `.sopmaturity.yml` or in workspace settings comes from whoever wrote the
 * repository, so it may only lead to what the repository holds: a rubric
 * must be a regular file of at most 1 MB inside the audited root (after
 * following symbolic links), a folder key a folder inside it. A file named
 * by the person running the tool (`--rubric`, `--config`) may lie anywhere,
 * but is still read only when it is a regular file under the cap, so a
 * device, a named pipe or `/proc` cannot hang the run or fill its memory.
 *
 * A refused file is never read, and no message quotes its bytes: a
 * configuration naming `/proc/self/environ` gets an error about the key, not
 * the environment in a public CI log.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigLocate } from '../core/config/config';
import { decodeBytes, encodingLabel } from '../core/parse/encoding';
import type { LocatedError, SopConfig } from '../core/config/types';

/** The largest configuration or rubric file read, in bytes. */
export const CONFIG_FILE_CAP = 1_000_000;

export type ConfinedRead = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Reads a regular file of at most `cap` bytes as text (UTF-8, or UTF-16 with
 * a byte-order mark). The file is opened without blocking and checked on the
 * open descriptor, and at most `cap + 1` bytes are ever read, so a pipe,
 * a device or a file that grows (or claims size 0, like those of `/proc`)
 * cannot make the read wait or grow without end.
 */
export function readRegularCapped(abs: string, cap = CONFIG_FILE_CAP): ConfinedRead {
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return { ok: false, reason: fsReason(err) };
  }
  try {
    const stats = fs.fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, reason: 'is a folder, not a file' };
    if (!stats.isFile()) return { ok: false, reason: `is ${entryKind(stats)}, not a regular file` };
    if (stats.size > cap) return { ok: false, reason: `is ${stats.size} bytes, over the limit of ${cap} bytes` };
    // Chunks until the end of the file, or one byte past the cap (the size `stat` gives is not trusted: `/proc` says
    // 0).
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= cap) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, cap + 1 - length));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
    }
    if (length > cap) return { ok: false, reason: `is over the limit of ${cap} bytes` };
    const buffer = Buffer.concat(chunks, length);
    const decoded = decodeBytes(buffer);
    if (decoded.invalid) {
      return {
        ok: false,
        reason: `is not valid ${encodingLabel(decoded.encoding, decoded.bom)} (first bad byte at line ${decoded.invalid.line}, column ${decoded.invalid.column})`,
      };
    }
    // Configuration is text: NUL bytes mean a binary file or a kernel table such as /proc/self/environ.
    if (decoded.text.includes('\u0000')) return { ok: false, reason: 'holds NUL bytes, so it is not a text file' };
    return { ok: true, text: decoded.text };
  } catch (err) {
    return { ok: false, reason: fsReason(err) };
  } finally {
    fs.closeSync(fd);
  }
}

export type Resolved = { ok: true; abs: string } | { ok: false; reason: string };

/**
 * Resolves `value`, a path from the configuration, inside `root`: it must be
 * relative, stay inside the root as written and after following every
 * symbolic link, and be a regular file (`want: 'file'`) or a folder. A folder
 * that does not exist is accepted (nothing can be read through it); a file
 * that does not exist is not.
 */
export function resolveInside(root: string, value: string, want: 'file' | 'folder'): Resolved {
  if (path.isAbsolute(value) || path.win32.isAbsolute(value) || /^[A-Za-z]:/.test(value)) {
    return { ok: false, reason: 'is an absolute path: name a path inside the audited folder, relative to it' };
  }
  const absRoot = path.resolve(root);
  const abs = path.resolve(absRoot, ...value.split(/[\\/]+/));
  if (!isInside(absRoot, abs))
    return { ok: false, reason: 'leads out of the audited folder (`..`): name a path inside it' };
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && want === 'folder') return { ok: true, abs };
    return { ok: false, reason: code === 'ENOENT' ? 'does not exist' : fsReason(err) };
  }
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(absRoot);
  } catch (err) {
    return { ok: false, reason: fsReason(err) };
  }
  if (!isInside(realRoot, real))
    return { ok: false, reason: 'leads out of the audited folder through a symbolic link' };
  let stats: fs.Stats;
  try {
    stats = fs.statSync(real);
  } catch (err) {
    return { ok: false, reason: fsReason(err) };
  }
  if (want === 'folder' && !stats.isDirectory()) return { ok: false, reason: `is ${entryKind(stats)}, not a folder` };
  if (want === 'file' && !stats.isFile())
    return {
      ok: false,
      reason: stats.isDirectory() ? 'is a folder, not a file' : `is ${entryKind(stats)}, not a regular file`,
    };
  return { ok: true, abs: real };
}

/** A file named by the repository (`rubric`, the config file itself): confined to `root`, then read under the cap. */
export function readConfinedFile(root: string, value: string, cap = CONFIG_FILE_CAP): ConfinedRead {
  const resolved = resolveInside(root, value, 'file');
  return resolved.ok ? readRegularCapped(resolved.abs, cap) : resolved;
}

/** The folder keys of the configuration that name a place in the repository. */
export const CONFINED_FOLDER_KEYS = ['centralFolder', 'siteRoot'] as const;

/**
 * Checks the folder keys of a loaded configuration (`centralFolder`,
 * `siteRoot`) against the disk: each must be a folder inside `root`. A key
 * that fails is dropped (its default applies) and becomes an error at its
 * place in `file`. The rubric is checked when it is read (`readConfinedFile`).
 */
export function confineConfig(
  root: string,
  config: SopConfig,
  file: string,
  locate: ConfigLocate,
): { config: SopConfig; errors: LocatedError[] } {
  const errors: LocatedError[] = [];
  const out: Record<string, unknown> = { ...config };
  for (const key of CONFINED_FOLDER_KEYS) {
    const value = out[key];
    if (typeof value !== 'string' || value.replace(/^\.?\/?|\/$/g, '') === '') continue;
    const resolved = resolveInside(root, value, 'folder');
    if (resolved.ok) continue;
    errors.push({ file, ...locate([key]), message: `\`${key}\` ${resolved.reason}` });
    delete out[key];
  }
  return { config: out as unknown as SopConfig, errors };
}

/** The error of a rubric file the configuration names and that cannot be used, at the `rubric` key. */
export function rubricKeyError(file: string, locate: ConfigLocate, reason: string): LocatedError {
  return { file, ...locate(['rubric']), message: `\`rubric\` ${reason}: the file is not read` };
}

function isInside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function entryKind(stats: fs.Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFile()) return 'a regular file';
  return 'an entry of unknown type';
}

/** A file-system error as its code and a few words, without the path Node puts in its message. */
function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const words: Record<string, string> = {
    ENOENT: 'does not exist',
    EACCES: 'cannot be read (permission denied)',
    EPERM: 'cannot be read (operation not permitted)',
    ELOOP: 'is a loop of symbolic links',
    EISDIR: 'is a folder, not a file',
    ENAMETOOLONG: 'is too long a path',
  };
  return code ? (words[code] ?? `cannot be read (${code})`) : 'cannot be read';
}
