/**
 * "Why is nothing graded here?" (issue 16, part 7), in real headless
 * Chromium: a folder with Markdown but few or no procedures gets, on the
 * Overview, the documents that were not counted, each with the engine's
 * reason, a "Treat as SOP" action (the setKind message) and an Open action;
 * with no procedures at all the Overview says so plainly, without a ladder.
 */
import { describe, expect, it } from 'vitest';
import { auditFiles, goodSop } from '../unit/helpers/audit';
import { expectClean, hasChromium, sampleReport, textOf as text, usePanel } from './harness';

const NOTES = {
  'notes/meeting-2026-10.md': '# Team meeting\n\nWe talked about the roadmap and lunch.\n',
  'notes/glossary.md': '---\ntype: glossary\n---\n# Glossary\n\nRMM: remote monitoring and management.\n',
  'docs/README.md': '# Docs\n\n- [Glossary](../notes/glossary.md)\n',
};

describe.skipIf(!hasChromium)(
  'the Overview says why nothing (or little) is graded (skipped: /usr/bin/chromium is not installed)',
  () => {
    const panel = usePanel();

    it('with no procedures: says so plainly, lists every document with its reason, Treat as SOP and Open, and shows no ladder', async () => {
      const report = auditFiles(NOTES);
      expect(report.summary.procedures).toBe(0);
      const p = await panel.open(report);
      const overview = p.page.locator('#panel-overview');
      expect(await overview.locator('h2').first().textContent()).toBe('Nothing is graded here');
      expect(await overview.textContent()).toContain(
        'No procedure documents: none of the 3 Markdown documents reads as an SOP, so no level is assessed.',
      );
      expect(await overview.locator('.ladder').count()).toBe(0);
      expect(await overview.locator('.hero').count()).toBe(0);

      const rows = overview.locator('.ungraded-list > li');
      expect(await rows.count()).toBe(3);
      const paths = Object.keys(NOTES).sort();
      expect(await text(p, '#panel-overview .ungraded-list .doc-path')).toEqual(paths);
      // Each row carries the kind and the engine's own reason.
      const notes = await text(p, '#panel-overview .ungraded-list .doc-note');
      for (const [i, path] of paths.entries()) {
        const doc = report.documents.find((d) => d.path === path)!;
        expect(notes[i]).toContain(doc.kindReason);
      }
      expect(notes.join('\n')).toContain('index page');
      expect(notes.join('\n')).toContain('other document');

      await p.page.getByRole('button', { name: 'Treat notes/meeting-2026-10.md as SOP' }).click();
      await p.page.getByRole('button', { name: 'Open notes/glossary.md', exact: true }).click();
      const posted = await p.posted();
      expect(posted).toContainEqual({ type: 'setKind', path: 'notes/meeting-2026-10.md', fix: 'treat-as-sop' });
      expect(posted).toContainEqual({ type: 'openDocument', path: 'notes/glossary.md' });
      await expectClean(p);
      await p.page.close();
    });

    it('with fewer procedures than other documents: the ladder, then the documents that were not counted', async () => {
      const report = auditFiles({ ...NOTES, 'sops/patching.md': goodSop('Monthly patching') });
      expect(report.summary.procedures).toBe(1);
      const p = await panel.open(report);
      const overview = p.page.locator('#panel-overview');
      expect(await overview.locator('.ladder').count()).toBe(1);
      expect(await overview.textContent()).toContain(
        'Only 1 procedure is graded; 3 other Markdown documents were not counted.',
      );
      expect(await text(p, '#panel-overview .ungraded-list .doc-path')).toEqual(Object.keys(NOTES).sort());
      expect(await p.page.getByRole('button', { name: /^Treat .* as SOP$/ }).count()).toBe(3);
      await expectClean(p);
      await p.page.close();
    });

    it('with enough procedures: no such list', async () => {
      const p = await panel.open(sampleReport());
      expect(await p.page.locator('#panel-overview .ungraded-list').count()).toBe(0);
      await expectClean(p);
      await p.page.close();
    });
  },
);
