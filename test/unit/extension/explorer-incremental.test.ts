/**
 * The SOP explorer's incremental grouping: after any sequence of reports (documents added,
 * removed, edited or kept by identity; review items and blocking steps changing under them), the
 * groups kept up to date equal the groups built from scratch, and the tree is told to refresh
 * exactly when what it shows changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentReport, Report, ReviewItem } from '../../../src/core/report/types';
import {
  groupProcedures,
  groupsSignature,
  ProcedureGrouping,
  type GroupBy,
  type ProcedureGroup,
} from '../../../src/extension/explorerModel';

const PATHS = ['top.md', 'docs/a/one.md', 'docs/a/two.md', 'docs/b/three.md', 'docs/b/four.md', 'ops/five.md'];

/** What the tree shows, with each row's status (its icon). */
const shown = (groups: readonly ProcedureGroup[]): string =>
  `${groupsSignature(groups)}|${groups.map((g) => g.items.map((i) => i.status).join(',')).join(';')}`;

const docChange = fc.record({
  path: fc.constantFrom(...PATHS),
  op: fc.constantFrom('set', 'set', 'remove', 'keep-but-copy'),
  kind: fc.constantFrom('procedure', 'procedure', 'index'),
  title: fc.option(fc.constantFrom('Restore', 'Patch', '  '), { nil: undefined }),
  owner: fc.option(fc.constantFrom('Dana', 'Sam'), { nil: undefined }),
  category: fc.option(fc.constantFrom('Backups', 'Network'), { nil: undefined }),
});
const reviewChange = fc.record({
  path: fc.constantFrom(...PATHS),
  owner: fc.option(fc.constantFrom('Dana', 'Sam'), { nil: null }),
  state: fc.constantFrom('overdue', 'due-soon', 'ok', 'never-reviewed'),
  days: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
  lastReviewed: fc.constantFrom('2026-01-01', '2026-06-01'),
});
const step = fc.record({
  docs: fc.array(docChange, { maxLength: 4 }),
  reviews: fc.array(reviewChange, { maxLength: 3 }),
  failing: fc.subarray(PATHS),
  dropReviews: fc.boolean(),
});

describe('incremental SOP explorer groups', () => {
  it.each<GroupBy>(['status', 'owner', 'area', 'folder'])(
    'equal the groups from scratch after random changes (grouped by %s)',
    (by) => {
      fc.assert(
        fc.property(fc.array(step, { minLength: 1, maxLength: 10 }), (steps) => {
          const docs = new Map<string, DocumentReport & { category?: string }>();
          const reviews = new Map<string, ReviewItem>();
          const area = (p: string): string | undefined => docs.get(p)?.category;
          const grouping = new ProcedureGrouping(by, area);
          let before: readonly ProcedureGroup[] = [];
          for (const s of steps) {
            for (const c of s.docs) {
              const old = docs.get(c.path);
              if (c.op === 'remove') docs.delete(c.path);
              else if (c.op === 'keep-but-copy') {
                // A new report object that says the same: the row is made again, nothing shows different.
                if (old) docs.set(c.path, { ...old });
              } else
                docs.set(c.path, {
                  path: c.path,
                  kind: c.kind as DocumentReport['kind'],
                  kindReason: 'test',
                  exemptions: [],
                  findings: [],
                  ...(c.title !== undefined ? { title: c.title } : {}),
                  ...(c.owner !== undefined ? { owner: c.owner } : {}),
                  ...(c.category !== undefined ? { category: c.category } : {}),
                });
            }
            for (const r of s.reviews)
              reviews.set(r.path, {
                path: r.path,
                owner: r.owner,
                state: r.state as ReviewItem['state'],
                lastReviewed: r.lastReviewed,
                due: r.days === null ? null : '2026-12-01',
                days: r.days,
              });
            const documents = [...docs.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
            const items = s.dropReviews
              ? undefined
              : documents
                  .flatMap((d) => {
                    const r = reviews.get(d.path);
                    // Review items are new objects in every report, as the engine makes them.
                    return d.kind === 'procedure' && r ? [{ ...r }] : [];
                  })
                  // In queue order, as the engine sorts them: an owner or state change moves an item.
                  .sort((x, y) => (`${x.owner}|${x.state}|${x.path}` < `${y.owner}|${y.state}|${y.path}` ? -1 : 1));
            const report = {
              documents,
              nextSteps: [
                { blocksOverall: true, paths: s.failing },
                { blocksOverall: false, paths: PATHS },
              ],
              ...(items ? { reviews: { asOf: '2026-11-01', within: 30, items, counts: {} } } : {}),
            } as unknown as Report;
            const changed = grouping.update(report);
            const scratch = groupProcedures(report, by, area);
            expect(grouping.groups).toEqual(scratch);
            expect(changed).toBe(shown(before) !== shown(scratch));
            before = scratch;
          }
          expect(grouping.update(undefined)).toBe(before.length > 0);
          expect(grouping.groups).toEqual([]);
        }),
        { numRuns: 300 },
      );
    },
  );

  it('keeps the objects of groups and rows that did not change', () => {
    const doc = (path: string, title = 'T'): DocumentReport =>
      ({ path, kind: 'procedure', kindReason: '', title, exemptions: [], findings: [] }) as DocumentReport;
    const documents = [doc('a/one.md'), doc('a/two.md'), doc('b/three.md')];
    const report = (docs: DocumentReport[]): Report => ({ documents: docs, nextSteps: [] }) as unknown as Report;
    const grouping = new ProcedureGrouping('folder');
    expect(grouping.update(report(documents))).toBe(true);
    const [a, b] = grouping.groups;
    expect(grouping.update(report([...documents]))).toBe(false);
    expect(grouping.groups[0]).toBe(a);
    const edited = [documents[0], documents[1], doc('b/three.md', 'New title')];
    expect(grouping.update(report(edited))).toBe(true);
    expect(grouping.groups[0]).toBe(a);
    expect(grouping.groups[1]).not.toBe(b);
    expect(grouping.groups[1].items[0].title).toBe('New title');
  });
});
