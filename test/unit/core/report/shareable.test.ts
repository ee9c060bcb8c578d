/**
 * Reports are shared, so no format writes the machine's absolute paths
 * unless the user asks (`--absolute-paths`, JSON and SARIF only), and SARIF
 * puts project-wide findings on the project's own files: the knowledge
 * base's index page, else `.sopmaturity.yml`, else the root README.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../../../src/cli/args';
import { run } from '../../../../src/cli/run';
import { rootName, shareablePath, shareableReport } from '../../../../src/core/report/shareable';
import type { SarifLog } from '../../../../src/core/report/sarif';
import type { Report } from '../../../../src/core/report/types';
import { EXPORTS } from '../../../../src/extension/export';
import { auditFiles, goodSop } from '../../helpers/audit';

let base: string;

/** Writes `files` under `base/name` and returns that folder's absolute path. */
function repo(name: string, files: Record<string, string>): string {
  const root = path.join(base, name);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** Runs the CLI in-process from `cwd` (by default a folder beside the repositories, so nothing is shown relative to it). */
function sop(args: string[], cwd = path.join(base, 'elsewhere')): { code: number; stdout: string; stderr: string } {
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

/** Five SOPs in docs/sops/ (the central folder), with or without an index page linking them. */
function sops(withIndex: boolean): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 5; i++)
    files[`docs/sops/task-${i}.md`] = `${goodSop(`Patching task ${i}`)}\nUnique words ${i} ${'w'.repeat(i + 1)}.\n`;
  if (withIndex)
    files['docs/README.md'] = `# Knowledge base\n\n${Object.keys(files)
      .map((p, i) => `- [Task ${i}](${p.slice('docs/'.length)})`)
      .join('\n')}\n`;
  return files;
}

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-shareable-'));
  fs.mkdirSync(path.join(base, 'elsewhere'));
});

