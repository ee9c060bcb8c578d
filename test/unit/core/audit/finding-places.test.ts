/**
 * Where findings go (RUBRIC.md revision 2, item 11, and issue 16): front
 * matter that cannot be read gives one error at the place of its syntax
 * error and no follow-on findings; every finding sits where a person makes
 * the fix; links are checked, and shown, in every Markdown document while
 * only procedures count for the `links` level.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding, Range, Report } from '../../../../src/core';
import { auditFiles, finding, findingsOf, goodSop, workspaceOf } from '../../helpers/audit';
import { runCli } from '../../helpers/cli';

/** `line:column` of a range's start, and of its end. */
function at(r: Range | undefined): string {
  return r ? `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}` : 'none';
}

function doc(report: Report, path: string) {
  const d = report.documents.find((x) => x.path === path);
  expect(d, path).toBeDefined();
  return d as Report['documents'][number];
}

function linksLevel(report: Report) {
  return report.checks
    .find((c) => c.id === 'links')
    ?.levels.map((l) => ({ level: l.level, passing: l.passing, total: l.total, holds: l.holds }));
}

/** The reproduction: an unclosed quote on line 2, every key present after it. */
const BROKEN_YAML = [
  '---',
  'title: "Broken',
  'owner: alice',
  'category: backup',
  'last_reviewed: 2026-11-01',
  '---',
  '',
  '# Restore a backup',
  '',
  '## Purpose',
  'Restore.',
  '',
  '## Steps',
  '1. Open the console.',
  '2. Pick the snapshot.',
  '3. Restore it.',
  '',
  'See [missing](nope.md).',
  '',
].join('\n');

const BROKEN_TOML = [
  '+++',
  'title = "Broken',
  'owner = "alice"',
  '+++',
  '',
  '# Restore a backup',
  '',
  '## Steps',
  '1. Open the console.',
  '2. Pick the snapshot.',
  '3. Restore it.',
  '',
].join('\n');

const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const BOM = '\uFEFF';

describe('front matter that cannot be read: one error at the place of the syntax error', () => {
  const cases: [string, string, string, string][] = [
    // name, text, start, end of the front-matter finding
    ['YAML, an unclosed quote (where it opens, not at the closing fence)', BROKEN_YAML, '2:8', '2:15'],
    ['YAML with CRLF line breaks', crlf(BROKEN_YAML), '2:8', '2:15'],
    ['YAML after a byte-order mark', BOM + BROKEN_YAML, '2:8', '2:15'],
    ['YAML after a byte-order mark, with CRLF', BOM + crlf(BROKEN_YAML), '2:8', '2:15'],
    [
      'YAML, an unclosed flow sequence (where it opens)',
      '---\ntitle: A\ntags: [a, b\nowner: x\n---\n# A\n',
      '3:7',
      '3:12',
    ],
    [
      'YAML, a value that goes on after its quote (where the library says)',
      '---\ntitle: A\nowner: "x" y\n---\n# A\n',
      '3:12',
      '3:13',
    ],
    ['TOML, a bad value (where the library says)', '+++\ntitle = "A"\nowner = = 3\n+++\n# A\n', '3:9', '3:10'],
    ['TOML with CRLF and a byte-order mark', BOM + crlf('+++\ntitle = "A"\nowner = = 3\n+++\n# A\n'), '3:9', '3:10'],
    ['TOML, an unclosed string (on its line, where the closing quote is missing)', BROKEN_TOML, '2:16', '2:16'],
    ['TOML, an unclosed string, CRLF', crlf(BROKEN_TOML), '2:16', '2:16'],
  ];
  for (const [name, text, start, end] of cases) {
    it(name, () => {
      const r = auditFiles({ 'docs/sops/a.md': text });
      const errors = findingsOf(r, 'docs/sops/a.md').filter((f) => f.check === 'front-matter');
      expect(errors).toHaveLength(1);
      expect(errors[0].severity).toBe('error');
      expect(at(errors[0].range)).toBe(`${start}-${end}`);
      // The report's errors list says the same place.
      expect(r.errors.map((e) => `${e.line}:${e.column}`)).toEqual([start]);
    });
  }

  it('keeps the offsets of a document with a byte-order mark on its text (headings, links, fixes read them)', () => {
    const text = BOM + crlf(BROKEN_YAML);
    const r = auditFiles({ 'docs/sops/a.md': text });
    const link = finding(r, 'docs/sops/a.md', 'links') as Finding;
    expect(at(link.range)).toBe('18:5-18:23');
    expect(text.slice(link.range.start.offset, link.range.end.offset)).toBe('[missing](nope.md)');
    const steps = finding(r, 'docs/sops/a.md', 'checklist') as Finding;
    expect(text.slice(steps.range.start.offset, steps.range.end.offset)).toBe('## Steps');
  });
});

