/**
 * End-to-end: builds the bundles, then runs `node dist/cli.js` on a small
 * SOP repository in a temp folder, once per format and once per exit code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report/types';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const cli = path.join(projectRoot, 'dist', 'cli.js');
const AS_OF = '2026-11-23';

const FILES: Record<string, string> = {
  'docs/README.md': `# Operations knowledge base

- [Monthly patching](sops/patching.md)
- [Nightly backup check](sops/backup-check.md)
- [Employee onboarding](sops/employee-onboarding.md)
`,
  'docs/sops/patching.md': `---
title: Monthly patching
type: sop
owner: noc-team-lead
category: Patching
last_reviewed: 2026-10-01
---
# Monthly patching

## Purpose

Keep every managed endpoint on supported patch levels.

## Procedure

1. Review the patch report in the RMM.
2. Approve the patches for the pilot group.
3. Approve the patches for all clients after 48 hours.

- [ ] Pilot group patched
- [ ] All clients patched

## Verification

The RMM compliance dashboard shows 98% or more.
`,
  'docs/sops/backup-check.md': `---
title: Nightly backup check
type: sop
owner: backup-admin
---
# Nightly backup check

## Procedure

1. Open the backup console.
2. Check every job finished.
3. Open a ticket for every failed job.
`,
  // Written with a byte-order mark, which --fix must keep.
  'docs/sops/employee-onboarding.md': `\uFEFF# Employee onboarding

## Steps

1. Create the account.
2. Assign the licences.
3. Send the welcome mail.
`,
};

let base: string;

/** A fresh copy of the sample repository. */
function makeRepo(name: string, extra: Record<string, string> = {}): string {
  const root = path.join(base, name);
  for (const [rel, text] of Object.entries({ ...FILES, ...extra })) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

function sop(args: string[], cwd = base) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'pipe' });
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-cli-e2e-'));
  makeRepo('repo');
}, 120_000);

