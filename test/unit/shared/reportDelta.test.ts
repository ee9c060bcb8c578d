/**
 * The panel's report deltas: applying the delta of two values gives the second one (same JSON,
 * same key order) for random JSON and for reports of random sequences of workspace edits; what
 * crosses after one edit is that one document, not the document list; and the diff is right
 * even when nothing is shared between the two reports.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report/types';
import {
  applyDelta,
  applyPatch,
  deltaDocumentPaths,
  diffReports,
  diffValue,
  type ReportDelta,
} from '../../../src/shared/reportDelta';
import { workspaceOf } from '../helpers/audit';

const json = (x: unknown): string => JSON.stringify(x);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Applies the diff of `a` and `b` to a copy of `a` and checks it gives `b` without changing `a`. */
function roundTrip(a: unknown, b: unknown): void {
  const before = json(a);
  const patch = diffValue(a, b);
  if (patch === undefined) {
    expect(json(a)).toBe(json(b));
    return;
  }
  // What crosses the boundary is a copy (structured clone or JSON): apply to copies too.
  const shipped = clone(patch);
  expect(json(applyPatch(a, patch))).toBe(json(b));
  expect(json(applyPatch(clone(a), shipped))).toBe(json(b));
  expect(json(a)).toBe(before);
}

/** JSON with small key sets and lists of keyed items, so that pairs share structure. */
const item = fc.record(
  {
    path: fc.constantFrom('a.md', 'b.md', 'c.md', 'd/e.md', 'f.md'),
    n: fc.integer({ min: 0, max: 3 }),
    tags: fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 4 }),
    note: fc.option(fc.constantFrom('one', 'two'), { nil: undefined }),
  },
  { requiredKeys: ['path'] },
);
const doc = fc.record(
  {
    id: fc.constantFrom('r1', 'r2'),
    items: fc.array(item, { maxLength: 8 }),
    words: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 6 }),
    levels: fc.dictionary(fc.constantFrom('Docs', 'Ops', 'Sales', '__proto__'), fc.integer({ min: 0, max: 5 })),
    pos: fc.array(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant(null)), { maxLength: 5 }),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

describe('diff and apply on JSON values', () => {
  it('gives the second value for random pairs of values', () => {
    fc.assert(
      fc.property(doc, doc, (a, b) => roundTrip(a, b)),
      { numRuns: 500 },
    );
  });

  it('gives the second value for random pairs of arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json().map(JSON.parse), fc.json().map(JSON.parse), (a, b) => roundTrip(a, b)),
      { numRuns: 300 },
    );
  });

  it('gives the second value when it is the first one edited (shared parts, moved items, duplicate keys)', () => {
    const edit = fc.record({ at: fc.nat(), drop: fc.boolean(), move: fc.nat(), n: fc.integer({ min: 0, max: 9 }) });
    fc.assert(
      fc.property(doc, fc.array(edit, { maxLength: 4 }), (a, edits) => {
        const b = { ...a, items: [...(a.items ?? [])] };
        for (const e of edits) {
          const list = b.items;
          if (list.length === 0) break;
          const i = e.at % list.length;
          if (e.drop) list.splice(i, 1);
          else {
            const [moved] = list.splice(i, 1);
            list.splice(e.move % (list.length + 1), 0, e.n % 2 ? { ...moved, n: e.n } : moved);
          }
        }
        roundTrip(a, b);
      }),
      { numRuns: 500 },
    );
  });

  it('says nothing for equal values, even when no object is shared', () => {
    const a = { list: [{ path: 'a', x: [1, 2] }], o: { k: 'v', u: undefined } };
    expect(diffValue(a, clone(a))).toBeUndefined();
    expect(diffValue([], [])).toBeUndefined();
  });

  it('keeps the key order of the new value when fields come and go', () => {
    const a = { levels: { overall: 1, documentation: 1 }, summary: 1 };
    const b = { nextLevel: 2, levels: { overall: 1, guard: 'g', documentation: 2 }, summary: 1 };
    roundTrip(a, b);
    expect(Object.keys(applyPatch(a, diffValue(a, b)!) as object)).toEqual(['nextLevel', 'levels', 'summary']);
  });

  it('refuses a patch that does not fit the value', () => {
    expect(() => applyPatch([1], { list: [{ keep: 0, count: 2 }] })).toThrow(/out of range/);
    expect(() => applyPatch([1], { list: [{ at: 3, patch: { set: 1 } }] })).toThrow(/out of range/);
    expect(() => applyPatch('x', { fields: {} })).toThrow(/not an object/);
    expect(() => applyPatch({}, { list: [] })).toThrow(/not a list/);
  });
});

