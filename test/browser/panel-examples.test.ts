/**
 * The panel for examples/, fed the CLI's own JSON report (what the
 * extension posts): it shows the same levels, next steps and trait
 * evidence, and the screenshots are saved for review.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Report } from '../../src/core/report/types';
import { buildBundle, hasChromium, launch, openPanel } from './harness';

describe.skipIf(!hasChromium)('the panel for examples/ (skipped: /usr/bin/chromium is not installed)', () => {
  let browser: Browser;
  let bundle: string;
  let report: Report;
  beforeAll(async () => {
    report = JSON.parse(
      execFileSync(process.execPath, ['dist/cli.js', 'audit', 'examples', '--format', 'json', '--no-cache'], {
        encoding: 'utf8',
        maxBuffer: 32 << 20,
      }),
    ) as Report;
    [browser, bundle] = await Promise.all([launch(), buildBundle()]);
  });
  afterAll(async () => browser?.close());

  it('shows the CLI report: level 3, the four blockers of level 4 and a Create SOP button per uncovered level-4 trait', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const p = await openPanel(browser, bundle, { theme });
      await p.post({ type: 'report', report });
      const text = await p.page.locator('body').innerText();
      expect(text).toContain('Scaling');
      for (const step of report.nextSteps) expect(text).toContain(step.title);
      const create = await p.page.getByRole('button', { name: /Create an SOP for/ }).count();
      const step = report.nextSteps.find((s) => s.kind === 'trait');
      expect(create).toBeGreaterThanOrEqual(step?.traits?.length ?? 1);
      expect(p.errors).toEqual([]);
      expect(await p.cspViolations()).toEqual([]);
      await p.page.screenshot({ path: `test-results/panel-examples-${theme}.png`, fullPage: true });
      await p.page.close();
    }
  });
});
