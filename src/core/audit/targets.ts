/**
 * Targets (`.sopmaturity.yml` `targets:`): where the workspace stands against each one as of the audit date, and,
 * from points the shell samples in the git history, whether the trend reaches it in time. Pure.
 */
import type { TargetConfig } from '../config/types';
import { addDays, dayNumber, daysBetween } from '../dates';
import type { CheckReport, TargetReport, TraitReport } from '../report/types';
import type { Rubric } from '../rubric/types';
import type { RuleOutcome } from './evaluate';
import { distanceToLevel, type Levels } from './infer';

/** What a target is measured against: the pieces of one report. */
export interface TargetInput {
  rubric: Rubric;
  outcomes: readonly RuleOutcome[];
  traits: readonly TraitReport[];
  levels: Levels;
  procedures: number;
  checks: readonly CheckReport[];
  asOf: string;
}

/** The title a target gets when its configuration gives none ("Level 4 by 2027-03-31", "80% pass checklist by …"). */
export function targetTitle(t: TargetConfig): string {
  if (t.title) return t.title;
  return t.level !== undefined
    ? `Level ${t.level} by ${t.by}`
    : `${Math.round((t.share ?? 0) * 100)}% pass ${t.check ?? '?'} by ${t.by}`;
}

/** Procedures (of `total`) that must pass for `share` to hold (the epsilon keeps 0.6 × 5 at 3). */
function neededPassing(share: number, total: number): number {
  return Math.ceil(share * total - 1e-9);
}

/** A check's passing procedures: the stats of its lowest level (`checks[].levels[0]`); none when it is not run. */
export function checkShare(checks: readonly CheckReport[], id: string): { passing: number; total: number } {
  const stats = checks.find((c) => c.id === id)?.levels[0];
  return stats ? { passing: stats.passing, total: stats.total } : { passing: 0, total: 0 };
}

/** Each target of the configuration, in its order, measured against one report. */
export function evaluateTargets(targets: readonly TargetConfig[], input: TargetInput): TargetReport[] {
  return targets.map((t) => {
    const daysLeft = daysBetween(input.asOf, t.by);
    const common = { title: targetTitle(t), by: t.by, ...(t.owner ? { owner: t.owner } : {}), daysLeft };
    if (t.level !== undefined) {
      const met = input.levels.overall >= t.level;
      const d = distanceToLevel(input.rubric, input.outcomes, input.traits, input.levels, input.procedures, t.level);
      return {
        ...common,
        kind: 'level' as const,
        level: t.level,
        met,
        current: input.levels.overall,
        remaining: {
          documentsToFix: d.documentsToFix,
          documentsToWrite: d.documentsToWrite,
          traits: d.traits,
        },
        missed: !met && daysLeft < 0,
      };
    }
    const share = t.share ?? 1;
    const check = t.check ?? '';
    // A check switched off is not in the report: nothing passes it. A check with nothing to check holds.
    const known = input.checks.some((c) => c.id === check);
    const { passing, total } = checkShare(input.checks, check);
    const current = !known ? 0 : total === 0 ? 1 : passing / total;
    const toFix = total === 0 ? 0 : Math.max(0, neededPassing(share, total) - passing);
    const met = known && toFix === 0;
    return {
      ...common,
      kind: 'check' as const,
      check,
      share,
      met,
      current: Math.round(current * 1000) / 1000,
      remaining: { documentsToFix: toFix },
      missed: !met && daysLeft < 0,
    };
  });
}

/** One sampled point of a trend: a day and the level (or share) measured on it. */
export interface TrendPoint {
  date: string;
  value: number;
}

/** A linear fit of the points over days: value = slope × day + intercept; undefined with fewer than two days. */
export function linearFit(points: readonly TrendPoint[]): { slope: number; intercept: number } | undefined {
  const xs = points.map((p) => dayNumber(p.date));
  if (new Set(xs).size < 2) return undefined;
  const n = points.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = points.reduce((a, p) => a + p.value, 0) / n;
  let sxy = 0;
  let sxx = 0;
  points.forEach((p, i) => {
    sxy += (xs[i] - mx) * (p.value - my);
    sxx += (xs[i] - mx) ** 2;
  });
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Whether the trend of `points` (oldest first, the last one being now) reaches `goal` by `by`: a linear
 * extrapolation of the value over the sampled days. A target already met is on track; a flat or falling trend
 * below the goal is not. `share` words the values as percentages.
 */
export function extrapolateTrend(
  points: readonly TrendPoint[],
  goal: number,
  by: string,
  share = false,
): NonNullable<TargetReport['trend']> {
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const since = sorted[0]?.date ?? by;
  const word = (v: number) => (share ? `${Math.round(v * 100)}%` : `${Math.floor(v + 1e-9)}`);
  const what = share ? 'the share' : 'the overall level';
  const first = sorted[0]?.value ?? 0;
  const last = sorted[sorted.length - 1]?.value ?? 0;
  const lastDate = sorted[sorted.length - 1]?.date ?? since;
  const moved =
    first === last ? `${what} stayed at ${word(last)}` : `${what} went from ${word(first)} to ${word(last)}`;
  if (last >= goal - 1e-9) return { onTrack: true, since, sentence: `Met: ${moved} since ${since}.` };
  const fit = linearFit(sorted);
  if (!fit || fit.slope <= 0)
    return {
      onTrack: false,
      since,
      sentence: `Off track: ${moved} since ${since}; at this pace it does not reach ${word(goal)} by ${by}.`,
    };
  // From the last point, at the fitted pace: the day the goal is reached.
  const days = Math.ceil((goal - last) / fit.slope);
  const reached = addDays(lastDate, days);
  const onTrack = reached <= by;
  return {
    onTrack,
    since,
    sentence:
      `${onTrack ? 'On track' : 'Off track'}: ${moved} since ${since}; ` +
      `at this pace it reaches ${word(goal)} around ${reached}, ${onTrack ? 'before' : 'after'} ${by}.`,
  };
}
