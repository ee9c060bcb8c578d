import { describe, expect, it } from 'vitest';
import { audit, defaultConfig, loadBuiltinRubric } from '../../../../src/core';
import type { Report, ReviewItem } from '../../../../src/core';
import { reviewAgeDays, withReviewWindow } from '../../../../src/core/audit/reviews';

const rubric = loadBuiltinRubric();

/** A procedure with the given front-matter lines. */
function sop(front: string, title = 'Restart the VPN'): string {
  return `---\ntitle: ${title}\n${front}---\n\n# ${title}\n\n## Steps\n\n1. Open the console.\n2. Restart the service.\n`;
}

function reportOf(
  files: Record<string, string>,
  asOf: string,
  extra: { reviewWindowDays?: number; owners?: string } = {},
): Report {
  const config = { ...defaultConfig(), ...(extra.reviewWindowDays !== undefined ? extra : {}) };
  delete (config as { owners?: string }).owners;
  return audit({
    root: '/r',
    config,
    rubric,
    asOf,
    files: Object.entries(files).map(([path, text]) => ({ path: `docs/sops/${path}`, text })),
    ...(extra.owners ? { ownerFiles: [{ path: 'CODEOWNERS', text: extra.owners }] } : {}),
  });
}

function itemOf(front: string, asOf: string, within?: number): ReviewItem {
  const r = reportOf({ 'a.md': sop(front) }, asOf, within === undefined ? {} : { reviewWindowDays: within });
  expect(r.reviews?.items).toHaveLength(1);
  return r.reviews!.items[0];
}

describe('review due dates', () => {
  it('uses the review age of the rubric at its lowest level (365 days) without a date of the document', () => {
    expect(reviewAgeDays(rubric)).toBe(365);
    const i = itemOf('owner: Priya\nlast_reviewed: 2026-01-10\n', '2026-06-01');
    expect(i).toMatchObject({
      owner: 'Priya',
      ownerSource: 'front-matter',
      lastReviewed: '2026-01-10',
      due: '2027-01-10',
      dueFrom: 'rubric',
      state: 'ok',
      days: 223,
    });
  });

  it('adds review_in in days, weeks, months and years', () => {
    const due = (interval: string) => itemOf(`last_reviewed: 2026-01-31\nreview_in: ${interval}\n`, '2026-02-01').due;
    expect(due('10 days')).toBe('2026-02-10');
    expect(due('2 weeks')).toBe('2026-02-14');
    expect(due('1 month')).toBe('2026-02-28'); // clamped to the month's last day
    expect(due('6 months')).toBe('2026-07-31');
    expect(due('1 year')).toBe('2027-01-31');
  });

  it('moves a leap day to the last day of February', () => {
    expect(itemOf('last_reviewed: 2024-02-29\nreview_in: 1 year\n', '2024-03-01').due).toBe('2025-02-28');
    // The rubric's age counts days: 365 days after a leap day.
    expect(itemOf('last_reviewed: 2024-02-29\n', '2024-03-01').due).toBe('2025-02-28');
    expect(itemOf('last_reviewed: 2023-03-01\n', '2023-03-02').due).toBe('2024-02-29');
  });

  it('lets review_by win, and a review_by in the past makes the procedure overdue', () => {
    const i = itemOf('last_reviewed: 2026-05-01\nreview_by: 2026-05-20\n', '2026-06-01');
    expect(i).toMatchObject({ state: 'overdue', due: '2026-05-20', dueFrom: 'document', days: 12 });
  });

  it('reads next_review as the due date, and ignores a due date without any review date', () => {
    expect(itemOf('last_reviewed: 2026-05-01\nnext_review: 2026-06-15\n', '2026-06-01')).toMatchObject({
      state: 'due-soon',
      due: '2026-06-15',
      dueFrom: 'document',
      days: 14,
    });
    expect(itemOf('review_by: 2026-06-15\n', '2026-06-01')).toMatchObject({ state: 'never-reviewed', due: null });
  });

  it('is due soon on the due date (0 days left) and overdue the day after', () => {
    const front = 'last_reviewed: 2026-01-01\nreview_in: 30 days\n';
    expect(itemOf(front, '2026-01-31')).toMatchObject({ state: 'due-soon', days: 0 });
    expect(itemOf(front, '2026-02-01')).toMatchObject({ state: 'overdue', days: 1 });
  });

  it('uses the window of reviewWindowDays (30 by default)', () => {
    const front = 'last_reviewed: 2026-01-01\nreview_in: 100 days\n'; // due 2026-04-11
    expect(itemOf(front, '2026-03-12')).toMatchObject({ state: 'due-soon', days: 30 });
    expect(itemOf(front, '2026-03-11')).toMatchObject({ state: 'ok', days: 31 });
    expect(itemOf(front, '2026-03-11', 31)).toMatchObject({ state: 'due-soon', days: 31 });
    expect(reportOf({ 'a.md': sop(front) }, '2026-03-11', { reviewWindowDays: 7 }).reviews?.within).toBe(7);
  });

  it('counts a missing, unreadable or future last review as never reviewed', () => {
    expect(itemOf('owner: Priya\n', '2026-06-01')).toMatchObject({
      state: 'never-reviewed',
      lastReviewed: null,
      due: null,
      days: null,
    });
    expect(itemOf('last_reviewed: someday\n', '2026-06-01')).toMatchObject({ state: 'never-reviewed', due: null });
    expect(itemOf('last_reviewed: 2026-07-01\n', '2026-06-01')).toMatchObject({
      state: 'never-reviewed',
      lastReviewed: '2026-07-01',
      due: null,
    });
  });
});

