/**
 * The trend of each target from the git history: the audit of one commit a week over the last 90 days (the history
 * engine, as `sop-maturity history` runs it), plus the audit of today, extrapolated linearly to the target's date.
 * Bounded: at most 13 sampled commits, whose facts are parsed once per blob.
 */
import { extrapolateTrend, type TrendPoint } from '../core/audit/targets';
import type { SopConfig } from '../core/config/types';
import type { Report } from '../core/report/types';
import type { Rubric } from '../core/rubric/types';
import { computeHistory, type HistoryPoint } from '../node/history';

/** How far back the trend looks. */
export const TREND_SINCE = '90.days';

export interface TrendInput {
  root: string;
  config: SopConfig;
  rubric: Rubric;
  /** The present moment, for the sampling boundaries (tests pin it). */
  now?: Date;
}

/**
 * The report with `trend` set on each target, or the report unchanged when it has no targets or the folder is not
 * in a git repository with commits (`unavailable` says why).
 */
export async function withTargetTrends(
  report: Report,
  input: TrendInput,
): Promise<{ report: Report; unavailable?: string; ms: number; samples: number }> {
  const started = Date.now();
  const targets = report.targets ?? [];
  if (targets.length === 0) return { report, ms: 0, samples: 0 };
  const checks = [...new Set(targets.flatMap((t) => (t.check ? [t.check] : [])))];
  const history = await computeHistory({
    root: input.root,
    since: TREND_SINCE,
    every: 'week',
    current: { config: input.config, rubric: input.rubric },
    checks,
    ...(input.now ? { now: input.now } : {}),
  });
  if ('unavailable' in history)
    return { report, unavailable: history.unavailable, ms: Date.now() - started, samples: 0 };
  const withTrend = targets.map((t) => {
    const value = (p: HistoryPoint) => (t.kind === 'level' ? p.overall : (p.shares?.[t.check ?? ''] ?? 0));
    // The sampled commits, then today's audit (the working tree) as the last point.
    const points: TrendPoint[] = [
      ...history.filter((p) => p.date < report.asOf).map((p) => ({ date: p.date, value: value(p) })),
      { date: report.asOf, value: t.current },
    ];
    const goal = t.kind === 'level' ? (t.level ?? 0) : (t.share ?? 1);
    return { ...t, trend: extrapolateTrend(points, goal, t.by, t.kind === 'check') };
  });
  return { report: { ...report, targets: withTrend }, ms: Date.now() - started, samples: history.length };
}
