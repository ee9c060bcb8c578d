/**
 * Writes that cannot lose a byte, in process: the atomic writer (mode kept,
 * links followed, an abandoned write leaves the original and no temporary
 * file), leftovers of killed runs removed, the `--fix` lock, and `--fix`
 * leaving a document that changed on disk during the audit alone, with a
 * finding that says so.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeTempFiles, tempOwner, tempPathFor, writeFileAtomic } from '../../../src/node/atomic';
import {
  ChangedOnDiskError,
  readRegularFile,
  readTextFile,
  writeTextFile,
  type ReadFile,
} from '../../../src/node/discover';
import { FixLock, LOCK_FILE, LockError } from '../../../src/cli/lock';
import { runCli } from '../helpers/cli';
import type { Report } from '../../../src/core/report/types';

const posix = process.platform !== 'win32';
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-safe-write-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A process id that surely does not run any more: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid as number;
}

const names = () => fs.readdirSync(dir).sort();

describe('writeFileAtomic', () => {
  it('replaces the content and leaves nothing else in the folder', () => {
    const file = path.join(dir, 'a.md');
    fs.writeFileSync(file, 'old');
    writeFileAtomic(file, 'new content');
    expect(fs.readFileSync(file, 'utf8')).toBe('new content');
    expect(names()).toEqual(['a.md']);
  });

  it.skipIf(!posix)('keeps the mode of the file it replaces (the umask does not apply)', () => {
    const file = path.join(dir, 'a.md');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o640);
    writeFileAtomic(file, 'new');
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    fs.chmodSync(file, 0o604);
    writeFileAtomic(file, 'newer');
    expect(fs.statSync(file).mode & 0o777).toBe(0o604);
  });

  it.skipIf(!posix)('writes through a symbolic link: the link stays a link, its target gets the content', () => {
    const target = path.join(dir, 'target.md');
    const link = path.join(dir, 'link.md');
    fs.writeFileSync(target, 'old');
    fs.symlinkSync('target.md', link);
    writeFileAtomic(link, 'new');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
  });

  it('a write abandoned just before the rename leaves the original as it was and no temporary file', () => {
    const file = path.join(dir, 'a.md');
    fs.writeFileSync(file, 'original');
    expect(() =>
      writeFileAtomic(file, 'replacement', {
        beforeRename: () => {
          // The new content is complete on disk at this point, under another name.
          const temps = names().filter((n) => tempOwner(n) === process.pid);
          expect(temps).toHaveLength(1);
          expect(fs.readFileSync(path.join(dir, temps[0]), 'utf8')).toBe('replacement');
          throw new Error('changed');
        },
      }),
    ).toThrow('changed');
    expect(fs.readFileSync(file, 'utf8')).toBe('original');
    expect(names()).toEqual(['a.md']);
  });

  it.skipIf(!posix)('a pipe or a device (`--out /dev/stdout`) is written to, not replaced', () => {
    // A named pipe of this test's folder stands in for /dev/stdout: a device of the machine is never put at risk here.
    const fifo = path.join(dir, 'out.fifo');
    spawnSync('mkfifo', [fifo]);
    const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      writeFileAtomic(fifo, 'report');
      expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
      const got = Buffer.alloc(64);
      expect(got.subarray(0, fs.readSync(reader, got)).toString('utf8')).toBe('report');
      expect(names()).toEqual(['out.fifo']);
    } finally {
      fs.closeSync(reader);
    }
  });

  it('a failed write (a folder in the way) throws and leaves no temporary file', () => {
    fs.mkdirSync(path.join(dir, 'a.md'));
    expect(() => writeFileAtomic(path.join(dir, 'a.md'), 'x')).toThrow();
    expect(names()).toEqual(['a.md']);
  });
});

describe('temporary files of killed runs', () => {
  it('are removed when their process is gone; a running process keeps its own', () => {
    const dead = deadPid();
    const deadTemp = path.basename(tempPathFor(path.join(dir, 'a.md'))).replace(`-${process.pid}-`, `-${dead}-`);
    const liveTemp = path.basename(tempPathFor(path.join(dir, 'b.md')));
    for (const n of [deadTemp, liveTemp, 'notes.tmp', 'a.md']) fs.writeFileSync(path.join(dir, n), 'x');
    expect(tempOwner(deadTemp)).toBe(dead);
    expect(removeTempFiles(dir, names())).toBe(1);
    expect(names()).toEqual([liveTemp, 'a.md', 'notes.tmp'].sort());
  });

  it('older than a day are removed even when a process of that number runs (ids are reused)', () => {
    const old = path.basename(tempPathFor(path.join(dir, 'a.md')));
    fs.writeFileSync(path.join(dir, old), 'x');
    expect(removeTempFiles(dir, [old], Date.now() + 2 * 24 * 3600 * 1000)).toBe(1);
    expect(names()).toEqual([]);
  });

  it('writing a report cleans up the leftovers of the same file', () => {
    const file = path.join(dir, 'report.json');
    const leftover = path.basename(tempPathFor(file)).replace(`-${process.pid}-`, `-${deadPid()}-`);
    fs.writeFileSync(path.join(dir, leftover), 'half a report');
    writeFileAtomic(file, '{}', { cleanLeftovers: true });
    expect(names()).toEqual(['report.json']);
  });
});

describe('the --fix lock', () => {
  const noSleep = () => undefined;

  it('is held by one run; another waits (saying so once) and gives up with a clear error', () => {
    const first = FixLock.acquire(dir);
    expect(names()).toEqual([LOCK_FILE]);
    const told: string[] = [];
    expect(() => FixLock.acquire(dir, { onWait: (m) => told.push(m), timeoutMs: 50, sleep: noSleep })).toThrow(
      LockError,
    );
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(
      new RegExp(
        `^another sop-maturity --fix run \\(process ${process.pid}, since .*\\) holds \\.sopmaturity\\.lock in this folder: waiting for it to finish$`,
      ),
    );
    first.release();
    expect(names()).toEqual([]);
    FixLock.acquire(dir).release();
  });

  it('is taken over from a process that no longer runs', () => {
    fs.writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: deadPid(), host: os.hostname(), since: '2026-01-01T00:00:00Z', token: 'gone' }),
    );
    const told: string[] = [];
    const lock = FixLock.acquire(dir, { onWait: (m) => told.push(m), timeoutMs: 1000, sleep: noSleep });
    expect(told).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(names()).toEqual([]);
  });

  it('an unreadable lock file is waited for while fresh, taken over once old', () => {
    const file = path.join(dir, LOCK_FILE);
    fs.writeFileSync(file, '');
    expect(() => FixLock.acquire(dir, { timeoutMs: 20, sleep: noSleep })).toThrow(LockError);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    FixLock.acquire(dir, { timeoutMs: 1000, sleep: noSleep }).release();
    expect(names()).toEqual([]);
  });

  it('release leaves a lock that is not its own (taken over by another run) in place', () => {
    const lock = FixLock.acquire(dir);
    fs.writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, host: os.hostname(), since: 'now', token: 'someone-else' }),
    );
    lock.release();
    expect(names()).toEqual([LOCK_FILE]);
  });
});

describe('writeTextFile writes only over the bytes it read', () => {
  it('throws ChangedOnDiskError and leaves the file alone when it changed since the read', () => {
    const file = path.join(dir, 'a.md');
    fs.writeFileSync(file, '# A\n');
    const read = readTextFile(dir, 'a.md');
    if (!read.ok) throw new Error(read.message);
    fs.writeFileSync(file, '# A, edited by someone else\n');
    expect(() => writeTextFile(dir, 'a.md', '# A fixed\n', read)).toThrow(ChangedOnDiskError);
    expect(fs.readFileSync(file, 'utf8')).toBe('# A, edited by someone else\n');
    expect(names()).toEqual(['a.md']);
  });
});

describe('audit --fix with a document that changes on disk during the run', () => {
  // Words enough of its own not to be a stub, which --fix leaves alone.
  const SOP =
    '---\ntitle: Backup check\ntype: sop\nowner: ops\n---\n# Backup check\n\nEvery morning the technician on duty checks that the nightly backups of every managed client finished on time, and opens a ticket for each failed job before nine.\n\n## Procedure\n\n1. Open the console.\n2. Check the jobs.\n';
  const EDITED = `${SOP}\nEdited in an editor while the audit ran.\n`;

  /** Runs `audit . --fix --format json` in `dir` with a reader that edits docs/a.md at its `editAt`-th read. */
  function fixWhileEditing(editAt: number): { code: number; report: Report; stderr: string } {
    fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'docs', 'a.md'), SOP);
    fs.writeFileSync(path.join(dir, 'docs', 'b.md'), SOP.replace(/Backup check/g, 'Restore test'));
    let reads = 0;
    const readFile: ReadFile = (abs) => {
      if (abs.endsWith(`${path.sep}a.md`) && ++reads === editAt) fs.writeFileSync(abs, EDITED);
      return readRegularFile(abs);
    };
    const { code, stdout, stderr } = runCli(
      ['audit', '.', '--fix', '--format', 'json', '--as-of', '2026-11-23', '--no-cache'],
      dir,
      { readFile },
    );
    return { code, report: JSON.parse(stdout) as Report, stderr };
  }

  it.each([
    ['after the audit read it, before the fix', 2],
    ['while the fixed text was being written (the check just before the rename)', 4],
  ])('%s: the edit is kept, the file is not fixed, and a finding says so', (_when, editAt) => {
    const { code, report, stderr } = fixWhileEditing(editAt);
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'docs', 'a.md'), 'utf8')).toBe(EDITED);
    // The other document is fixed.
    expect(fs.readFileSync(path.join(dir, 'docs', 'b.md'), 'utf8')).toContain('## Checklist');
    expect(stderr).toContain('  docs/a.md: not fixed: changed on disk during the audit: not fixed\n');
    const a = report.documents.find((d) => d.path === 'docs/a.md')!;
    expect(a.findings.filter((f) => f.check === 'file').map((f) => f.message)).toEqual([
      'changed on disk during the audit: not fixed',
    ]);
    expect(a.findings.flatMap((f) => f.fixes)).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'docs')).sort()).toEqual(['a.md', 'b.md']);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it("removes the temporary files a killed --fix left beside the documents, keeps a running one's", () => {
    fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'docs', 'a.md'), SOP);
    const dead = `.a.md.sop-maturity-${deadPid()}-0badf00d.tmp`;
    const live = `.b.md.sop-maturity-${process.pid}-0badf00d.tmp`;
    fs.writeFileSync(path.join(dir, 'docs', dead), SOP.slice(0, 20));
    fs.writeFileSync(path.join(dir, 'docs', live), SOP.slice(0, 20));
    expect(runCli(['audit', '.', '--fix', '--quiet', '--as-of', '2026-11-23', '--no-cache'], dir).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'docs')).sort()).toEqual([live, 'a.md'].sort());
  });
});