afterAll(() => {
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

describe('no absolute path of the machine in a shareable report', () => {
  it('no format writes the audited folder or the rubric file by their absolute paths', () => {
    const root = repo('ops-docs', {
      ...sops(true),
      '.sopmaturity.yml': 'centralFolder: docs\n',
      'team-rubric.yaml': 'extends: oml\ntitle: Team rubric\n',
      // A broken link and a code span, so every format has findings to show.
      'docs/sops/task-0.md': `${goodSop('Patching task 0')}\nSee [the old page](missing.md).\n`,
    });
    for (const format of FORMATS) {
      const r = sop(['audit', root, '--format', format, '--rubric', path.join(root, 'team-rubric.yaml')]);
      expect(r.stderr, format).toBe('');
      expect(r.stdout.length, format).toBeGreaterThan(0);
      expect(r.stdout, format).not.toContain(base);
      // Not in any escaped form either (JSON escapes, percent-encoding, HTML entities).
      expect(r.stdout, format).not.toContain(encodeURI(base));
      expect(r.stdout, format).not.toContain(path.basename(base));
    }
    const json = JSON.parse(
      sop(['audit', root, '--format', 'json', '--rubric', path.join(root, 'team-rubric.yaml')]).stdout,
    ) as Report;
    expect(json.root).toBe('ops-docs');
    expect(json.rubric.source).toBe('team-rubric.yaml');
    expect(sop(['audit', root]).stdout).toMatch(/Root:\s+ops-docs\n/);
    expect(sop(['audit', root, '--format', 'html']).stdout).toContain('folder <span class="path">ops-docs</span>');
    expect(sop(['audit', root, '--format', 'markdown']).stdout).toContain('· folder ops-docs ·');
  });

  it('--absolute-paths keeps the absolute root in JSON and as the SARIF base, and nowhere else', () => {
    const root = repo('absolute', sops(true));
    const json = JSON.parse(sop(['audit', root, '--format', 'json', '--absolute-paths']).stdout) as Report;
    expect(json.root).toBe(root);
    const sarif = JSON.parse(sop(['audit', root, '--format', 'sarif', '--absolute-paths']).stdout) as SarifLog;
    expect(sarif.runs[0].originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(root).href}/` } });
    expect(JSON.stringify(sarif.runs[0].results)).not.toContain(base);
    const sarifDefault = JSON.parse(sop(['audit', root, '--format', 'sarif']).stdout) as SarifLog;
    expect(sarifDefault.runs[0].originalUriBaseIds).toBeUndefined();
    // Text, Markdown and HTML name the folder whatever the option says.
    expect(sop(['audit', root, '--format', 'html', '--absolute-paths']).stdout).not.toContain(base);
  });

  it('the editor export writes what the CLI writes by default: the folder by its name', () => {
    const report = { ...auditFiles(sops(true)), root: '/home/dana/clients/acme-ops' };
    report.rubric = { ...report.rubric, source: '/home/dana/clients/acme-ops/rubric.yaml' };
    for (const spec of EXPORTS) {
      const out = spec.render(report);
      expect(out, spec.format).not.toContain('/home/dana');
      expect(out, spec.format).not.toContain('file://');
    }
    expect(JSON.parse(EXPORTS.find((e) => e.format === 'json')!.render(report)).root).toBe('acme-ops');
  });

  it('names a folder by its last segment and a file inside it relative to it', () => {
    expect(rootName('/srv/acme/ops-docs')).toBe('ops-docs');
    expect(rootName('/srv/acme/ops-docs/')).toBe('ops-docs');
    expect(rootName('C:\\Users\\dana\\ops docs')).toBe('ops docs');
    expect(rootName('/')).toBe('.');
    expect(shareablePath('/srv/acme/ops-docs/rubrics/team.yaml', '/srv/acme/ops-docs')).toBe('rubrics/team.yaml');
    expect(shareablePath('C:\\Users\\dana\\ops\\rubric.yaml', 'C:\\Users\\dana\\ops')).toBe('rubric.yaml');
    // Outside the root: only the file name; a sibling folder sharing a prefix is outside.
    expect(shareablePath('/home/dana/rubric.yaml', '/srv/acme/ops-docs')).toBe('rubric.yaml');
    expect(shareablePath('/srv/acme/ops-docs-old/r.yaml', '/srv/acme/ops-docs')).toBe('r.yaml');
    expect(shareablePath('builtin', '/srv/acme/ops-docs')).toBe('builtin');
    expect(shareablePath('../rubrics/team.yaml', '/srv/acme/ops-docs')).toBe('../rubrics/team.yaml');
    const report = auditFiles(sops(false));
    expect(shareableReport(shareableReport(report))).toEqual(shareableReport(report));
  });
});

describe('SARIF places project-wide findings on the project', () => {
  /** Where the SARIF result of kb-index's project-wide finding (no index page) is placed. */
  function kbIndexPlace(root: string): string[] {
    const log = JSON.parse(sop(['audit', root, '--format', 'sarif']).stdout) as SarifLog;
    return log.runs[0].results
      .filter((r) => r.ruleId === 'kb-index')
      .map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
  }

  it('the report names the index page, the first place for them', () => {
    const root = repo('with-index', { ...sops(true), 'docs/sops/orphan.md': goodSop('Orphan runbook') });
    const log = JSON.parse(sop(['audit', root, '--format', 'json']).stdout) as Report;
    expect(log.indexPage).toBe('docs/README.md');
  });

  it('on .sopmaturity.yml when there is no index page', () => {
    const root = repo('with-config', {
      ...sops(false),
      '.sopmaturity.yml': 'exclude: [archive/**]\n',
      'README.md': '# Ops\n',
    });
    const report = JSON.parse(sop(['audit', root, '--format', 'json']).stdout) as Report;
    expect(report.indexPage).toBeUndefined();
    expect(report.configFile).toBe('.sopmaturity.yml');
    expect(report.workspaceFindings.map((f) => f.check)).toContain('kb-index');
    expect(kbIndexPlace(root)).toEqual(['.sopmaturity.yml']);
  });

  it('on the root README when there is neither', () => {
    const root = repo('with-readme', { ...sops(false), 'README.md': '# Ops\n' });
    expect(kbIndexPlace(root)).toEqual(['README.md']);
  });

  it('never on a procedure: with none of them it is a notification', () => {
    const root = repo('bare', sops(false));
    expect(kbIndexPlace(root)).toEqual([]);
    const log = JSON.parse(sop(['audit', root, '--format', 'sarif']).stdout) as SarifLog;
    const notes = log.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.message.text);
    expect(notes.some((t) => t.startsWith('kb-index: '))).toBe(true);
  });
});
