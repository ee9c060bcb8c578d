/** The SOP explorer's model and the review reminders' words (no VS Code needed). */
import { describe, expect, it } from 'vitest';
import type { Report, ReviewItem } from '../../../src/core/report/types';
import { groupProcedures, groupsSignature, overdueReviews, reviewWords } from '../../../src/extension/explorerModel';
import { reminderActions } from '../../../src/extension/quickFixMenu';
import {
  lensParts,
  ownerHover,
  reminderMessage,
  reviewHover,
  reviewItem,
  shortOwner,
} from '../../../src/extension/reviewText';

function item(path: string, over: Partial<ReviewItem> = {}): ReviewItem {
  return {
    path,
    owner: 'Priya N.',
    ownerSource: 'front-matter',
    ownerOrigin: 'owner',
    state: 'ok',
    lastReviewed: '2026-09-14',
    due: '2027-03-14',
    dueFrom: 'document',
    days: 133,
    ...over,
  };
}

function report(items: ReviewItem[], failing: string[] = [], extra: string[] = []): Report {
  const paths = [...items.map((i) => i.path), ...extra];
  return {
    documents: [
      ...paths.map((path) => ({ path, kind: 'procedure', title: `T ${path}`, findings: [], exemptions: [] })),
      { path: 'docs/README.md', kind: 'index', findings: [], exemptions: [] },
    ],
    nextSteps: [
      { blocksOverall: true, paths: failing },
      { blocksOverall: false, paths: paths },
    ],
    reviews: {
      asOf: '2026-11-01',
      within: 30,
      items,
      counts: {
        overdue: items.filter((i) => i.state === 'overdue').length,
        'due-soon': 0,
        ok: 0,
        'never-reviewed': 0,
      },
    },
  } as unknown as Report;
}

const items = [
  item('docs/a/one.md', { state: 'overdue', days: 12, due: '2026-10-20' }),
  item('docs/a/two.md', { owner: null, ownerSource: undefined, ownerOrigin: undefined }),
  item('docs/b/three.md', { owner: 'Owen R.', state: 'due-soon', days: 5 }),
  item('top.md', { state: 'never-reviewed', lastReviewed: null, due: null, days: null }),
];

describe('SOP explorer groups', () => {
  it('groups by status: failing the next level first, then overdue, then passing, with counts', () => {
    const groups = groupProcedures(report(items, ['docs/a/one.md', 'docs/b/three.md']), 'status');
    expect(groups.map((g) => [g.label, g.items.map((i) => i.path)])).toEqual([
      ['Failing the next level (2)', ['docs/a/one.md', 'docs/b/three.md']],
      ['Passing (2)', ['docs/a/two.md', 'top.md']],
    ]);
    const overdue = groupProcedures(report(items), 'status');
    expect(overdue.map((g) => g.label)).toEqual(['Overdue review (1)', 'Passing (3)']);
  });

  it('groups by owner with unowned procedures first, by folder with the root first, by area with none last', () => {
    const r = report(items);
    expect(groupProcedures(r, 'owner').map((g) => g.label)).toEqual(['No owner (1)', 'Owen R. (1)', 'Priya N. (2)']);
    expect(groupProcedures(r, 'folder').map((g) => g.label)).toEqual(['(root) (1)', 'docs/a (2)', 'docs/b (1)']);
    const area = (p: string) => (p.startsWith('docs/a') ? 'Backups' : undefined);
    expect(groupProcedures(r, 'area', area).map((g) => g.label)).toEqual(['Backups (2)', 'No area (2)']);
  });

  it('leaves out documents that are not procedures and works on reports without a review queue', () => {
    const r = { ...report(items), reviews: undefined } as Report;
    const all = groupProcedures(r, 'status').flatMap((g) => g.items.map((i) => i.path));
    expect(all).toEqual(['docs/a/one.md', 'docs/a/two.md', 'docs/b/three.md', 'top.md']);
    expect(overdueReviews(r)).toBe(0);
    expect(overdueReviews(undefined)).toBe(0);
    expect(overdueReviews(report(items))).toBe(1);
  });

  it('has a signature that changes only when what the tree shows changes', () => {
    const a = groupsSignature(groupProcedures(report(items), 'status'));
    expect(groupsSignature(groupProcedures(report(items.map((i) => ({ ...i }))), 'status'))).toBe(a);
    const moved = items.map((i) => (i.path === 'top.md' ? { ...i, state: 'overdue' as const, days: 3 } : i));
    expect(groupsSignature(groupProcedures(report(moved), 'status'))).not.toBe(a);
    const renamed = items.map((i) => (i.path === 'top.md' ? { ...i, owner: 'Someone' } : i));
    expect(groupsSignature(groupProcedures(report(renamed), 'status'))).not.toBe(a);
    expect(groupsSignature(groupProcedures(report(items), 'owner'))).not.toBe(a);
  });

  it('describes each row by its owner and review state', () => {
    const rows = groupProcedures(report(items), 'folder').flatMap((g) => g.items.map((i) => i.description));
    expect(rows).toEqual([
      'Priya N. · never reviewed',
      'Priya N. · overdue 12 days',
      'no owner · next review 2027-03-14',
      'Owen R. · review due in 5 days',
    ]);
    expect(reviewWords(item('x', { state: 'due-soon', days: 0 }))).toBe('review due today');
  });
});

