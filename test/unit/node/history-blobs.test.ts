/**
 * The blob reader history reads files with: many reads in flight, answered
 * in order; a blob far larger than a pipe chunk; an unknown id.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BlobReader } from '../../../src/node/git';

let repo = '';
const texts = Array.from({ length: 300 }, (_, i) => `# Note ${i}\n\n${'word '.repeat(i * 7)}\n`);
const large = Buffer.from(Array.from({ length: 200_000 }, (_, i) => `line ${i}\n`).join(''));

function hashObject(content: Buffer | string): string {
  return execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo, input: content, encoding: 'utf8' }).trim();
}

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-blob-reader-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

it('answers every read in order, a large blob whole and an unknown one with undefined', async () => {
  const oids = texts.map(hashObject);
  const largeOid = hashObject(large);
  const reader = new BlobReader(repo);
  try {
    const reads = [
      ...oids.slice(0, 150).map((oid) => reader.read(oid)),
      reader.read(largeOid),
      reader.read('0123456789012345678901234567890123456789'),
      ...oids.slice(150).map((oid) => reader.read(oid)),
    ];
    const got = await Promise.all(reads);
    expect(got[150]?.equals(large)).toBe(true);
    expect(got[151]).toBeUndefined();
    expect([...got.slice(0, 150), ...got.slice(152)].map((b) => b?.toString('utf8'))).toEqual(texts);
    expect((await reader.read(largeOid))?.length).toBe(large.length);
  } finally {
    reader.close();
  }
});
