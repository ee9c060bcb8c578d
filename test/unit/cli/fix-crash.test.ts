/**
 * A `--fix` run killed at any step of its writes never leaves a document
 * empty or partial, with real processes (`node dist/cli.js`): each
 * file-system step that changes a file is counted by a preloaded helper
 * (kill-at.cjs), which sends SIGKILL just before step N, for N spread over
 * the whole run. Every document is then as it was or completely fixed, and
 * the next run takes over the dead run's lock, removes its temporary files
 * and fixes the rest. The kill points are counted steps, not moments.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_A, fixArgs, killer, leftovers, makeRepo, useRunsFolder, snapshot } from '../helpers/fix-runs';

const runsFolder = useRunsFolder();

describe('a --fix run killed at any step of its writes', () => {
  it('leaves each document as it was or completely fixed, and the next run finishes the job and cleans up', () => {
    const FILES = 30;
    const original = snapshot(makeRepo(runsFolder(), 'crash-original', FILES));
    const complete = makeRepo(runsFolder(), 'crash-complete', FILES);
    const countFile = path.join(runsFolder(), 'steps.txt');
    const counted = spawnSync(process.execPath, ['-r', killer, ...fixArgs(complete, RUN_A)], {
      encoding: 'utf8',
      env: { ...process.env, COUNT_FILE: countFile },
    });
    expect(counted.status, counted.stderr).toBe(0);
    const fixed = snapshot(complete);
    const steps = Number(fs.readFileSync(countFile, 'utf8'));
    // Several steps per document: open, write, flush, close, rename (and the lock).
    expect(steps).toBeGreaterThan(FILES * 4);

    const POINTS = 12;
    let mixed = 0;
    let tempsLeft = 0;
    for (let j = 0; j < POINTS; j++) {
      const killAt = 1 + Math.round((j * (steps - 1)) / (POINTS - 1));
      const root = makeRepo(runsFolder(), `crash-${j}`, FILES);
      const r = spawnSync(process.execPath, ['-r', killer, ...fixArgs(root, RUN_A)], {
        encoding: 'utf8',
        env: { ...process.env, KILL_AT: String(killAt) },
      });
      expect(r.signal, `kill at step ${killAt} of ${steps}`).toBe('SIGKILL');
      const after = snapshot(root);
      let fixedCount = 0;
      for (const [name, bytes] of after) {
        expect(bytes.length, `${name} empty after a kill at step ${killAt}`).toBeGreaterThan(0);
        const asBefore = bytes.equals(original.get(name)!);
        const asFixed = bytes.equals(fixed.get(name)!);
        expect(asBefore || asFixed, `${name} partial after a kill at step ${killAt}:\n${bytes.toString('utf8')}`).toBe(
          true,
        );
        if (asFixed) fixedCount++;
      }
      if (fixedCount > 0 && fixedCount < FILES) mixed++;
      if (leftovers(root).some((f) => f.endsWith('.tmp'))) tempsLeft++;
      if (j % 4 === 3) {
        // The next run takes over the dead run's lock, removes its temporary files and fixes the rest.
        const next = spawnSync(process.execPath, fixArgs(root, RUN_A), { encoding: 'utf8' });
        expect(next.status, next.stderr).toBe(0);
        for (const [name, bytes] of snapshot(root)) expect(bytes.equals(fixed.get(name)!), name).toBe(true);
        expect(leftovers(root)).toEqual([]);
      }
    }
    // The kill points landed in the middle of the writes: some runs died with part of the files fixed,
    // some between writing a temporary file and renaming it.
    expect(mixed).toBeGreaterThan(POINTS / 2);
    expect(tempsLeft).toBeGreaterThan(0);
  }, 180_000);
});
