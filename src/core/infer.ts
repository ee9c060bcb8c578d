/**
 * Level inference, exactly as RUBRIC.md says: gating over check rules for
 * the documentation level, trait coverage shares for the process level, the
 * lower of the two overall, per-area levels, next steps, the shadow level,
 * points and the 5-document guard.
 */
import type { NextStep, Rubric, SopDocument, TraitReport } from './types';
import type { RuleOutcome } from './evaluate';
import { matchWords } from './match';

export const MAX_LEVEL = 5;

/** Which traits procedure documents cover, with the evidence. */
export function traitCoverage(rubric: Rubric, procedures: readonly SopDocument[]): TraitReport[] {
  return rubric.traits.map((t) => {
    const evidence: TraitReport['evidence'] = [];
    for (const d of procedures) {
      if (d.meta.traits.includes(t.id)) evidence.push({ path: d.path, matched: t.id, field: 'traits' });
      else {
        const m = matchWords(d, t.words);
        if (m) evidence.push({ path: d.path, matched: m.word, field: m.field });
      }
    }
    return { id: t.id, title: t.title, level: t.level, area: t.area, covered: evidence.length > 0, evidence };
  });
}

/** Highest level L such that `holds(l)` for every l in 1..L. */
function gate(holds: (level: number) => boolean): number {
  let level = 0;
  while (level < MAX_LEVEL && holds(level + 1)) level++;
  return level;
}

/** Share of a level's traits that are covered; 1 when the level has none. */
function traitShare(traits: readonly TraitReport[], level: number): { covered: number; total: number } {
  const at = traits.filter((t) => t.level === level);
  return { covered: at.filter((t) => t.covered).length, total: at.length };
}

function traitLevelHolds(traits: readonly TraitReport[], level: number, share: number, forced: ReadonlySet<string>): boolean {
  if (forced.has(`traits-level-${level}`)) return true;
  const { covered, total } = traitShare(traits, level);
  return total === 0 || covered >= Math.ceil(share * total - 1e-9);
}

export interface Levels {
  documentation: number;
  process: number;
  overall: number;
  guard?: string;
}

/**
 * Documentation, process and overall levels. `forced` names rules
 * (`checkId@level`) and trait levels (`traits-level-N`) to treat as holding:
 * that is how the shadow level is computed.
 */
export function inferLevels(rubric: Rubric, outcomes: readonly RuleOutcome[], traits: readonly TraitReport[], procedures: number, forced: ReadonlySet<string> = new Set()): Levels {
  if (procedures === 0) return { documentation: 0, process: 0, overall: 0 };
  const holds = (o: RuleOutcome) => o.holds || forced.has(`${o.check.id}@${o.rule.level}`);
  let documentation = gate((l) => outcomes.filter((o) => o.rule.level === l).every(holds));
  const process = gate((l) => traitLevelHolds(traits, l, rubric.settings.traitShare, forced));
  let guard: string | undefined;
  const min = rubric.settings.minDocumentsAbove2;
  if (procedures < min && documentation > 2 && !forced.has('guard')) {
    guard = `Held at level 2: a level above 2 needs at least ${min} procedure documents (found ${procedures})`;
    documentation = 2;
  }
  return { documentation, process, overall: Math.min(documentation, process), ...(guard ? { guard } : {}) };
}

/** Level of each documentation area (check gating) and of each business area (trait gating). */
export function areaLevels(rubric: Rubric, outcomes: readonly RuleOutcome[], traits: readonly TraitReport[], procedures: number): { areas: Record<string, number>; processAreas: Record<string, number> } {
  const areas: Record<string, number> = {};
  const processAreas: Record<string, number> = {};
  const checkAreas = [...new Set(outcomes.map((o) => o.check.area))];
  for (const area of checkAreas) {
    const mine = outcomes.filter((o) => o.check.area === area);
    areas[area] = procedures === 0 ? 0 : gate((l) => mine.filter((o) => o.rule.level === l).every((o) => o.holds));
  }
  const traitAreas = [...new Set(traits.map((t) => t.area))];
  for (const area of traitAreas) {
    const mine = traits.filter((t) => t.area === area);
    processAreas[area] = procedures === 0 ? 0 : gate((l) => traitLevelHolds(mine, l, rubric.settings.traitShare, new Set()));
  }
  return { areas, processAreas };
}

