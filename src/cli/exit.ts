/** Exit codes of the CLI and the rule that picks one from a report. */
import type { Report } from '../core/report/types';

export const EXIT_OK = 0;
/** The overall level is below `--min-level`. */
export const EXIT_BELOW_MIN_LEVEL = 1;
/** Usage, configuration, rubric or internal error. */
export const EXIT_ERROR = 2;

/**
 * The exit code of a finished audit: 1 when the overall level is below the
 * required minimum, else 0. Findings alone never fail the run; the level does,
 * so a team can adopt the tool before fixing every document.
 */
export function exitCodeFor(report: Pick<Report, 'levels'>, minLevel: number | undefined): number {
  if (minLevel !== undefined && report.levels.overall < minLevel) return EXIT_BELOW_MIN_LEVEL;
  return EXIT_OK;
}

/** With `--fail-on-missed-targets`: 1 when a target's date has passed and it is not met, else 0. */
export function missedTargetsExitCode(report: Pick<Report, 'targets'>): number {
  return report.targets?.some((t) => t.missed) ? EXIT_BELOW_MIN_LEVEL : EXIT_OK;
}
