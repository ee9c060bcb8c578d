/**
 * Audit roots: every folder below the audited one that holds its own
 * `.sopmaturity.yml` is audited on its own and left out of the audit above
 * it. Runs the CLI in process on a copy of examples/ (level 3, configured at
 * its root) with a nested root `team/` whose only procedure is unfinished.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeHistory } from '../../../src/node/history';
import type { Report } from '../../../src/core/report/types';
import type { SarifLog } from '../../../src/core/report/sarif';
import { runCli } from '../helpers/cli';

const examples = fileURLToPath(new URL('../../../examples', import.meta.url));
const AS_OF = ['--as-of', '2026-11-23', '--no-cache'];

let base: string;
let repo: string;

function write(rel: string, text: string) {
  const file = path.join(repo, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const TEAM_SOP = `---
type: sop
owner: alice@example.com
---
# Rotate the shared Wi-Fi key

## Procedure

1. Generate a new key in the password manager for the office network.
2. Update the key on the wireless controller and save the change.
3. Post the new key in the team channel and remove the old entry.
`;

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-roots-'));
  repo = path.join(base, 'repo');
  fs.cpSync(examples, repo, { recursive: true });
  write('team/.sopmaturity.yml', 'include: ["**/*"]\n');
  write('team/wifi/rotate-key.md', TEAM_SOP);
});
afterEach(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

const json = (argv: string[]) => {
  const result = runCli(['audit', '.', '--format', 'json', ...AS_OF, ...argv], repo);
  return { ...result, report: JSON.parse(result.stdout) as Report & { roots?: { path: string; report: Report }[] } };
};

describe('audit roots', () => {
  it('audits the nested root on its own and leaves its files out of the parent report', () => {
    const { code, report } = json([]);
    expect(code).toBe(0);
    expect(report.documents.map((d) => d.path).filter((p) => p.startsWith('team/'))).toEqual([]);
    expect(report.roots?.map((r) => r.path)).toEqual(['team']);
    const team = report.roots![0].report;
    expect(team.documents.map((d) => d.path)).toEqual(['wifi/rotate-key.md']);
    expect(team.levels.overall).toBeLessThan(report.levels.overall);
    // The top-level object is the report of DIR, as without nested roots.
    const alone = json(['--root-only']).report;
    expect(alone.roots).toBeUndefined();
    expect({ ...report, roots: undefined }).toEqual({ ...alone, roots: undefined });
  });

  it('prints one text report per root, each headed with its path; --root-only prints one', () => {
    const all = runCli(['audit', '.', '--quiet', ...AS_OF], repo);
    expect(all.stdout.match(/^== .* ==$/gm)).toEqual(['== . ==', '== team ==']);
    const one = runCli(['audit', '.', '--quiet', '--root-only', ...AS_OF], repo);
    expect(one.stdout).not.toMatch(/^== /m);
    expect(one.stdout).toBe(all.stdout.slice('== . ==\n'.length, all.stdout.indexOf('\n== team ==')));
  });

  it('exits with the worst code of the roots: --min-level applies to each', () => {
    expect(runCli(['audit', '.', '--quiet', '--min-level', '3', ...AS_OF], repo).code).toBe(1);
    expect(runCli(['audit', '.', '--quiet', '--min-level', '3', '--root-only', ...AS_OF], repo).code).toBe(0);
    expect(runCli(['audit', 'team', '--quiet', '--min-level', '3', ...AS_OF], repo).code).toBe(1);
  });

  it('writes one SARIF run per root, with artifact URIs relative to DIR', () => {
    const { stdout } = runCli(['audit', '.', '--format', 'sarif', ...AS_OF], repo);
    const log = JSON.parse(stdout) as SarifLog;
    expect(log.runs).toHaveLength(2);
    const uris = (i: number) =>
      log.runs[i].results.flatMap((r) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri));
    expect(uris(0).some((u) => u.startsWith('team/'))).toBe(false);
    expect(uris(1).length).toBeGreaterThan(0);
    expect(uris(1).every((u) => u.startsWith('team/'))).toBe(true);
    expect(uris(1)).toContain('team/wifi/rotate-key.md');
    expect((log.runs[1] as unknown as { automationDetails: { id: string } }).automationDetails.id).toBe(
      'sop-maturity/team/',
    );
  });

  it('heads each root in Markdown and HTML', () => {
    const md = runCli(['audit', '.', '--format', 'markdown', ...AS_OF], repo).stdout;
    expect(md.match(/^# Audit root: .*$/gm)).toEqual(['# Audit root: .', '# Audit root: team']);
    const html = runCli(['audit', '.', '--format', 'html', ...AS_OF], repo).stdout;
    expect(html.match(/<body/g)).toHaveLength(1);
    expect(html).toContain('<h1>Audit root <code>team</code></h1>');
  });

  it('--fix applies the safe fixes of every root', () => {
    const before = fs.readFileSync(path.join(repo, 'team/wifi/rotate-key.md'), 'utf8');
    const { code, stderr } = runCli(['audit', '.', '--fix', '--quiet', ...AS_OF], repo);
    expect(code).toBe(0);
    const after = fs.readFileSync(path.join(repo, 'team/wifi/rotate-key.md'), 'utf8');
    expect(after).not.toBe(before);
    expect(after).toMatch(/- \[ \] /);
    expect(stderr).toMatch(/^team: /m);
  });

  it('baseline writes a file in each root; --out with nested roots is refused unless --root-only', () => {
    expect(runCli(['baseline', '.', ...AS_OF], repo).code).toBe(0);
    expect(fs.existsSync(path.join(repo, '.sopmaturity-baseline.json'))).toBe(true);
    expect(fs.existsSync(path.join(repo, 'team', '.sopmaturity-baseline.json'))).toBe(true);
    // Compared with their own baselines, no root has a new finding.
    expect(runCli(['audit', '.', '--quiet', '--baseline', '.sopmaturity-baseline.json', ...AS_OF], repo).code).toBe(0);
    const refused = runCli(['baseline', '.', '--out', 'b.json', ...AS_OF], repo);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--root-only/);
    expect(runCli(['baseline', '.', '--out', 'b.json', '--root-only', ...AS_OF], repo).code).toBe(0);
  });

  it('stops before auditing anything when a nested configuration has an error, naming its file', () => {
    write('team/.sopmaturity.yml', 'gitignore: maybe\n');
    const { code, stdout, stderr } = runCli(['audit', '.', ...AS_OF], repo);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^team\/\.sopmaturity\.yml:1:12: /m);
  });

  it('history leaves the nested roots out of DIR at every sampled commit', async () => {
    const git = (args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z' },
      });
    git(['init', '-q']);
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'all']);
    const alone = json(['--root-only']).report;
    const points = await computeHistory({
      root: repo,
      since: '2026-10-01',
      every: 'month',
      now: new Date('2026-11-10T00:00:00Z'),
    });
    if ('unavailable' in points) throw new Error(points.unavailable);
    expect(points.at(-1)?.documents).toBe(alone.summary.documents);
  });
});