/** Share (0..1) of all requirements met: every check rule and every trait counts once. */
export function points(outcomes: readonly RuleOutcome[], traits: readonly TraitReport[]): number {
  const total = outcomes.length + traits.length;
  if (total === 0) return 0;
  return (outcomes.filter((o) => o.holds).length + traits.filter((t) => t.covered).length) / total;
}

/**
 * What stops the next level: failing check rules and trait levels at or
 * below it, each with how many documents must change, fewest first.
 */
export function nextSteps(rubric: Rubric, outcomes: readonly RuleOutcome[], traits: readonly TraitReport[], levels: Levels, procedures: number): { steps: NextStep[]; blocking: Set<string> } {
  const target = levels.overall + 1;
  const blocking = new Set<string>();
  const steps: NextStep[] = [];
  if (target > MAX_LEVEL) return { steps, blocking };
  if (procedures === 0) {
    const sop = outcomes.find((o) => o.check.id === 'sop-present');
    steps.push({ level: 1, kind: 'check', id: 'sop-present', check: 'sop-present', title: sop?.check.title ?? 'Procedures exist', hint: sop?.check.hint ?? 'Write one recurring task down as an SOP', documentsToFix: 1, paths: [] });
    blocking.add('sop-present@1');
    return { steps, blocking };
  }
  for (const o of outcomes) {
    if (o.holds || o.rule.level > target || levels.documentation >= target) continue;
    blocking.add(`${o.check.id}@${o.rule.level}`);
    const doc = o.check.scope === 'document';
    steps.push({
      level: o.rule.level,
      kind: 'check',
      id: o.check.id,
      check: o.check.id,
      title: o.check.title,
      hint: doc ? o.check.hint : `${o.detail ?? ''}`.trim() || o.check.hint,
      documentsToFix: o.documentsToFix,
      ...(doc ? { passing: o.passing, total: o.total, threshold: o.rule.threshold } : {}),
      paths: o.failing,
    });
  }
  if (levels.process < target) {
    for (let l = 1; l <= target; l++) {
      if (traitLevelHolds(traits, l, rubric.settings.traitShare, new Set())) continue;
      blocking.add(`traits-level-${l}`);
      const { covered, total } = traitShare(traits, l);
      const needed = Math.ceil(rubric.settings.traitShare * total - 1e-9);
      const uncovered = traits.filter((t) => t.level === l && !t.covered);
      const name = rubric.levels.find((x) => x.level === l)?.name ?? `level ${l}`;
      steps.push({
        level: l,
        kind: 'trait',
        id: `traits-level-${l}`,
        title: `Document more ${name} processes`,
        hint: `${covered} of ${total} level-${l} processes have an SOP, ${needed} needed: write SOPs for ${uncovered.map((t) => t.title).join(', ')}.`,
        documentsToFix: needed - covered,
        passing: covered,
        total,
        threshold: rubric.settings.traitShare,
        paths: [],
        traits: uncovered.map((t) => t.id),
      });
    }
  }
  if (levels.guard && target > 2) {
    blocking.add('guard');
    const min = rubric.settings.minDocumentsAbove2;
    steps.push({ level: 3, kind: 'guard', id: 'min-documents', title: 'Enough procedures to judge', hint: levels.guard, documentsToFix: min - procedures, paths: [] });
  }
  steps.sort((a, b) => a.documentsToFix - b.documentsToFix || a.level - b.level || a.id.localeCompare(b.id));
  return { steps, blocking };
}
