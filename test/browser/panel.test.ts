/**
 * The maturity panel in real headless Chromium: the host's page and CSP, the
 * production bundle and a realistic report; a hostile report that must render
 * as text without running anything; screenshots in a light and a dark theme.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/types';
import { buildBundle, hasChromium, launch, openPanel, sampleReport, type PanelPage } from './harness';

/** Text of each match, its text nodes joined by single spaces (as a reader sees separate words). */
const text = (p: PanelPage, selector: string): Promise<string[]> =>
  p.page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const parts: string[] = [];
      const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) parts.push(walker.currentNode.textContent ?? '');
      return parts
        .map((t) => t.trim())
        .filter(Boolean)
        .join(' ');
    }),
  );

describe.skipIf(!hasChromium)('maturity panel in Chromium (skipped: /usr/bin/chromium is not installed)', () => {
  let browser: Browser;
  let bundle: string;
  const report = sampleReport();

  beforeAll(async () => {
    bundle = await buildBundle();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(options: Parameters<typeof openPanel>[2] = {}): Promise<PanelPage> {
    const p = await openPanel(browser, bundle, options);
    await p.post({ type: 'report', report });
    return p;
  }

  async function expectClean(p: PanelPage): Promise<void> {
    expect(p.errors).toEqual([]);
    expect(p.dialogs).toEqual([]);
    expect(await p.cspViolations()).toEqual([]);
  }

  it('says ready first and waits for the audit', async () => {
    const p = await openPanel(browser, bundle);
    expect(await p.posted()).toEqual([{ type: 'ready' }]);
    expect(await text(p, '.loading')).toEqual(['Waiting for the audit…']);
    await p.post({ type: 'noReport', reason: 'Open a folder with Markdown SOPs to audit it.' });
    expect(await text(p, '.empty')).toEqual(['Open a folder with Markdown SOPs to audit it.']);
    await expectClean(p);
    await p.page.close();
  });

  it('shows the ladder, the levels side by side, shadow level and points', async () => {
    const p = await open();
    expect(await text(p, 'h1')).toEqual(['SOP Maturity']);
    expect(await text(p, '.label')).toEqual(['Documentation and process maturity, aligned to the OML ladder']);
    expect((await text(p, '.meta'))[0]).toContain('As of 2026-11-23');
    expect((await text(p, '.meta'))[0]).toContain('Rubric: OML documentation rubric');

    expect(await text(p, '.hero-level')).toEqual(['3 Scaling']);
    expect(await text(p, '.stat .stat-label')).toEqual(['Documentation', 'Process', 'Within reach', 'Points']);
    expect(await text(p, '.stat .stat-value')).toEqual(['3 Scaling', '3 Scaling', '4 Optimizing', '71%']);

    expect(await text(p, '.ladder .step-name')).toEqual([
      'Beginning',
      'Emerging',
      'Scaling',
      'Optimizing',
      'Innovating',
    ]);
    expect(await text(p, '.ladder [aria-current="step"] .step-name')).toEqual(['Scaling']);
    expect(await p.page.locator('.ladder .step-reached').count()).toBe(2);
    expect(await text(p, '.ladder .step-shadow .step-name')).toEqual(['Optimizing']);
    expect(await text(p, '.ladder .step-current .step-tags')).toEqual(['Documentation Process']);
    await expectClean(p);
    await p.page.close();
  });

  it('charts documentation areas and business-area trait coverage', async () => {
    const p = await open();
    expect(await text(p, '.area-group:first-child .area-row')).toEqual([
      'Knowledge base 3 · Scaling',
      'Ownership 4 · Optimizing',
      'Structure 3 · Scaling',
      'Coverage 3 · Scaling',
      // Its only checks sit at level 5 and fail: "not yet", never a level it has nothing to check at.
      'Automation 0 · not yet',
    ]);
    expect(await text(p, '.area-group:last-child .area-row')).toEqual([
      'Service 10/12 traits',
      'Sales 2/3 traits',
      'Strategy 3/6 traits',
      'Compensation 1/3 traits',
      'Financial Management 4/6 traits',
    ]);
    await p.page.close();
  });

  it('lists next steps by side with effort, progress against the threshold, documents and actions', async () => {
    const p = await open();
    // Both sides at 3: each side's group names its next level, and both hold the overall level.
    expect(await text(p, '.step-group .group-title')).toEqual([
      'Documentation → level 4 · Optimizing holds the overall level',
      'Process → level 4 · Optimizing holds the overall level',
    ]);
    expect(await text(p, '.step-group-documentation .step-card h3')).toEqual([
      'Assurance covered',
      'Working links',
      'Checklist',
    ]);
    expect(await text(p, '.step-group-process .step-card h3')).toEqual(['Document more Optimizing processes']);
    expect(await text(p, '.step-card .effort')).toEqual([
      'a workspace change',
      '1 document to fix',
      '3 documents to fix',
      '1 document to write',
    ]);
    const checklist = p.page.locator('.step-card', { hasText: 'Checklist' });
    expect(await checklist.locator('.progress-text').textContent()).toBe('13 of 20 pass (65%) · 80% needed');
    expect(await checklist.locator('.bar').getAttribute('aria-label')).toBe('65% passing, 80% needed');
    expect(await checklist.locator('.bar-threshold').evaluate((e) => (e as HTMLElement).style.left)).toBe('80%');
    expect(await text(p, '.step-card .detail')).toEqual(['Missing: threat detection / security monitoring.']);

    const toggle = checklist.locator('button[aria-expanded]');
    expect(await toggle.textContent()).toBe('7 documents failing at level 4');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const docs = checklist.locator('.doc-link');
    expect(await docs.count()).toBe(7);
    await docs.filter({ hasText: 'docs/sops/people/employee-onboarding.md' }).click();
    await checklist.getByRole('button', { name: 'Apply safe fixes…' }).click();
    await p.page
      .locator('.step-card', { hasText: 'Document more Optimizing processes' })
      .getByRole('button', { name: 'Create an SOP for Threat detection' })
      .click();
    // Workspace checks with no fixable finding offer no fix button.
    expect(await p.page.locator('.step-card', { hasText: 'Assurance covered' }).locator('button').count()).toBe(0);

    expect((await p.posted()).slice(1)).toEqual([
      { type: 'openDocument', path: 'docs/sops/people/employee-onboarding.md', line: 12, column: 1 },
      { type: 'applyFixes', checkId: 'checklist' },
      { type: 'createSop', traitId: 'threat-detection' },
    ]);
    await expectClean(p);
    await p.page.close();
  });

  it('says which side holds the overall level back, lists both sides, and renders code in hints', async () => {
    const held = structuredClone(report);
    held.levels = {
      ...held.levels,
      process: 2,
      overall: 2,
      heldBack: 'Overall 2: only 1 of 5 Scaling processes is documented (3 needed); documentation alone would be 3',
    };
    held.nextSteps = held.nextSteps.map((s) =>
      s.side === 'process' ? { ...s, level: 3, title: 'Document more Scaling processes' } : s,
    );
    held.nextSteps[0] = { ...held.nextSteps[0], hint: 'Set `last_reviewed:` to <today>' };
    const p = await openPanel(browser, bundle);
    await p.post({ type: 'report', report: held });
    expect(await text(p, '.hero-caption')).toEqual([
      'Overall 2: only 1 of 5 Scaling processes is documented (3 needed); documentation alone would be 3.',
    ]);
    expect(await text(p, '.step-group .group-title')).toEqual([
      'Documentation → level 4 · Optimizing',
      'Process → level 3 · Scaling holds the overall level',
    ]);
    const hint = p.page.locator('.step-group-documentation .step-card .hint').first();
    expect(await hint.locator('code').allTextContents()).toEqual(['last_reviewed:']);
    expect(await hint.textContent()).toBe('Set last_reviewed: to <today>');
    await expectClean(p);
    await p.page.close();
  });

  it('has a checks table with levels, ratios, status and failing documents', async () => {
    const p = await open();
    await p.page.getByRole('tab', { name: /Checks/ }).click();
    const rows = p.page.locator('tr.check-row');
    expect(await rows.count()).toBe(report.checks.length);
    const review = rows.filter({ hasText: 'Recent review' });
    expect(await text(p, 'tr.check-row:has-text("Recent review") .level-line')).toEqual([
      'L4 80% / 80%',
      'L5 65% / 90%',
    ]);
    expect(await review.locator('.status').textContent()).toBe('Blocks level 5');
    expect(await text(p, 'tr.check-row:has-text("SOPs exist") td:last-child')).toEqual(['Holds']);

    const links = rows.filter({ hasText: 'Working links' });
    await links.getByRole('button').click();
    expect(await links.getByRole('button').getAttribute('aria-expanded')).toBe('true');
    const detail = p.page.locator('.check-detail');
    expect(await detail.locator('.doc-link').count()).toBe(3);
    expect(await detail.locator('.doc-note').first().textContent()).toBe(
      'Broken link: ../../scripts/check-veeam.ps1 does not exist',
    );
    expect(await detail.locator('a.link').getAttribute('href')).toBe(
      report.checks.find((c) => c.id === 'links')?.docsUrl,
    );
    await detail.locator('.doc-link').first().click();
    expect((await p.posted()).at(-1)).toEqual({
      type: 'openDocument',
      path: 'docs/sops/backup/nightly-backup-check.md',
      line: 41,
      column: 3,
    });
    await expectClean(p);
    await p.page.close();
  });

  it('shows the trait matrix with evidence and Create SOP for uncovered traits', async () => {
    const p = await open();
    await p.page.getByRole('tab', { name: /Process coverage/ }).click();
    expect(await text(p, '.matrix thead .col-level')).toEqual([
      '1 · Beginning',
      '2 · Emerging',
      '3 · Scaling',
      '4 · Optimizing',
      '5 · Innovating',
    ]);
    expect(await text(p, '.matrix tbody th > span:first-child')).toEqual([
      'Service',
      'Sales',
      'Strategy',
      'Compensation',
      'Financial Management',
    ]);
    expect(await p.page.locator('.trait.covered').count()).toBe(20);
    expect(await p.page.locator('.trait.uncovered').count()).toBe(10);
    const time = p.page.locator('.trait', { hasText: 'Time tracking' });
    expect(await text(p, '.trait:has-text("Time tracking") .doc-note')).toEqual([
      '“time entry” in path',
      '“timesheet” in title',
    ]);
    await time.locator('.doc-link').first().click();
    await p.page.getByRole('button', { name: 'Create SOP for Forecasting' }).click();
    expect((await p.posted()).slice(-2)).toEqual([
      { type: 'openDocument', path: 'docs/sops/service-desk/time-entry.md' },
      { type: 'createSop', traitId: 'forecasting' },
    ]);
    await expectClean(p);
    await p.page.close();
  });

  it('lists exemptions in use, engine errors and the audit facts', async () => {
    const p = await open();
    await p.page.getByRole('tab', { name: /Exemptions and errors/ }).click();
    const items = await text(p, '#panel-details .item');
    expect(items[0]).toContain('docs/sops/service-desk/ticket-categories.md');
    expect(items[0]).toContain('Active');
    expect(items[0]).toContain('Reference table, not a step-by-step procedure');
    expect(items[1]).toContain('Not counted');
    expect(items[2]).toContain('Front matter is not valid YAML');
    await p.page.locator('.item.error .doc-link').first().click();
    expect((await p.posted()).at(-1)).toEqual({
      type: 'openDocument',
      path: 'docs/sops/network/vpn-troubleshooting.md',
      line: 4,
      column: 3,
    });
    expect(await text(p, '.facts dd')).toContain('OML documentation rubric (oml, builtin)');
    await p.page.close();
  });

  it('computes history with progress, a chart, and a reason when there is none', async () => {
    const p = await open();
    await p.page.getByRole('tab', { name: 'History' }).click();
    await p.page.getByRole('button', { name: 'Compute history' }).click();
    expect((await p.posted()).at(-1)).toEqual({ type: 'requestHistory' });
    await p.post({ type: 'historyProgress', done: 3, total: 12 });
    expect(await text(p, '.history-running')).toEqual(['Audited 3 of 12 commits (25%)']);
    expect(await p.page.getByRole('button', { name: 'Compute history' }).isDisabled()).toBe(true);
    await p.post({ type: 'history', result: { available: true, points: historyPoints() } });
    expect(await p.page.locator('.chart .series path').count()).toBe(3);
    expect(await p.page.locator('.chart .series-overall circle').count()).toBe(12);
    expect(await text(p, '.legend li')).toEqual(['Overall', 'Documentation', 'Process']);
    await p.post({ type: 'history', result: { available: false, reason: 'The folder is not a git repository.' } });
    expect(await text(p, '.history-body')).toEqual(['The folder is not a git repository.']);
    await expectClean(p);
    await p.page.close();
  });

  it('exports, copies Markdown and shows the host notice', async () => {
    const p = await open();
    for (const name of ['HTML', 'Markdown', 'JSON', 'SARIF']) {
      await p.page.getByRole('button', { name: `Export as ${name}` }).click();
    }
    await p.page.getByRole('button', { name: 'Copy as Markdown' }).click();
    expect((await p.posted()).slice(1)).toEqual([
      { type: 'export', format: 'html' },
      { type: 'export', format: 'markdown' },
      { type: 'export', format: 'json' },
      { type: 'export', format: 'sarif' },
      { type: 'copyMarkdown' },
    ]);
    await p.post({ type: 'notice', kind: 'info', text: 'Summary copied to the clipboard.' });
    expect(await text(p, '.toast[role="status"]')).toEqual(['Summary copied to the clipboard.']);
    await p.page.close();
  });

  it('is keyboard navigable: arrow keys move between tabs, Enter toggles rows', async () => {
    const p = await open();
    await p.page.focus('#tab-overview');
    await p.page.keyboard.press('ArrowRight');
    expect(await p.page.evaluate(() => document.activeElement?.id)).toBe('tab-checks');
    expect(await p.page.getAttribute('#tab-checks', 'aria-selected')).toBe('true');
    expect(await p.page.isHidden('#panel-overview')).toBe(true);
    await p.page.keyboard.press('End');
    expect(await p.page.evaluate(() => document.activeElement?.id)).toBe('tab-details');
    await p.page.keyboard.press('Home');
    await p.page.keyboard.press('ArrowRight');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('Enter');
    expect(await p.page.locator('.row-toggle').first().getAttribute('aria-expanded')).toBe('true');
    // Every button has an accessible name.
    const unnamed = await p.page
      .locator('button')
      .evaluateAll((els) => els.filter((e) => !(e.getAttribute('aria-label') || e.textContent?.trim())).length);
    expect(unnamed).toBe(0);
    await p.page.close();
  });

  it('keeps UI state across live updates and restores it after a reload', async () => {
    const p = await open();
    await p.page.locator('.step-card', { hasText: 'Checklist' }).locator('button[aria-expanded]').click();
    await p.page.locator('.step-card', { hasText: 'Checklist' }).locator('button[aria-expanded]').focus();
    const updated: Report = structuredClone(report);
    updated.levels.overall = 4;
    updated.levels.documentation = 4;
    await p.post({ type: 'report', report: updated });
    expect(await text(p, '.hero-level')).toEqual(['4 Optimizing']);
    const toggle = p.page.locator('.step-card', { hasText: 'Checklist' }).locator('button[aria-expanded]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await toggle.evaluate((e) => e === document.activeElement)).toBe(true);

    await p.page.getByRole('tab', { name: /Checks/ }).click();
    const saved = (await p.state()) as { tab: string; expanded: string[] };
    expect(saved.tab).toBe('checks');
    expect(saved.expanded).toEqual(['step:check:checklist']);
    await p.page.close();

    const reloaded = await open({ savedState: saved });
    expect(await reloaded.page.getAttribute('#tab-checks', 'aria-selected')).toBe('true');
    expect(await reloaded.page.isVisible('#panel-checks')).toBe(true);
    const again = reloaded.page.locator('.step-card', { hasText: 'Checklist' }).locator('button[aria-expanded]');
    expect(await again.getAttribute('aria-expanded')).toBe('true');
    await reloaded.page.close();
  });

  it('renders a hostile report as text and runs none of it', async () => {
    const p = await openPanel(browser, bundle, { theme: 'light' });
    await p.post({ type: 'report', report: hostileReport() });
    for (const tab of ['overview', 'checks', 'traits', 'details']) {
      await p.page.click(`#tab-${tab}`);
      const closed = p.page.locator(`#panel-${tab} button[aria-expanded="false"]`);
      while ((await closed.count()) > 0) await closed.first().click();
    }
    await p.page.click('#tab-overview');
    mkdirSync('test-results', { recursive: true });
    await p.page.screenshot({ path: 'test-results/panel-hostile.png', fullPage: true });
    const body = await p.page.evaluate(() => document.body.textContent ?? '');
    expect(body).toContain(IMG);
    expect(body).toContain(SCRIPT);
    expect(await p.page.locator('img, iframe, object, embed').count()).toBe(0);
    expect(await p.page.locator('script').count()).toBe(2);
    expect(await p.page.locator('#app script, #app [onerror], #app [onclick]').count()).toBe(0);
    expect(await p.page.locator('a.link').count()).toBe(0);
    // Give any injected handler the chance to fire before looking.
    await p.page.waitForTimeout(200);
    expect(await p.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expectClean(p);
    await p.page.close();
  });

  it('saves screenshots in a light and a dark theme', async () => {
    mkdirSync('test-results', { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      const p = await open({ theme });
      await p.page.locator('.step-card', { hasText: 'Checklist' }).locator('button[aria-expanded]').click();
      await p.page.screenshot({ path: `test-results/panel-${theme}.png`, fullPage: true });
      await p.page.click('#tab-checks');
      await p.page.locator('tr.check-row', { hasText: 'Working links' }).getByRole('button').click();
      await p.page.screenshot({ path: `test-results/panel-${theme}-checks.png`, fullPage: true });
      await p.page.click('#tab-traits');
      await p.page.screenshot({ path: `test-results/panel-${theme}-traits.png`, fullPage: true });
      await p.page.click('#tab-history');
      await p.post({ type: 'history', result: { available: true, points: historyPoints() } });
      await p.page.screenshot({ path: `test-results/panel-${theme}-history.png`, fullPage: true });
      await p.page.click('#tab-details');
      await p.page.screenshot({ path: `test-results/panel-${theme}-details.png`, fullPage: true });
      await expectClean(p);
      await p.page.close();
    }
    const narrow = await open({ theme: 'high-contrast', width: 560 });
    await narrow.page.screenshot({ path: 'test-results/panel-high-contrast-narrow.png', fullPage: true });
    await expectClean(narrow);
    await narrow.page.close();
  });
});

const IMG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT = '"><script>window.__pwned=1</script>';

/** The sample report with attacker-controlled text in every string a document can supply. */
function hostileReport(): Report {
  const r: Report = structuredClone(sampleReport());
  const evil = (s: string): string => `${s} ${IMG} ${SCRIPT}`;
  r.label = evil(r.label);
  r.rubric.title = evil(r.rubric.title);
  r.centralFolder = evil('docs');
  r.levelNames['3'] = evil('Scaling');
  r.levels.areas = { [evil('Ownership')]: 3 };
  r.levels.guard = evil('Held');
  for (const c of r.checks) {
    c.title = evil(c.title);
    c.hint = evil(c.hint);
    c.description = evil(c.description);
    c.area = evil(c.area);
    c.detail = evil('detail');
    c.docsUrl = 'javascript:window.__pwned=1';
  }
  for (const d of r.documents) {
    d.title = evil(d.title ?? '');
    d.owner = evil(d.owner ?? '');
    d.path = `${d.path.replace(/\.md$/, '')}${SCRIPT}.md`;
    for (const f of d.findings) f.message = evil(f.message);
    for (const e of d.exemptions) e.reason = evil(e.reason ?? '');
    for (const e of d.exemptions) e.checks = [evil('checklist')];
  }
  for (const t of r.traits) {
    t.title = evil(t.title);
    t.area = evil(t.area);
    for (const e of t.evidence) {
      e.path = evil(e.path);
      e.matched = evil(e.matched);
    }
  }
  for (const s of r.nextSteps) {
    s.title = evil(s.title);
    s.hint = evil(s.hint);
    s.paths = s.paths.map((p) => `${p.replace(/\.md$/, '')}${SCRIPT}.md`);
  }
  for (const e of r.errors) {
    e.path = evil(e.path);
    e.message = evil(e.message);
  }
  return r;
}

/** A year of monthly audits climbing from level 1 to 3. */
function historyPoints(): { date: string; commit: string; overall: number; documentation: number; process: number }[] {
  const doc = [1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3];
  const proc = [1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 3];
  return doc.map((d, i) => ({
    date: `2026-${String(i + 1).padStart(2, '0')}-01`,
    commit: `${(0xabc1230 + i).toString(16)}deadbeef`,
    overall: Math.min(d, proc[i]),
    documentation: d,
    process: proc[i],
  }));
}
