/**
 * "A level is earned, never clicked" in the panel, in real headless Chromium:
 * the next step for review dates lists each document with its owner (or "No
 * owner") and an Open button, never an "Apply safe fixes…" button; steps
 * whose fixes are editing aids (sections to write) offer none either. Owners
 * come from documents: they stay text.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NextStep, Report } from '../../src/core/report/types';
import { expectClean, hasChromium, sampleReport, usePanel } from './harness';

const HOSTILE_OWNER = '<img src=x onerror="window.__pwned=1">';

/** The sample report with a review-date step (three documents: an owner, none, a hostile one) and a sections step. */
function reviewReport(): Report {
  const r = sampleReport();
  const paths = r.documents
    .filter((d) => d.kind === 'procedure')
    .slice(0, 3)
    .map((d) => d.path);
  const owners = ['Dana Whitfield', undefined, HOSTILE_OWNER];
  const range = { start: { line: 4, column: 1, offset: 40 }, end: { line: 4, column: 20, offset: 59 } };
  paths.forEach((path, i) => {
    const doc = r.documents.find((d) => d.path === path)!;
    doc.owner = owners[i];
    doc.findings = doc.findings.filter((f) => f.check !== 'review-date' && f.check !== 'verification');
    doc.findings.push({
      check: 'review-date',
      level: 3,
      severity: 'warning',
      message: 'Review date older than 12 months',
      range,
      fixes: ['mark-reviewed'],
    });
    doc.findings.push({
      check: 'verification',
      level: 3,
      severity: 'warning',
      message: 'No verification section',
      range,
      fixes: ['add-sections'],
    });
  });
  for (const d of r.documents)
    if (!paths.includes(d.path))
      d.findings = d.findings.filter((f) => f.check !== 'review-date' && f.check !== 'verification');
  const step = (id: string, title: string): NextStep => ({
    side: 'documentation',
    level: r.levels.documentation + 1,
    kind: 'check',
    id,
    check: id,
    title,
    hint: 'Write it.',
    documentsToFix: paths.length,
    passing: 10,
    total: 13,
    threshold: 0.9,
    paths,
  });
  r.nextSteps = [step('review-date', 'Reviewed recently'), step('verification', 'Verification'), ...r.nextSteps];
  return r;
}

describe.skipIf(!hasChromium)(
  'review dates and editing aids in the panel (skipped: /usr/bin/chromium is not installed)',
  () => {
    const panel = usePanel();

    it('lists the documents to review with their owners and an Open action, and offers no bulk apply', async () => {
      const report = reviewReport();
      const p = await panel.open(report);
      const review = p.page.locator('.step-card', { hasText: 'Reviewed recently' });
      expect(await review.getByRole('button', { name: 'Apply safe fixes…' }).count()).toBe(0);
      expect((await review.locator('.detail').textContent()) ?? '').toMatch(
        /a person's statement: open each document, read it, and mark it reviewed there/,
      );
      await review.locator('button[aria-expanded]').click();
      const rows = review.locator('.review-row');
      expect(await rows.count()).toBe(3);
      expect(await rows.locator('.doc-note').allTextContents()).toEqual([
        'Owner: Dana Whitfield',
        'No owner',
        `Owner: ${HOSTILE_OWNER}`,
      ]);
      // The hostile owner is text: no element was made from it, nothing ran.
      expect(await review.locator('img').count()).toBe(0);
      expect(await p.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      const first = report.nextSteps[0].paths[0];
      await rows
        .first()
        .getByRole('button', { name: `Open ${first} to review it` })
        .click();
      expect((await p.posted()).slice(1)).toEqual([{ type: 'openDocument', path: first, line: 4, column: 1 }]);
      // Sections to write are editing aids: no bulk apply for them either.
      const sections = p.page.locator('.step-card', { hasText: 'Verification' });
      expect(await sections.getByRole('button', { name: 'Apply safe fixes…' }).count()).toBe(0);
      // A check with safe fixes keeps its button (the sample's checklist step).
      expect(
        await p.page
          .locator('.step-card', { hasText: 'Checklist' })
          .getByRole('button', { name: 'Apply safe fixes…' })
          .count(),
      ).toBe(1);
      mkdirSync('test-results', { recursive: true });
      await review.screenshot({ path: 'test-results/panel-review-step.png' });
      await expectClean(p);
      await p.page.close();
    });

    it('offers no "Apply safe fixes…" for review dates or sections in the checks table', async () => {
      const p = await panel.open(reviewReport());
      await p.page.getByRole('tab', { name: /^Checks/ }).click();
      for (const id of ['review-date', 'verification', 'checklist']) {
        const toggle = p.page.locator(`[data-focus-key="toggle:check:${id}"]`);
        expect(await toggle.count(), id).toBe(1);
        await toggle.click();
      }
      // Expanded, only the check with safe fixes shows the button.
      expect(await p.page.locator('[data-focus-key="check-fix:review-date"]').count()).toBe(0);
      expect(await p.page.locator('[data-focus-key="check-fix:verification"]').count()).toBe(0);
      expect(await p.page.locator('[data-focus-key="check-fix:checklist"]').count()).toBe(1);
      await expectClean(p);
      await p.page.close();
    });
  },
);