describe('review queue', () => {
  const files = {
    'a.md': sop('owner: Priya\nlast_reviewed: 2025-01-01\n'), // due 2026-01-01: 151 days late
    'b.md': sop('owner: Priya\nlast_reviewed: 2025-05-01\n'), // due 2026-05-01: 31 days late
    'c.md': sop('owner: Priya\nlast_reviewed: 2025-06-10\n'), // due 2026-06-10: 9 days left
    'd.md': sop('owner: Priya\n'),
    'e.md': sop('owner: Priya\nlast_reviewed: 2026-05-01\n'),
    'f.md': sop('owner: TBD\nlast_reviewed: 2025-06-20\n'), // placeholder: unowned
    'g.md': sop('last_reviewed: 2025-03-01\n'),
    'h.md': sop('owner: Alex\nlast_reviewed: 2025-06-05\n'), // 4 days left
  };
  const report = reportOf(files, '2026-06-01');

  it('puts the unowned first, then owners by name; overdue (most late first), due soon, never, ok', () => {
    const items = report.reviews!.items.map((i) => [i.path.slice(10), i.owner, i.state, i.days]);
    expect(items).toEqual([
      ['g.md', null, 'overdue', 92],
      ['f.md', null, 'due-soon', 19],
      ['h.md', 'Alex', 'due-soon', 4],
      ['a.md', 'Priya', 'overdue', 151],
      ['b.md', 'Priya', 'overdue', 31],
      ['c.md', 'Priya', 'due-soon', 9],
      ['d.md', 'Priya', 'never-reviewed', null],
      ['e.md', 'Priya', 'ok', 334],
    ]);
    expect(report.reviews!.counts).toEqual({ overdue: 3, 'due-soon': 3, ok: 1, 'never-reviewed': 1 });
    expect(report.reviews!.asOf).toBe('2026-06-01');
    expect(report.reviews!.within).toBe(30);
  });

  it('moves due-soon and ok items with another window', () => {
    const wide = withReviewWindow(report.reviews!, 400);
    expect(wide.counts).toEqual({ overdue: 3, 'due-soon': 4, ok: 0, 'never-reviewed': 1 });
    const narrow = withReviewWindow(report.reviews!, 5);
    expect(narrow.items.filter((i) => i.state === 'due-soon').map((i) => i.path)).toEqual(['docs/sops/h.md']);
  });

  it('sums each owner and lists the unowned', () => {
    const owners = report.owners!;
    expect(owners.unowned).toEqual(['docs/sops/f.md', 'docs/sops/g.md']);
    expect(owners.owners.map((o) => [o.owner, o.procedures, o.overdue, o.dueSoon])).toEqual([
      ['Priya', 5, 2, 1],
      ['Alex', 1, 0, 1],
    ]);
    const priya = owners.owners[0];
    expect(priya.paths).toEqual(['a', 'b', 'c', 'd', 'e'].map((x) => `docs/sops/${x}.md`));
    for (const o of owners.owners) {
      expect(o.passingCurrent).toBeGreaterThanOrEqual(0);
      expect(o.passingNext).toBeLessThanOrEqual(o.passingCurrent);
    }
  });

  it('takes the owner from CODEOWNERS, with where it came from', () => {
    const r = reportOf({ 'a.md': sop('last_reviewed: 2026-05-01\n') }, '2026-06-01', {
      owners: 'docs/ @acme/ops\n',
    });
    expect(r.reviews!.items[0]).toMatchObject({ owner: '@acme/ops', ownerOrigin: 'CODEOWNERS:1' });
    expect(r.owners!.owners[0]).toMatchObject({ owner: '@acme/ops', procedures: 1 });
  });

  it('counts a procedure passing every document check up to the current and the next level', () => {
    const r = reportOf(files, '2026-06-01');
    const failing = (level: number, path: string) =>
      r.documents
        .find((d) => d.path === path)!
        .findings.some((f) => f.level <= level && f.counted !== false && f.check !== 'links');
    const current = r.levels.overall;
    const next = Math.min(current + 1, 5);
    const priya = r.owners!.owners.find((o) => o.owner === 'Priya')!;
    const share = (level: number) => priya.paths.filter((p) => !failing(level, p)).length / priya.procedures;
    expect(priya.passingCurrent).toBeCloseTo(share(current), 3);
    expect(priya.passingNext).toBeCloseTo(share(next), 3);
  });

  it('leaves index pages and other documents out', () => {
    const r = reportOf({ 'README.md': '# Index\n\n- [A](a.md)\n', 'a.md': sop('owner: Priya\n') }, '2026-06-01');
    expect(r.reviews!.items.map((i) => i.path)).toEqual(['docs/sops/a.md']);
  });
});
