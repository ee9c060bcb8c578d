/**
 * A file over `maxFileBytes` is skipped with a `file` finding; one whose size alone shows it cannot fit (more bytes
 * than three per allowed character) is not even read. Text of three-byte characters that fits is audited.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report/types';
import { readTextFile } from '../../../src/node/discover';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const cli = path.join(projectRoot, 'dist', 'cli.js');

const PROCEDURE = `---
owner: noc-lead
last_reviewed: 2026-10-01
---
# Backup check

## Steps

- [ ] Open the console.
- [ ] Check the result.
`;

const FILES: Record<string, string> = {
  '.sopmaturity.yml': 'asOf: 2026-11-23\nmaxFileBytes: 1000\n',
  'docs/runbooks/backups.md': PROCEDURE,
  // 1,500 characters and bytes: read, then skipped by its length.
  'docs/runbooks/long.md': `# Long\n\n${'word '.repeat(298)}\n.`,
  // 5,000 bytes: more than 1,000 characters can take in any encoding, so never read.
  'docs/runbooks/huge.md': `# Huge\n\n${'word '.repeat(998)}\n.`,
  // 900 characters of three bytes each (2,700 bytes): within the limit, audited.
  'docs/runbooks/wide.md': `# 手順\n\n${'手'.repeat(890)}\n`,
};

let dir: string;
let report: Report;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-oversized-'));
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const r = spawnSync(process.execPath, [cli, 'audit', dir, '--format', 'json', '--no-cache'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  report = JSON.parse(r.stdout) as Report;
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const fileFinding = (name: string) =>
  report.documents.find((d) => d.path === `docs/runbooks/${name}.md`)?.findings.find((f) => f.check === 'file');

describe('files over maxFileBytes', () => {
  it('skips a file whose text is too long, naming its length', () => {
    expect(fileFinding('long')?.message).toMatch(/file is 1500 characters long, over the limit of 1000: not audited/);
  });

  it('skips a file whose size alone is too large without reading it, naming its size', () => {
    expect(fs.statSync(path.join(dir, 'docs/runbooks/huge.md')).size).toBe(5000);
    expect(fileFinding('huge')?.message).toMatch(
      /file is 5000 bytes long, more than 1000 characters can take: not audited \(raise maxFileBytes/,
    );
    expect(report.summary.skipped).toBe(2);
  });

  it('audits a file of multi-byte characters within the limit, and the ordinary procedure', () => {
    expect(fileFinding('wide')).toBeUndefined();
    expect(fileFinding('backups')).toBeUndefined();
    expect(report.documents.find((d) => d.path === 'docs/runbooks/backups.md')?.kind).toBe('procedure');
  });

  it('readTextFile asks the reader for at most three bytes a character (plus a byte-order mark)', () => {
    const asked: (number | undefined)[] = [];
    const reader = (_abs: string, maxBytes?: number) => {
      asked.push(maxBytes);
      return new Uint8Array([0x23, 0x20, 0x41]);
    };
    expect(readTextFile(dir, 'x.md', reader, { maxChars: 10 })).toMatchObject({ ok: true, text: '# A' });
    expect(readTextFile(dir, 'x.md', reader)).toMatchObject({ ok: true });
    expect(asked).toEqual([34, undefined]);
    const huge = readTextFile(dir, 'docs/runbooks/huge.md', undefined, { maxChars: 1000 });
    expect(huge).toMatchObject({ ok: false, tooLarge: 5000 });
  });
});
