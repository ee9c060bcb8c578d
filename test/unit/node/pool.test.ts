/**
 * Parsing on worker threads gives exactly the facts in-process parsing
 * gives. The worker is built with esbuild as in the real bundle, so this runs
 * the real worker path (the bundle `dist/worker.js` is made the same way).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as parse from '../../../src/core/parse/parse';
import { defaultConfig, loadBuiltinRubric, Workspace } from '../../../src/core';
import { FileFactCache, parseInParallel } from '../../../src/node';
import { TIME_LIMIT_CHARS, parseWithTimeLimit } from '../../../src/node/timeLimit';
import type { SourceFile } from '../../../src/node';
import type { ParseFile } from '../../../src/core/audit/workspace';
import { buildWorker } from '../helpers/worker';

vi.mock('../../../src/core/parse/parse', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/core/parse/parse')>();
  return { ...actual, parseDocument: vi.fn(actual.parseDocument) };
});

const rubric = loadBuiltinRubric();
const maxFileBytes = 4000;
let worker: Awaited<ReturnType<typeof buildWorker>>;
let workerScript: string;

/** Every Markdown file of the example repository, plus the awkward cases. */
function fixtures(): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md'))
        files.push({ path: relative('examples', p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  walk('examples');
  files.push(
    { path: 'odd/toml.md', text: '+++\ntitle = "Rotate"\nreviewed = 2026-04-01\n+++\n\n# Rotate\n' },
    { path: 'odd/broken-yaml.md', text: '---\ntitle: [unclosed\n---\n\n# Broken\n' },
    { path: 'odd/binary.md', text: 'a\u0000b' },
    { path: 'odd/too-long.md', text: `# Long\n\n${'word '.repeat(1000)}` },
    { path: 'odd/empty.md', text: '' },
  );
  return files;
}

beforeAll(async () => {
  worker = await buildWorker();
  workerScript = worker.script;
}, 60_000);

afterAll(() => worker.dispose());

describe('parseInParallel', () => {
  it('gives the same documents on worker threads as in-process, in the same order', () => {
    const files = fixtures();
    expect(files.length).toBeGreaterThan(40);
    const expected = files.map((f) => parse.parseDocument(f.path, f.text, rubric, { maxFileBytes }));

    vi.mocked(parse.parseDocument).mockClear();
    const progress: number[] = [];
    const docs = parseInParallel(files, rubric, {
      maxFileBytes,
      workerScript,
      threads: 2,
      minFiles: 0,
      minChars: 0,
      onProgress: (n) => progress.push(n),
    });

    // This thread parsed only its share: the worker did the rest.
    expect(vi.mocked(parse.parseDocument).mock.calls.length).toBeLessThan(files.length);
    expect(docs).toEqual(expected);
    expect(progress.at(-1)).toBe(files.length);
  }, 60_000);

  it('parses a small audit in-process', () => {
    const files = fixtures().slice(0, 5);
    vi.mocked(parse.parseDocument).mockClear();
    const docs = parseInParallel(files, rubric, { maxFileBytes: defaultConfig().maxFileBytes, workerScript });
    expect(parse.parseDocument).toHaveBeenCalledTimes(5);
    expect(docs.map((d) => d.path)).toEqual(files.map((f) => f.path));
  });

  it('falls back to in-process parsing when there is no worker bundle', () => {
    const files = fixtures();
    vi.mocked(parse.parseDocument).mockClear();
    const missing = join(tmpdir(), 'sop-no-such-worker.js');
    const docs = parseInParallel(files, rubric, { maxFileBytes, workerScript: missing, minFiles: 0, minChars: 0 });
    expect(parse.parseDocument).toHaveBeenCalledTimes(files.length);
    expect(docs).toHaveLength(files.length);
  });
});

/** Unmatched emphasis markers: micromark is quadratic on them (60 KB takes tens of seconds to parse). */
const PATHOLOGICAL = '*a_'.repeat(20_000);
/** A long but ordinary procedure (over TIME_LIMIT_CHARS, so it goes to a worker under the budget). */
const LONG_PROCEDURE = `---\nowner: ops\n---\n\n# Patch servers\n\n## Steps\n\n${Array.from({ length: 400 }, (_, i) => `- [ ] Step ${i}: check [host ${i}](hosts/h${i}.md) and *note* it`).join('\n')}\n`;
// Generous, so that a loaded machine (CI, other test files on the same cores) never times out the long procedure
// (about 250 ms cold), while the pathological file (about 30 s) always runs out.
const BUDGET = 6000;

describe('the per-file time budget (maxParseMs)', () => {
  it('skips a pathological file with a finding and parses every other file as usual, on a large audit', () => {
    expect(LONG_PROCEDURE.length).toBeGreaterThan(TIME_LIMIT_CHARS);
    const files = [
      ...fixtures(),
      { path: 'docs/runbooks/bomb.md', text: PATHOLOGICAL },
      { path: 'docs/runbooks/long.md', text: LONG_PROCEDURE },
    ];
    files.splice(10, 0, { path: 'docs/runbooks/bomb-2.md', text: `# Title\n\n${PATHOLOGICAL}` });
    const docs = parseInParallel(files, rubric, {
      maxFileBytes: 1_000_000,
      maxParseMs: BUDGET,
      workerScript,
      threads: 2,
      minFiles: 0,
      minChars: 0,
    });
    expect(docs.map((d) => d.path)).toEqual(files.map((f) => f.path));
    for (const doc of docs) {
      const bomb = doc.path.includes('bomb');
      expect(doc.timedOut === true, doc.path).toBe(bomb);
      if (bomb) {
        expect(doc.kindReason).toBe('skipped');
        expect(doc.skipped).toMatch(new RegExp(`parsing took longer than ${BUDGET} ms.*maxParseMs`));
        expect(doc.errors[0].message).toBe(doc.skipped);
      } else {
        const f = files.find((x) => x.path === doc.path) as SourceFile;
        expect(doc).toEqual(parse.parseDocument(f.path, f.text, rubric, { maxFileBytes: 1_000_000 }));
      }
    }
  }, 120_000);

  it('with reread, lets each text go once a worker has it and reads it again for a stopped worker', () => {
    const files = [...fixtures(), { path: 'docs/runbooks/long.md', text: LONG_PROCEDURE }];
    // A pathological file early in a batch: its worker is stopped and the rest of its batch goes to another.
    files.splice(3, 0, { path: 'docs/runbooks/bomb.md', text: `# Title\n\n${PATHOLOGICAL}` });
    const originals = files.map((f) => ({ ...f }));
    const reread: number[] = [];
    const docs = parseInParallel(files, rubric, {
      maxFileBytes: 1_000_000,
      maxParseMs: BUDGET,
      workerScript,
      threads: 2,
      minFiles: 0,
      minChars: 0,
      reread: (i) => {
        reread.push(i);
        return originals[i].text;
      },
    });
    // The pool held the only references to the texts, and let every one go.
    expect(files.every((f) => f.text === '')).toBe(true);
    expect(files.map((f) => f.path)).toEqual(originals.map((f) => f.path));
    // The files after the bomb in its batch were read again (and the bomb, for its time-out message).
    expect(reread).toContain(3);
    expect(reread.length).toBeGreaterThan(1);
    docs.forEach((doc, i) => {
      const f = originals[i];
      if (f.path.includes('bomb'))
        expect(doc.skipped).toMatch(/parsing took longer than .* on a file of 60,009 characters/);
      else expect(doc, f.path).toEqual(parse.parseDocument(f.path, f.text, rubric, { maxFileBytes: 1_000_000 }));
    });
  }, 120_000);

  it('parses the long files of a small audit under the budget too, and the short ones in-process', () => {
    const files = [
      ...fixtures().slice(0, 5),
      { path: 'docs/runbooks/bomb.md', text: PATHOLOGICAL },
      { path: 'docs/runbooks/long.md', text: LONG_PROCEDURE },
    ];
    vi.mocked(parse.parseDocument).mockClear();
    const docs = parseInParallel(files, rubric, { maxFileBytes: 1_000_000, maxParseMs: BUDGET, workerScript });
    // Only the five short files were parsed on this thread.
    expect(
      vi
        .mocked(parse.parseDocument)
        .mock.calls.map((c) => c[0])
        .sort(),
    ).toEqual(
      files
        .slice(0, 5)
        .map((f) => f.path)
        .sort(),
    );
    expect(docs.map((d) => d.timedOut ?? false)).toEqual([false, false, false, false, false, true, false]);
    expect(docs[6]).toEqual(
      parse.parseDocument('docs/runbooks/long.md', LONG_PROCEDURE, rubric, { maxFileBytes: 1_000_000 }),
    );
  }, 120_000);

  it('parseWithTimeLimit: one file under the budget on a long-lived worker, which is replaced after a timeout', () => {
    const options = { maxFileBytes: 1_000_000, maxParseMs: BUDGET, workerScript };
    const long = { path: 'docs/runbooks/long.md', text: LONG_PROCEDURE };
    const expected = parse.parseDocument(long.path, long.text, rubric, { maxFileBytes: 1_000_000 });
    expect(parseWithTimeLimit(long, rubric, options)).toEqual(expected);
    const bomb = parseWithTimeLimit({ path: 'docs/runbooks/bomb.md', text: PATHOLOGICAL }, rubric, options);
    expect(bomb.timedOut).toBe(true);
    expect(bomb.skipped).toContain(`parsing took longer than ${BUDGET} ms`);
    // The worker that was stopped is replaced: the next long file parses normally.
    expect(parseWithTimeLimit(long, rubric, options)).toEqual(expected);
    // Short files never leave this thread.
    vi.mocked(parse.parseDocument).mockClear();
    parseWithTimeLimit({ path: 'a.md', text: '# A\n' }, rubric, options);
    expect(parse.parseDocument).toHaveBeenCalledTimes(1);
  }, 120_000);

  it('parseWithTimeLimit: the long-lived worker parses with the rubric of each call, sent only when it changes', () => {
    const options = { maxFileBytes: 1_000_000, maxParseMs: 60_000, workerScript };
    // A second rubric in which `steward:` names the owner.
    const other = structuredClone(rubric);
    other.aliases.frontMatter.owner = [...(other.aliases.frontMatter.owner ?? ['owner']), 'steward'];
    const text = LONG_PROCEDURE.replace('owner: ops', 'steward: ops');
    const file = { path: 'docs/runbooks/steward.md', text };
    for (const r of [rubric, other, other, rubric]) {
      const expected = parse.parseDocument(file.path, text, r, { maxFileBytes: 1_000_000 });
      expect(parseWithTimeLimit(file, r, options)).toEqual(expected);
    }
    expect(parseWithTimeLimit(file, other, options).owner?.value).toBe('ops');
    expect(parseWithTimeLimit(file, rubric, options).owner).toBeUndefined();
  }, 120_000);

  it('Workspace.setFile with the CLI parser skips a pathological file with a finding, retries only changed text', () => {
    const config = { ...defaultConfig(), maxParseMs: BUDGET };
    // The CLI injects parseWithTimeLimit (here with the test's worker bundle).
    const parseFile: ParseFile = (file, r, limits) => parseWithTimeLimit(file, r, { ...limits, workerScript });
    const ws = new Workspace({ root: '/repo', config, rubric, asOf: '2026-11-23', parse: parseFile });
    const bomb = ws.setFile('docs/runbooks/bomb.md', PATHOLOGICAL);
    ws.setFile('docs/runbooks/long.md', LONG_PROCEDURE);
    expect(bomb.timedOut).toBe(true);
    // The same text again is not parsed again (that would cost the whole budget once more).
    expect(ws.setFile('docs/runbooks/bomb.md', PATHOLOGICAL)).toBe(bomb);
    const report = ws.report();
    const finding = report.documents
      .find((d) => d.path === 'docs/runbooks/bomb.md')
      ?.findings.find((f) => f.check === 'file');
    expect(finding?.message).toContain(`parsing took longer than ${BUDGET} ms`);
    expect(report.documents.find((d) => d.path === 'docs/runbooks/long.md')?.kind).toBe('procedure');
    // Fixed text parses normally.
    expect(ws.setFile('docs/runbooks/bomb.md', LONG_PROCEDURE).timedOut).toBeUndefined();
  }, 120_000);

  it('never caches a document that ran out of time', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'sop-cache-'));
    try {
      const cache = new FileFactCache(FileFactCache.fileFor(cacheDir, '/repo'));
      const long = { path: 'docs/runbooks/long.md', text: LONG_PROCEDURE };
      const bomb = { path: 'docs/runbooks/bomb.md', text: PATHOLOGICAL };
      const timedOut = parseWithTimeLimit(bomb, rubric, { maxFileBytes: 1_000_000, maxParseMs: 200, workerScript });
      expect(timedOut.timedOut).toBe(true);
      cache.set('bomb', timedOut);
      cache.set('long', parse.parseDocument(long.path, long.text, rubric));
      expect(cache.get('bomb')).toBeUndefined();
      expect(cache.get('long')?.path).toBe('docs/runbooks/long.md');
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 120_000);
});