describe('review reminders in the document', () => {
  it('words the CodeLens of an owned and an unowned procedure', () => {
    expect(lensParts({}, item('x'))).toEqual([
      { title: 'Owner: Priya N. · reviewed 2026-09-14 · next review 2027-03-14' },
      { title: 'Mark reviewed', action: 'mark-reviewed' },
    ]);
    expect(lensParts({}, item('x', { owner: null, state: 'overdue', days: 1, due: '2026-10-31' }))).toEqual([
      { title: 'No owner' },
      { title: 'Add owner', action: 'add-owner' },
      { title: 'reviewed 2026-09-14 · next review 2026-10-31 (1 day late)' },
      { title: 'Mark reviewed', action: 'mark-reviewed' },
    ]);
    // Before the review queue is in the report: what the document report says.
    expect(lensParts({ owner: 'Ann (Lead)', reviewed: '2026-01-02' }, undefined)[0].title).toBe(
      'Owner: Ann · reviewed 2026-01-02',
    );
    expect(shortOwner('Owen Reyes (Backup and continuity engineer)')).toBe('Owen Reyes');
  });

  it('reminds only inside the review window', () => {
    expect(reminderMessage(item('x', { state: 'due-soon', days: 12, due: '2026-11-13' }))).toBe(
      'Review due in 12 days (2026-11-13)',
    );
    expect(reminderMessage(item('x', { state: 'due-soon', days: 1, due: null }))).toBe('Review due in 1 day');
    expect(reminderMessage(item('x', { state: 'ok', days: 40 }))).toBeUndefined();
    expect(reminderMessage(item('x', { state: 'overdue', days: 3 }))).toBeUndefined();
    expect(reminderMessage(undefined)).toBeUndefined();
  });

  it("offers Mark reviewed (today's real date, never preferred) as the reminder's quick fix", () => {
    expect(reminderActions('2026-12-05')).toEqual([
      {
        type: 'fix',
        title: 'Mark as reviewed today (2026-12-05)',
        fixId: 'mark-reviewed',
        params: { today: '2026-12-05' },
        preferred: false,
      },
    ]);
  });

  it('says in the hovers where the owner came from and when the next review is due', () => {
    expect(ownerHover(item('x'))).toBe('**Owner:** Priya N. from the front-matter key `owner`.');
    expect(ownerHover({ owner: '@ops', ownerSource: 'codeowners', ownerOrigin: 'docs/ @ops' })).toBe(
      '**Owner:** @ops from CODEOWNERS (rule `docs/ @ops`).',
    );
    expect(ownerHover({ owner: null })).toContain('No owner');
    expect(reviewHover(item('x'), 30)).toBe(
      'Last reviewed 2026-09-14. Next review due **2027-03-14** ' +
        "(from the document's own review interval): in 133 days.",
    );
    expect(reviewHover(item('x', { state: 'overdue', days: 2, dueFrom: 'rubric' }), 30)).toContain(
      "from the rubric's review age): **overdue by 2 days**",
    );
    expect(reviewHover(item('x', { state: 'due-soon', days: 3 }), 30)).toContain('inside the 30-day review window');
  });

  it('finds a review item by path', () => {
    const r = report(items);
    expect(reviewItem(r, 'top.md')?.state).toBe('never-reviewed');
    expect(reviewItem(r, 'nope.md')).toBeUndefined();
    expect(reviewItem(undefined, 'top.md')).toBeUndefined();
  });
});
