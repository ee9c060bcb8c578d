/**
 * The persistent fact cache and the report memo: hits and misses, keys that
 * change with the rubric and the engine, eviction, and damaged files that
 * are ignored rather than fatal.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ENGINE_ID,
  ENGINE_VERSION,
  Workspace,
  defaultConfig,
  loadBuiltinRubric,
  parseDocument,
} from '../../../src/core';
import { FileFactCache, ReportMemo } from '../../../src/node';
import type { Report, Rubric } from '../../../src/core';

const SOP = `---
title: Restore a backup
owner: Dana
reviewed: 2026-05-01
---

# Restore a backup

## Procedure

1. Open the console.
2. Start the restore.

- [ ] Verify the files
`;

const TOML_SOP = `+++
title = "Rotate certificates"
reviewed = 2026-04-01
+++

# Rotate certificates
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sop-cache-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function workspace(cache: FileFactCache, rubric: Rubric = loadBuiltinRubric()): Workspace {
  return new Workspace({ root: '/repo', config: defaultConfig(), rubric, asOf: '2026-11-01', cache });
}

/** A cache that counts its misses. */
function counting(file: string): { cache: FileFactCache; misses: () => number } {
  const cache = new FileFactCache(file);
  let misses = 0;
  const get = cache.get.bind(cache);
  cache.get = (key) => {
    const doc = get(key);
    if (!doc) misses++;
    return doc;
  };
  return { cache, misses: () => misses };
}

describe('FileFactCache', () => {
  it('serves the facts of an unchanged file from the saved cache, identical to a fresh parse', () => {
    const file = FileFactCache.fileFor(dir, '/repo');
    const first = counting(file);
    workspace(first.cache).setFile('docs/a.md', SOP);
    expect(first.misses()).toBe(1);
    expect(first.cache.save()).toBeUndefined();

    const second = counting(file);
    const doc = workspace(second.cache).setFile('docs/a.md', SOP);
    expect(second.misses()).toBe(0);
    expect(doc).toEqual(
      parseDocument('docs/a.md', SOP, loadBuiltinRubric(), { maxFileBytes: defaultConfig().maxFileBytes }),
    );
  });

  it('keeps front-matter dates as dates through the file', () => {
    const file = join(dir, 'c.facts');
    const cache = new FileFactCache(file);
    const fresh = workspace(cache).setFile('docs/t.md', TOML_SOP);
    expect(fresh.frontMatter?.entries.find((e) => e.key === 'reviewed')?.value).toBeInstanceOf(Date);
    cache.save();
    const cached = workspace(new FileFactCache(file)).setFile('docs/t.md', TOML_SOP);
    expect(cached.frontMatter?.entries.find((e) => e.key === 'reviewed')?.value).toBeInstanceOf(Date);
    expect(cached).toEqual(fresh);
  });

  it('misses when the text, the path or the rubric changes', () => {
    const file = join(dir, 'c.facts');
    const cache = new FileFactCache(file);
    workspace(cache).setFile('docs/a.md', SOP);
    cache.save();

    const changedText = counting(file);
    workspace(changedText.cache).setFile('docs/a.md', `${SOP}\nMore.\n`);
    expect(changedText.misses()).toBe(1);

    const moved = counting(file);
    workspace(moved.cache).setFile('docs/b.md', SOP);
    expect(moved.misses()).toBe(1);

    const other = counting(file);
    workspace(other.cache, { ...loadBuiltinRubric(), fingerprint: 'another-rubric' }).setFile('docs/a.md', SOP);
    expect(other.misses()).toBe(1);
  });

  it('keys entries by engine version and build, so facts of another engine are never used', () => {
    const ws = workspace(new FileFactCache(join(dir, 'unused.facts')));
    const rubric = loadBuiltinRubric();
    const keyFor = (version: string) =>
      createHash('sha1')
        .update(`${version}\u0000${rubric.fingerprint}\u0000${defaultConfig().maxFileBytes}\u0000docs/a.md\u0000${SOP}`)
        .digest('hex');
    expect(ws.cacheKey('docs/a.md', SOP)).toBe(keyFor(ENGINE_ID));
    expect(ENGINE_ID).toBe(`${ENGINE_VERSION}+test`);
    expect(ws.cacheKey('docs/a.md', SOP)).not.toBe(keyFor(`${ENGINE_VERSION}+other-build`));
  });

  it('drops entries the last audit did not use', () => {
    const file = join(dir, 'c.facts');
    const cache = new FileFactCache(file);
    const ws = workspace(cache);
    ws.setFile('docs/a.md', SOP);
    ws.setFile('docs/b.md', SOP.replace('Restore', 'Rotate'));
    cache.save();
    expect(new FileFactCache(file).size).toBe(2);

    const next = new FileFactCache(file);
    workspace(next).setFile('docs/a.md', SOP);
    expect(next.save()).toBeUndefined();
    expect(new FileFactCache(file).size).toBe(1);
  });

  it('does not rewrite the file when nothing changed', () => {
    const file = join(dir, 'c.facts');
    const cache = new FileFactCache(file);
    workspace(cache).setFile('docs/a.md', SOP);
    cache.save();
    const before = readFileSync(file);
    const again = new FileFactCache(file);
    workspace(again).setFile('docs/a.md', SOP);
    again.save();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it.each([
    ['garbage bytes', Buffer.from('not a cache at all')],
    ['an empty file', Buffer.alloc(0)],
    ['a file of another layout', Buffer.from(JSON.stringify({ format: 99 }))],
  ])('treats %s as an empty cache and replaces it', (_name, content) => {
    const file = join(dir, 'c.facts');
    writeFileSync(file, content);
    const cache = new FileFactCache(file);
    expect(cache.size).toBe(0);
    workspace(cache).setFile('docs/a.md', SOP);
    expect(cache.save()).toBeUndefined();
    expect(new FileFactCache(file).size).toBe(1);
  });

  it('reports a cache it cannot write instead of throwing', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const cache = new FileFactCache(join(blocker, 'c.facts'));
    workspace(cache).setFile('docs/a.md', SOP);
    expect(cache.save()).toMatch(/cannot write the cache/);
  });
});

describe('ReportMemo', () => {
  const report = { schemaVersion: 1, summary: { findings: 3 } } as unknown as Report;

  it('returns the report for the same key while every file-existence answer holds', () => {
    const memo = new ReportMemo(ReportMemo.fileFor(dir, '/repo'));
    expect(
      memo.save(
        'k1',
        new Map([
          ['img/a.png', true],
          ['gone.pdf', false],
        ]),
        report,
      ),
    ).toBeUndefined();
    const disk = new Set(['img/a.png']);
    expect(memo.get('k1', (p) => disk.has(p))).toEqual(report);
    expect(memo.get('k2', (p) => disk.has(p))).toBeUndefined();
    disk.add('gone.pdf');
    expect(memo.get('k1', (p) => disk.has(p))).toBeUndefined();
  });

  it('ignores a missing or damaged memo', () => {
    const memo = new ReportMemo(join(dir, 'r.json'));
    expect(memo.get('k', () => true)).toBeUndefined();
    writeFileSync(memo.file, '{"format": 1, "key": "k", "probes"');
    expect(memo.get('k', () => true)).toBeUndefined();
  });
});