afterAll(() => {
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

describe('sop-maturity audit, each format', () => {
  it('text: the summary and findings, without colours in a pipe', () => {
    const r = sop(['audit', 'repo', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sop-maturity \S+ — /);
    expect(r.stdout).toMatch(/Overall level:\s+\d/);
    expect(r.stdout).toMatch(/As of:\s+2026-11-23/);
    expect(r.stdout).toContain('docs/sops/backup-check.md:');
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stderr).toBe('');
  });

  it('text --quiet: only the summary', () => {
    const r = sop(['audit', 'repo', '--as-of', AS_OF, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Overall level:/);
    expect(r.stdout).not.toContain('Findings');
  });

  it('json: the report contract', () => {
    const r = sop(['audit', 'repo', '--as-of', AS_OF, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.schemaVersion).toBe(1);
    expect(report.asOf).toBe(AS_OF);
    // The folder by its name: a report is shared, the machine's absolute path is not (see --absolute-paths).
    expect(report.root).toBe('repo');
    expect(report.summary.procedures).toBe(3);
    expect(report.summary.indexes).toBe(1);
    expect(report.documents.map((d) => d.path).sort()).toEqual(Object.keys(FILES).sort());
  });

  it('sarif: a valid log whose results point at their rules', () => {
    const r = sop(['audit', 'repo', '--as-of', AS_OF, '--format', 'sarif']);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/^\//);
    }
  });

  it('markdown: a pull-request comment', () => {
    const r = sop(['audit', 'repo', '--as-of', AS_OF, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## SOP Maturity: OML \d · /);
    expect(r.stdout).toContain('<details>');
  });

  it('html: one page, written with --out', () => {
    const out = path.join(base, 'out', 'report.html');
    const r = sop(['audit', 'repo', '--as-of', AS_OF, '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toContain('<script');
  });

  it('badge: an SVG', () => {
    const r = sop(['audit', 'repo', '--as-of', AS_OF, '--format', 'badge']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<svg [^>]*aria-label="OML /);
  });
});

describe('exit codes', () => {
  it('0 with --help and --version', () => {
    const help = sop(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('sop-maturity audit [DIR]');
    const version = sop(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('0 at or above --min-level, 1 below it', () => {
    const report = JSON.parse(sop(['audit', 'repo', '--as-of', AS_OF, '--format', 'json']).stdout) as Report;
    const level = report.levels.overall;
    expect(sop(['audit', 'repo', '--as-of', AS_OF, '--min-level', String(level)]).code).toBe(0);
    expect(level).toBeLessThan(5);
    expect(sop(['audit', 'repo', '--as-of', AS_OF, '--min-level', '5']).code).toBe(1);
  });

  it('1 for an empty folder with --min-level 1 (not assessed)', () => {
    fs.mkdirSync(path.join(base, 'empty'), { recursive: true });
    const r = sop(['audit', 'empty', '--min-level', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Overall level:\s+0 not assessed/);
  });

  it('2 for a usage error, with the reason on stderr', () => {
    const r = sop(['audit', 'repo', '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Unknown --format "pdf"');
  });

  it('2 for a folder that does not exist', () => {
    const r = sop(['audit', 'no-such-folder']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"no-such-folder" is not a directory');
  });

  it('2 for an invalid configuration, as file:line:col: message', () => {
    const root = makeRepo('bad-config', { '.sopmaturity.yml': 'include: [docs/**]\nmaxFileBytes: lots\n' });
    const r = sop(['audit', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.sopmaturity\.yml:2:\d+: /);
  });

  it('2 for a missing --config file', () => {
    const r = sop(['audit', 'repo', '--config', 'nope.yml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.yml: the configuration file does not exist: it is not read');
  });

  it('2 for an invalid rubric, as file:line:col: message', () => {
    fs.writeFileSync(
      path.join(base, 'bad-rubric.yaml'),
      'extends: oml\nchecks:\n  no-such-check:\n    levels: [{ level: 2, threshold: 2 }]\n',
    );
    const r = sop(['audit', 'repo', '--rubric', 'bad-rubric.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bad-rubric\.yaml:\d+:\d+: /m);
  });
});

describe('--fix', () => {
  /** Procedures with words enough of their own not to be stubs (the checklist fix leaves a stub alone), and no checklist. */
  const FIXABLE: Record<string, string> = {
    'docs/sops/backup-check.md': FILES['docs/sops/backup-check.md']
      .replace(
        '# Nightly backup check\n',
        '# Nightly backup check\n\nEvery morning the technician on duty checks that the nightly backups of every managed client finished, and opens a ticket for each failure before nine.\n',
      )
      .replace(
        '1. Open the backup console.',
        '1. Open the backup console at `https://backup.example.com`. Sign in with your admin account.',
      ),
    // Written with a byte-order mark, which --fix must keep.
    'docs/sops/employee-onboarding.md': `\uFEFF# Employee onboarding

When a new employee starts, the service desk prepares the account, the licences and the welcome mail on the working day before the start date.

## Steps

1. Create the account.
2. Assign the licences.
3. Send the welcome mail.
`,
  };

  it('applies only the safe fixes, keeps the byte-order mark, counts the changes by fix and audits again', () => {
    const root = makeRepo('fixable', FIXABLE);
    const before = JSON.parse(sop(['audit', root, '--as-of', AS_OF, '--format', 'json']).stdout) as Report;
    const r = sop(['audit', root, '--as-of', AS_OF, '--format', 'json', '--fix']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^Fixed 2 documents \(findings: \d+ before, \d+ after\):\n {2}add-front-matter: 1 document\n {2}add-checklist: 2 documents\n/,
    );
    const after = JSON.parse(r.stdout) as Report;
    expect(after.summary.findings).toBeLessThan(before.summary.findings);

    const backup = fs.readFileSync(path.join(root, 'docs/sops/backup-check.md'), 'utf8');
    // The checklist is the steps' first sentences, the code span whole.
    expect(backup).toBe(
      `${FIXABLE['docs/sops/backup-check.md']}\n## Checklist\n\n- [ ] Open the backup console at \`https://backup.example.com\`.\n- [ ] Check every job finished.\n- [ ] Open a ticket for every failed job.\n`,
    );
    const onboarding = fs.readFileSync(path.join(root, 'docs/sops/employee-onboarding.md'), 'utf8');
    expect(onboarding.startsWith('\uFEFF---\ntype: sop\n---\n# Employee onboarding\n')).toBe(true);
    expect(onboarding).toContain('- [ ] Send the welcome mail.');
    // No review date and no placeholder, anywhere.
    for (const rel of Object.keys(FIXABLE)) {
      const text = fs.readFileSync(path.join(root, rel), 'utf8');
      expect(text, rel).not.toMatch(/review|\(to be completed\)|<owner>|<category>/i);
    }
    expect(fs.readFileSync(path.join(root, 'docs/sops/patching.md'), 'utf8')).toBe(FILES['docs/sops/patching.md']);
    // What is left for a person is said, counted by fix.
    expect(r.stderr).toMatch(
      /\nLeft for a person, one document at a time in the editor \(--fix never writes a review date or a placeholder\):\n(?: {2}[a-z-]+: \d+ documents?\n)* {2}mark-reviewed: 2 documents\n/,
    );

    // The report after --fix is what a fresh audit of the fixed files says.
    const again = JSON.parse(sop(['audit', root, '--as-of', AS_OF, '--format', 'json']).stdout) as Report;
    expect(again.summary.findings).toBe(after.summary.findings);
  });
});
