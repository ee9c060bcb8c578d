/**
 * Area levels and next steps as RUBRIC.md (revision 2) defines them, on
 * small hand-made rule outcomes and traits so that each case says exactly
 * which checks hold: an area is graded only at levels where it has something
 * to check, and the next steps show both the documentation and the process
 * side, with one sentence when one side holds the overall level back.
 */
import { describe, expect, it } from 'vitest';
import type { RuleOutcome } from '../../../../src/core/audit/evaluate';
import { areaLevels, inferLevels, nextSteps } from '../../../../src/core/audit/infer';
import type { TraitReport } from '../../../../src/core/report/types';
import type { Rubric, RubricCheck } from '../../../../src/core/rubric/types';
import { auditFiles, goodSop, rubric as builtinRubric } from '../../helpers/audit';

/** The built-in rubric's level names with the settings these cases assume, pinned. */
const RUBRIC: Rubric = {
  ...builtinRubric(),
  settings: { ...builtinRubric().settings, traitShare: 0.6, minDocumentsAbove2: 5 },
};

/** One rule of a check: `failing` documents fail it (of `total`); it holds when none do, unless `holds` says otherwise. */
function rule(
  id: string,
  area: string,
  level: number,
  failing: string[] = [],
  opts: { holds?: boolean; total?: number; scope?: 'document' | 'workspace' } = {},
): RuleOutcome {
  const check: RubricCheck = {
    id,
    title: `Title of ${id}`,
    description: '',
    hint: `Fix \`${id}\``,
    area,
    scope: opts.scope ?? 'document',
    severity: 'warning',
    params: {},
    levels: [{ level, threshold: 0.8 }],
    enabled: true,
  };
  const total = opts.total ?? 10;
  const holds = opts.holds ?? failing.length === 0;
  return {
    check,
    rule: { level, threshold: 0.8 },
    holds,
    passing: total - failing.length,
    total,
    failing,
    documentsToFix: holds ? 0 : failing.length,
  };
}

function trait(id: string, level: number, area: string, covered: boolean): TraitReport {
  return {
    id,
    title: `Title of ${id}`,
    level,
    area,
    covered,
    evidence: covered ? [{ path: `docs/${id}.md`, matched: id, field: 'title' }] : [],
  };
}

/** Five traits at each level, all in Service, the first `covered[l-1]` of level l covered. */
function traitsCovering(covered: number[]): TraitReport[] {
  return [1, 2, 3, 4, 5].flatMap((level) =>
    Array.from({ length: 5 }, (_, i) => trait(`t${level}-${i}`, level, 'Service', i < covered[level - 1])),
  );
}

/** A documentation side whose rules hold up to `upTo` and fail from `upTo + 1` (two documents each). */
function documentationUpTo(upTo: number): RuleOutcome[] {
  return [1, 2, 3, 4, 5].map((level) =>
    rule(`check-${level}`, 'Structure', level, level <= upTo ? [] : [`docs/a${level}.md`, `docs/b${level}.md`]),
  );
}

function infer(outcomes: RuleOutcome[], traits: TraitReport[], procedures = 10) {
  const levels = inferLevels(RUBRIC, outcomes, traits, procedures);
  const result = nextSteps(RUBRIC, outcomes, traits, levels, procedures);
  const shadow = inferLevels(RUBRIC, outcomes, traits, procedures, result.blocking).overall;
  return { levels, ...result, shadow };
}

