/**
 * History: a git repository the test builds with commits at fixed dates;
 * one sample per month (the last commit before each boundary) plus HEAD,
 * audited from git objects with each commit's own configuration and owner
 * files, as of the commit date. Also the sampling rules and the CLI's outputs.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaries, computeHistory, parseSince, pickSamples, type HistoryPoint } from '../../../src/node/history';
import { run } from '../../../src/cli/run';
import type { HistoryResult } from '../../../src/shared/protocol';
import { goodSop } from '../helpers/audit';

let repo = '';
const commits: Record<string, string> = {};
const NOW = new Date('2026-04-10T00:00:00Z');

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
function commit(name: string, date: string): void {
  git(['add', '-A']);
  git(['commit', '-q', '-m', name], `${date}T12:00:00Z`);
  commits[name] = git(['rev-parse', 'HEAD']).trim();
}
const noOwner = (title: string) => goodSop(title).replace('owner: Dana Whitfield\n', '');

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-ci-history-'));
  git(['init', '-q']);
  write('docs/README.md', '# Knowledge base\n');
  commit('index only', '2026-01-15');
  // Three recurring processes, no owners yet: documentation level 1.
  for (const name of ['Monthly patching', 'Nightly backup check', 'Employee onboarding'])
    write(`docs/sops/${name.toLowerCase().replace(/ /g, '-')}.md`, noOwner(name));
  commit('first SOPs', '2026-02-15');
  // An OWNERS file gives every SOP an owner: level 2.
  write('docs/OWNERS', 'approvers:\n- noc-lead\n');
  commit('owners', '2026-03-05');
  // Same month, later: an archived copy that the commit's own configuration excludes.
  write('docs/archive/old-patching.md', noOwner('Old patching'));
  write('.sopmaturity.yml', 'exclude: ["docs/archive/**"]\n');
  commit('archive', '2026-03-20');
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe('computeHistory', () => {
  let points: HistoryPoint[] = [];
  const progress: [number, number][] = [];

  beforeAll(async () => {
    const result = await computeHistory({
      root: repo,
      since: '2026-01-01',
      every: 'month',
      now: NOW,
      onProgress: (d, t) => progress.push([d, t]),
    });
    if ('unavailable' in result) throw new Error(result.unavailable);
    points = result;
  });

  it('samples the last commit before each month boundary, then HEAD, each once', () => {
    // Boundaries Feb 1, Mar 1, Apr 1: the "owners" commit of March 5 is followed by another March commit.
    expect(points.map((p) => p.commit)).toEqual([commits['index only'], commits['first SOPs'], commits.archive]);
    expect(points.map((p) => p.date)).toEqual(['2026-01-15', '2026-02-15', '2026-03-20']);
    expect(progress).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('gives points the panel protocol takes as they are', () => {
    const message: HistoryResult = { available: true, points };
    expect(message.points[0]).toMatchObject({ date: '2026-01-15', commit: commits['index only'], overall: 0 });
  });

  it('levels change as documents are added and owners assigned', () => {
    expect(points.map((p) => [p.procedures, p.documentation])).toEqual([
      [0, 0],
      [3, 1],
      [3, 2],
    ]);
    expect(points[2].overall).toBe(Math.min(points[2].documentation, points[2].process));
    expect(points[1].findings).toBeGreaterThan(points[2].findings);
  });

  it('reads the Monday boundaries of weekly sampling and the period forms', () => {
    const weeks = boundaries(new Date('2026-03-04T10:00:00Z'), new Date('2026-03-24T00:00:00Z'), 'week');
    expect(weeks.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-03-09', '2026-03-16', '2026-03-23']);
    expect(parseSince('12.months', NOW)?.toISOString().slice(0, 10)).toBe('2025-04-10');
    expect(parseSince('2.weeks', NOW)?.toISOString().slice(0, 10)).toBe('2026-03-27');
    expect(parseSince('yesterday-ish', NOW)).toBeUndefined();
    const list = [
      { oid: 'c', time: 300, date: '' },
      { oid: 'b', time: 200, date: '' },
      { oid: 'a', time: 100, date: '' },
    ];
    expect(pickSamples(list, [new Date(50_000), new Date(150_000), new Date(250_000)]).map((c) => c.oid)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('says why there is no history outside a repository, and stops when aborted', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-ci-nogit-'));
    try {
      expect(await computeHistory({ root: outside, every: 'month' })).toEqual({
        unavailable: `${outside} is not inside a git repository`,
      });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    const controller = new AbortController();
    const pending = computeHistory({
      root: repo,
      since: '2026-01-01',
      every: 'week',
      now: NOW,
      signal: controller.signal,
      onProgress: (done) => done === 1 && controller.abort(),
    });
    await expect(pending).rejects.toThrow();
  });
});

describe('sop-maturity history', () => {
  async function history(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
      cwd: repo,
    };
    const code = await run(['history', ...args], io);
    return { code, stdout, stderr };
  }

  it('prints a table, oldest first', async () => {
    const r = await history('--since', '2026-01-01');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^date\s+commit\s+overall\s+documentation\s+process\s+procedures\s+findings$/);
    expect(lines[1]).toMatch(new RegExp(`^2026-01-15  ${commits['index only'].slice(0, 7)}  0 not assessed`));
    expect(lines.at(-1)).toMatch(
      new RegExp(`^2026-03-20  ${commits.archive.slice(0, 7)}  .*2 Emerging\\s+.*\\s3\\s+\\d+$`),
    );
  });

  it('writes JSON and CSV', async () => {
    const json = JSON.parse((await history('--since', '2026-01-01', '--format', 'json')).stdout);
    expect(json).toMatchObject({ since: '2026-01-01', every: 'month', levelNames: { 3: 'Scaling' } });
    expect(Object.keys(json.points[0])).toEqual([
      'date',
      'commit',
      'overall',
      'documentation',
      'process',
      'procedures',
      'documents',
      'findings',
    ]);

    const out = path.join(repo, 'out', 'history.csv');
    expect((await history('--since', '2026-01-01', '--every', 'week', '--format', 'csv', '--out', out)).code).toBe(0);
    const rows = fs.readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe('date,commit,overall,documentation,process,procedures,documents,findings');
    expect(rows.at(-1)).toMatch(new RegExp(`^2026-03-20,${commits.archive},\\d,2,\\d,3,\\d+,\\d+$`));
    fs.rmSync(path.join(repo, 'out'), { recursive: true });
  });

  it('exits with 2 and a reason when there is no history or the options are wrong', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-ci-nogit-'));
    try {
      const r = await history(outside);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/no history for .*: .* is not inside a git repository\./);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    expect((await history('--every', 'day')).stderr).toContain('Invalid --every "day"');
    expect((await history('--format', 'sarif')).code).toBe(2);
    expect((await history('--min-level', '2')).stderr).toContain('--min-level is not an option of history.');
  });
});
