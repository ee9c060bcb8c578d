/**
 * Baselines: findings keep their "known" mark when lines move or a number
 * in the message drifts, new problems are "new", and only new findings (or
 * the level) fail `audit --baseline`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { baselineCounts, createBaseline, markBaseline, parseBaseline } from '../../../../src/core/report/baseline';
import type { Finding, Report } from '../../../../src/core/report/types';
import { run } from '../../../../src/cli/run';
import { formatMarkdown } from '../../../../src/core/report/markdown';
import { toSarif } from '../../../../src/core/report/sarif';
import { formatText } from '../../../../src/cli/format/text';
import { auditFiles, goodSop } from '../../helpers/audit';

/** A complete SOP with one broken link after `above`. */
const BROKEN = (above: string, title = 'Monthly patching') =>
  `${goodSop(title)}${above}\nSee [the old page](missing.md).\n`;

function marks(report: Report, file: string): Record<string, Finding['baseline']> {
  const doc = report.documents.find((d) => d.path === file);
  return Object.fromEntries((doc?.findings ?? []).map((f) => [f.check, f.baseline]));
}

describe('markBaseline', () => {
  it('keeps a finding known when lines are inserted above it, and marks a new problem new', () => {
    const before = auditFiles({ 'docs/sops/patching.md': BROKEN('') });
    const baseline = createBaseline(before);
    expect(baseline.findings.map((f) => f.check)).toContain('links');

    const after = auditFiles({
      'docs/sops/patching.md': BROKEN('\n\nThree new paragraphs.\n\nAbove the link.\n\nThat move it down.\n'),
      'docs/sops/backup.md': BROKEN('', 'Nightly backup check'),
    });
    const moved = after.documents
      .find((d) => d.path === 'docs/sops/patching.md')!
      .findings.find((f) => f.check === 'links')!;
    const original = before.documents[0].findings.find((f) => f.check === 'links')!;
    expect(moved.range.start.line).toBeGreaterThan(original.range.start.line);

    const marked = markBaseline(after, baseline);
    expect(marks(marked, 'docs/sops/patching.md').links).toBe('known');
    expect(marks(marked, 'docs/sops/backup.md').links).toBe('new');
    expect(baselineCounts(marked).new).toBeGreaterThan(0);
    // The input report is left as it was.
    expect(after.documents[0].findings.every((f) => f.baseline === undefined)).toBe(true);
  });

  it('keeps a finding known when only a number in its message changed (a review ages by a day)', () => {
    const stale = goodSop('Nightly backup check').replace('last_reviewed: 2026-09-01', 'last_reviewed: 2025-01-01');
    const monday = auditFiles({ 'docs/sops/backup.md': stale }, { asOf: '2026-11-02' });
    const tuesday = auditFiles({ 'docs/sops/backup.md': stale }, { asOf: '2026-11-03' });
    const message = (r: Report) => r.documents[0].findings.find((f) => f.check === 'review-date')!.message;
    expect(message(monday)).not.toBe(message(tuesday));
    expect(marks(markBaseline(tuesday, createBaseline(monday)), 'docs/sops/backup.md')['review-date']).toBe('known');
  });

  it('lets each baseline entry vouch for one finding only', () => {
    const report = auditFiles({ 'docs/sops/patching.md': BROKEN('') });
    const baseline = createBaseline(report);
    const twice: Report = {
      ...report,
      workspaceFindings: [...report.workspaceFindings],
      documents: report.documents.map((d) => ({
        ...d,
        findings: [...d.findings, ...d.findings.filter((f) => f.check === 'links')],
      })),
    };
    const marked = markBaseline(twice, baseline);
    const links = marked.documents[0].findings.filter((f) => f.check === 'links').map((f) => f.baseline);
    expect(links.sort()).toEqual(['known', 'new']);
  });

  it('reads back what it writes and refuses other files', () => {
    const baseline = createBaseline(auditFiles({ 'docs/sops/patching.md': BROKEN('') }));
    expect(parseBaseline(JSON.stringify(baseline))).toEqual({ baseline });
    expect(parseBaseline('{')).toHaveProperty('error');
    expect(parseBaseline('{"format":"sarif"}')).toEqual({ error: expect.stringContaining('not a baseline file') });
    expect(parseBaseline(JSON.stringify({ ...baseline, version: 9 }))).toEqual({
      error: expect.stringContaining('version 9'),
    });
    expect(parseBaseline(JSON.stringify({ ...baseline, findings: [{ check: 1 }] }))).toHaveProperty('error');
  });
});