/* ------------------------------------------------------------ reports of a workspace */

function sop(title: string, owner: string | undefined, body: string, reviewed?: string): string {
  return [
    '---',
    `title: ${title}`,
    ...(owner ? [`owner: ${owner}`] : []),
    ...(reviewed ? [`last_reviewed: ${reviewed}`] : []),
    'type: sop',
    '---',
    '',
    `# ${title}`,
    '',
    body,
    '',
    '## Procedure',
    '',
    '1. Open the console.',
    '2. Run the backup job.',
    '',
    '- [ ] Check the restore',
    '',
  ].join('\n');
}

const PATHS = ['docs/sops/a.md', 'docs/sops/b.md', 'docs/ops/c.md', 'docs/ops/d.md', 'runbooks/e.md', 'docs/README.md'];

const change = fc.record({
  path: fc.constantFrom(...PATHS),
  remove: fc.boolean(),
  title: fc.constantFrom('Backup restore', 'Incident triage', 'Patch servers', 'Onboard user'),
  owner: fc.option(fc.constantFrom('Dana', 'Sam', 'TBD'), { nil: undefined }),
  body: fc.constantFrom(
    'Restore the nightly backup and check it.',
    'Triage an incident: severity, owner, timeline. See [ops](../ops/c.md).',
    'Broken link to [nowhere](./missing.md).',
    '',
  ),
  reviewed: fc.option(fc.constantFrom('2025-01-10', '2026-10-01', '2030-01-01'), { nil: undefined }),
});

describe('report deltas over workspace edits', () => {
  it('rebuild every next report from the previous one, for random sequences of edits', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 8 }), (changes) => {
        const ws = workspaceOf({ 'docs/sops/a.md': sop('Backup restore', 'Dana', 'Restore it.') });
        let prev = ws.report();
        let view = clone(prev); // the panel's copy
        for (const c of changes) {
          if (c.remove) ws.removeFile(c.path);
          else ws.setFile(c.path, sop(c.title, c.owner, c.body, c.reviewed));
          const next = ws.report();
          const delta = diffReports(prev, next);
          if (delta) {
            expect(json(applyDelta(prev, delta))).toBe(json(next));
            view = applyDelta(view, clone(delta));
          } else expect(json(prev)).toBe(json(next));
          expect(json(view)).toBe(json(next));
          prev = next;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('are right (only bigger) when the engine shares nothing between two reports', () => {
    const ws = workspaceOf({
      'docs/sops/a.md': sop('Backup restore', 'Dana', 'Restore it.'),
      'docs/sops/b.md': sop('Patch servers', 'Sam', 'Patch them.'),
    });
    const prev = clone(ws.report());
    ws.setFile('docs/sops/b.md', sop('Patch servers', 'Dana', 'Patch them.'));
    const next = clone(ws.report());
    const delta = diffReports(prev, next)!;
    expect(json(applyDelta(prev, delta))).toBe(json(next));
    expect(deltaDocumentPaths(prev, delta)).toEqual(['docs/sops/b.md']);
  });

  it('carry only the edited document at the second report, never the whole list', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++)
      files[`docs/sops/p${String(i).padStart(2, '0')}.md`] = sop(`Procedure ${i}`, i % 3 ? 'Dana' : 'Sam', 'Do it.');
    const ws = workspaceOf(files);
    const first = ws.report();
    const edited = 'docs/sops/p30.md';
    ws.setFile(edited, sop('Procedure 30', 'Dana', 'Do it.\n\nMore words about it, and a [link](./nowhere.md).'));
    const second = ws.report();
    const delta = diffReports(first, second) as ReportDelta;
    expect(deltaDocumentPaths(first, delta)).toEqual([edited]);
    expect(json(applyDelta(first, delta))).toBe(json(second));
    // The other documents cross as index ranges, not as document reports.
    const size = json(delta).length;
    expect(size).toBeLessThan(json(first.documents).length / 10);
    const others = first.documents.filter((d) => d.path !== edited).map((d) => d.path);
    expect(others.some((p) => json(delta.fields.documents).includes(p))).toBe(false);
  });

  it('say nothing when the report did not change', () => {
    const ws = workspaceOf({ 'docs/sops/a.md': sop('Backup restore', 'Dana', 'Restore it.') });
    const a: Report = ws.report();
    ws.setFile('docs/sops/a.md', sop('Backup restore', 'Dana', 'Restore it.'));
    expect(diffReports(a, ws.report())).toBeUndefined();
  });
});
