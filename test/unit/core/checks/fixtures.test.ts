/**
 * The checks as the spec reads them (RUBRIC.md), one folder of documents per check: test/fixtures/checks/<id>/
 * (README.md there says how to add a case). Each case folder is audited as the CLI audits a folder, and the
 * findings of the folder's check must sit exactly on the lines its files mark; the known disagreements with
 * the engine are listed as expected failures (`it.fails`), so that fixing the engine shows up here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../../src/core';
import type { Finding, Report } from '../../../../src/core';
import {
  FIXTURES,
  PSEUDO_CHECKS,
  auditCase,
  caseExpectations,
  caseMarkers,
  findCases,
  findingsOfCheck,
  markersOf,
  stripMarkers,
  where,
  type FixtureCase,
  type Marker,
} from '../../helpers/check-fixtures';

const cases = findCases();
const reports = new Map<string, Report>();

/** The case's report, audited once. */
function reportOf(c: FixtureCase): Report {
  let r = reports.get(c.dir);
  if (!r) reports.set(c.dir, (r = auditCase(c.dir)));
  return r;
}

function describeFinding(key: string, f: Finding): string {
  return `${key} (level ${f.level}): ${f.message}`;
}

function describeMarker(m: Marker): string {
  return `${where(m.file, m.line)}${m.level ? ` (level ${m.level})` : ''}${m.note ? `: ${m.note}` : ''}`;
}

describe('check fixtures (test/fixtures/checks)', () => {
  it('cover every check of the registry and name only checks', () => {
    const folders = new Set(cases.map((c) => c.check));
    const known = new Set<string>([...CHECK_IDS, ...PSEUDO_CHECKS]);
    expect(
      [...folders].filter((f) => !known.has(f)),
      'folders that are not check ids',
    ).toEqual([]);
    expect(
      [...CHECK_IDS].filter((id) => !folders.has(id)),
      'checks without a fixture folder',
    ).toEqual([]);
  });

  it('leave no document outside a case (a folder holding a .sopmaturity.yml)', () => {
    const documents = (fs.readdirSync(FIXTURES, { recursive: true }) as string[])
      .filter((p) => /\.(md|markdown|mdx|erb)$/.test(p) && p !== 'README.md')
      .map((p) => path.join(FIXTURES, p));
    const outside = documents.filter((abs) => !cases.some((c) => abs.startsWith(c.dir + path.sep)));
    expect(outside.map((abs) => path.relative(FIXTURES, abs))).toEqual([]);
  });

  for (const c of cases) {
    describe(c.name, () => {
      const markers = caseMarkers(c.dir);
      const expectations = caseExpectations(c.dir, c.check);
      const foreign = markers.filter((m) => m.check !== c.check);
      const expected = markers.filter((m) => m.kind === 'expect');
      const missedTodo = markers.filter((m) => m.kind === 'expect-todo');
      const extraTodo = markers.filter((m) => m.kind === 'unexpected-todo');

      it(`findings of ${c.check} sit exactly on the marked lines`, () => {
        expect(
          foreign.map((m) => `${describeMarker(m)} names ${m.check}`),
          'markers of another check',
        ).toEqual([]);
        const actual = findingsOfCheck(reportOf(c), c.check);
        // Where the engine disagrees with the spec (a known finding it makes), the marker says so; it is awaited here.
        const awaited = new Map<string, Marker>();
        for (const m of [...expected, ...extraTodo]) awaited.set(where(m.file, m.line), m);
        const missed = [...awaited.keys()].filter((k) => !actual.has(k));
        const unexpected = [...actual].filter(([k]) => !awaited.has(k)).map(([k, f]) => describeFinding(k, f));
        const wrongLevel = expected
          .filter((m) => m.level !== undefined && actual.has(where(m.file, m.line)))
          .map((m) => ({ m, f: actual.get(where(m.file, m.line)) as Finding }))
          .filter(({ m, f }) => f.level !== m.level)
          .map(({ m, f }) => `${describeMarker(m)}: the finding is for level ${f.level}`);
        expect({ missed, unexpected, wrongLevel }).toEqual({ missed: [], unexpected: [], wrongLevel: [] });
      });

      it(`findings of ${c.check} that belong to no document: as many as \`# expect-workspace\` lines`, () => {
        const found = reportOf(c)
          .workspaceFindings.filter((f) => f.check === c.check)
          .map((f) => f.message);
        expect(found.length, `workspace findings: ${JSON.stringify(found)}`).toBe(expectations.workspaceFindings);
      });

      for (const e of expectations.checks) {
        const at = e.level ? `at level ${e.level}` : e.holds ? 'at every level' : 'at its lowest level';
        const title = `the check ${e.holds ? 'holds' : 'fails'} ${at}`;
        const test = () => {
          const check = reportOf(c).checks.find((k) => k.id === c.check);
          expect(check, `${c.check} in the report`).toBeDefined();
          const levels = (check?.levels ?? []).filter((l) => e.level === undefined || l.level === e.level);
          expect(levels.length, `levels of ${c.check}`).toBeGreaterThan(0);
          const stats = levels.map((l) => `level ${l.level}: ${l.passing}/${l.total}, ${l.holds ? 'holds' : 'fails'}`);
          const detail = check?.detail ? ` (${check.detail})` : '';
          // `fails` with no level: its lowest level fails.
          const ok = e.holds ? levels.every((l) => l.holds) : !levels[0].holds;
          expect(ok, `${stats.join('; ')}${detail}`).toBe(true);
        };
        if (e.todo) it.fails(`known disagreement: ${title}${e.note ? ` (${e.note})` : ''}`, test);
        else it(title, test);
      }

      // Known disagreements: what the spec wants and the engine does not give; it.fails passes while they stand.
      for (const m of missedTodo) {
        it.fails(`known disagreement: a finding at ${describeMarker(m)}`, () => {
          expect(findingsOfCheck(reportOf(c), c.check).has(where(m.file, m.line))).toBe(true);
        });
      }
      for (const m of extraTodo) {
        it.fails(`known disagreement: no finding at ${describeMarker(m)}`, () => {
          expect(findingsOfCheck(reportOf(c), c.check).has(where(m.file, m.line))).toBe(false);
        });
      }
    });
  }

  it('markers change nothing the engine reads: every case audits the same without them', () => {
    for (const c of cases) {
      expect(summary(auditCase(c.dir, stripMarkers)), c.name).toEqual(summary(reportOf(c)));
    }
  });
});

