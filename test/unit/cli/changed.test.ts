/**
 * `audit --changed-since REV` on a git repository the test builds: findings
 * only for documents committed since REV, changed in the working tree or
 * untracked; levels over the whole repository; exit code 2 for an unknown
 * revision or outside a repository.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report/types';
import { run } from '../../../src/cli/run';
import { goodSop } from '../helpers/audit';

let repo = '';
const noOwner = (title: string) => goodSop(title).replace('owner: Dana Whitfield\n', '');

/** git with an identity given per command, so a fresh CI machine needs no global configuration. */
function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
}
function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
}
function cli(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    cwd,
  };
  const code = run([...args, '--no-cache', '--as-of', '2026-11-01'], io) as number;
  return { code, stdout, stderr };
}
const withFindings = (report: Report) =>
  report.documents
    .filter((d) => d.findings.length > 0)
    .map((d) => d.path)
    .sort();

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-ci-changed-'));
  git('init', '-q');
  for (const name of ['patching', 'backup', 'onboarding', 'offboarding'])
    write(`docs/sops/${name}.md`, noOwner(`How to do ${name}`));
  git('add', '-A');
  git('commit', '-q', '-m', 'first');
  git('tag', 'v1');
  write('docs/sops/patching.md', `${noOwner('How to do patching')}\nOne more line.\n`);
  git('commit', '-q', '-am', 'second');
  write('docs/sops/backup.md', `${noOwner('How to do backup')}\nUncommitted.\n`);
  write('docs/sops/monitoring.md', noOwner('How to do monitoring'));
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe('audit --changed-since', () => {
  it('keeps findings of committed, uncommitted and untracked changes only, and levels of the whole repository', () => {
    const full = JSON.parse(cli(repo, 'audit', '--format', 'json').stdout) as Report;
    expect(withFindings(full)).toHaveLength(5);

    const r = cli(repo, 'audit', '--format', 'json', '--changed-since', 'v1');
    expect(r.code).toBe(0);
    const limited = JSON.parse(r.stdout) as Report;
    expect(withFindings(limited)).toEqual(['docs/sops/backup.md', 'docs/sops/monitoring.md', 'docs/sops/patching.md']);
    expect(limited.levels).toEqual(full.levels);
    expect(limited.documents).toHaveLength(full.documents.length);
    expect(limited.summary.findings).toBe(limited.documents.reduce((n, d) => n + d.findings.length, 0));
  });

  it('works from a folder inside the repository, with paths relative to that folder', () => {
    const limited = JSON.parse(
      cli(path.join(repo, 'docs'), 'audit', '--format', 'json', '--changed-since', 'HEAD').stdout,
    ) as Report;
    expect(withFindings(limited)).toEqual(['sops/backup.md', 'sops/monitoring.md']);
  });

  it('fails clearly for an unknown revision and outside a repository', () => {
    const unknown = cli(repo, 'audit', '--changed-since', 'no-such-branch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'sop-maturity: unknown revision "no-such-branch": expected a commit, branch or tag of this repository\n',
    );

    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-ci-nogit-'));
    try {
      const r = cli(outside, 'audit', '--changed-since', 'HEAD');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is not inside a git repository/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    expect(cli(repo, 'audit', '--changed-since', '--all').code).toBe(2);
  });
});