describe('front matter that cannot be read: no follow-on findings; the checks that need it fail', () => {
  const r = auditFiles({ 'docs/sops/a.md': BROKEN_YAML, 'docs/sops/b.md': goodSop('B') });
  const a = doc(r, 'docs/sops/a.md');

  it('gives no finding for a key the unread front matter might hold', () => {
    const checks = a.findings.map((f) => f.check);
    for (const id of ['owner', 'category', 'review-date', 'automation', 'metrics'])
      expect(checks, id).not.toContain(id);
    expect(checks.filter((c) => c === 'front-matter')).toHaveLength(1);
  });

  it('fails those checks with "front matter could not be read", in the document\'s check results', () => {
    expect(a.failingWithoutFinding).toEqual([
      { check: 'owner', level: 2, message: 'front matter could not be read' },
      { check: 'category', level: 3, message: 'front matter could not be read' },
      { check: 'review-date', level: 4, message: 'front matter could not be read' },
      { check: 'automation', level: 5, message: 'front matter could not be read' },
      { check: 'metrics', level: 5, message: 'front matter could not be read' },
    ]);
    // Counted as failing: only the good SOP passes `owner`, and the broken one is a document to fix.
    const owner = r.checks.find((c) => c.id === 'owner');
    expect(owner?.levels.map((l) => [l.passing, l.total])).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(r.documents.find((d) => d.path === 'docs/sops/b.md')?.failingWithoutFinding).toBeUndefined();
  });

  it('reads the body as usual: steps, sections, links and checklist', () => {
    // The body has 11 words of its own (front matter, headings and link targets aside): fewer than 30, a stub by the rule.
    expect(a.stub).toBe(true);
    expect(finding(r, 'docs/sops/a.md', 'procedure')?.message).toBe(
      'Empty template: only 11 words of its own; write the steps or delete the file',
    );
    expect(finding(r, 'docs/sops/a.md', 'links')?.message).toContain('nope.md');
    expect(finding(r, 'docs/sops/a.md', 'checklist')).toBeDefined();
    expect(finding(r, 'docs/sops/a.md', 'required-sections')).toBeUndefined();
  });

  it('lets a check pass on what the body says alone: an Owner line, an Automation section', () => {
    const body =
      BROKEN_YAML.replace('## Purpose', '**Owner:** Sam Patel\n\n## Purpose') +
      '\n## Automation\n\nThe RMM policy `restore-check` runs the restore every night.\n';
    const s = auditFiles({ 'docs/sops/a.md': body });
    expect(doc(s, 'docs/sops/a.md').failingWithoutFinding?.map((f) => f.check)).toEqual([
      'category',
      'review-date',
      'metrics',
    ]);
    expect(s.checks.find((c) => c.id === 'owner')?.levels[0].passing).toBe(1);
  });

  it('lists the failing checks even when their findings are turned off', () => {
    const s = auditFiles({ 'docs/sops/a.md': BROKEN_YAML }, { config: { severity: { owner: 'off' } } });
    expect(doc(s, 'docs/sops/a.md').failingWithoutFinding?.[0]).toEqual({
      check: 'owner',
      level: 2,
      message: 'front matter could not be read',
    });
  });

  it('gives the findings back once the front matter is corrected (same workspace)', () => {
    const ws = workspaceOf({ 'docs/sops/a.md': BROKEN_YAML });
    expect(doc(ws.report(), 'docs/sops/a.md').failingWithoutFinding).toHaveLength(5);
    ws.setFile('docs/sops/a.md', BROKEN_YAML.replace('"Broken', '"Fixed"').replace('owner: alice', 'owner: TBD'));
    const fixed = ws.report();
    expect(doc(fixed, 'docs/sops/a.md').failingWithoutFinding).toBeUndefined();
    expect(finding(fixed, 'docs/sops/a.md', 'front-matter')).toBeUndefined();
    expect(finding(fixed, 'docs/sops/a.md', 'owner')?.message).toContain('placeholder');
    expect(finding(fixed, 'docs/sops/a.md', 'review-date')).toBeUndefined();
  });
});

