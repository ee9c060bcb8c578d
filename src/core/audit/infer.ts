/**
 * Level inference, exactly as RUBRIC.md says: gating over check rules for
 * the documentation level, trait coverage shares for the process level, the
 * lower of the two overall, per-area levels, next steps, the level within
 * reach (`levels.shadow` in the report), points and the 5-document guard.
 */
import type { SopDocument } from '../parse/facts';
import type { DocumentReport, NextLevelReport, NextStep, TraitReport } from '../report/types';
import type { Rubric } from '../rubric/types';
import type { RuleOutcome } from './evaluate';
import { matchWords } from './match';

export const MAX_LEVEL = 5;

/** Which traits procedure documents cover, with the evidence. */
export function traitCoverage(rubric: Rubric, procedures: readonly SopDocument[]): TraitReport[] {
  return rubric.traits.map((t) => {
    const evidence: TraitReport['evidence'] = [];
    for (const d of procedures) {
      // A stub (an empty template copy) documents no process.
      if (d.stub) continue;
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

function traitLevelHolds(
  traits: readonly TraitReport[],
  level: number,
  share: number,
  forced: ReadonlySet<string>,
): boolean {
  if (forced.has(`traits-level-${level}`)) return true;
  const { covered, total } = traitShare(traits, level);
  return total === 0 || covered >= neededTraits(share, total);
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
 * that is how the level within reach is computed.
 */
export function inferLevels(
  rubric: Rubric,
  outcomes: readonly RuleOutcome[],
  traits: readonly TraitReport[],
  procedures: number,
  forced: ReadonlySet<string> = new Set(),
): Levels {
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

/**
 * The level of one area: the highest L such that the area has something to
 * check at a level <= L and everything it checks at levels <= L holds; 0
 * ("not yet") when its first level fails. `checked` lists the levels where
 * the area has a check (or trait), `holds` says whether all of them hold at
 * one such level. Levels where the area checks nothing neither raise nor cap
 * it on their own, so an area whose only checks sit at level 5 is 0 or 5:
 * an area never shows a level it has nothing to check at or below.
 */
function areaLevel(checked: ReadonlySet<number>, holds: (level: number) => boolean): number {
  let level = 0;
  let started = false;
  for (let l = 1; l <= MAX_LEVEL; l++) {
    if (checked.has(l)) {
      if (!holds(l)) break;
      started = true;
    }
    if (started) level = l;
  }
  return level;
}

/**
 * Level of each documentation area (gating over that area's check rules)
 * and of each business area (gating over its traits: a level holds when the
 * covered share of the area's traits at that level reaches `traitShare`),
 * as RUBRIC.md's "Area levels" defines them. No procedures: every area 0.
 */
export function areaLevels(
  rubric: Rubric,
  outcomes: readonly RuleOutcome[],
  traits: readonly TraitReport[],
  procedures: number,
): { areas: Record<string, number>; processAreas: Record<string, number> } {
  const areas: Record<string, number> = {};
  const processAreas: Record<string, number> = {};
  for (const area of new Set(outcomes.map((o) => o.check.area))) {
    const mine = outcomes.filter((o) => o.check.area === area);
    const checked = new Set(mine.map((o) => o.rule.level));
    areas[area] = procedures === 0 ? 0 : areaLevel(checked, (l) => mine.every((o) => o.rule.level !== l || o.holds));
  }
  for (const area of new Set(traits.map((t) => t.area))) {
    const mine = traits.filter((t) => t.area === area);
    const checked = new Set(mine.map((t) => t.level));
    processAreas[area] =
      procedures === 0 ? 0 : areaLevel(checked, (l) => traitLevelHolds(mine, l, rubric.settings.traitShare, new Set()));
  }
  return { areas, processAreas };
}

/** Share (0..1) of all requirements met: every check rule and every trait counts once. */
export function points(outcomes: readonly RuleOutcome[], traits: readonly TraitReport[]): number {
  const total = outcomes.length + traits.length;
  if (total === 0) return 0;
  return (outcomes.filter((o) => o.holds).length + traits.filter((t) => t.covered).length) / total;
}

/** The steps of a report and what they say about the levels. */
export interface NextStepsResult {
  /** Blockers of documentation + 1 and of process + 1, fewest documents to change first. */
  steps: NextStep[];
  /**
   * Keys (`checkId@level`, `traits-level-N`, `guard`) of the steps that block
   * the next overall level, for the level within reach: the steps of the side that
   * holds the overall level (both sides when they are equal). The other
   * side's steps are shown too, but they cannot raise the overall level on
   * their own (that side is already above it), so forcing them would only
   * make the level within reach read "what if everything listed were done".
   */
  blocking: Set<string>;
  /** Which side holds the overall level back and why, when the sides differ. */
  heldBack?: string;
  /** The distance to the next overall level, summed over the blocking steps; undefined at the top. */
  nextLevel?: NextLevelReport;
}

/**
 * What stops the next level on each side: the failing check rules (and the
 * 5-document guard) of documentation + 1, and the trait levels of process +
 * 1, each labelled with its side and level, with how many documents must
 * change (or traits be documented), fewest first.
 */
export function nextSteps(
  rubric: Rubric,
  outcomes: readonly RuleOutcome[],
  traits: readonly TraitReport[],
  levels: Levels,
  procedures: number,
): NextStepsResult {
  const steps: NextStep[] = [];
  const blocking = new Set<string>();
  const add = (step: NextStep, key: string) => {
    const sideLevel = step.side === 'documentation' ? levels.documentation : levels.process;
    const blocksOverall = procedures === 0 || sideLevel === levels.overall;
    steps.push({ ...step, blocksOverall });
    if (blocksOverall) blocking.add(key);
  };
  if (procedures === 0) add(sopPresentStep(outcomes), 'sop-present@1');
  else if (levels.documentation < MAX_LEVEL) {
    for (const step of documentationSteps(rubric, outcomes, levels, procedures, levels.documentation + 1))
      add(step, step.kind === 'guard' ? 'guard' : `${step.id}@${step.level}`);
  }
  if (levels.process < MAX_LEVEL) {
    for (const step of processSteps(rubric, traits, levels.process + 1)) add(step, step.id);
  }
  steps.sort(
    (a, b) =>
      a.documentsToFix - b.documentsToFix ||
      a.level - b.level ||
      a.side.localeCompare(b.side) ||
      a.id.localeCompare(b.id),
  );
  const held = heldBack(rubric, levels, traits, steps, procedures);
  const next = levels.overall < MAX_LEVEL ? nextLevelReport(levels.overall + 1, steps) : undefined;
  return { steps, blocking, ...(held ? { heldBack: held } : {}), ...(next ? { nextLevel: next } : {}) };
}

/** The step of a workspace without procedures: write the first one. */
function sopPresentStep(outcomes: readonly RuleOutcome[]): NextStep {
  const sop = outcomes.find((o) => o.check.id === 'sop-present');
  return {
    side: 'documentation',
    level: 1,
    kind: 'check',
    id: 'sop-present',
    check: 'sop-present',
    title: sop?.check.title ?? 'Procedures exist',
    hint: sop?.check.hint ?? 'Write one recurring task down as an SOP',
    documentsToFix: 1,
    paths: [],
  };
}

/** The failing check rules of levels up to `target`, and the five-document guard when it holds `target` back. */
function documentationSteps(
  rubric: Rubric,
  outcomes: readonly RuleOutcome[],
  levels: Levels,
  procedures: number,
  target: number,
): NextStep[] {
  const steps: NextStep[] = [];
  for (const o of outcomes) {
    if (o.holds || o.rule.level > target) continue;
    const doc = o.check.scope === 'document';
    steps.push({
      side: 'documentation',
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
  if (levels.guard && target > 2) {
    steps.push({
      side: 'documentation',
      level: target,
      kind: 'guard',
      id: 'min-documents',
      title: 'Enough procedures to judge',
      hint: levels.guard,
      documentsToFix: rubric.settings.minDocumentsAbove2 - procedures,
      paths: [],
    });
  }
  return steps;
}

/** The trait levels up to `target` whose covered share falls short, with the uncovered traits. */
function processSteps(rubric: Rubric, traits: readonly TraitReport[], target: number): NextStep[] {
  const steps: NextStep[] = [];
  for (let l = 1; l <= target; l++) {
    if (traitLevelHolds(traits, l, rubric.settings.traitShare, new Set())) continue;
    const { covered, total } = traitShare(traits, l);
    const needed = neededTraits(rubric.settings.traitShare, total);
    const uncovered = traits.filter((t) => t.level === l && !t.covered);
    steps.push({
      side: 'process',
      level: l,
      kind: 'trait',
      id: `traits-level-${l}`,
      title: `Document more ${levelNameOf(rubric, l)} processes`,
      hint: `${covered} of ${total} level-${l} processes have an SOP, ${needed} needed: write SOPs for ${uncovered.map((t) => t.title).join(', ')}.`,
      documentsToFix: needed - covered,
      passing: covered,
      total,
      threshold: rubric.settings.traitShare,
      paths: [],
      traits: uncovered.map((t) => t.id),
    });
  }
  return steps;
}

/**
 * The distance from the current levels to an arbitrary overall `level` (a target's): every step on either side
 * below it, summed as `nextLevel` sums the blocking steps, with the uncovered traits to document. Zero when the
 * overall level is already there. For `level` = overall + 1 it agrees with `nextLevel`.
 */
export function distanceToLevel(
  rubric: Rubric,
  outcomes: readonly RuleOutcome[],
  traits: readonly TraitReport[],
  levels: Levels,
  procedures: number,
  level: number,
): NextLevelReport & { traits: string[] } {
  const steps: NextStep[] = [];
  if (levels.overall < level) {
    if (procedures === 0) steps.push(sopPresentStep(outcomes));
    else if (levels.documentation < level)
      steps.push(...documentationSteps(rubric, outcomes, levels, procedures, level));
    if (levels.process < level) steps.push(...processSteps(rubric, traits, level));
  }
  const distance = nextLevelReport(
    level,
    steps.map((s) => ({ ...s, blocksOverall: true })),
  );
  return { ...distance, traits: steps.flatMap((s) => s.traits ?? []) };
}

/**
 * True when a step asks to change existing documents (a check with
 * documents listed) rather than to write new ones (an uncovered process, a
 * workspace check with nothing listed, the five-document guard). The views
 * word a step with the same rule (`stepFixesDocuments` in src/shared/numbers.ts;
 * test/unit/numbers-agree.test.ts holds the two together).
 */
function changesExistingDocuments(step: NextStep): boolean {
  return step.kind === 'check' && step.paths.length > 0;
}

/** The distance to `level` (the overall level + 1): sums over the steps that block it. */
function nextLevelReport(level: number, steps: readonly NextStep[]): NextLevelReport {
  let documentsToFix = 0;
  let documentsToWrite = 0;
  const failing = new Set<string>();
  for (const step of steps) {
    if (!step.blocksOverall) continue;
    if (changesExistingDocuments(step)) {
      documentsToFix += step.documentsToFix;
      for (const p of step.paths) failing.add(p);
    } else documentsToWrite += step.documentsToFix;
  }
  return { level, documentsToFix, documentsToWrite, failingDocuments: failing.size };
}

/** Per check id: the distinct documents with a finding of that check (`CheckReport.documentsWithFindings`). */
export function documentsWithFindings(documents: readonly DocumentReport[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of documents) {
    for (const check of new Set(d.findings.map((f) => f.check))) out.set(check, (out.get(check) ?? 0) + 1);
  }
  return out;
}

/** Traits of a level with `total` traits that must be covered for it to hold (the epsilon keeps 0.6 × 5 at 3). */
function neededTraits(share: number, total: number): number {
  return Math.ceil(share * total - 1e-9);
}

function levelNameOf(rubric: Rubric, level: number): string {
  return rubric.levels.find((x) => x.level === level)?.name ?? `level ${level}`;
}

/** "a", "a and b", "a, b and c". */
function joinList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * One sentence saying which side holds the overall level below the other and
 * why ("Overall 0: no Beginning process is documented yet; documentation
 * alone would be 1"); undefined when the two sides agree.
 */
function heldBack(
  rubric: Rubric,
  levels: Levels,
  traits: readonly TraitReport[],
  steps: readonly NextStep[],
  procedures: number,
): string | undefined {
  const { overall, documentation, process } = levels;
  if (procedures === 0 || documentation === process) return undefined;
  if (process < documentation) {
    const next = process + 1;
    const name = levelNameOf(rubric, next);
    const { covered, total } = traitShare(traits, next);
    const why =
      covered === 0
        ? `no ${name} process is documented yet`
        : `only ${covered} of ${total} ${name} processes ${covered === 1 ? 'is' : 'are'} documented (${neededTraits(rubric.settings.traitShare, total)} needed)`;
    return `Overall ${overall}: ${why}; documentation alone would be ${documentation}`;
  }
  const next = documentation + 1;
  const checks = steps.filter((s) => s.side === 'documentation' && s.kind === 'check').map((s) => s.title);
  const why =
    levels.guard && checks.length === 0
      ? `the documentation stays at 2 until there are at least ${rubric.settings.minDocumentsAbove2} procedure documents (found ${procedures})`
      : `the documentation does not reach ${levelNameOf(rubric, next)} yet (${joinList(checks)})`;
  return `Overall ${overall}: ${why}; process alone would be ${process}`;
}
