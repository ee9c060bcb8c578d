/**
 * Two `--fix` runs at once never lose a byte, with real processes (`node
 * dist/cli.js`): on the same 200 documents, repeated, every file ends equal
 * to what one of the two runs alone would have written; a run that finds the
 * folder's lock held waits and says so. No timing is asserted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RUN_A,
  RUN_B,
  fixAlone,
  fixAsync,
  leftovers,
  makeRepo,
  snapshot,
  sop,
  useRunsFolder,
} from '../helpers/fix-runs';

const runsFolder = useRunsFolder();

describe('two --fix runs at once', () => {
  it('on 200 files, twice: every file ends as one of the two runs would have written it alone', async () => {
    const FILES = 200;
    const original = snapshot(makeRepo(runsFolder(), 'original', FILES));
    const aloneA = makeRepo(runsFolder(), 'alone-a', FILES);
    fixAlone(aloneA, RUN_A);
    const fixedA = snapshot(aloneA);
    const aloneB = makeRepo(runsFolder(), 'alone-b', FILES);
    fixAlone(aloneB, RUN_B);
    const fixedB = snapshot(aloneB);
    // The two results differ from the original and from each other (the checklist's steps), so a mix would show.
    for (const [name, bytes] of original) {
      expect(fixedA.get(name)!.equals(bytes)).toBe(false);
      expect(fixedA.get(name)!.equals(fixedB.get(name)!)).toBe(false);
    }

    for (let round = 0; round < 2; round++) {
      const root = makeRepo(runsFolder(), `race-${round}`, FILES);
      // Started together, then staggered, so one run's reads meet the other's writes at different points.
      const later = new Promise<void>((resolve) => setTimeout(resolve, 250 * round));
      const [a, b] = await Promise.all([fixAsync(root, RUN_A), later.then(() => fixAsync(root, RUN_B))]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const after = snapshot(root);
      expect([...after.keys()]).toEqual([...original.keys()]);
      for (const [name, bytes] of after) {
        const ok = bytes.equals(fixedA.get(name)!) || bytes.equals(fixedB.get(name)!);
        expect(ok, `${name} after round ${round}:\n${bytes.toString('utf8')}`).toBe(true);
      }
      expect(leftovers(root)).toEqual([]);
    }
  }, 120_000);

  it('the second run waits for the first and says so, by the lock file', async () => {
    const root = makeRepo(runsFolder(), 'waits', 5);
    // A live process holds the lock: this test's own (a lock is only taken over from a dead process).
    const lock = path.join(root, '.sopmaturity.lock');
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: 'held-by-test' }),
    );
    let waiting!: () => void;
    const saysWaiting = new Promise<void>((resolve) => (waiting = resolve));
    const running = fixAsync(root, RUN_A, (soFar) => {
      if (soFar.includes('waiting for it to finish')) waiting();
    });
    await saysWaiting;
    // While the lock is held, nothing is written.
    expect(fs.readFileSync(path.join(root, 'docs', 'sops', 'p000.md'), 'utf8')).toBe(sop(0));
    fs.rmSync(lock);
    const r = await running;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`another sop-maturity --fix run (process ${process.pid}`);
    expect(r.stderr).toContain('holds .sopmaturity.lock in this folder: waiting for it to finish');
    expect(fs.readFileSync(path.join(root, 'docs', 'sops', 'p000.md'), 'utf8')).not.toBe(sop(0));
    expect(leftovers(root)).toEqual([]);
  }, 60_000);
});