describe('findings sit where the fix goes', () => {
  /** A procedure whose front matter title and heading differ in place: structure findings go to the heading. */
  const sparse = (fm: string[]) =>
    [
      ...(fm.length > 0 ? ['---', ...fm, '---', ''] : []),
      '# Sparse runbook',
      '',
      'Intro text.',
      '',
      '## Steps',
      '',
      '1. One.',
      '2. Two.',
      '3. Three.',
      '',
    ].join('\n');

  it('a front-matter key that is missing: at the opening fence, else on line 1', () => {
    const r = auditFiles({
      'docs/sops/fm.md': sparse(['title: Sparse runbook', 'type: sop']),
      'docs/sops/none.md': sparse([]),
      'docs/sops/prose.md': 'Some runbook text first.\n\n# Later runbook\n\n1. a\n2. b\n3. c\n',
    });
    for (const id of ['owner', 'category', 'review-date']) {
      expect(at(finding(r, 'docs/sops/fm.md', id)?.range), id).toBe('1:1-1:4');
      // No front matter: line 1, here the title heading's line.
      expect(at(finding(r, 'docs/sops/none.md', id)?.range), id).toBe('1:1-1:17');
      expect(at(finding(r, 'docs/sops/prose.md', id)?.range), id).toBe('1:1-1:1');
    }
  });

  it('a front-matter key with a bad value: at the key, through its value', () => {
    const r = auditFiles({
      'docs/sops/a.md': goodSop('A').replace('owner: Dana Whitfield', 'owner: TBD'),
      'docs/sops/b.md': goodSop('B').replace('last_reviewed: 2026-09-01', 'last_reviewed: spring'),
      'docs/sops/c.md': goodSop('C').replace('last_reviewed: 2026-09-01', 'last_reviewed: 2024-01-01'),
      'docs/sops/d.md': goodSop('D').replace('category: Service desk', 'category: <category>'),
      'docs/sops/e.md': goodSop('E')
        .replace('metrics: time to complete', 'metrics: TBD')
        .replace('automation: rmm policy', 'automation: n/a'),
    });
    expect(at(finding(r, 'docs/sops/a.md', 'owner')?.range)).toBe('4:1-4:11');
    expect(at(finding(r, 'docs/sops/b.md', 'review-date')?.range)).toBe('6:1-6:22');
    expect(at(finding(r, 'docs/sops/c.md', 'review-date')?.range)).toBe('6:1-6:26');
    expect(at(finding(r, 'docs/sops/d.md', 'category')?.range)).toBe('5:1-5:21');
    expect(at(finding(r, 'docs/sops/e.md', 'automation')?.range)).toBe('7:1-7:16');
    expect(at(finding(r, 'docs/sops/e.md', 'metrics')?.range)).toBe('8:1-8:13');
  });

  it('an owner placeholder in the body: on its Owner line only', () => {
    const r = auditFiles({
      'docs/sops/a.md': goodSop('A')
        .replace('owner: Dana Whitfield\n', '')
        .replace('## Purpose', '**Owner:** TBD\nand more text on the next line.\n\n## Purpose'),
    });
    expect(at(finding(r, 'docs/sops/a.md', 'owner')?.range)).toBe('12:1-12:15');
  });

  it('structure findings: at the steps section for procedure and checklist, else at the title heading (not the front matter title)', () => {
    const stub = ['---', 'title: Stub runbook', '---', '', '# Stub runbook', '', '## Procedure', '', 'TBD', ''].join(
      '\n',
    );
    const r = auditFiles({
      'docs/sops/sparse.md': sparse(['title: Sparse runbook', 'type: sop', 'owner: a']),
      'docs/sops/stub.md': stub,
      'notes/x.md': sparse(['type: sop']),
    });
    const title = '7:1-7:17';
    for (const id of ['required-sections', 'verification', 'prerequisites', 'metrics', 'automation'])
      expect(at(finding(r, 'docs/sops/sparse.md', id)?.range), id).toBe(title);
    expect(at(finding(r, 'docs/sops/sparse.md', 'checklist')?.range)).toBe('11:1-11:9');
    // The stub's Procedure section holds only a placeholder: the finding is at that section.
    expect(at(finding(r, 'docs/sops/stub.md', 'procedure')?.range)).toBe('7:1-7:13');
    expect(at(finding(r, 'notes/x.md', 'central-location')?.range)).toBe('5:1-5:17');
  });

  it('no steps section: procedure and checklist at the title heading; no heading at all: at the fence, else line 1', () => {
    const prose =
      'Restart the service when it hangs: log in to the host, stop the unit, wait ten seconds, start it again and watch the log for errors before you close the ticket for the client.';
    const r = auditFiles({
      'docs/sops/a.md': `---\ntype: sop\n---\n\n# A runbook\n\n${prose}\n`,
      'docs/sops/b.md': `---\ntype: sop\n---\n\n${prose}\n`,
    });
    expect(at(finding(r, 'docs/sops/a.md', 'procedure')?.range)).toBe('5:1-5:12');
    expect(at(finding(r, 'docs/sops/a.md', 'checklist')?.range)).toBe('5:1-5:12');
    for (const id of ['procedure', 'checklist', 'verification', 'required-sections'])
      expect(at(finding(r, 'docs/sops/b.md', id)?.range), id).toBe('1:1-1:4');
  });

  it('links: at the link', () => {
    const r = auditFiles({ 'docs/sops/a.md': `${goodSop('A')}\nSee [the other one](missing.md).\n` });
    expect(at(finding(r, 'docs/sops/a.md', 'links')?.range)).toBe('36:5-36:32');
  });
});