describe('area levels', () => {
  it('an area whose only checks sit at level 5 is 0 or 5, never 4', () => {
    const failing = [rule('automation', 'Automation', 5, ['docs/a.md']), rule('metrics', 'Automation', 5)];
    expect(areaLevels(RUBRIC, failing, [], 10).areas.Automation).toBe(0);
    const holding = [rule('automation', 'Automation', 5), rule('metrics', 'Automation', 5)];
    expect(areaLevels(RUBRIC, holding, [], 10).areas.Automation).toBe(5);
  });

  it('levels where the area checks nothing neither raise it nor cap it', () => {
    // Coverage: checks at levels 2 and 4 only.
    const both = [rule('recurring', 'Coverage', 2), rule('assurance', 'Coverage', 4)];
    expect(areaLevels(RUBRIC, both, [], 10).areas.Coverage).toBe(5);
    const firstOnly = [rule('recurring', 'Coverage', 2), rule('assurance', 'Coverage', 4, ['x'])];
    expect(areaLevels(RUBRIC, firstOnly, [], 10).areas.Coverage).toBe(3);
    // Its first check fails: "not yet", not level 1 (it has nothing to check at level 1).
    const none = [rule('recurring', 'Coverage', 2, ['x']), rule('assurance', 'Coverage', 4)];
    expect(areaLevels(RUBRIC, none, [], 10).areas.Coverage).toBe(0);
  });

  it('a failing level gates every level above it, as for the documentation level', () => {
    const outcomes = [
      rule('owner', 'Ownership', 2),
      rule('owner', 'Ownership', 3, ['x']),
      rule('review-date', 'Ownership', 4),
    ];
    expect(areaLevels(RUBRIC, outcomes, [], 10).areas.Ownership).toBe(2);
  });

  it('business areas count only the levels where they have traits', () => {
    const traits = [
      trait('s1', 1, 'Service', true),
      trait('s2', 2, 'Service', false),
      // Strategy has no level-1 trait: its level-2 trait failing means "not yet", not 1.
      trait('st2', 2, 'Strategy', false),
      trait('st3', 3, 'Strategy', true),
      // Sales: levels 1 and 3 covered, level 5 not: 4 (it has traits at or below 4, and they all hold).
      trait('sa1', 1, 'Sales', true),
      trait('sa3', 3, 'Sales', true),
      trait('sa5', 5, 'Sales', false),
      // Only level-5 traits: 0 or 5.
      trait('v5', 5, 'Vendors', false),
      trait('i5', 5, 'Innovation', true),
    ];
    expect(areaLevels(RUBRIC, [], traits, 10).processAreas).toEqual({
      Service: 1,
      Strategy: 0,
      Sales: 4,
      Vendors: 0,
      Innovation: 5,
    });
  });

  it('a business level holds when the covered share reaches the trait share', () => {
    const traits = [trait('a', 2, 'Finance', true), trait('b', 2, 'Finance', true), trait('c', 2, 'Finance', false)];
    expect(areaLevels(RUBRIC, [], traits, 10).processAreas.Finance).toBe(5);
    traits[1] = trait('b', 2, 'Finance', false);
    expect(areaLevels(RUBRIC, [], traits, 10).processAreas.Finance).toBe(0);
  });

  it('no procedures: every area is 0', () => {
    const r = areaLevels(RUBRIC, [rule('owner', 'Ownership', 2)], [trait('a', 1, 'Service', true)], 0);
    expect(r).toEqual({ areas: { Ownership: 0 }, processAreas: { Service: 0 } });
  });

  it('in an audit, a repository without any automation shows Automation "not yet", not 4', () => {
    const files: Record<string, string> = { 'docs/README.md': '# KB\n\n' };
    for (let i = 0; i < 6; i++) {
      const text =
        goodSop(`Patching run ${i}`).replace(/^(automation|metrics):.*\n/gm, '') +
        `\nUnique words ${i} ${'y'.repeat(i + 1)}.\n`;
      files[`docs/sops/s${i}.md`] = text;
      files['docs/README.md'] += `- [S${i}](sops/s${i}.md)\n`;
    }
    const r = auditFiles(files);
    const automation = r.checks.filter((c) => c.area === 'Automation');
    expect(automation.length).toBeGreaterThan(0);
    expect(automation.every((c) => c.levels.every((l) => l.level === 5 && !l.holds))).toBe(true);
    expect(r.levels.areas.Automation).toBe(0);
  });
});

