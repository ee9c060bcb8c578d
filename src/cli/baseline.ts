/**
 * The CLI side of baselines: writing `sop-maturity baseline` files and
 * comparing an audit with one (`audit --baseline FILE`). Matching itself is
 * in core (`markBaseline`), so the extension can mark findings the same way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../node/atomic';
import { baselineCounts, createBaseline, markBaseline, parseBaseline } from '../core/report/baseline';
import type { Report } from '../core/report/types';
import { EXIT_BELOW_MIN_LEVEL, EXIT_OK } from './exit';

/** Where `sop-maturity baseline` writes, relative to the audited folder, when no --out is given. */
export const BASELINE_FILE = '.sopmaturity-baseline.json';

/** A baseline file that cannot be read or written; the run ends with exit code 2. */
export class BaselineFileError extends Error {
  override name = 'BaselineFileError';
}

/** Writes the baseline of `report` to `file` and returns a one-line summary for stderr. */
export function writeBaselineFile(report: Report, file: string, shown: string): string {
  const baseline = createBaseline(report);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, `${JSON.stringify(baseline, null, 2)}\n`, { cleanLeftovers: true });
  } catch (err) {
    throw new BaselineFileError(
      `${shown}: cannot write the baseline (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
    );
  }
  return `Wrote ${baseline.findings.length} ${baseline.findings.length === 1 ? 'finding' : 'findings'} to ${shown}.`;
}

/** The report with every finding marked new or known against the baseline in `file`. */
export function compareWithBaselineFile(report: Report, file: string, shown: string): Report {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? ': write one first with `sop-maturity baseline`' : '';
    throw new BaselineFileError(`${shown}: cannot read the baseline (${code ?? (err as Error).message})${hint}.`);
  }
  const parsed = parseBaseline(text);
  if ('error' in parsed) throw new BaselineFileError(`${shown}: ${parsed.error}.`);
  return markBaseline(report, parsed.baseline);
}

/** 1 when a report compared with a baseline has new findings: those, not the known ones, fail a build. */
export function newFindingsExitCode(report: Report): number {
  return baselineCounts(report).new > 0 ? EXIT_BELOW_MIN_LEVEL : EXIT_OK;
}