describe('links are checked in every Markdown document; only procedures count', () => {
  const procedures = { 'docs/sops/a.md': goodSop('A'), 'docs/sops/b.md': `${goodSop('B')}\n[gone](gone.md)\n` };
  const others = {
    'docs/README.md': '# Knowledge base\n\n- [A](sops/a.md)\n- [B](sops/b.md)\n- [Old](sops/old.md)\n',
    'docs/overview.md':
      '---\ntype: reference\n---\n\n# Overview\n\nSee [the map](map.md#top) and [A](sops/a.md#no-such-heading).\n',
  };
  const r = auditFiles({ ...procedures, ...others });
  const without = auditFiles({
    ...procedures,
    'docs/README.md': '# Knowledge base\n\n- [A](sops/a.md)\n- [B](sops/b.md)\n',
    'docs/overview.md': '# Overview\n',
  });

  it('reports broken links of an index page and of an other document, marked as not counted', () => {
    expect(doc(r, 'docs/README.md').kind).toBe('index');
    expect(doc(r, 'docs/overview.md').kind).toBe('other');
    const index = finding(r, 'docs/README.md', 'links');
    expect(index).toMatchObject({ level: 4, counted: false });
    expect(index?.message).toContain('sops/old.md');
    expect(at(index?.range)).toBe('5:3-5:21');
    const other = finding(r, 'docs/overview.md', 'links');
    expect(other).toMatchObject({ counted: false });
    expect(other?.message).toMatch(/map\.md#top.*and 1 more/);
    // A procedure's link finding is counted (the field is absent).
    expect(finding(r, 'docs/sops/b.md', 'links')?.counted).toBeUndefined();
  });

  it('leaves the pass share of `links` and its next step to the procedures', () => {
    expect(linksLevel(r)).toEqual([{ level: 4, passing: 1, total: 2, holds: false }]);
    expect(linksLevel(r)).toEqual(linksLevel(without));
    expect(r.levels).toEqual(without.levels);
    for (const step of r.nextSteps.filter((s) => s.id === 'links')) expect(step.paths).toEqual(['docs/sops/b.md']);
  });

  it('keeps a workspace in step: a target written later, a document that becomes a procedure', () => {
    const ws = workspaceOf({ ...procedures, ...others });
    expect(finding(ws.report(), 'docs/README.md', 'links')).toBeDefined();
    ws.setFile('docs/sops/old.md', goodSop('Old'));
    let now = ws.report();
    expect(finding(now, 'docs/README.md', 'links')).toBeUndefined();
    expect(linksLevel(now)).toEqual([{ level: 4, passing: 2, total: 3, holds: false }]);
    // The reference page becomes a procedure: its link finding is counted now.
    ws.setFile('docs/overview.md', others['docs/overview.md'].replace('type: reference', 'type: sop'));
    now = ws.report();
    expect(finding(now, 'docs/overview.md', 'links')?.counted).toBeUndefined();
    expect(linksLevel(now)).toEqual([{ level: 4, passing: 2, total: 4, holds: false }]);
    ws.setFile('docs/overview.md', others['docs/overview.md']);
    now = ws.report();
    expect(finding(now, 'docs/overview.md', 'links')?.counted).toBe(false);
    expect(linksLevel(now)).toEqual([{ level: 4, passing: 2, total: 3, holds: false }]);
  });
});

describe('the CLI shows link findings of every document (text and SARIF)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sop-places-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.md'), BROKEN_YAML);
  writeFileSync(join(dir, 'README.md'), '# Index\n- [A](a.md)\n- [broken](gone.md)\n');

  it('lists them in the Findings, and the front-matter error at its place', () => {
    const out = runCli(['audit', dir, '--as-of', '2026-11-23', '--no-cache'], dir).stdout;
    expect(out).toMatch(/README\.md:3:3\s+warning\s+links\s+Broken link `gone\.md`/);
    expect(out).toMatch(/a\.md:2:8\s+error\s+front-matter/);
    expect(out).not.toMatch(/a\.md:\S+\s+\S+\s+(owner|category|review-date)\b/);
  });

  it('gives them a SARIF result', () => {
    const sarif = JSON.parse(
      runCli(['audit', dir, '--format', 'sarif', '--as-of', '2026-11-23', '--no-cache'], dir).stdout,
    ) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
        }[];
      }[];
    };
    const links = sarif.runs[0].results
      .filter((x) => x.ruleId === 'links')
      .map(
        (x) =>
          `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region?.startLine}`,
      );
    expect(links).toEqual(expect.arrayContaining(['README.md:3', 'a.md:18']));
  });
});
