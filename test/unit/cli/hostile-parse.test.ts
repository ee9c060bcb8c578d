/**
 * The per-file budgets, end to end: `node dist/cli.js audit` on a repository
 * that holds files the Markdown parser is slow on (quadratic emphasis,
 * deeply indented lists, a 100,000-line table) and one over the size limit.
 * The audit finishes, each of those files gets a `file` finding that says
 * why it was skipped, and the ordinary procedures are audited as usual.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report/types';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const cli = path.join(projectRoot, 'dist', 'cli.js');

const PROCEDURE = (title: string) => `---
owner: noc-lead
last_reviewed: 2026-10-01
---
# ${title}

## Steps

- [ ] Open the console.
- [ ] Check the result.
`;

const FILES: Record<string, string> = {
  '.sopmaturity.yml': 'asOf: 2026-11-23\nmaxParseMs: 1500\nmaxFileBytes: 8000000\n',
  'docs/runbooks/patching.md': PROCEDURE('Monthly patching'),
  'docs/runbooks/backups.md': PROCEDURE('Backup check'),
  // Thousands of unmatched emphasis markers: tens of seconds for micromark.
  'docs/runbooks/emphasis-bomb.md': `# Notes\n\n${'*a_'.repeat(20_000)}\n`,
  // Two thousand ever deeper list items (4 MB, mostly indentation): minutes.
  'docs/runbooks/deep-list.md': Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n'),
  // A 100,000-line table (linear, but several seconds).
  'docs/runbooks/inventory.md': `# Inventory\n\n| Host | Owner |\n|---|---|\n${'| srv | ops |\n'.repeat(100_000)}`,
  // Over maxFileBytes: never parsed.
  'docs/runbooks/huge.md': `# Huge\n\n${'word '.repeat(1_700_000)}\n`,
};

let dir: string;
let report: Report;
let status: number | null;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-hostile-parse-'));
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const r = spawnSync(process.execPath, [cli, 'audit', dir, '--format', 'json', '--no-cache'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  status = r.status;
  report = JSON.parse(r.stdout) as Report;
}, 300_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('files the parser is slow on, and files over the size limit', () => {
  it('finishes the audit with a valid report', () => {
    expect(status).toBe(0);
    expect(report.documents.map((d) => d.path).sort()).toEqual(
      Object.keys(FILES)
        .filter((p) => p.endsWith('.md'))
        .sort(),
    );
  });

  it.each(['emphasis-bomb', 'deep-list', 'inventory'])('skips %s with a finding that names the time budget', (name) => {
    const doc = report.documents.find((d) => d.path === `docs/runbooks/${name}.md`);
    const finding = doc?.findings.find((f) => f.check === 'file');
    expect(finding?.message).toMatch(/parsing took longer than 1500 ms.*raise maxParseMs/);
    expect(finding?.severity).toBe('warning');
    expect(finding?.range.start).toMatchObject({ line: 1, column: 1 });
  });

  it('skips the file over maxFileBytes with a finding that names the size limit', () => {
    const doc = report.documents.find((d) => d.path === 'docs/runbooks/huge.md');
    expect(doc?.findings.find((f) => f.check === 'file')?.message).toMatch(/over the limit of 8000000: not audited/);
  });

  it('audits the ordinary procedures as usual', () => {
    for (const name of ['patching', 'backups']) {
      const doc = report.documents.find((d) => d.path === `docs/runbooks/${name}.md`);
      expect(doc?.kind).toBe('procedure');
      expect(doc?.findings.some((f) => f.check === 'file')).toBe(false);
    }
  });
});
