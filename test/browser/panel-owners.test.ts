/**
 * Owners, reviews and targets in the panel (issue 18, items 4 and 5), in real
 * headless Chromium: the Owners tab sorts by any column (mouse and keyboard,
 * `aria-sort`), expands an owner to their documents and lists the unowned
 * ones; the Reviews tab lists the queue in order and "Mark reviewed" posts
 * `markReviewed`; the targets strip on the Overview shows progress. The data
 * is built here on the sample report, as the engine's sections may not exist
 * yet; text from documents (owners, titles) is shown as text.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Report, ReviewItem } from '../../src/core/report/types';
import { expectClean, hasChromium, sampleReport, textOf as text, usePanel } from './harness';

const HOSTILE = '<img src=x onerror="window.__pwned=1">Eve';

function item(path: string, owner: string | null, state: ReviewItem['state'], days: number | null): ReviewItem {
  return {
    path,
    owner,
    state,
    days,
    lastReviewed: state === 'never-reviewed' ? null : '2025-10-01',
    due: state === 'never-reviewed' ? null : '2026-12-01',
  };
}

/** The sample report with owners, a review queue and two targets. */
export function withIssue18(): Report {
  const r = sampleReport();
  const owners = [
    {
      owner: 'priya',
      procedures: 3,
      overdue: 1,
      dueSoon: 1,
      passingCurrent: 1,
      passingNext: 0.33,
      paths: [
        'docs/sops/backup/nightly-backup-check.md',
        'docs/sops/backup/quarterly-restore-test.md',
        'docs/sops/monitoring/rmm-alert-triage.md',
      ],
    },
    {
      owner: 'alex',
      procedures: 2,
      overdue: 0,
      dueSoon: 2,
      passingCurrent: 0.5,
      passingNext: 0.5,
      paths: ['docs/sops/patching/emergency-patching.md', 'docs/sops/patching/monthly-patch-cycle.md'],
    },
    {
      owner: HOSTILE,
      procedures: 1,
      overdue: 3,
      dueSoon: 0,
      passingCurrent: 0,
      passingNext: 0,
      paths: ['docs/sops/security/edr-onboarding.md'],
    },
  ];
  const items = [
    item('docs/sops/service-desk/ticket-triage.md', null, 'never-reviewed', null),
    item('docs/sops/people/offboarding.md', null, 'overdue', 4),
    item('docs/sops/backup/nightly-backup-check.md', 'priya', 'due-soon', 12),
    item('docs/sops/backup/quarterly-restore-test.md', 'priya', 'overdue', 40),
    item('docs/sops/monitoring/rmm-alert-triage.md', 'priya', 'ok', 200),
    item('docs/sops/patching/emergency-patching.md', 'alex', 'due-soon', 3),
    item('docs/sops/patching/monthly-patch-cycle.md', 'alex', 'due-soon', 20),
    item('docs/sops/security/edr-onboarding.md', HOSTILE, 'overdue', 90),
  ];
  return {
    ...r,
    owners: {
      owners,
      unowned: ['docs/sops/people/offboarding.md', 'docs/sops/service-desk/ticket-triage.md'],
    },
    reviews: {
      asOf: r.asOf,
      within: 30,
      items,
      counts: { overdue: 3, 'due-soon': 3, 'never-reviewed': 1, ok: 1 },
    },
    targets: [
      {
        title: 'Level 4 by 2027-03-31',
        kind: 'level',
        level: 4,
        by: '2027-03-31',
        met: false,
        current: 3,
        remaining: { documentsToFix: 12, documentsToWrite: 1, traits: ['psa-rmm'] },
        daysLeft: 128,
        missed: false,
        trend: {
          onTrack: false,
          since: '2026-08-25',
          sentence: 'At the pace of the last 90 days, level 4 comes late.',
        },
      },
      {
        title: 'Checklists in 80%',
        kind: 'check',
        check: 'checklist',
        share: 0.8,
        by: '2027-01-31',
        owner: 'priya',
        met: false,
        current: 0.55,
        remaining: { documentsToFix: 5 },
        daysLeft: 69,
        missed: false,
      },
      {
        title: 'Owners everywhere',
        kind: 'check',
        check: 'owner',
        share: 1,
        by: '2026-10-01',
        met: true,
        current: 1,
        remaining: { documentsToFix: 0 },
        daysLeft: -53,
        missed: false,
      },
    ],
  };
}

