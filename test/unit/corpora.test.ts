/**
 * Real-world smoke test: audits every public runbook corpus in
 * ../shared/corpora (when that folder exists) with the built CLI. Nothing
 * here is needed for the suite to pass on a machine without the corpora.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core';

const CORPORA = resolve('..', 'shared', 'corpora');
const CACHE = resolve('.cache', 'corpora');
const archives = existsSync(CORPORA) ? readdirSync(CORPORA).filter((n) => n.endsWith('.tar.gz')) : [];

/** Unpacks an archive once into .cache/corpora/NAME and returns the folder holding the repository. */
function unpack(archive: string): string {
  const name = archive.replace(/\.tar\.gz$/, '');
  const dir = join(CACHE, name);
  if (!existsSync(join(dir, '.unpacked'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', join(CORPORA, archive), '-C', dir]);
    execFileSync('touch', [join(dir, '.unpacked')]);
  }
  const inner = readdirSync(dir).filter((n) => !n.startsWith('.'));
  return inner.length === 1 ? join(dir, inner[0]) : dir;
}

describe.skipIf(archives.length === 0)('real corpora (../shared/corpora)', () => {
  for (const archive of archives) {
    it(`audits ${archive} without an engine error`, () => {
      const root = unpack(archive);
      const out = join(CACHE, `${archive}.report.json`);
      execFileSync(process.execPath, ['dist/cli.js', 'audit', root, '--format', 'json', '--out', out, '--as-of', '2026-11-23', '--quiet', '--no-cache'], { stdio: 'pipe', maxBuffer: 64 << 20 });
      const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
      expect(report.schemaVersion).toBe(1);
      expect(report.summary.documents).toBeGreaterThan(100);
      expect(report.levels.overall).toBeGreaterThanOrEqual(0);
      expect(report.levels.overall).toBeLessThanOrEqual(5);
      // Front matter that really is broken is reported; the engine itself never fails on a file.
      const engine = report.errors.filter((e) => /could not be parsed|internal/i.test(e.message));
      expect(engine).toEqual([]);
      console.log(`${archive}: overall ${report.levels.overall} (documentation ${report.levels.documentation}, process ${report.levels.process}), ${report.summary.procedures} procedures of ${report.summary.documents} documents, ${report.summary.findings} findings`);
    }, 600_000);
  }
});
