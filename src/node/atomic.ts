/**
 * Writes that cannot lose a byte. Every file the tool writes (fixed
 * documents, caches, baselines, reports) goes to a temporary file in the
 * same folder, is flushed to the disk, and is renamed over the original in
 * one step, keeping the original's mode. A reader (or a run killed at any
 * moment) sees the old file or the new one, never an empty or half-written
 * one. Temporary files name the process that made them, so a later run can
 * tell those of a killed run (its process is gone) from those of a run still
 * writing, and remove them.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** `.NAME.sop-maturity-PID-RANDOM.tmp`: the target's name, the writing process, a random part. */
const TEMP_NAME = /^\.(.+)\.sop-maturity-(\d+)-[0-9a-f]{8}\.tmp$/;

/** A temporary file older than this is a leftover even when a process of its number runs (process ids are reused). */
const TEMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The temporary file a write of `file` goes through (in the same folder, so the rename cannot cross file systems). */
export function tempPathFor(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.sop-maturity-${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** The process id a temporary file name carries, or undefined when the name is not one of ours. */
export function tempOwner(name: string): number | undefined {
  const m = TEMP_NAME.exec(name);
  return m ? Number(m[2]) : undefined;
}

/** True when a process with this id runs (on this machine). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface AtomicWriteOptions {
  /** Mode of a file that does not exist yet (the umask applies); an existing file keeps its own mode. */
  mode?: number;
  /**
   * Called after the new content is on the disk and just before the rename:
   * throwing abandons the write (the temporary file is removed, the original
   * stays as it is). `--fix` checks here that the document is still the one it read.
   */
  beforeRename?: () => void;
  /** Remove leftover temporary files of the same target from killed runs first (one look at the folder). */
  cleanLeftovers?: boolean;
  /**
   * Flush the folder after the rename (default true). A caller writing many
   * files of a few folders passes false and calls `syncFolder` once per folder.
   */
  syncFolder?: boolean;
}

/**
 * Replaces `file` with `data` atomically: temporary file in the same folder,
 * written, flushed (`fsync`), renamed over `file`; the folder is flushed too
 * where the system allows it. A symbolic link is followed, so the link stays
 * and its target gets the new content.
 *
 * @throws the file-system error (or what `beforeRename` threw); `file` is then unchanged.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  let stats: fs.Stats | undefined;
  try {
    stats = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (stats && !stats.isFile() && !stats.isDirectory()) {
    // A device or a pipe (`--out /dev/stdout`) is written to, not replaced: there is no file to lose.
    fs.writeFileSync(file, data);
    return;
  }
  const target = stats ? resolveLink(file) : file;
  const dir = path.dirname(target);
  if (options.cleanLeftovers) removeLeftovers(dir, path.basename(target));
  // An existing file keeps its mode exactly (the mode given to open is reduced by the umask).
  const mode = stats ? stats.mode & 0o7777 : options.mode;
  const tmp = tempPathFor(target);
  let fd = fs.openSync(tmp, 'wx', mode ?? 0o666);
  try {
    if (stats && process.platform !== 'win32') fs.fchmodSync(fd, stats.mode & 0o7777);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = -1;
    options.beforeRename?.();
    fs.renameSync(tmp, target);
  } catch (err) {
    if (fd >= 0) closeQuietly(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  if (options.syncFolder !== false) syncFolder(dir);
}

/**
 * Removes the temporary files of killed runs among `names` (paths relative
 * to `dir`, `/`-separated): ours by name, of a process that no longer runs
 * (or older than a day). Returns how many were removed; errors are ignored
 * (a leftover that cannot be removed is tried again next time).
 */
export function removeTempFiles(dir: string, names: readonly string[], now = Date.now()): number {
  let removed = 0;
  for (const name of names) {
    const pid = tempOwner(name.slice(name.lastIndexOf('/') + 1));
    if (pid === undefined) continue;
    const file = path.join(dir, ...name.split('/'));
    try {
      if (processAlive(pid) && now - fs.lstatSync(file).mtimeMs < TEMP_MAX_AGE_MS) continue;
      fs.rmSync(file, { force: true });
      removed++;
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** Leftovers of writes of `base` in `dir` (see `removeTempFiles`). */
function removeLeftovers(dir: string, base: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `.${base}.sop-maturity-`;
  removeTempFiles(
    dir,
    names.filter((n) => n.startsWith(prefix)),
  );
}

/**
 * The file a symbolic link leads to (followed to the end), or `file` itself when it is not a link or does not exist.
 */
function resolveLink(file: string): string {
  try {
    return fs.lstatSync(file).isSymbolicLink() ? fs.realpathSync(file) : file;
  } catch {
    return file;
  }
}

/** Flushes a folder's entry list, so the renames into it survive a power cut; not possible on every system. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Already closed.
  }
}
