/**
 * History reuses facts between samples (by blob and path) and parses the new
 * blobs of several samples together; its points must be the audits of each
 * commit made afresh. A repository with adds, edits, deletes, a rename, a
 * file that comes back, owner files and configuration changes (one of them
 * changes the size limit, so facts made under the old one cannot be reused):
 * each sampled commit is checked out with `git archive` and audited by the CLI
 * as of the commit's day, and the history's points must match, whether the
 * samples are parsed one by one or in one group.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeHistory, type HistoryOptions, type HistoryPoint } from '../../../src/node/history';
import { checkShare } from '../../../src/core/audit/targets';
import type { Report } from '../../../src/core/report/types';
import { run } from '../../../src/cli/run';
import { goodSop } from '../helpers/audit';

let repo = '';
const NOW = new Date('2026-08-10T00:00:00Z');
const CHECKS = ['owner', 'review-date', 'one-version', 'links'];

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
function remove(file: string): void {
  fs.rmSync(path.join(repo, file));
}
function commit(date: string): void {
  git(['add', '-A']);
  git(['commit', '-q', '--allow-empty', '-m', date], `${date}T12:00:00Z`);
}
/** A good SOP reviewed on `reviewed`, so that whether its review is due depends on the audit date. */
const sop = (title: string, reviewed = '2026-01-05', extra: string[] = []) =>
  goodSop(title, extra).replace('last_reviewed: 2026-09-01', `last_reviewed: ${reviewed}`);

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-history-fresh-'));
  git(['init', '-q']);
  write('docs/README.md', '# Runbooks\n\n- [Patching](sops/patching.md)\n- [Backup](sops/backup.md)\n');
  write('docs/sops/patching.md', sop('Monthly patching'));
  write('docs/sops/backup.md', sop('Nightly backup check', '2025-11-20'));
  write('docs/sops/onboarding.md', sop('Employee onboarding').replace('owner: Dana Whitfield\n', ''));
  commit('2026-01-10');
  // Added, edited and deleted files.
  write('docs/sops/offboarding.md', sop('Employee offboarding', '2026-02-01'));
  write('docs/sops/patching.md', `${sop('Monthly patching', '2026-02-03')}\nSee [backup](backup.md).\n`);
  remove('docs/sops/backup.md');
  commit('2026-02-10');
  // A rename (same blob, new path), an owner file, a near copy of another SOP.
  fs.mkdirSync(path.join(repo, 'docs/runbooks'));
  git(['mv', 'docs/sops/onboarding.md', 'docs/runbooks/onboarding.md']);
  write('docs/runbooks/OWNERS', 'approvers:\n- service-desk-lead\n');
  write('docs/sops/patching-copy.md', sop('Monthly patching', '2026-02-03'));
  commit('2026-03-10');
  // A configuration that leaves a folder out, and a file in it; the deleted file comes back as it was.
  write('.sopmaturity.yml', 'exclude: ["docs/archive/**"]\nreviewWindowDays: 60\n');
  write('docs/archive/old-patching.md', sop('Old patching', '2024-01-01'));
  write('docs/sops/backup.md', sop('Nightly backup check', '2025-11-20'));
  commit('2026-04-10');
  // A smaller size limit: every document is parsed again (a long one becomes skipped), and a link breaks.
  write('.sopmaturity.yml', 'exclude: ["docs/archive/**"]\nmaxFileBytes: 3000\n');
  write('docs/sops/long.md', sop('Long procedure', '2026-05-01', [`notes: "${'x'.repeat(3000)}"`]));
  remove('docs/sops/offboarding.md');
  write('docs/README.md', '# Runbooks\n\n- [Patching](sops/patching.md)\n- [Offboarding](sops/offboarding.md)\n');
  commit('2026-05-10');
  // Back to the defaults: the facts of unchanged files under the first configuration are good again.
  remove('.sopmaturity.yml');
  write('docs/sops/backup.md', sop('Nightly backup check', '2026-06-01'));
  commit('2026-06-10');
  // Nothing changes but the date.
  commit('2026-07-10');
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

/** The CLI's audit of `commit` extracted into a fresh folder, as of `date`. */
async function freshAudit(commit: string, date: string): Promise<Report> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-history-commit-'));
  try {
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: repo });
    let stdout = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, env: {}, cwd: dir };
    const code = await run(['audit', dir, '--as-of', date, '--format', 'json', '--no-cache'], io);
    expect(code).toBeLessThan(2);
    return JSON.parse(stdout) as Report;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function pointOf(report: Report, date: string, commit: string): HistoryPoint {
  return {
    date,
    commit,
    overall: report.levels.overall,
    documentation: report.levels.documentation,
    process: report.levels.process,
    procedures: report.summary.procedures,
    documents: report.summary.documents,
    findings: report.summary.findings,
    shares: Object.fromEntries(
      CHECKS.map((id) => {
        const { passing, total } = checkShare(report.checks, id);
        return [id, total === 0 ? 0 : passing / total];
      }),
    ),
  };
}

describe('history equals a fresh audit of each sampled commit', () => {
  const options = (extra: Partial<HistoryOptions> = {}): HistoryOptions => ({
    root: repo,
    since: '2026-01-01',
    every: 'month',
    now: NOW,
    checks: CHECKS,
    ...extra,
  });
  let fresh: HistoryPoint[] = [];

  beforeAll(async () => {
    const sampled = await computeHistory(options());
    if ('unavailable' in sampled) throw new Error(sampled.unavailable);
    fresh = [];
    for (const p of sampled) fresh.push(pointOf(await freshAudit(p.commit, p.date), p.date, p.commit));
  }, 60_000);

  it('samples every commit and sees the changes', () => {
    expect(fresh.map((p) => p.date)).toEqual([
      '2026-01-10',
      '2026-02-10',
      '2026-03-10',
      '2026-04-10',
      '2026-05-10',
      '2026-06-10',
      '2026-07-10',
    ]);
    expect(new Set(fresh.map((p) => `${p.documents} ${p.findings}`)).size).toBeGreaterThan(4);
  });

  it('with the samples parsed together', async () => {
    expect(await computeHistory(options())).toEqual(fresh);
  });

  it('with the samples parsed one by one', async () => {
    expect(await computeHistory(options({ groupFiles: 1 }))).toEqual(fresh);
  });
});
