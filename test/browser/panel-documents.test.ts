/**
 * "Why is this (not) an SOP?" in the panel, in real headless Chromium: the
 * documents tab (every document with its kind and the rule that decided it),
 * the details a click on a document shows anywhere in the panel, the
 * correction it offers, live updates, and hostile text that stays text.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/types';
import { expectClean, hasChromium, sampleReport, textOf as text, usePanel, type PanelPage } from './harness';

/** The details' facts as a map from label to value. */
async function facts(p: PanelPage): Promise<Record<string, string>> {
  const dts = await text(p, '.doc-details dt');
  const dds = await text(p, '.doc-details dd');
  return Object.fromEntries(dts.map((k, i) => [k, dds[i]]));
}

describe.skipIf(!hasChromium)(
  'document details and the documents tab (skipped: /usr/bin/chromium is not installed)',
  () => {
    const report = sampleReport();
    const panel = usePanel();
    const open = (r: Report = report, options: Parameters<typeof panel.open>[1] = {}): Promise<PanelPage> =>
      panel.open(r, options);

    /** The panel on its documents tab. */
    async function documentsTab(
      r: Report = report,
      options: Parameters<typeof panel.open>[1] = {},
    ): Promise<PanelPage> {
      const p = await open(r, options);
      await p.page.getByRole('tab', { name: 'Documents' }).click();
      return p;
    }

    /** Clicks a document in the documents tab. */
    const clickDocument = (p: PanelPage, path: string): Promise<void> =>
      p.page.locator('#panel-documents .doc-link', { hasText: path }).click();

    /** Ends a test: nothing went wrong in the page. */
    async function finish(p: PanelPage): Promise<void> {
      await expectClean(p);
      await p.page.close();
    }

    it('lists every document with its kind and the rule that decided it, filtered by kind and text', async () => {
      const p = await open();
      expect(await p.page.isHidden('.doc-details')).toBe(true);
      await p.page.getByRole('tab', { name: 'Documents' }).click();
      const rows = p.page.locator('tr.document-row');
      expect(await rows.count()).toBe(report.documents.length);
      expect(await text(p, '#panel-documents .chip')).toEqual([
        'All (24)',
        'Procedures (20)',
        'Index pages (2)',
        'Other (2)',
      ]);
      const vendor = rows.filter({ hasText: 'docs/sops/vendors/vendor-contacts.md' });
      expect(await text(p, 'tr.document-row:has-text("vendor-contacts.md") td')).toEqual([
        'docs/sops/vendors/vendor-contacts.md Vendor contacts',
        'other document',
        'front matter type: reference',
        '0',
      ]);
      expect(await vendor.count()).toBe(1);

      await p.page.getByRole('button', { name: 'Index pages (2)' }).click();
      expect(await text(p, 'tr.document-row .doc-path')).toEqual(['docs/README.md', 'docs/sops/README.md']);
      expect(await p.page.getByRole('button', { name: 'Index pages (2)' }).getAttribute('aria-pressed')).toBe('true');
      await p.page.getByRole('button', { name: 'All (24)' }).click();
      await p.page.getByRole('searchbox').fill('runbooks/');
      expect(await text(p, 'tr.document-row .doc-path')).toEqual(['runbooks/firewall-failover.md']);
      expect(await text(p, '.documents-status')).toEqual(['1 document.']);
      await p.page.getByRole('searchbox').fill('no such thing');
      expect(await rows.count()).toBe(0);
      expect(await text(p, '.documents-status')).toEqual(['No document matches the filter.']);
      // The filter survives a live update.
      await p.page.getByRole('searchbox').fill('glossary');
      await p.post({ type: 'report', report: structuredClone(report) });
      expect(await p.page.getByRole('searchbox').inputValue()).toBe('glossary');
      expect(await text(p, 'tr.document-row .doc-path')).toEqual(['docs/glossary.md']);
      await finish(p);
    });

    it('shows the details of a clicked document and opens it; a finding opens at its place', async () => {
      const p = await documentsTab();
      await clickDocument(p, 'runbooks/firewall-failover.md');
      const details = p.page.locator('.doc-details');
      expect(await details.isVisible()).toBe(true);
      expect(await text(p, '.doc-details-title')).toEqual(['Firewall failover runbook']);
      expect(await text(p, '.doc-details-path')).toEqual(['runbooks/firewall-failover.md']);
      expect(await facts(p)).toEqual({
        Kind: 'procedure — graded by every document check',
        Why: 'folder runbooks/',
        Owner: 'TBD from front matter (owner)',
        Reviewed: '2026-10-20',
      });
      // The sample report carries no stub flag: no Stub row rather than a guess.
      expect(await text(p, '.doc-details-sub')).toEqual(['Findings (3)']);
      expect(await text(p, '.finding-link')).toEqual([
        'warning checklist line 12',
        'warning owner line 3',
        'warning central-location line 1',
      ]);
      // The details take the focus, so a keyboard user is where the answer is.
      expect(await p.page.evaluate(() => document.activeElement?.id)).toBe('doc-details-title');

      await p.page.locator('.finding-link', { hasText: 'owner' }).click();
      await details.getByRole('button', { name: 'Open file' }).click();
      expect((await p.posted()).slice(1)).toEqual([
        { type: 'openDocument', path: 'runbooks/firewall-failover.md' },
        { type: 'openDocument', path: 'runbooks/firewall-failover.md', line: 3, column: 8 },
        { type: 'openDocument', path: 'runbooks/firewall-failover.md' },
      ]);
      // Beside the report on a wide panel: the clicked list stays in view.
      const box = await details.boundingBox();
      const content = await p.page.locator('.content').boundingBox();
      expect(box!.x).toBeGreaterThan(content!.x + content!.width - 1);
      await finish(p);
    });

    it('opens the details from any document link in the panel (checks, traits)', async () => {
      const p = await open();
      await p.page.getByRole('tab', { name: /Checks/ }).click();
      const review = p.page.locator('tr.check-row', { hasText: 'Recent review' });
      await review.getByRole('button').click();
      await p.page.locator('.check-detail .doc-link', { hasText: 'docs/sops/people/employee-onboarding.md' }).click();
      expect(await text(p, '.doc-details-title')).toEqual(['Employee onboarding']);
      expect((await facts(p)).Reviewed).toBe('no review date');
      expect((await p.posted()).at(-1)).toMatchObject({
        type: 'openDocument',
        path: 'docs/sops/people/employee-onboarding.md',
        line: 2,
      });
      await p.page.getByRole('tab', { name: /Process coverage/ }).click();
      await p.page.locator('.trait', { hasText: 'Time tracking' }).locator('.doc-link').first().click();
      expect(await text(p, '.doc-details-path')).toEqual(['docs/sops/service-desk/time-entry.md']);
      // Engine errors may name files that are not documents: the details stay as they were.
      await p.page.getByRole('tab', { name: /Exemptions and errors/ }).click();
      const unreadable = report.errors.find((e) => !report.documents.some((d) => d.path === e.path));
      if (unreadable) {
        await p.page.locator('.item.error .doc-link', { hasText: unreadable.path }).click();
        expect(await text(p, '.doc-details-path')).toEqual(['docs/sops/service-desk/time-entry.md']);
      }
      await finish(p);
    });

    it('offers the correction that changes the kind and follows the report when it lands', async () => {
      const p = await documentsTab();
      await clickDocument(p, 'docs/glossary.md');
      expect((await facts(p)).Kind).toBe('other document — counted and listed, never graded');
      expect((await facts(p)).Why).toBe('no procedure signal');
      const fix = p.page.locator('.doc-details button[data-fix]');
      expect(await fix.textContent()).toBe('Treat as SOP');
      expect(await text(p, '.doc-details .hint')).toEqual([
        'Writes type: sop into the front matter, so the document is graded as a procedure. Undo it in the editor.',
      ]);
      await fix.click();
      expect((await p.posted()).at(-1)).toEqual({ type: 'setKind', path: 'docs/glossary.md', fix: 'treat-as-sop' });

      // The host applies the edit and audits again; the next report says procedure, and why.
      const after: Report = structuredClone(report);
      const glossary = after.documents.find((d) => d.path === 'docs/glossary.md')!;
      glossary.kind = 'procedure';
      glossary.kindReason = 'front matter type: sop';
      await p.post({ type: 'report', report: after });
      expect((await facts(p)).Kind).toBe('procedure — graded by every document check');
      expect((await facts(p)).Why).toBe('front matter type: sop');
      expect(await fix.textContent()).toBe('Not an SOP');
      expect(await text(p, 'tr.document-row:has-text("docs/glossary.md") .kind')).toEqual(['procedure']);
      await fix.click();
      expect((await p.posted()).at(-1)).toEqual({ type: 'setKind', path: 'docs/glossary.md', fix: 'not-an-sop' });

      // A document that leaves the report (renamed, deleted) closes its details.
      const gone: Report = structuredClone(after);
      gone.documents = gone.documents.filter((d) => d.path !== 'docs/glossary.md');
      await p.post({ type: 'report', report: gone });
      expect(await p.page.isHidden('.doc-details')).toBe(true);
      await finish(p);
    });

    it('shows stub status when the report has it', async () => {
      const old = await documentsTab();
      await clickDocument(old, 'change-management.md');
      // A report from before stubs were counted cannot say "not a stub": no Stub row rather than a guess.
      expect(Object.keys(await facts(old))).not.toContain('Stub');
      await old.page.close();

      const r: Report = structuredClone(report);
      r.summary.stubs = 1;
      r.documents.find((d) => d.path === 'docs/sops/strategy/standard-stack.md')!.stub = true;
      const p = await documentsTab(r);
      expect(await text(p, 'tr.document-row:has-text("standard-stack.md") .document-kind')).toEqual(['procedure stub']);
      await clickDocument(p, 'standard-stack.md');
      expect((await facts(p)).Stub).toBe('yes: an empty template with no steps written; it covers no process yet');
      await clickDocument(p, 'change-management.md');
      expect((await facts(p)).Stub).toBe('no');
      await clickDocument(p, 'docs/glossary.md');
      expect(Object.keys(await facts(p))).not.toContain('Stub');
      await finish(p);
    });

    it('closes with Escape or the close button, gives the focus back, and survives a reload', async () => {
      const p = await documentsTab();
      const link = p.page.locator('#panel-documents .doc-link', { hasText: 'docs/sops/README.md' });
      await link.focus();
      await p.page.keyboard.press('Enter');
      expect((await facts(p)).Kind).toBe('index page — navigation for the knowledge base; not graded');
      expect(await p.page.locator('.doc-details button[data-fix]').textContent()).toBe('Treat as SOP');
      const saved = (await p.state()) as { selected?: string };
      expect(saved.selected).toBe('docs/sops/README.md');
      await p.page.keyboard.press('Escape');
      expect(await p.page.isHidden('.doc-details')).toBe(true);
      expect(await link.evaluate((e) => e === document.activeElement)).toBe(true);
      expect(((await p.state()) as { selected?: string }).selected).toBeUndefined();

      await p.page.keyboard.press('Enter');
      await p.page.getByRole('button', { name: 'Close the document details' }).click();
      expect(await p.page.isHidden('.doc-details')).toBe(true);
      await p.page.keyboard.press('Enter');
      const state = await p.state();
      await p.page.close();

      const reloaded = await open(report, { savedState: state });
      expect(await reloaded.page.isVisible('.doc-details')).toBe(true);
      expect(await text(reloaded, '.doc-details-path')).toEqual(['docs/sops/README.md']);
      expect(await reloaded.page.getAttribute('#tab-documents', 'aria-selected')).toBe('true');
      await finish(reloaded);
    });

    it('lists at most 300 rows of a large audit and says how to see the rest', async () => {
      const r: Report = structuredClone(report);
      const base = r.documents[0];
      r.documents = Array.from({ length: 450 }, (_, i) => ({
        ...structuredClone(base),
        path: `docs/sops/gen/doc-${String(i).padStart(3, '0')}.md`,
      }));
      const p = await documentsTab(r);
      expect(await p.page.locator('tr.document-row').count()).toBe(300);
      expect(await text(p, '.documents-status')).toEqual([
        'Showing the first 300 of 450 documents: narrow the filter to see the rest.',
      ]);
      await p.page.getByRole('searchbox').fill('doc-44');
      expect(await p.page.locator('tr.document-row').count()).toBe(10);
      await p.page.close();
    });

    it('renders hostile document text as text in the list and the details', async () => {
      const IMG = '<img src=x onerror="window.__pwned=1">';
      const SCRIPT = '"><script>window.__pwned=1</script>';
      const r: Report = structuredClone(report);
      const d = r.documents.find((x) => x.path === 'runbooks/firewall-failover.md')!;
      d.path = `runbooks/${SCRIPT}.md`;
      d.title = `Failover ${IMG}`;
      d.kindReason = `front matter type: ${IMG} ${SCRIPT}`;
      d.owner = IMG;
      d.ownerOrigin = SCRIPT;
      for (const f of d.findings) f.message = `${f.message} ${IMG}`;
      d.exemptions = [{ checks: [IMG], reason: SCRIPT, active: true }];
      const p = await documentsTab(r, { theme: 'light' });
      await clickDocument(p, 'Failover');
      expect(await text(p, '.doc-details-title')).toEqual([`Failover ${IMG}`]);
      expect((await facts(p)).Why).toBe(`front matter type: ${IMG} ${SCRIPT}`);
      expect((await facts(p)).Owner).toBe(`${IMG} from front matter (${SCRIPT})`);
      expect(await text(p, 'tr.document-row:has-text("Failover") .kind-reason')).toEqual([
        `front matter type: ${IMG} ${SCRIPT}`,
      ]);
      expect(await p.page.locator('img, iframe, object, embed').count()).toBe(0);
      expect(await p.page.locator('#app script, #app [onerror]').count()).toBe(0);
      await p.page.waitForTimeout(200);
      expect(await p.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      await p.page.locator('.doc-details button[data-fix]').click();
      expect((await p.posted()).at(-1)).toEqual({ type: 'setKind', path: `runbooks/${SCRIPT}.md`, fix: 'not-an-sop' });
      await finish(p);
    });

    it('rises from the bottom on a narrow panel; screenshots of both layouts', async () => {
      mkdirSync('test-results', { recursive: true });
      const wide = await documentsTab(report, { theme: 'dark' });
      await clickDocument(wide, 'runbooks/firewall-failover.md');
      await wide.page.screenshot({ path: 'test-results/panel-dark-documents.png', fullPage: true });
      await wide.page.close();
      const narrow = await documentsTab(report, { theme: 'high-contrast', width: 560 });
      await clickDocument(narrow, 'docs/glossary.md');
      expect(await narrow.page.locator('.doc-details').evaluate((e) => getComputedStyle(e).position)).toBe('fixed');
      await narrow.page.screenshot({ path: 'test-results/panel-high-contrast-narrow-details.png' });
      await finish(narrow);
    });
  },
);
