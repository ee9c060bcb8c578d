import { describe, expect, it } from 'vitest';
import type { NextStep, Report } from '../../src/core/types';
import { nextLevelDistance, statusText, statusTooltip } from '../../src/extension/status';

const levelNames = { '1': 'Beginning', '2': 'Emerging', '3': 'Scaling', '4': 'Optimizing', '5': 'Innovating' };

function step(over: Partial<NextStep>): NextStep {
  return { side: over.kind === 'trait' ? 'process' : 'documentation', level: 4, kind: 'check', id: 'checklist', title: 'Checklists', hint: '', documentsToFix: 0, paths: [], ...over };
}

function report(overall: number, nextSteps: NextStep[], procedures = 10, process = 5): Report {
  return {
    levels: { overall, documentation: overall, process, areas: {}, shadow: overall, points: 0.5 },
    nextSteps,
    levelNames,
    summary: { documents: procedures, procedures, indexes: 0, other: 0, findings: 0, exemptedDocuments: 0, skipped: 0 },
  } as unknown as Report;
}

describe('status bar', () => {
  it('shows the level and the documents to change for the next level, each counted once', () => {
    const r = report(3, [
      step({ id: 'checklist', documentsToFix: 3, paths: ['a.md', 'b.md', 'c.md'] }),
      step({ id: 'review-date', documentsToFix: 2, paths: ['b.md', 'd.md'] }),
      step({ level: 5, id: 'metrics', documentsToFix: 9, paths: ['x.md'] }),
    ]);
    expect(nextLevelDistance(r)).toEqual({ next: 4, toChange: 4, toWrite: 0 });
    expect(statusText(r)).toBe('$(checklist) OML 3 · 4 to L4');
  });

  it('counts uncovered traits and workspace checks as documents to write', () => {
    const r = report(2, [
      step({ level: 3, kind: 'trait', id: 'budgeting', documentsToFix: 1 }),
      step({ level: 3, kind: 'check', id: 'kb-index', documentsToFix: 1, paths: [] }),
      step({ level: 3, kind: 'check', id: 'owner', documentsToFix: 2, paths: ['a.md', 'b.md', 'c.md'] }),
    ]);
    expect(nextLevelDistance(r)).toEqual({ next: 3, toChange: 3, toWrite: 2 });
    expect(statusText(r)).toBe('$(checklist) OML 2 · 5 to L3');
  });

  it('shows the top level, an unassessed repository and a pending first audit plainly', () => {
    expect(statusText(report(5, []))).toBe('$(checklist) OML 5');
    expect(statusText(report(0, [], 0))).toBe('$(checklist) OML –');
    expect(statusText(undefined, true)).toBe('$(sync~spin) OML …');
    expect(statusText(undefined)).toBe('$(checklist) OML –');
  });

  it('explains the count in the tooltip', () => {
    const tip = statusTooltip({ ...report(3, [step({ title: 'Checklists', documentsToFix: 3, paths: ['a.md'] })]) } as Report);
    expect(tip).toContain('OML 3 (Scaling)');
    expect(tip).toContain('each counted once');
    expect(tip).toContain('Documentation → L4:\n\n- Checklists: 3');
  });

  it('lists the blockers of both sides under their labels, and says which side holds the level back', () => {
    const r = report(3, [
      step({ id: 'checklist', title: 'Checklists', documentsToFix: 3, paths: ['a.md', 'b.md', 'c.md'] }),
      step({ side: 'process', level: 5, kind: 'trait', id: 'traits-level-5', title: 'Document more Innovating processes', documentsToFix: 2 }),
    ], 10, 4);
    r.levels.heldBack = 'Overall 3: the documentation does not reach Optimizing yet (Checklists); process alone would be 4';
    const tip = statusTooltip(r);
    // Escaped for the Markdown tooltip.
    expect(tip).toContain('Overall 3: the documentation does not reach Optimizing yet \\(Checklists\\); process alone would be 4.');
    expect(tip).toContain('Documentation → L4:\n\n- Checklists: 3');
    expect(tip).toContain('Process → L5:\n\n- Document more Innovating processes: 2');
    // The count is what the next overall level needs: the process step (level 5) does not raise it.
    expect(statusText(r)).toBe('$(checklist) OML 3 · 3 to L4');
  });
});