describe('formats mark new and known findings', () => {
  const before = auditFiles({ 'docs/sops/patching.md': BROKEN('') });
  const marked = markBaseline(
    auditFiles({ 'docs/sops/patching.md': BROKEN(''), 'docs/sops/backup.md': BROKEN('', 'Nightly backup check') }),
    createBaseline(before),
  );
  const counts = baselineCounts(marked);

  it('text', () => {
    const text = formatText(marked, { color: false, quiet: false });
    expect(text).toMatch(new RegExp(`Baseline:\\s+${counts.new} new, ${counts.known} known findings`));
    expect(text).toMatch(/docs\/sops\/backup\.md:\d+:\d+ .*links\s+\[new\] Broken link/);
    expect(text).toMatch(/docs\/sops\/patching\.md:\d+:\d+ .*links\s+\[known\] Broken link/);
  });

  it('markdown', () => {
    const md = formatMarkdown(marked);
    expect(md).toContain(`**Compared with the baseline:** ${counts.new} new findings, ${counts.known} known.`);
    expect(md).toMatch(/\| links \| \*\*new\*\* Broken link/);
    expect(md).toMatch(/\| links \| _known_ Broken link/);
  });

  it('SARIF uses baselineState new and unchanged', () => {
    const results = toSarif(marked).runs[0].results;
    const state = (uri: string) =>
      results.find((r) => r.ruleId === 'links' && r.locations[0].physicalLocation.artifactLocation.uri === uri)
        ?.baselineState;
    expect(state('docs/sops/backup.md')).toBe('new');
    expect(state('docs/sops/patching.md')).toBe('unchanged');
    expect(toSarif(before).runs[0].results.every((r) => r.baselineState === undefined)).toBe(true);
  });
});

describe('sop-maturity baseline and audit --baseline', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
      cwd: dir,
    };
    const code = run([...args, '--no-cache'], io) as number;
    return { code, stdout, stderr };
  }
  function write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }

  it('fails only on new findings, or on the level', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-ci-baseline-'));
    write('docs/sops/patching.md', BROKEN(''));
    const made = cli('baseline', '.', '--as-of', '2026-11-01');
    expect(made.code).toBe(0);
    expect(made.stderr).toMatch(/^Wrote \d+ findings to \.sopmaturity-baseline\.json\.\n$/);
    const file = JSON.parse(fs.readFileSync(path.join(dir, '.sopmaturity-baseline.json'), 'utf8'));
    expect(file).toMatchObject({ format: 'sop-maturity-baseline', version: 1, asOf: '2026-11-01' });
    expect(file.findings[0]).toEqual({
      check: expect.any(String),
      path: expect.any(String),
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      message: expect.any(String),
    });

    // Without a baseline the findings alone never fail the run; with it, nothing is new yet.
    expect(cli('audit', '.', '--as-of', '2026-11-01').code).toBe(0);
    write('docs/sops/patching.md', `${BROKEN('\n\nInserted lines.\n')}`);
    expect(cli('audit', '.', '--as-of', '2026-11-01', '--baseline', '.sopmaturity-baseline.json').code).toBe(0);
    expect(
      cli('audit', '.', '--as-of', '2026-11-01', '--baseline', '.sopmaturity-baseline.json', '--min-level', '5').code,
    ).toBe(1);

    write('docs/sops/backup.md', BROKEN('', 'Nightly backup check'));
    const failing = cli(
      'audit',
      '.',
      '--as-of',
      '2026-11-01',
      '--baseline',
      '.sopmaturity-baseline.json',
      '--format',
      'json',
    );
    expect(failing.code).toBe(1);
    const report = JSON.parse(failing.stdout) as Report;
    expect(
      report.documents.find((d) => d.path === 'docs/sops/backup.md')!.findings.every((f) => f.baseline === 'new'),
    ).toBe(true);
    expect(
      report.documents.find((d) => d.path === 'docs/sops/patching.md')!.findings.every((f) => f.baseline === 'known'),
    ).toBe(true);
  });

  it('writes where --out says and reports unreadable baselines with exit code 2', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-ci-baseline-'));
    write('docs/sops/patching.md', BROKEN(''));
    expect(cli('baseline', '--out', 'ci/known.json').code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'ci/known.json'))).toBe(true);

    const missing = cli('audit', '--baseline', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'nope.json: cannot read the baseline (ENOENT): write one first with `sop-maturity baseline`.',
    );
    write('bad.json', '{"format":"other"}');
    expect(cli('audit', '--baseline', 'bad.json').stderr).toContain('bad.json: not a baseline file');
    expect(cli('baseline', '--format', 'json').stderr).toContain('--format is not an option of baseline.');
  });

  it('the badge of the sample repository reads "OML 3 · Scaling"', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-ci-badge-'));
    const examples = fileURLToPath(new URL('../../../../examples', import.meta.url));
    const svg = cli('audit', examples, '--format', 'badge').stdout;
    expect(svg).toContain('aria-label="OML 3 · Scaling"');
    expect(svg).toContain('>3 · Scaling</text>');
  });
});
