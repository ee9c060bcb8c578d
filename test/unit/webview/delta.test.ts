/**
 * The panel applying report deltas, in real headless Chromium: after the whole report it takes
 * deltas (a document's kind changes, a document leaves, a top-level count changes) and shows the
 * same as it would for the whole new report, keeping the tab and the open details; a delta for a
 * copy it does not hold (wrong base, or one that does not fit) makes it say `ready` once to have
 * the whole report again.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report/types';
import type { HostMessage } from '../../../src/shared/protocol';
import { diffReports } from '../../../src/shared/reportDelta';
import { expectClean, hasChromium, sampleReport, textOf, usePanel, type PanelPage } from '../../browser/harness';

const GLOSSARY = 'docs/glossary.md';

function delta(prev: Report, next: Report, base: number, version: number): HostMessage {
  return { type: 'reportDelta', base, version, delta: diffReports(prev, next)! };
}

/** What the documents tab and the details show. */
async function shown(p: PanelPage): Promise<{ rows: string[]; details: string[]; tab: string[] }> {
  return {
    rows: await textOf(p, 'tr.document-row'),
    details: await textOf(p, '.doc-details dd'),
    tab: await textOf(p, '[role="tab"][aria-selected="true"]'),
  };
}

describe.skipIf(!hasChromium)('report deltas in the panel (skipped: /usr/bin/chromium is not installed)', () => {
  const panel = usePanel();

  it('shows after each delta what the whole report would show, and keeps the tab and the details', async () => {
    const v1 = sampleReport();
    const p = await panel.open(v1);
    await p.post({ type: 'report', report: v1, version: 1 });
    await p.page.getByRole('tab', { name: 'Documents' }).click();
    await p.page.locator('#panel-documents .doc-link', { hasText: GLOSSARY }).click();

    const v2: Report = structuredClone(v1);
    const glossary = v2.documents.find((d) => d.path === GLOSSARY)!;
    glossary.kind = 'procedure';
    glossary.kindReason = 'front matter type: sop';
    v2.summary = { ...v2.summary, procedures: v2.summary.procedures + 1, other: v2.summary.other - 1 };
    await p.post(delta(v1, v2, 1, 2));
    const afterDelta = await shown(p);
    expect(afterDelta.tab).toEqual(['Documents']);
    expect(afterDelta.details.join(' ')).toContain('front matter type: sop');

    // The same report sent whole shows the same.
    const whole = await panel.open(v2);
    await whole.page.getByRole('tab', { name: 'Documents' }).click();
    await whole.page.locator('#panel-documents .doc-link', { hasText: GLOSSARY }).click();
    expect(await shown(whole)).toEqual(afterDelta);
    await whole.page.close();

    // A document leaves: its row goes, its details close.
    const v3: Report = structuredClone(v2);
    v3.documents = v3.documents.filter((d) => d.path !== GLOSSARY);
    await p.post(delta(v2, v3, 2, 3));
    expect((await shown(p)).rows.some((r) => r.includes(GLOSSARY))).toBe(false);
    expect(await p.page.isHidden('.doc-details')).toBe(true);
    expect((await p.posted()).filter((m) => (m as { type: string }).type === 'ready')).toHaveLength(1);
    await expectClean(p);
    await p.page.close();
  });

  it('asks for the whole report again, once, when a delta does not fit its copy', async () => {
    const v1 = sampleReport();
    const p = await panel.open(v1);
    const readies = async (): Promise<number> =>
      (await p.posted()).filter((m) => (m as { type: string }).type === 'ready').length;
    // Sent whole without a version: no delta applies to it.
    const v2: Report = structuredClone(v1);
    v2.documents[0] = { ...v2.documents[0], title: 'Changed title' };
    await p.post(delta(v1, v2, 1, 2));
    expect(await readies()).toBe(2);
    await p.post(delta(v1, v2, 2, 3));
    expect(await readies()).toBe(2);
    // The whole report: deltas apply again; a wrong base asks again.
    await p.post({ type: 'report', report: v2, version: 7 });
    await p.post(delta(v2, v1, 7, 8));
    expect(await readies()).toBe(2);
    await p.post(delta(v1, v2, 5, 9));
    expect(await readies()).toBe(3);
    // A delta that does not fit the copy (a list patch out of range) is not applied.
    await p.post({ type: 'report', report: v2, version: 10 });
    await p.post({
      type: 'reportDelta',
      base: 10,
      version: 11,
      delta: { fields: { documents: { list: [{ keep: 0, count: 100_000 }] } } },
    });
    expect(await readies()).toBe(4);
    expect(await textOf(p, '.tab')).not.toEqual([]);
    await expectClean(p);
    await p.page.close();
  });
});
