import { describe, expect, it } from 'vitest';
import type { NextLevelReport, NextStep, Report } from '../../../src/core/report/types';
import { statusText, statusTooltip } from '../../../src/extension/statusText';

const levelNames = { '1': 'Beginning', '2': 'Emerging', '3': 'Scaling', '4': 'Optimizing', '5': 'Innovating' };

function step(over: Partial<NextStep>): NextStep {
  return {
    side: over.kind === 'trait' ? 'process' : 'documentation',
    level: 4,
    kind: 'check',
    id: 'checklist',
    title: 'Checklists',
    hint: '',
    documentsToFix: 0,
    paths: [],
    blocksOverall: true,
    ...over,
  };
}

function report(
  overall: number,
  nextSteps: NextStep[],
  nextLevel: NextLevelReport | undefined,
  procedures = 10,
  process = 5,
): Report {
  return {
    levels: { overall, documentation: overall, process, areas: {}, shadow: overall, points: 0.5 },
    nextSteps,
    ...(nextLevel ? { nextLevel } : {}),
    levelNames,
    summary: { documents: procedures, procedures, indexes: 0, other: 0, findings: 0, exemptedDocuments: 0, skipped: 0 },
  } as unknown as Report;
}

describe('status bar', () => {
  it("shows the level and the report's distance to the next level: documents to fix plus documents to write", () => {
    const r = report(
      3,
      [
        step({ id: 'checklist', documentsToFix: 3, paths: ['a.md', 'b.md', 'c.md'] }),
        step({ id: 'review-date', documentsToFix: 2, paths: ['b.md', 'd.md'] }),
      ],
      { level: 4, documentsToFix: 5, documentsToWrite: 0, failingDocuments: 4 },
    );
    expect(statusText(r)).toBe('$(checklist) OML 3 · 5 to L4');
  });

  it('counts what the report counts, documents to write included', () => {
    const r = report(
      2,
      [
        step({ level: 3, kind: 'trait', id: 'budgeting', documentsToFix: 1 }),
        step({ level: 3, kind: 'check', id: 'kb-index', documentsToFix: 1, paths: [] }),
        step({ level: 3, kind: 'check', id: 'owner', documentsToFix: 2, paths: ['a.md', 'b.md', 'c.md'] }),
      ],
      { level: 3, documentsToFix: 2, documentsToWrite: 2, failingDocuments: 3 },
    );
    expect(statusText(r)).toBe('$(checklist) OML 2 · 4 to L3');
    const tip = statusTooltip(r);
    expect(tip).toContain('4 to L3: 2 documents to fix and 2 to write to reach level 3.');
    expect(tip).toContain('summed over the blocking checks');
    expect(tip).toContain('3 different documents fail at least one of them today');
    expect(tip).toContain('- Checklists: 2 documents to fix');
  });

  it('shows the top level, an unassessed repository and a pending first audit plainly', () => {
    expect(statusText(report(5, [], undefined))).toBe('$(checklist) OML 5');
    expect(
      statusText(report(0, [], { level: 1, documentsToFix: 0, documentsToWrite: 1, failingDocuments: 0 }, 0)),
    ).toBe('$(checklist) OML –');
    expect(statusText(undefined, true)).toBe('$(sync~spin) OML …');
    expect(statusText(undefined)).toBe('$(checklist) OML –');
  });

  it('lists every counted step with the words the panel uses, so that the numbers add up to the count', () => {
    const steps = [1, 2, 3, 4, 5, 6, 7].map((n) =>
      step({ id: `c${n}`, title: `Check ${n}`, documentsToFix: n, paths: ['a.md'] }),
    );
    const r = report(3, steps, { level: 4, documentsToFix: 28, documentsToWrite: 0, failingDocuments: 1 });
    const tip = statusTooltip(r);
    expect(tip).toContain('OML 3 (Scaling)');
    const listed = [...tip.matchAll(/^- Check \d: (\d+) documents? to fix$/gm)].map((m) => Number(m[1]));
    expect(listed.reduce((a, b) => a + b, 0)).toBe(28);
    expect(statusText(r)).toBe('$(checklist) OML 3 · 28 to L4');
  });

  it('lists the blockers of both sides under their labels, says which side holds the level back, and which steps are not counted', () => {
    const r = report(
      3,
      [
        step({ id: 'checklist', title: 'Checklists', documentsToFix: 3, paths: ['a.md', 'b.md', 'c.md'] }),
        step({
          side: 'process',
          level: 5,
          kind: 'trait',
          id: 'traits-level-5',
          title: 'Document more Innovating processes',
          documentsToFix: 2,
          blocksOverall: false,
        }),
      ],
      { level: 4, documentsToFix: 3, documentsToWrite: 0, failingDocuments: 3 },
      10,
      4,
    );
    r.levels.heldBack =
      'Overall 3: the documentation does not reach Optimizing yet (Checklists); process alone would be 4';
    const tip = statusTooltip(r);
    // Escaped for the Markdown tooltip.
    expect(tip).toContain(
      'Overall 3: the documentation does not reach Optimizing yet \\(Checklists\\); process alone would be 4.',
    );
    expect(tip).toContain('Documentation → L4:\n\n- Checklists: 3 documents to fix');
    expect(tip).toContain(
      'Process → L5 (above the overall level, not in the count):\n\n- Document more Innovating processes: 2 documents to write',
    );
    expect(statusText(r)).toBe('$(checklist) OML 3 · 3 to L4');
  });

  it('names level 0 "below Beginning" when procedures exist', () => {
    const r = report(0, [], { level: 1, documentsToFix: 0, documentsToWrite: 1, failingDocuments: 0 });
    expect(statusTooltip(r)).toContain('OML 0 (below Beginning)');
  });
});
