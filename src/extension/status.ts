/**
 * What the status bar says about a report: "$(checklist) OML 3 · 12 to L4".
 * Pure functions of the report, so that tests and the end-to-end API read
 * the same text the user sees.
 */
import type { NextStep, Report } from '../core/types';
import { escapeMarkdown } from '../shared/summary';

/** How far the next level is. */
export interface NextLevelDistance {
  /** The level after the overall one, undefined at the top of the ladder. */
  next?: number;
  /** Existing documents that must change (each counted once, whatever it lacks). */
  toChange: number;
  /** Documents to write or share to cover (traits, workspace checks, the five-document guard). */
  toWrite: number;
}

/**
 * Documents between the report and its next level. A document blocked by
 * several checks is counted once; steps without documents to change (an
 * uncovered trait, a missing index, too few procedures) count their own
 * `documentsToFix`, which for them means documents to write. Only the side
 * that holds the overall level has steps at the next overall level; the
 * other side's steps (shown in the tooltip) would not raise it, so they are
 * not counted.
 */
export function nextLevelDistance(report: Pick<Report, 'levels' | 'nextSteps' | 'levelNames'>): NextLevelDistance {
  const top = topLevel(report);
  const overall = report.levels.overall;
  if (overall >= top) return { toChange: 0, toWrite: 0 };
  const next = overall + 1;
  const steps = report.nextSteps.filter((s) => s.level === next);
  const paths = new Set<string>();
  let toWrite = 0;
  for (const step of steps) {
    if (changesExistingDocuments(step)) for (const p of step.paths) paths.add(p);
    else toWrite += step.documentsToFix;
  }
  return { next, toChange: paths.size, toWrite };
}

/** The highest level of the report's rubric (5 for OML). */
function topLevel(report: Pick<Report, 'levelNames'>): number {
  const levels = Object.keys(report.levelNames).map(Number).filter(Number.isFinite);
  return levels.length > 0 ? Math.max(...levels) : 5;
}

function changesExistingDocuments(step: NextStep): boolean {
  return step.kind === 'check' && step.paths.length > 0;
}

/** The status bar text; `busy` while the first audit of the window runs. */
export function statusText(report: Pick<Report, 'levels' | 'nextSteps' | 'summary' | 'levelNames'> | undefined, busy = false): string {
  if (!report) return busy ? '$(sync~spin) OML …' : '$(checklist) OML –';
  if (report.summary.procedures === 0) return '$(checklist) OML –';
  const { next, toChange, toWrite } = nextLevelDistance(report);
  const base = `$(checklist) OML ${report.levels.overall}`;
  const count = toChange + toWrite;
  return next === undefined || count === 0 ? base : `${base} · ${count} to L${next}`;
}

/** How many steps of each side the tooltip lists. */
const TOOLTIP_STEPS = 5;

/**
 * The status bar tooltip (Markdown): levels, why the overall level is held
 * back, what the count means, and the blockers of each side's next level.
 */
export function statusTooltip(report: Report | undefined): string {
  if (!report) return 'SOP Maturity: no audit yet. Click to open the maturity panel.';
  if (report.summary.procedures === 0) {
    return 'SOP Maturity: no procedure documents found, so the level is not assessed. Click to open the maturity panel.';
  }
  const name = (level: number) => report.levelNames[String(level)] ?? '';
  const { levels } = report;
  const lines = [
    `**SOP Maturity — OML ${levels.overall}${name(levels.overall) ? ` (${name(levels.overall)})` : ''}**`,
    '',
    `Documentation level ${levels.documentation}, process level ${levels.process}; the overall level is the lower of the two.`,
    '',
  ];
  if (levels.heldBack) lines.push(`${escapeMarkdown(levels.heldBack)}.`, '');
  const { next, toChange, toWrite } = nextLevelDistance(report);
  if (next !== undefined) {
    lines.push(
      `To reach L${next}: ${toChange} existing document${toChange === 1 ? '' : 's'} to change` +
        ` (each counted once) and ${toWrite} to write or tag (uncovered processes, workspace checks).`,
      '',
    );
  }
  for (const side of ['documentation', 'process'] as const) {
    const steps = report.nextSteps.filter((s) => s.side === side);
    if (steps.length === 0) continue;
    lines.push(`${side === 'documentation' ? 'Documentation' : 'Process'} → L${levels[side] + 1}:`, '');
    for (const step of steps.slice(0, TOOLTIP_STEPS)) lines.push(`- ${escapeMarkdown(step.title)}: ${step.documentsToFix}`);
    if (steps.length > TOOLTIP_STEPS) lines.push(`- and ${steps.length - TOOLTIP_STEPS} more`);
    lines.push('');
  }
  lines.push('Click to open the maturity panel.');
  return lines.join('\n');
}

