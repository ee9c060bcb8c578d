/**
 * End-to-end: builds the bundles, then runs `node dist/cli.js reviews` on a small SOP repository in a temp folder,
 * once per format and once per exit code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand, USAGE } from '../../../src/cli/args';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const cli = path.join(projectRoot, 'dist', 'cli.js');
const AS_OF = '2026-06-01';

function sop(title: string, front: string): string {
  return `---\ntitle: '${title}'\n${front}---\n\n# Procedure\n\n## Steps\n\n1. Open the console.\n2. Restart it.\n`;
}

const FILES: Record<string, string> = {
  'docs/sops/a.md': sop('Patch servers', 'owner: Priya\nlast_reviewed: 2025-01-01\n'), // 151 days late
  'docs/sops/b.md': sop('Back up, "nightly"', 'owner: Priya\nlast_reviewed: 2025-05-01\n'), // 31 days late
  'docs/sops/c.md': sop('Rotate keys', 'owner: Priya\nlast_reviewed: 2025-06-10\n'), // 9 days left
  'docs/sops/d.md': sop('Onboard', 'owner: Priya\n'), // never
  'docs/sops/e.md': sop('Offboard', 'owner: Priya\nlast_reviewed: 2026-05-01\n'), // ok
  'docs/sops/g.md': sop('Reset MFA', 'last_reviewed: 2025-03-01\n'), // unowned, 92 days late
  'docs/sops/h.md': sop('Renew certs', 'owner: Alex\nlast_reviewed: 2025-06-05\nreview_in: 1 year\n'), // 4 days left
  'team/.sopmaturity.yml': 'reviewWindowDays: 7\n',
  'team/x.md': sop('Page on-call', 'owner: Alex\nlast_reviewed: 2025-06-20\n'), // 19 days left: ok with 7
};

let base = '';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: base,
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'pipe' });
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-reviews-'));
  for (const [rel, text] of Object.entries(FILES)) {
    const file = path.join(base, 'repo', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}, 120_000);

afterAll(() => {
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

const common = ['reviews', 'repo', '--as-of', AS_OF, '--no-cache'];

describe('sop-maturity reviews', () => {
  it('json: the queue grouped by owner, unowned first, overdue before due soon before never reviewed', () => {
    const r = run([...common, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as { asOf: string; within: number; items: Record<string, unknown>[] };
    expect(j.asOf).toBe(AS_OF);
    expect(j.within).toBe(30);
    expect(j.items.map((i) => [i.path, i.owner, i.state, i.days])).toEqual([
      ['docs/sops/g.md', null, 'overdue', 92],
      ['docs/sops/h.md', 'Alex', 'due-soon', 4],
      ['docs/sops/a.md', 'Priya', 'overdue', 151],
      ['docs/sops/b.md', 'Priya', 'overdue', 31],
      ['docs/sops/c.md', 'Priya', 'due-soon', 9],
      ['docs/sops/d.md', 'Priya', 'never-reviewed', null],
    ]);
    expect(Object.keys(j).sort()).toEqual(['asOf', 'items', 'within']);
    expect(j.items[2]).toEqual({
      path: 'docs/sops/a.md',
      title: 'Patch servers',
      owner: 'Priya',
      state: 'overdue',
      lastReviewed: '2025-01-01',
      due: '2026-01-01',
      days: 151,
    });
    expect(r.stdout).not.toContain(base);
  });

  it('lists the nested audit root with its own window, paths relative to DIR; --within widens every root', () => {
    const wide = JSON.parse(run([...common, '--format', 'json', '--within', '20']).stdout) as {
      within: number;
      items: { path: string; state: string }[];
    };
    expect(wide.within).toBe(20);
    expect(wide.items.find((i) => i.path === 'team/x.md')?.state).toBe('due-soon');
    const rootOnly = JSON.parse(run([...common, '--format', 'json', '--within', '20', '--root-only']).stdout) as {
      items: { path: string }[];
    };
    expect(rootOnly.items.map((i) => i.path)).not.toContain('team/x.md');
  });

  it('--owner keeps one owner (case-insensitive)', () => {
    const j = JSON.parse(run([...common, '--format', 'json', '--owner', 'alex']).stdout) as {
      items: { path: string }[];
    };
    expect(j.items.map((i) => i.path)).toEqual(['docs/sops/h.md']);
  });

  it('text: a heading per owner', () => {
    const r = run(common);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Reviews as of 2026-06-01: 3 overdue, 2 due soon \(within 30 days\), 1 never reviewed\./);
    expect(r.stdout).toContain('\nNo owner (1)\n');
    expect(r.stdout).toMatch(/\n {2}overdue by 151 days\s+docs\/sops\/a\.md {2}Patch servers/);
    expect(r.stdout.indexOf('No owner')).toBeLessThan(r.stdout.indexOf('Alex'));
  });

  it('markdown: a digest capped per owner', () => {
    const r = run([...common, '--format', 'markdown', '--max-per-owner', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## SOP reviews due\n/);
    expect(r.stdout).toContain('### Priya (2 overdue, 1 due soon, 1 never reviewed)');
    expect(r.stdout).toContain('- **overdue by 151 days**: Patch servers `docs/sops/a.md`');
    expect(r.stdout).toContain('- and 2 more');
    expect(r.stdout).not.toContain('docs/sops/c.md');
  });

  it('markdown: says when nothing is due', () => {
    const r = run([...common, '--format', 'markdown', '--owner', 'nobody']);
    expect(r.stdout).toContain('Nothing to review');
  });

  it('csv: a header row and RFC 4180 quoting', () => {
    const r = run([...common, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('path,title,owner,state,lastReviewed,due,days');
    expect(lines[1]).toBe('docs/sops/g.md,Reset MFA,,overdue,2025-03-01,2026-03-01,92');
    expect(lines).toContain('docs/sops/b.md,"Back up, ""nightly""",Priya,overdue,2025-05-01,2026-05-01,31');
    expect(lines).toContain('docs/sops/d.md,Onboard,Priya,never-reviewed,,,');
    expect(lines[lines.length - 1]).toBe('');
  });

  it('--fail-on-overdue: exit 1 when a review is overdue, 0 otherwise', () => {
    expect(run([...common, '--fail-on-overdue']).code).toBe(1);
    expect(run([...common, '--fail-on-overdue', '--owner', 'Alex']).code).toBe(0);
    expect(run(common).code).toBe(0);
  });

  it('usage errors exit 2', () => {
    for (const args of [
      ['--format', 'sarif'],
      ['--within', '-1'],
      ['--max-per-owner', '0'],
      ['--min-level', '2'],
    ]) {
      const r = run([...common, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^sop-maturity: /);
    }
  });
});

describe('parseCommand reviews', () => {
  it('reads every option, with the defaults', () => {
    expect(parseCommand(['reviews'])).toEqual({
      kind: 'reviews',
      options: {
        dir: '.',
        within: undefined,
        owner: undefined,
        asOf: undefined,
        format: 'text',
        maxPerOwner: 10,
        failOnOverdue: false,
        rubric: undefined,
        config: undefined,
        cacheDir: undefined,
        noCache: false,
        rootOnly: false,
      },
    });
    const c = parseCommand(
      ['reviews', 'docs', '--within', '14', '--owner', ' Priya ', '--as-of', '2026-12-05', '--format', 'csv'].concat([
        '--max-per-owner',
        '3',
        '--fail-on-overdue',
        '--root-only',
      ]),
    );
    expect(c).toMatchObject({
      kind: 'reviews',
      options: { dir: 'docs', within: 14, owner: 'Priya', asOf: '2026-12-05', format: 'csv', maxPerOwner: 3 },
    });
    expect(c.kind === 'reviews' && c.options.failOnOverdue && c.options.rootOnly).toBe(true);
  });

  it('refuses bad values and options of other commands', () => {
    for (const args of [
      ['--within', 'soon'],
      ['--within', '1.5'],
      ['--owner', ' '],
      ['--as-of', '2026-02-30'],
      ['--format', 'html'],
      ['--fix'],
      ['--out', 'x.md'],
    ])
      expect(() => parseCommand(['reviews', ...args])).toThrow();
    expect(() => parseCommand(['audit', '--within', '3'])).toThrow(/--within is not an option of audit/);
  });

  it('is in the usage text', () => {
    expect(USAGE).toContain('sop-maturity reviews [DIR]');
    expect(USAGE).toContain('--fail-on-overdue');
  });
});
