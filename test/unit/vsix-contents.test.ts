/**
 * The VSIX never ships source maps, sources or tests. `.vscodeignore` is
 * checked with vsce's own file selection (a negated pattern wins whatever
 * its order, which is how `!media/**` once shipped `media/panel.js.map`), and
 * the check `npm run test:vsix` runs on the built package
 * (scripts/e2e/vsix-contents.mjs) is tested on zips made here.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listZip, vsixProblems } from '../../scripts/e2e/vsix-contents.mjs';

const projectRoot = path.join(__dirname, '..', '..');

/** A little-endian record of `size` bytes with `fields` ([offset, value, bytes]) set. */
function record(size: number, fields: [number, number, 2 | 4][]): Buffer {
  const b = Buffer.alloc(size);
  for (const [at, value, bytes] of fields) {
    if (bytes === 2) b.writeUInt16LE(value, at);
    else b.writeUInt32LE(value, at);
  }
  return b;
}

/** A zip archive of `entries` (deflated when `deflate`), with the central directory vsce writes. */
function zip(entries: Record<string, string>, deflate = true): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const method = deflate ? 8 : 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text, 'utf8');
    const stored = deflate ? deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name, 'utf8');
    locals.push(
      record(30, [
        [0, 0x04034b50, 4],
        [8, method, 2],
        [18, stored.length, 4],
        [22, data.length, 4],
        [26, nameBytes.length, 2],
      ]),
      nameBytes,
      stored,
    );
    central.push(
      record(46, [
        [0, 0x02014b50, 4],
        [10, method, 2],
        [20, stored.length, 4],
        [24, data.length, 4],
        [28, nameBytes.length, 2],
        [42, offset, 4],
      ]),
      nameBytes,
    );
    offset += 30 + nameBytes.length + stored.length;
  }
  const dir = Buffer.concat(central);
  const count = Object.keys(entries).length;
  return Buffer.concat([
    ...locals,
    dir,
    record(22, [
      [0, 0x06054b50, 4],
      [8, count, 2],
      [10, count, 2],
      [12, dir.length, 4],
      [16, offset, 4],
    ]),
  ]);
}

describe('the package check of npm run test:vsix', () => {
  const CLEAN = {
    'extension.vsixmanifest': '<PackageManifest/>',
    'extension/package.json': '{"name":"sop-maturity"}',
    'extension/dist/extension.js': 'module.exports = {};',
    'extension/media/panel.js': '(() => {})();',
  };

  it('lists the entries of a zip, stored or deflated', () => {
    for (const deflate of [true, false]) {
      const entries = listZip(zip(CLEAN, deflate));
      expect(entries.map((e) => [e.name, e.data.toString('utf8')])).toEqual(Object.entries(CLEAN));
    }
  });

  it('finds nothing wrong with a package of bundles', () => {
    expect(vsixProblems(listZip(zip(CLEAN)), ['/home/builder/sop-maturity', '/home/builder'])).toEqual([]);
  });

  it('fails on source maps, sources, tests and a path of the build machine inside a bundle', () => {
    const bad = zip({
      ...CLEAN,
      'extension/media/panel.js.map': '{"sources":["../src/webview/main.ts"]}',
      'extension/dist/host.js.map': '{}',
      'extension/src/core/parse.ts': 'export {};',
      'extension/test/unit/a.test.ts': '',
      'extension/dist/host.js': 'const here = "/home/builder/sop-maturity/src/core/parse.ts";',
    });
    expect(vsixProblems(listZip(bad), ['/home/builder/sop-maturity', '/home/builder'])).toEqual([
      'extension/media/panel.js.map: a source map',
      'extension/dist/host.js.map: a source map',
      'extension/src/core/parse.ts: src/ does not ship',
      'extension/test/unit/a.test.ts: test/ does not ship',
      "extension/dist/host.js: holds the build machine's path /home/builder/sop-maturity",
      "extension/dist/host.js: holds the build machine's path /home/builder",
    ]);
  });
});

describe('.vscodeignore, read by vsce', () => {
  let dir: string;
  beforeAll(() => {
    // The project's manifest and ignore file over a tree with everything a development build leaves around.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-vscodeignore-'));
    for (const f of ['package.json', '.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md'])
      fs.copyFileSync(path.join(projectRoot, f), path.join(dir, f));
    const files = [
      'dist/extension.js',
      'dist/extension.js.map',
      'dist/host.js',
      'dist/host.js.map',
      'dist/worker.js',
      'dist/worker.js.map',
      'dist/cli.js',
      'dist/cli.js.map',
      'media/panel.js',
      'media/panel.js.map',
      'media/panel.css',
      'media/icon.png',
      'rubrics/oml.yaml',
      'rubrics/rubric.schema.json',
      'rubrics/config.schema.json',
      'docs/checks.md',
      'docs/images/workbench.png',
      'src/core/parse.ts',
      'test/unit/a.test.ts',
      'scripts/bench.mjs',
      'examples/docs/a.md',
      'tsconfig.json',
    ];
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), 'x');
    }
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ships the bundles, the panel, the rubrics and the docs page, and no map, source or test', async () => {
    const { listFiles, PackageManager } = await import('@vscode/vsce');
    const files = (await listFiles({ cwd: dir, packageManager: PackageManager.None }))
      .map((f) => f.replace(/\\/g, '/'))
      .sort();
    expect(files).toEqual(
      [
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'package.json',
        'dist/extension.js',
        'dist/host.js',
        'dist/worker.js',
        'media/icon.png',
        'media/panel.css',
        'media/panel.js',
        'docs/checks.md',
        'rubrics/config.schema.json',
        'rubrics/oml.yaml',
        'rubrics/rubric.schema.json',
      ].sort(),
    );
  });
});
