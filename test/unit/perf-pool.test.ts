/**
 * Parsing on worker threads gives exactly the facts in-process parsing
 * gives. The worker is built with esbuild as in the real bundle, so this runs
 * the real worker path (the bundle `dist/worker.js` is made the same way).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as parse from '../../src/core/parse';
import { defaultConfig, loadBuiltinRubric, parseInParallel } from '../../src/core';
import type { SourceFile } from '../../src/core';

vi.mock('../../src/core/parse', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/parse')>();
  return { ...actual, parseDocument: vi.fn(actual.parseDocument) };
});

const rubric = loadBuiltinRubric();
const maxFileBytes = 4000;
let dir: string;
let workerScript: string;

/** Every Markdown file of the example repository, plus the awkward cases. */
function fixtures(): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) files.push({ path: relative('examples', p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
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
  dir = mkdtempSync(join(tmpdir(), 'sop-worker-'));
  workerScript = join(dir, 'worker.js');
  await build({
    entryPoints: ['src/core/worker.ts'],
    outfile: workerScript,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    define: { __SOP_MATURITY_VERSION__: JSON.stringify('0.0.0-test') },
    loader: { '.yaml': 'text', '.json': 'json' },
    logLevel: 'silent',
  });
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('parseInParallel', () => {
  it('gives the same documents on worker threads as in-process, in the same order', () => {
    const files = fixtures();
    expect(files.length).toBeGreaterThan(40);
    const expected = files.map((f) => parse.parseDocument(f.path, f.text, rubric, { maxFileBytes }));

    vi.mocked(parse.parseDocument).mockClear();
    const progress: number[] = [];
    const docs = parseInParallel(files, rubric, { maxFileBytes, workerScript, threads: 2, minFiles: 0, minChars: 0, onProgress: (n) => progress.push(n) });

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
    const docs = parseInParallel(files, rubric, { maxFileBytes, workerScript: join(dir, 'missing.js'), minFiles: 0, minChars: 0 });
    expect(parse.parseDocument).toHaveBeenCalledTimes(files.length);
    expect(docs).toHaveLength(files.length);
  });
});
