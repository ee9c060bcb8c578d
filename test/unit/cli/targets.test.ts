/**
 * Targets in the CLI: the trend from the git history on a repository the test builds (commits at fixed dates), the
 * outputs and `--fail-on-missed-targets`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/run';
import { withTargetTrends } from '../../../src/cli/targets';
import { defaultConfig, loadBuiltinRubric } from '../../../src/core';
import type { Report } from '../../../src/core/report/types';
import { auditFiles, goodSop } from '../helpers/audit';

let repo = '';
const noOwner = (title: string) => goodSop(title).replace('owner: Dana Whitfield\n', '');

function git(args: string[], date?: string): string {
  const env = date ? { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : process.env;
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env,
  });
}
function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
}
function commit(date: string): void {
  git(['add', '-A']);
  git(['commit', '-q', '-m', date], `${date}T12:00:00Z`);
}

const NAMES = ['Monthly patching', 'Nightly backup check', 'Employee onboarding', 'Password reset'];
const file = (name: string) => `docs/sops/${name.toLowerCase().replace(/ /g, '-')}.md`;
const CONFIG = [
  'targets:',
  '  - { check: owner, share: 1, by: 2026-12-31 }',
  '  - { check: owner, share: 1, by: 2026-03-01, title: Owners early }',
  '  - { level: 5, by: 2026-12-31 }',
  '',
].join('\n');

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-targets-'));
  git(['init', '-q']);
  write('.sopmaturity.yml', CONFIG);
  write('docs/README.md', '# Knowledge base\n');
  for (const name of NAMES) write(file(name), noOwner(name));
  commit('2026-02-01');
  // One owner a month: the owner share rises by a quarter each month.
  write(file(NAMES[0]), goodSop(NAMES[0]));
  commit('2026-03-01');
  write(file(NAMES[1]), goodSop(NAMES[1]));
  commit('2026-04-01');
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe('targets trend from the git history', () => {
  const rubric = loadBuiltinRubric();
  const config = {
    ...defaultConfig(),
    targets: [
      { check: 'owner', share: 1, by: '2026-12-31' },
      { check: 'owner', share: 1, by: '2026-04-20' },
      { level: 5, by: '2026-12-31' },
    ],
  };
  const current = (): Report => {
    const files = Object.fromEntries(
      fs
        .readdirSync(path.join(repo, 'docs/sops'))
        .map((f) => [`docs/sops/${f}`, fs.readFileSync(path.join(repo, 'docs/sops', f), 'utf8')]),
    );
    return auditFiles({ ...files, 'docs/README.md': '# Knowledge base\n' }, { config, asOf: '2026-04-10' });
  };

  it('extrapolates the weekly samples of the last 90 days to each target date', async () => {
    const report = current();
    expect(report.targets?.[0].current).toBe(0.5);
    const t = await withTargetTrends(report, { root: repo, config, rubric, now: new Date('2026-04-10T00:00:00Z') });
    expect(t.unavailable).toBeUndefined();
    expect(t.samples).toBeGreaterThanOrEqual(3);
    const [late, soon, level] = t.report.targets ?? [];
    expect(late.trend).toMatchObject({ onTrack: true });
    expect(late.trend?.sentence).toMatch(
      /^On track: the share went from 0% to 50% since 2026-0[12]-\d\d; at this pace/,
    );
    expect(soon.trend).toMatchObject({ onTrack: false });
    expect(soon.trend?.sentence).toMatch(/after 2026-04-20\.$/);
    expect(level.trend?.sentence).toMatch(/overall level/);
  });

  it('leaves the report as it is outside a git repository', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-targets-nogit-'));
    try {
      const report = current();
      const t = await withTargetTrends(report, { root: outside, config, rubric });
      expect(t.unavailable).toBeDefined();
      expect(t.report).toBe(report);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('sop-maturity audit with targets', () => {
  async function audit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
      cwd: repo,
    };
    const code = await run(['audit', '.', '--no-cache', '--as-of', '2026-04-10', ...args], io);
    return { code, stdout, stderr };
  }

  it('writes targets with their trend in JSON', async () => {
    const r = await audit('--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.targets?.map((t) => [t.title, t.met, t.missed, t.daysLeft])).toEqual([
      ['100% pass owner by 2026-12-31', false, false, 265],
      ['Owners early', false, true, -40],
      ['Level 5 by 2026-12-31', false, false, 265],
    ]);
    expect(report.targets?.every((t) => t.trend?.sentence)).toBe(true);
  });

  it('exits 1 with --fail-on-missed-targets when a target has passed its date unmet', async () => {
    expect((await audit('--fail-on-missed-targets', '--no-trend')).code).toBe(1);
    expect((await audit('--no-trend', '--format', 'json')).code).toBe(0);
    const json = JSON.parse((await audit('--no-trend', '--format', 'json')).stdout) as Report;
    expect(json.targets?.some((t) => t.trend)).toBe(false);
  });

  it('words targets in text, Markdown and HTML', async () => {
    const text = (await audit('--no-trend', '--no-color')).stdout;
    expect(text).toContain('Targets\n  • 100% pass owner by 2026-12-31 (owner 100% by 2026-12-31, now 50%)');
    expect(text).toContain(
      '  ✗ Owners early (owner 100% by 2026-03-01, now 50%)\n     Missed by 40 days; 2 documents to fix.',
    );
    const md = (await audit('--no-trend', '--format', 'markdown')).stdout;
    expect(md).toContain('### Targets');
    expect(md).toContain('- ❌ **Owners early**');
    const html = (await audit('--no-trend', '--format', 'html')).stdout;
    expect(html).toContain('<h2>Targets</h2>');
    expect(html).toContain('<td>Owners early</td><td>missed</td>');
  });
});
