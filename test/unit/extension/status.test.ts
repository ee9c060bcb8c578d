import { describe, expect, it } from 'vitest';
import type { NextLevelReport, NextStep, Report, TargetReport } from '../../../src/core/report/types';
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

  describe('targets', () => {
    function target(over: Partial<TargetReport>): TargetReport {
      return {
        title: 'Level 4 by 2027-03-31',
        kind: 'level',
        level: 4,
        by: '2027-03-31',
        met: false,
        current: 3,
        remaining: { documentsToFix: 10, documentsToWrite: 2 },
        daysLeft: 120,
        missed: false,
        ...over,
      };
    }
    const next = { level: 4, documentsToFix: 5, documentsToWrite: 0, failingDocuments: 4 };
    const withTargets = (targets: TargetReport[]): Report => ({ ...report(3, [], next), targets });

    it('adds the nearest unmet target to the status text: "L4 by Mar 31 · 12 to go"', () => {
      expect(statusText(withTargets([target({})]))).toBe('$(checklist) OML 3 · 5 to L4 · L4 by Mar 31 · 12 to go');
      const checklist = target({
        title: 'Checklists',
        kind: 'check',
        level: undefined,
        check: 'checklist',
        share: 0.8,
        by: '2027-01-05',
        current: 0.5,
        remaining: { documentsToFix: 3 },
        daysLeft: 31,
      });
      // The one whose date comes first wins, whatever the order in the configuration.
      expect(statusText(withTargets([target({}), checklist]))).toBe(
        '$(checklist) OML 3 · 5 to L4 · checklist 80% by Jan 5 · 3 to go',
      );
    });

    it('skips met and missed targets, and says nothing when none is left', () => {
      const met = target({ met: true, remaining: { documentsToFix: 0 }, daysLeft: 5 });
      const missed = target({ missed: true, daysLeft: -3, by: '2026-11-20' });
      expect(statusText(withTargets([met, missed]))).toBe('$(checklist) OML 3 · 5 to L4');
      expect(statusText(withTargets([met, missed, target({ by: '2027-12-01', daysLeft: 300 })]))).toBe(
        '$(checklist) OML 3 · 5 to L4 · L4 by Dec 1 · 12 to go',
      );
      expect(statusText(withTargets([]))).toBe('$(checklist) OML 3 · 5 to L4');
      // Nothing left to fix but the date not reached yet (the level still to be confirmed): no "0 to go".
      expect(statusText(withTargets([target({ remaining: { documentsToFix: 0 } })]))).toBe(
        '$(checklist) OML 3 · 5 to L4 · L4 by Mar 31',
      );
    });

    it('lists every target in the tooltip with its days, what remains and the trend', () => {
      const tip = statusTooltip(
        withTargets([
          target({
            remaining: { documentsToFix: 10, documentsToWrite: 2, traits: ['psa-rmm'] },
            trend: { onTrack: true, since: '2026-09-01', sentence: 'On track: level 4 by Feb 10.' },
          }),
          target({ title: 'Old *goal*', missed: true, daysLeft: -3, by: '2026-11-20' }),
          target({ title: 'Done', met: true, remaining: { documentsToFix: 0 } }),
        ]),
      );
      expect(tip).toContain(
        '- Level 4 by 2027-03-31 (2027-03-31): 120 days left; ' +
          '10 documents to fix, 2 to write and 1 trait to document. On track: level 4 by Feb 10.',
      );
      expect(tip).toContain('- Old \\*goal\\* (2026-11-20): Missed by 3 days;');
      expect(tip).toContain('- Done (2027-03-31): Met; nothing left.');
    });
  });
});