describe('check fixture markers', () => {
  const text = [
    '---',
    '# expect-above: owner',
    'owner: TBD # expect: owner',
    'last_reviewed: 2025-12-02 # expect: review-date@5',
    '---',
    '',
    '# Title <!-- expect-todo: required-sections -- why it is wanted -->',
    '<!-- unexpected-todo-below: checklist -->',
    '- [ ] TBD',
    'owner_slack: "#noc"',
  ].join('\r\n');

  it('say which finding of which check belongs on which line', () => {
    expect(markersOf('a.md', text)).toEqual([
      { kind: 'expect', check: 'owner', file: 'a.md', line: 1 },
      { kind: 'expect', check: 'owner', file: 'a.md', line: 3 },
      { kind: 'expect', check: 'review-date', file: 'a.md', line: 4, level: 5 },
      { kind: 'expect-todo', check: 'required-sections', file: 'a.md', line: 7, note: 'why it is wanted' },
      { kind: 'unexpected-todo', check: 'checklist', file: 'a.md', line: 9 },
    ]);
  });

  it('come out line for line, leaving the rest of the text as it was', () => {
    const stripped = stripMarkers(text);
    expect(stripped.split('\r\n')).toEqual([
      '---',
      '',
      'owner: TBD',
      'last_reviewed: 2025-12-02',
      '---',
      '',
      '# Title',
      '',
      '- [ ] TBD',
      'owner_slack: "#noc"',
    ]);
    expect(markersOf('a.md', stripped)).toEqual([]);
  });

  it('refuse what they do not understand, so that a typo does not read as "no finding here"', () => {
    expect(() => markersOf('a.md', '# Title <!-- expect-todoo: owner -->')).toThrow(/a\.md:1: a marker not understood/);
    expect(() => markersOf('a.md', 'owner: TBD # expected: owner')).toThrow(/not understood/);
  });
});

/** What a report says, without what depends on the exact text (fingerprints, offsets). */
function summary(r: Report): unknown {
  const finding = (f: Finding) => `${f.range.start.line}:${f.range.start.column} ${f.check}@${f.level} ${f.message}`;
  return {
    levels: r.levels,
    centralFolder: r.centralFolder,
    indexPage: r.indexPage,
    documents: r.documents.map((d) => ({
      path: d.path,
      kind: d.kind,
      kindReason: d.kindReason,
      stub: d.stub,
      title: d.title,
      owner: d.owner,
      reviewed: d.reviewed,
      exemptions: d.exemptions,
      findings: d.findings.map(finding),
      failingWithoutFinding: d.failingWithoutFinding,
    })),
    checks: r.checks.map((k) => ({ id: k.id, levels: k.levels, detail: k.detail, exempted: k.exempted })),
    traits: r.traits.map((t) => ({ id: t.id, covered: t.covered, evidence: t.evidence })),
    workspaceFindings: r.workspaceFindings.map(finding),
    errors: r.errors.map((e) => `${e.path}:${e.line ?? ''} ${e.message}`),
  };
}