describe.skipIf(!hasChromium)('owners, reviews and targets (skipped: /usr/bin/chromium is not installed)', () => {
  const panel = usePanel();

  it('the Owners tab sorts by any column with aria-sort, by mouse and keyboard', async () => {
    const p = await panel.open(withIssue18());
    await p.page.getByRole('tab', { name: /^Owners/ }).click();
    const owners = (): Promise<string[]> => text(p, '#panel-owners .owner-row .owner-name');
    const sortOf = (key: string): Promise<string | null> =>
      p.page.locator(`#panel-owners th:has([data-sort="${key}"])`).getAttribute('aria-sort');
    // Default: most procedures first.
    expect(await owners()).toEqual(['priya', 'alex', HOSTILE]);
    expect(await sortOf('procedures')).toBe('descending');
    expect(await sortOf('owner')).toBe('none');

    await p.page.locator('#panel-owners [data-sort="overdue"]').click();
    expect(await owners()).toEqual([HOSTILE, 'priya', 'alex']);
    expect(await sortOf('overdue')).toBe('descending');
    expect(await sortOf('procedures')).toBe('none');
    await p.page.locator('#panel-owners [data-sort="overdue"]').click();
    expect(await sortOf('overdue')).toBe('ascending');
    expect(await owners()).toEqual(['alex', 'priya', HOSTILE]);

    // Keyboard: the header buttons are buttons; Enter sorts and keeps the focus on the header.
    await p.page.locator('#panel-owners [data-sort="owner"]').focus();
    await p.page.keyboard.press('Enter');
    expect(await sortOf('owner')).toBe('ascending');
    expect(await owners()).toEqual([HOSTILE, 'alex', 'priya'].sort((a, b) => a.localeCompare(b)));
    expect(await p.page.evaluate(() => document.activeElement?.getAttribute('data-sort'))).toBe('owner');
    await p.page.keyboard.press('Space');
    expect(await sortOf('owner')).toBe('descending');

    // The passing shares are shown, under the current and next level.
    expect(await text(p, '#panel-owners thead th')).toContain('Passing L3');
    expect((await text(p, '#panel-owners .owner-row[data-owner="priya"] td')).slice(3)).toEqual(['100%', '33%']);
    // The sort survives a new snapshot.
    await p.post({ type: 'report', report: withIssue18() });
    expect(await sortOf('owner')).toBe('descending');
    await expectClean(p);
    await p.page.close();
  });

  it('a reveal from the host selects a tab, and shows a document of the report; an unknown tab is ignored', async () => {
    const r = withIssue18();
    const p = await panel.open(r);
    await p.post({ type: 'reveal', tab: 'owners' });
    await expect.poll(() => p.page.getByRole('tab', { name: /^Owners/ }).getAttribute('aria-selected')).toBe('true');
    await p.post({ type: 'reveal', tab: 'no-such-tab' });
    expect(await p.page.getByRole('tab', { name: /^Owners/ }).getAttribute('aria-selected')).toBe('true');
    await p.post({ type: 'reveal', tab: 'reviews', path: r.documents[0].path });
    await expect.poll(() => p.page.getByRole('tab', { name: /^Reviews/ }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => p.page.locator('aside.doc-details').isHidden()).toBe(false);
    expect(await p.page.locator('#doc-details-title').innerText()).toContain(
      r.documents[0].title ?? r.documents[0].path,
    );
    await expectClean(p);
    await p.page.close();
  });

  it("an owner's documents are one click away, and the unowned ones are their own group", async () => {
    const p = await panel.open(withIssue18());
    await p.page.getByRole('tab', { name: /^Owners/ }).click();
    const toggle = p.page.getByRole('button', { name: 'priya: 3 procedures' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await p.page.locator('#panel-owners .owner-detail:visible').count()).toBe(0);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await text(p, '#panel-owners .owner-detail:visible .doc-path')).toEqual([
      'docs/sops/backup/nightly-backup-check.md',
      'docs/sops/backup/quarterly-restore-test.md',
      'docs/sops/monitoring/rmm-alert-triage.md',
    ]);
    await p.page.locator('#panel-owners .owner-detail:visible .doc-link').first().click();
    expect(await p.posted()).toContainEqual({ type: 'openDocument', path: 'docs/sops/backup/nightly-backup-check.md' });

    expect(await text(p, '#panel-owners .owners-unowned .group-title')).toEqual(['Unowned (2 procedures)']);
    expect(await text(p, '#panel-owners .owners-unowned .doc-path')).toEqual([
      'docs/sops/people/offboarding.md',
      'docs/sops/service-desk/ticket-triage.md',
    ]);
    await p.page.screenshot({ path: 'test-results/panel-owners.png', fullPage: true });
    await expectClean(p);
    await p.page.close();
  });

  it('the Reviews tab lists the queue in order, and Mark reviewed posts markReviewed', async () => {
    const p = await panel.open(withIssue18());
    expect(await text(p, '[role="tab"]#tab-reviews')).toEqual(['Reviews 3']);
    await p.page.getByRole('tab', { name: /^Reviews/ }).click();
    expect(await text(p, '#panel-reviews .group-title')).toEqual([
      'Unowned (2 procedures)',
      `${HOSTILE} (1 procedure)`,
      'alex (2 procedures)',
      'priya (2 procedures)',
    ]);
    expect(await text(p, '#panel-reviews .review-item .doc-path')).toEqual([
      'docs/sops/people/offboarding.md',
      'docs/sops/service-desk/ticket-triage.md',
      'docs/sops/security/edr-onboarding.md',
      'docs/sops/patching/emergency-patching.md',
      'docs/sops/patching/monthly-patch-cycle.md',
      'docs/sops/backup/quarterly-restore-test.md',
      'docs/sops/backup/nightly-backup-check.md',
    ]);
    expect((await text(p, '#panel-reviews .review-state')).slice(0, 4)).toEqual([
      '4 days overdue',
      'never reviewed',
      '90 days overdue',
      'due in 3 days',
    ]);
    expect(await p.page.locator('#panel-reviews').textContent()).toContain('3 overdue, 3 due within 30 days');

    await p.page.getByRole('button', { name: 'Mark docs/sops/backup/quarterly-restore-test.md reviewed' }).click();
    expect(await p.posted()).toContainEqual({
      type: 'markReviewed',
      path: 'docs/sops/backup/quarterly-restore-test.md',
    });
    await p.page.screenshot({ path: 'test-results/panel-reviews.png', fullPage: true });
    await expectClean(p);
    await p.page.close();
  });

  it('the targets strip shows progress, days left, what remains and the trend', async () => {
    const p = await panel.open(withIssue18());
    const strip = p.page.locator('#panel-overview .targets-strip');
    expect(await strip.count()).toBe(1);
    // The strip comes first on the Overview.
    expect(await p.page.locator('#panel-overview > section').first().getAttribute('class')).toContain('targets-strip');
    expect(await text(p, '#panel-overview .target-title')).toEqual([
      'Level 4 by 2027-03-31',
      'Checklists in 80%',
      'Owners everywhere',
    ]);
    expect(await text(p, '#panel-overview .target-status')).toEqual(['128 days left', '69 days left', 'Met']);
    expect(await text(p, '#panel-overview .target-standing')).toEqual(['L3 of L4', '55% of 80%', '100% of 100%']);
    const meta = await text(p, '#panel-overview .target-meta');
    expect(meta[0]).toBe('L4 by 2027-03-31 · 12 documents to fix, 1 to write and 1 trait to document');
    expect(meta[1]).toBe('checklist 80% by 2027-01-31 · owner priya · 5 documents to fix');
    expect(await text(p, '#panel-overview .target-trend')).toEqual([
      'At the pace of the last 90 days, level 4 comes late.',
    ]);
    const bars = p.page.locator('#panel-overview .target .bar');
    expect(await bars.nth(0).getAttribute('aria-label')).toBe('Level 3 of 4');
    expect(await bars.nth(1).getAttribute('aria-label')).toBe('55% passing, 80% needed');
    const width = await bars
      .nth(0)
      .locator('.bar-fill')
      .evaluate((e) => (e as HTMLElement).style.width);
    expect(width).toBe('75%');
    await strip.screenshot({ path: 'test-results/panel-targets.png' });
    await expectClean(p);
    await p.page.close();
  });

  it('without owners, reviews or targets: no strip, and the tabs say there is no data', async () => {
    const p = await panel.open(sampleReport());
    expect(await p.page.locator('.targets-strip').count()).toBe(0);
    await p.page.getByRole('tab', { name: /^Owners/ }).click();
    expect(await p.page.locator('#panel-owners').textContent()).toContain('No owner data in this report.');
    await p.page.getByRole('tab', { name: /^Reviews/ }).click();
    expect(await p.page.locator('#panel-reviews').textContent()).toContain('No review data in this report.');
    await expectClean(p);
    await p.page.close();
  });

  it('lists at most 300 rows of a long queue and says how many more there are', async () => {
    const report = withIssue18();
    const many = Array.from({ length: 310 }, (_, i) =>
      item(`docs/sops/many/sop-${String(i).padStart(3, '0')}.md`, 'zed', 'overdue', i),
    );
    report.reviews = { ...report.reviews!, items: many };
    const p = await panel.open(report);
    await p.page.getByRole('tab', { name: /^Reviews/ }).click();
    expect(await p.page.locator('#panel-reviews .review-item').count()).toBe(300);
    // Most days late first.
    expect((await text(p, '#panel-reviews .review-state')).slice(0, 2)).toEqual([
      '309 days overdue',
      '308 days overdue',
    ]);
    expect(await text(p, '#panel-reviews .review-more')).toEqual(['and 10 more: sop-maturity reviews lists them all.']);
    await expectClean(p);
    await p.page.close();
  });

  it("renders the CLI's report of examples/ in the Owners and Reviews tabs (screenshots)", async (t) => {
    const report = JSON.parse(
      execFileSync(process.execPath, ['dist/cli.js', 'audit', 'examples', '--format', 'json', '--no-cache'], {
        encoding: 'utf8',
        maxBuffer: 32 << 20,
      }),
    ) as Report;
    // The engine's owners and reviews are another part of issue 18; an older dist/cli.js has neither.
    if (!report.owners || !report.reviews) t.skip();
    const p = await panel.open(report);
    await p.page.getByRole('tab', { name: /^Owners/ }).click();
    expect(await p.page.locator('#panel-owners .owner-row').count()).toBe(report.owners!.owners.length);
    const first = p.page.locator('#panel-owners .owner-row .row-toggle').first();
    await first.click();
    expect(await p.page.locator('#panel-owners .owner-detail:visible .doc-link').count()).toBeGreaterThan(0);
    await p.page.screenshot({ path: 'test-results/panel-owners-examples.png', fullPage: true });
    await p.page.getByRole('tab', { name: /^Reviews/ }).click();
    const queued = report.reviews!.items.filter((i) => i.state !== 'ok').length;
    expect(await p.page.locator('#panel-reviews .review-item').count()).toBe(Math.min(queued, 300));
    await p.page.screenshot({ path: 'test-results/panel-reviews-examples.png', fullPage: true });
    await expectClean(p);
    await p.page.close();
  });

  it('shows owner names from documents as text', async () => {
    const p = await panel.open(withIssue18());
    await p.page.getByRole('tab', { name: /^Owners/ }).click();
    await p.page.getByRole('tab', { name: /^Reviews/ }).click();
    expect(await p.page.locator('#panel-owners img, #panel-reviews img').count()).toBe(0);
    expect(await p.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await text(p, `#panel-owners .owner-row .owner-name`)).toContain(HOSTILE);
    await expectClean(p);
    await p.page.close();
  });
});
