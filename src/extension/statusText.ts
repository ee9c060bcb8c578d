/**
 * What the status bar says about a report: "$(checklist) OML 3 · 19 to L4".
 * Pure functions of the report, so that tests and the end-to-end API read
 * the same text the user sees. The count is the report's `nextLevel`
 * (documents to fix plus documents to write), the same numbers the panel
 * and the CLI print; nothing is recounted here.
 */
import type { Report } from '../core/report/types';
import {
  blockingSteps,
  nearestTarget,
  nextLevelCount,
  nextLevelSumNote,
  nextLevelWords,
  stepEffort,
  targetDaysWords,
  targetRemainingWords,
  targetStatusWords,
} from '../shared/numbers';
import { escapeMarkdown, levelName } from '../shared/summary';

type StatusReport = Pick<Report, 'levels' | 'nextSteps' | 'summary' | 'levelNames' | 'nextLevel' | 'targets'>;

/** The status bar text; `busy` while the first audit of the window runs. */
export function statusText(report: StatusReport | undefined, busy = false): string {
  if (!report) return busy ? '$(sync~spin) OML …' : '$(checklist) OML –';
  if (report.summary.procedures === 0) return '$(checklist) OML –';
  const base = `$(checklist) OML ${report.levels.overall}`;
  const next = report.nextLevel;
  const count = next ? nextLevelCount(next) : 0;
  const text = next === undefined || count === 0 ? base : `${base} · ${count} to L${next.level}`;
  // The nearest unmet target of `.sopmaturity.yml`: "L4 by Mar 31 · 12 to go".
  const target = nearestTarget(report.targets);
  return target ? `${text} · ${targetStatusWords(target)}` : text;
}

/** How many steps of a side that is not in the count the tooltip lists. */
const TOOLTIP_STEPS = 5;

/**
 * The status bar tooltip (Markdown): levels, why the overall level is held
 * back, what the count means, and the blockers of each side's next level,
 * each with the words the panel and the CLI use for it.
 */
export function statusTooltip(report: Report | undefined): string {
  if (!report) return 'SOP Maturity: no audit yet. Click to open the maturity panel.';
  if (report.summary.procedures === 0) {
    return 'SOP Maturity: no procedure documents found, so the level is not assessed. Click to open the maturity panel.';
  }
  const { levels } = report;
  const name = (level: number) => escapeMarkdown(levelName(report, level));
  const lines = [
    `**SOP Maturity — OML ${levels.overall} (${name(levels.overall)})**`,
    '',
    `Documentation level ${levels.documentation}, process level ${levels.process}; the overall level is the lower of the two.`,
    '',
  ];
  if (levels.heldBack) lines.push(`${escapeMarkdown(levels.heldBack)}.`, '');
  const next = report.nextLevel;
  if (next) {
    const words = nextLevelWords(next);
    lines.push(`${nextLevelCount(next)} to L${next.level}: ${escapeMarkdown(words)}.`);
    const note = nextLevelSumNote(next);
    if (note) lines.push('', escapeMarkdown(note));
    lines.push('');
  }
  const targets = report.targets ?? [];
  if (targets.length > 0) {
    lines.push('Targets:', '');
    for (const t of targets) {
      const trend = t.trend ? ` ${escapeMarkdown(t.trend.sentence)}` : '';
      lines.push(`- ${escapeMarkdown(t.title)} (${t.by}): ${targetDaysWords(t)}; ${targetRemainingWords(t)}.${trend}`);
    }
    lines.push('');
  }
  const counted = new Set(blockingSteps(report));
  for (const side of ['documentation', 'process'] as const) {
    const steps = report.nextSteps.filter((s) => s.side === side);
    if (steps.length === 0) continue;
    const notCounted = steps.every((s) => !counted.has(s));
    lines.push(
      `${side === 'documentation' ? 'Documentation' : 'Process'} → L${levels[side] + 1}${notCounted ? ' (above the overall level, not in the count)' : ''}:`,
      '',
    );
    // Every counted step is listed, so that its numbers add up to the count; the other side is cut short.
    const shown = notCounted ? steps.slice(0, TOOLTIP_STEPS) : steps;
    for (const step of shown) lines.push(`- ${escapeMarkdown(step.title)}: ${stepEffort(step)}`);
    if (steps.length > shown.length) lines.push(`- and ${steps.length - shown.length} more`);
    lines.push('');
  }
  lines.push('Click to open the maturity panel.');
  return lines.join('\n');
}
