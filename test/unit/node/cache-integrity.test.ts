/**
 * A cache that checks itself. Each cache file (the facts of the documents
 * and the report memo) carries a checksum of its contents and the engine
 * build; one flipped byte anywhere makes the run discard it and audit
 * afresh, so the report equals a `--no-cache` report, and `--verbose` says
 * so in one line on stderr. Temporary files of a killed rename are removed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

let base: string;
let root: string;
let cacheDir: string;
let fresh: string;

const audit = (...args: string[]) =>
  runCli(['audit', root, '--format', 'json', '--as-of', '2026-11-23', ...args], base);

const cached = (...args: string[]) => audit('--cache-dir', cacheDir, ...args);
const cacheFile = (ending: string) =>
  path.join(
    cacheDir,
    fs.readdirSync(cacheDir).find((n) => n.endsWith(ending))!,
  );

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-cache-check-'));
  root = path.join(base, 'repo');
  cacheDir = path.join(base, 'cache');
  // Part of the sample repository: enough documents, links and owners to make a real report.
  const examples = path.join(__dirname, '..', '..', '..', 'examples');
  for (const rel of [
    '.sopmaturity.yml',
    'README.md',
    'docs/README.md',
    'docs/backups',
    'docs/clients',
    'docs/patching',
  ]) {
    fs.cpSync(path.join(examples, rel), path.join(root, rel), { recursive: true });
  }
  fresh = audit('--no-cache').stdout;
  expect(JSON.parse(fresh).documents.length).toBeGreaterThan(10);
  // A cold run writes both files.
  expect(cached().stdout).toBe(fresh);
  expect(
    fs
      .readdirSync(cacheDir)
      .sort()
      .map((n) => n.replace(/^[0-9a-f]{16}/, 'ID')),
  ).toEqual(['ID.facts', 'ID.report']);
});
afterAll(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

/**
 * Byte positions to flip: in each part of the header (the magic, the build's
 * length byte, the build, the checksum), then positions spread over the
 * payload, and the last byte.
 */
function positions(file: Buffer): number[] {
  const build = 11;
  const digest = build + file[10];
  const payload = digest + 32;
  const spread = Array.from({ length: 12 }, (_, i) => Math.floor(payload + ((file.length - 1 - payload) * i) / 11));
  return [...new Set([0, 9, 10, build, digest - 1, digest, digest + 16, payload - 1, ...spread, file.length - 1])];
}

/** The reasons a damaged file can be given, by the part that was hit. */
const WHY =
  '(failed its checksum \\(damaged\\)|was written by another build of sop-maturity|is not a cache file of this version)';

describe('one flipped byte anywhere', () => {
  /**
   * Flips each byte of `positions` in `file` in turn (after `prepare`, which
   * may remove the other cache file), runs with --verbose, and expects the
   * fresh report and the one discard line.
   */
  function flipEach(file: string, discard: RegExp, prepare: () => void = () => undefined): void {
    const good = fs.readFileSync(file);
    for (const at of positions(good)) {
      const bad = Buffer.from(good);
      bad[at] ^= 0x01;
      fs.writeFileSync(file, bad);
      prepare();
      const r = cached('--verbose');
      expect(r.stdout, `byte ${at} of ${good.length}`).toBe(fresh);
      expect(r.stderr, `byte ${at}`).toMatch(discard);
    }
  }

  it('in the facts cache: the report equals a --no-cache report, and --verbose says the file was discarded', () => {
    const memo = cacheFile('.report');
    // Without the memo, the run has to read the facts.
    flipEach(
      cacheFile('.facts'),
      new RegExp(`^sop-maturity: the fact cache [0-9a-f]{16}\\.facts ${WHY}: discarded, parsing the files again\n$`),
      () => fs.rmSync(memo, { force: true }),
    );
    // The run wrote a good file again: the next one uses it without a word.
    fs.rmSync(memo, { force: true });
    expect(cached('--verbose')).toMatchObject({ stdout: fresh, stderr: '' });
  });

  it('in the report memo: the report equals a --no-cache report, and --verbose says the memo was discarded', () => {
    flipEach(
      cacheFile('.report'),
      new RegExp(`^sop-maturity: the report memo [0-9a-f]{16}\\.report ${WHY}: discarded, auditing afresh\n$`),
    );
  });

  it("a digit changed in the memo's report (the level) is caught, not served", () => {
    const memo = cacheFile('.report');
    const good = fs.readFileSync(memo);
    const at = good.indexOf('"overall":');
    expect(at).toBeGreaterThan(0);
    const bad = Buffer.from(good);
    bad[at + '"overall":'.length] = '4'.charCodeAt(0);
    fs.writeFileSync(memo, bad);
    expect(JSON.parse(cached().stdout).levels.overall).toBe(JSON.parse(fresh).levels.overall);
  });

  it('without --verbose, a discarded file is not mentioned', () => {
    const facts = cacheFile('.facts');
    const bad = fs.readFileSync(facts);
    bad[bad.length >> 1] ^= 0x80;
    fs.writeFileSync(facts, bad);
    fs.rmSync(cacheFile('.report'));
    expect(cached()).toMatchObject({ code: 0, stdout: fresh, stderr: '' });
  });
});

describe('temporary files of a killed cache write', () => {
  it('are removed by the next run that writes the cache; a running process keeps its own', () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    const facts = path.basename(cacheFile('.facts'));
    const leftovers = [`.${facts}.sop-maturity-${dead}-0123abcd.tmp`, `${facts}.${dead}.tmp`];
    const live = `.${facts}.sop-maturity-${process.pid}-0123abcd.tmp`;
    for (const n of [...leftovers, live]) fs.writeFileSync(path.join(cacheDir, n), Buffer.alloc(1024, 1));
    // Something changed, so the facts are written again.
    fs.appendFileSync(path.join(root, 'docs', 'README.md'), '\nOne more line.\n');
    expect(cached().code).toBe(0);
    const names = fs.readdirSync(cacheDir);
    for (const n of leftovers) expect(names).not.toContain(n);
    expect(names).toContain(live);
    fs.rmSync(path.join(cacheDir, live));
  });
});