describe('next steps: both sides', () => {
  it('process side lower: both sides listed, labelled, and the sentence names the process side', () => {
    const r = infer(documentationUpTo(2), traitsCovering([0, 5, 5, 5, 5]));
    expect(r.levels).toMatchObject({ documentation: 2, process: 0, overall: 0 });
    expect(r.steps.map((s) => [s.side, s.level, s.id, s.documentsToFix])).toEqual([
      ['documentation', 3, 'check-3', 2],
      ['process', 1, 'traits-level-1', 3],
    ]);
    const doc = r.steps[0];
    expect(doc).toMatchObject({
      kind: 'check',
      passing: 8,
      total: 10,
      threshold: 0.8,
      paths: ['docs/a3.md', 'docs/b3.md'],
    });
    expect(r.steps[1].traits).toEqual(['t1-0', 't1-1', 't1-2', 't1-3', 't1-4']);
    expect(r.heldBack).toBe('Overall 0: no Beginning process is documented yet; documentation alone would be 2');
    // Only the side that holds the overall level counts for the shadow level.
    expect([...r.blocking]).toEqual(['traits-level-1']);
    expect(r.shadow).toBe(2);
  });

  it('process side lower with some coverage: the sentence says how many are documented and needed', () => {
    const r = infer(documentationUpTo(5), traitsCovering([5, 5, 1, 0, 0]));
    expect(r.levels).toMatchObject({ documentation: 5, process: 2, overall: 2 });
    expect(r.steps.map((s) => s.side)).toEqual(['process']);
    expect(r.heldBack).toBe(
      'Overall 2: only 1 of 5 Scaling processes is documented (3 needed); documentation alone would be 5',
    );
  });

  it('documentation side lower: the documentation blockers are not hidden by the higher process side', () => {
    const outcomes = [...documentationUpTo(1), rule('owner', 'Ownership', 2, ['docs/x.md'])];
    const r = infer(outcomes, traitsCovering([5, 5, 5, 1, 5]));
    expect(r.levels).toMatchObject({ documentation: 1, process: 3, overall: 1 });
    expect(r.steps.map((s) => [s.side, s.level, s.id, s.documentsToFix])).toEqual([
      ['documentation', 2, 'owner', 1],
      ['documentation', 2, 'check-2', 2],
      ['process', 4, 'traits-level-4', 2],
    ]);
    expect(r.heldBack).toBe(
      'Overall 1: the documentation does not reach Emerging yet (Title of owner and Title of check-2); process alone would be 3',
    );
    expect([...r.blocking].sort()).toEqual(['check-2@2', 'owner@2']);
    expect(r.shadow).toBe(2);
  });

  it('both sides equal: no sentence, both sides listed and both block the next level', () => {
    const r = infer(documentationUpTo(3), traitsCovering([5, 5, 5, 2, 0]));
    expect(r.levels).toMatchObject({ documentation: 3, process: 3, overall: 3 });
    expect(r.heldBack).toBeUndefined();
    expect(r.steps.map((s) => [s.side, s.level, s.id])).toEqual([
      ['process', 4, 'traits-level-4'],
      ['documentation', 4, 'check-4'],
    ]);
    expect([...r.blocking].sort()).toEqual(['check-4@4', 'traits-level-4']);
    expect(r.shadow).toBe(4);
  });

  it('orders the steps of both sides by how many documents must change, then level and side', () => {
    const outcomes = [...documentationUpTo(2), rule('owner', 'Ownership', 3, ['a', 'b', 'c', 'd', 'e', 'f'])];
    const r = infer(outcomes, traitsCovering([5, 0, 0, 0, 0]));
    expect(r.steps.map((s) => [s.id, s.documentsToFix])).toEqual([
      ['check-3', 2],
      ['traits-level-2', 3],
      ['owner', 6],
    ]);
  });

  it('a side at the top of the ladder has no steps; both at the top, none at all', () => {
    const docTop = infer(documentationUpTo(5), traitsCovering([5, 5, 5, 0, 0]));
    expect(docTop.steps.map((s) => s.side)).toEqual(['process']);
    const both = infer(documentationUpTo(5), traitsCovering([5, 5, 5, 5, 5]));
    expect(both.steps).toEqual([]);
    expect(both.heldBack).toBeUndefined();
  });

  it('the 5-document guard is a documentation step, and the sentence says so', () => {
    const r = infer(documentationUpTo(5), traitsCovering([5, 5, 5, 5, 0]), 3);
    expect(r.levels).toMatchObject({ documentation: 2, process: 4, overall: 2 });
    expect(r.steps.map((s) => [s.side, s.level, s.kind, s.documentsToFix])).toEqual([
      ['documentation', 3, 'guard', 2],
      ['process', 5, 'trait', 3],
    ]);
    expect(r.heldBack).toBe(
      'Overall 2: the documentation stays at 2 until there are at least 5 procedure documents (found 3); process alone would be 4',
    );
    expect([...r.blocking]).toEqual(['guard']);
  });

  it('no procedures: write the first SOP, and the Beginning processes to write', () => {
    const r = infer(
      [rule('sop-present', 'Knowledge base', 1, [], { holds: false, scope: 'workspace' })],
      traitsCovering([0, 0, 0, 0, 0]),
      0,
    );
    expect(r.steps.map((s) => [s.side, s.level, s.id])).toEqual([
      ['documentation', 1, 'sop-present'],
      ['process', 1, 'traits-level-1'],
    ]);
    expect(r.heldBack).toBeUndefined();
  });

  it('in an audit, the report carries the sides and the sentence', () => {
    // Five good SOPs about nothing the rubric's traits name: the documentation is fine, no process is documented.
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      const text = goodSop(`Quarterly widget polishing ${i}`).replace('category: Service desk', 'category: Widgets');
      files[`docs/sops/s${i}.md`] = `${text}\nUnique words ${i} ${'z'.repeat(i + 1)}.\n`;
    }
    const r = auditFiles(files);
    expect(r.levels.process).toBe(0);
    expect(r.levels.documentation).toBeGreaterThan(0);
    expect(r.levels.heldBack).toBe(
      `Overall 0: no Beginning process is documented yet; documentation alone would be ${r.levels.documentation}`,
    );
    expect(r.nextSteps.find((s) => s.id === 'traits-level-1')).toMatchObject({ side: 'process', level: 1 });
    for (const s of r.nextSteps.filter((x) => x.side === 'documentation'))
      expect(s.level).toBe(r.levels.documentation + 1);
  });
});
