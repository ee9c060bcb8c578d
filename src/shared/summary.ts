/**
 * Summaries of a report for people: the Markdown the panel's "Copy as
 * Markdown" puts on the clipboard (for a ticket or a QBR slide), and the
 * per-business-area trait coverage the panel charts. Pure functions of the
 * report; nothing here re-reads documents.
 */
import type { Report, TraitReport } from '../core/report/types';
import { markdownCodeSpan, renderCodeSpans } from './code';
import { percent, plural } from './text';
import {
  nextLevelCount,
  nextLevelSumNote,
  nextLevelWords,
  stepDocuments,
  stepEffort,
  WITHIN_REACH_MEANS,
} from './numbers';

export { percent };

/** The five business areas of the OML framework, in the order people know them. */
const BUSINESS_AREA_ORDER = ['Service', 'Sales', 'Strategy', 'Compensation', 'Financial Management'];

/** The rungs of the OML ladder, used when a report does not carry its own names. */
export const DEFAULT_LEVEL_NAMES: Readonly<Record<number, string>> = {
  1: 'Beginning',
  2: 'Emerging',
  3: 'Scaling',
  4: 'Optimizing',
  5: 'Innovating',
};

/**
 * The name of `level` in this report ("Scaling"), the same in the panel,
 * the status bar and the CLI. Level 0 has two meanings: "not assessed" when
 * there is no procedure document at all, else "below Beginning" (procedures
 * exist but level 1 is not met).
 */
export function levelName(report: Pick<Report, 'levelNames' | 'summary'>, level: number): string {
  if (level <= 0) return report.summary.procedures === 0 ? 'not assessed' : `below ${levelName(report, 1)}`;
  return report.levelNames?.[String(level)] ?? DEFAULT_LEVEL_NAMES[level] ?? `Level ${level}`;
}

/** Coverage of one business area: traits covered per level and in total. */
export interface AreaCoverage {
  area: string;
  covered: number;
  total: number;
  /** Index 0 is level 1. Levels without traits have `total` 0. */
  byLevel: { level: number; covered: number; total: number }[];
  traits: TraitReport[];
}

/** The levels a report grades, taken from its level names (1..5 for OML). */
export function reportLevels(report: Report): number[] {
  const levels = Object.keys(report.levelNames)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 1)
    .sort((a, b) => a - b);
  return levels.length > 0 ? levels : [1, 2, 3, 4, 5];
}

/**
 * Groups the report's traits by business area, known areas first in OML
 * order, then any other area a custom rubric uses, alphabetically.
 */
export function traitCoverage(report: Report): AreaCoverage[] {
  const levels = reportLevels(report);
  const byArea = new Map<string, TraitReport[]>();
  for (const trait of report.traits) {
    const list = byArea.get(trait.area) ?? [];
    list.push(trait);
    byArea.set(trait.area, list);
  }
  const rank = (area: string): number => {
    const i = BUSINESS_AREA_ORDER.indexOf(area);
    return i === -1 ? BUSINESS_AREA_ORDER.length : i;
  };
  return [...byArea.keys()]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((area) => {
      const traits = byArea.get(area) ?? [];
      return {
        area,
        covered: traits.filter((t) => t.covered).length,
        total: traits.length,
        byLevel: levels.map((level) => {
          const atLevel = traits.filter((t) => t.level === level);
          return { level, covered: atLevel.filter((t) => t.covered).length, total: atLevel.length };
        }),
        traits,
      };
    });
}

/** Escapes text so Markdown renders it literally (titles and paths come from documents). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/**
 * The Markdown summary of a report: levels, points, next steps, areas and
 * process coverage, in a form that pastes well into a ticket or a slide.
 * Every string that comes from a document or the rubric is escaped.
 */
export function summaryMarkdown(report: Report): string {
  const { levels } = report;
  const name = (n: number): string => escapeMarkdown(levelName(report, n));
  const out: string[] = [];

  out.push(`## SOP maturity: level ${levels.overall} (${name(levels.overall)})`, '');
  out.push(
    `_${escapeMarkdown(report.label)}_ · as of ${escapeMarkdown(report.asOf)} · rubric ${escapeMarkdown(report.rubric.title)}`,
    '',
  );
  out.push('| | Level |', '|---|---|');
  out.push(`| Overall | ${levels.overall} ${name(levels.overall)} |`);
  out.push(`| Documentation | ${levels.documentation} ${name(levels.documentation)} |`);
  out.push(`| Process | ${levels.process} ${name(levels.process)} |`, '');

  const facts = [`${percent(levels.points)} of requirements met`];
  if (levels.shadow > levels.overall) facts.push(`level ${levels.shadow} within reach (${WITHIN_REACH_MEANS})`);
  out.push(`${facts.join('; ')}.`);
  const s = report.summary;
  out.push(
    `${plural(s.procedures, 'procedure document')} of ${plural(s.documents, 'Markdown document')}; ` +
      `${plural(s.findings, 'finding')}; ${plural(s.exemptedDocuments, 'document')} using exemptions.`,
  );
  if (levels.guard) out.push('', `> ${escapeMarkdown(levels.guard)}`);
  if (levels.heldBack) out.push('', `> ${escapeMarkdown(levels.heldBack)}.`);

  if (report.nextSteps.length > 0) {
    out.push('', `### Next steps`);
    const next = report.nextLevel;
    if (next) {
      const note = nextLevelSumNote(next);
      out.push(
        '',
        `**${nextLevelCount(next)} to level ${next.level}:** ${escapeMarkdown(nextLevelWords(next))}.${note ? ` ${escapeMarkdown(note)}` : ''}`,
        '',
      );
    }
    report.nextSteps.forEach((step, i) => {
      const parts = [`${i + 1}. **${escapeMarkdown(step.title)}** (${step.side}, level ${step.level})`];
      const trait = step.kind === 'trait';
      if (step.documentsToFix > 0) parts.push(` — ${stepEffort(step)}`);
      if (step.kind === 'check' && step.paths.length > 0) parts.push(`; ${stepDocuments(step)}`);
      if (step.total && step.passing !== undefined && step.threshold !== undefined) {
        parts.push(
          ` (${percent(step.passing / step.total)} ${trait ? 'covered' : 'pass'}, ${percent(step.threshold)} needed)`,
        );
      }
      parts.push(`. ${renderCodeSpans(step.hint, escapeMarkdown, (code) => markdownCodeSpan(code))}`);
      out.push(parts.join(''));
    });
  }

  const areas = Object.entries(levels.areas);
  if (areas.length > 0) {
    out.push('', '### Documentation areas');
    // An area at 0 has not passed its first check yet ("not yet", as RUBRIC.md words it).
    for (const [area, level] of areas)
      out.push(`- ${escapeMarkdown(area)}: level ${level} (${level > 0 ? name(level) : 'not yet'})`);
  }

  const coverage = traitCoverage(report);
  if (coverage.length > 0) {
    out.push('', '### Process coverage');
    for (const c of coverage) out.push(`- ${escapeMarkdown(c.area)}: ${c.covered} of ${c.total} traits documented`);
  }

  out.push('', `_Generated by ${report.tool.name} ${escapeMarkdown(report.tool.version)}._`, '');
  return out.join('\n');
}
