/**
 * One `--fix` at a time on a folder. Two runs that read the same documents
 * and write them back could each undo the other's work; so a `--fix` run
 * holds a lock file at the root of the audited folder from before it reads
 * anything until its last write. A second run waits for it (saying so once
 * on stderr) and then audits what the first one left. A lock whose process
 * is gone (killed, crashed) is taken over.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processAlive } from '../node/atomic';

/** The lock file, at the root of the audited folder. */
export const LOCK_FILE = '.sopmaturity.lock';

/** A lock file this old that holds no readable owner (its writer died between creating and filling it) is stale. */
const UNREADABLE_STALE_MS = 10_000;
const POLL_MS = 100;

interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** Tells this holder from a later one with the same process id. */
  token: string;
}

/** The lock could not be taken (still held after the wait, or the folder is not writable). */
export class LockError extends Error {
  override name = 'LockError';
}

export interface LockOptions {
  /** Called once when the lock is held by another run and this one starts waiting. */
  onWait?: (message: string) => void;
  /** How long to wait for another run, in ms (default 10 minutes). */
  timeoutMs?: number;
  /** Sleeps the thread (tests may speed it up). */
  sleep?: (ms: number) => void;
}

/** The `--fix` lock of one folder, held until `release()`. */
export class FixLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    readonly file: string,
    private readonly token: string,
  ) {
    // A run that ends by an exception still frees the folder.
    process.once('exit', this.onExit);
  }

  /**
   * Takes the lock of `root`, waiting while another live run holds it.
   * @throws LockError when it is still held after `timeoutMs`, or cannot be created.
   */
  static acquire(root: string, options: LockOptions = {}): FixLock {
    const file = path.join(root, LOCK_FILE);
    const token = randomBytes(8).toString('hex');
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token };
    const sleep = options.sleep ?? sleepSync;
    const deadline = Date.now() + (options.timeoutMs ?? 10 * 60 * 1000);
    let told = false;
    for (;;) {
      if (tryCreate(file, owner)) return new FixLock(file, token);
      const held = readOwner(file);
      if (held !== 'gone' && isStale(file, held)) {
        takeOver(file, held);
        continue;
      }
      if (held === 'gone') continue;
      if (!told) {
        told = true;
        options.onWait?.(`${describeHolder(held)} holds ${LOCK_FILE} in this folder: waiting for it to finish`);
      }
      if (Date.now() > deadline) {
        throw new LockError(
          `${describeHolder(held)} still holds ${LOCK_FILE} in this folder; if no other run is going on, delete that file and run again.`,
        );
      }
      sleep(POLL_MS);
    }
  }

  /** Frees the folder (only when the lock file is still this run's). */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    const held = readOwner(this.file);
    if (held !== 'gone' && held !== 'unreadable' && held.token === this.token) fs.rmSync(this.file, { force: true });
  }
}

/** Creates the lock file with this run as its owner; false when it exists. */
function tryCreate(file: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new LockError(
      `cannot create ${LOCK_FILE} in this folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): --fix needs to write there.`,
    );
  }
  try {
    fs.writeSync(fd, JSON.stringify(owner));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readOwner(file: string): LockOwner | 'unreadable' | 'gone' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.token === 'string')
      return owner as LockOwner;
  } catch {
    // Being written, or not ours.
  }
  return 'unreadable';
}

/** A lock of a process of this machine that no longer runs, or one that stayed unreadable too long. */
function isStale(file: string, held: LockOwner | 'unreadable'): boolean {
  if (held === 'unreadable') {
    try {
      return Date.now() - fs.statSync(file).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return false;
    }
  }
  // A lock taken on another machine (a shared folder) cannot be checked: it is waited for.
  return held.host === os.hostname() && !processAlive(held.pid);
}

/**
 * Removes a stale lock. It is first moved aside and checked: when another
 * waiter took it over in between (the moved file is a new owner's), it is put back.
 */
function takeOver(file: string, stale: LockOwner | 'unreadable'): void {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return;
  }
  const moved = readOwner(aside);
  const same =
    stale === 'unreadable'
      ? moved === 'unreadable'
      : moved !== 'gone' && moved !== 'unreadable' && moved.token === stale.token;
  if (!same) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // A third run holds the folder now; the one whose lock this was finishes under it.
    }
  }
  fs.rmSync(aside, { force: true });
}

function describeHolder(held: LockOwner | 'unreadable'): string {
  return held === 'unreadable'
    ? 'another sop-maturity --fix run'
    : `another sop-maturity --fix run (process ${held.pid}${held.host === os.hostname() ? '' : ` on ${held.host}`}, since ${held.since})`;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
