/**
 * `sop-maturity history`: the maturity of the repository at one commit per
 * month or week, as a table, JSON or CSV. The sampling and the audits are
 * the core's `computeHistory`; this module only words and writes the result.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../node/atomic';
import { computeHistory, type HistoryPoint } from '../node/history';
import type { SopConfig } from '../core/config/types';
import type { Rubric } from '../core/rubric/types';
import type { HistoryCliOptions } from './args';
import { EXIT_ERROR, EXIT_OK } from './exit';

/** What `runHistory` needs from the shell around it. */
export interface HistoryRun {
  root: string;
  options: HistoryCliOptions;
  /** The configuration and rubric for commits that have none of their own. */
  config: SopConfig;
  rubric: Rubric;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
}

/** Computes the history and writes it; resolves the exit code (2 when there is no history). */
export async function runHistory(run: HistoryRun): Promise<number> {
  const { options, stderr } = run;
  const live = stderr.isTTY === true;
  const result = await computeHistory({
    root: run.root,
    since: options.since,
    every: options.every,
    current: { config: run.config, rubric: run.rubric },
    onProgress: live ? (done, total) => stderr.write(`\r\u001b[KAuditing commit ${done}/${total}`) : undefined,
  });
  if (live) stderr.write('\r\u001b[K');
  if ('unavailable' in result) {
    stderr.write(`sop-maturity: no history for ${options.dir}: ${result.unavailable}.\n`);
    return EXIT_ERROR;
  }
  const names = Object.fromEntries(run.rubric.levels.map((l) => [l.level, l.name]));
  const output =
    options.format === 'json'
      ? historyJson(result, options, names)
      : options.format === 'csv'
        ? historyCsv(result)
        : historyTable(result, names);
  if (!options.out) {
    run.stdout.write(output);
    return EXIT_OK;
  }
  try {
    const file = path.resolve(run.cwd, options.out);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, output, { cleanLeftovers: true });
  } catch (err) {
    stderr.write(
      `sop-maturity: ${options.out}: cannot write the history (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).\n`,
    );
    return EXIT_ERROR;
  }
  return EXIT_OK;
}

const COLUMNS = ['date', 'commit', 'overall', 'documentation', 'process', 'procedures', 'findings'] as const;

/** An aligned table, oldest sample first; commits abbreviated as `git log --oneline` does. */
export function historyTable(points: readonly HistoryPoint[], levelNames: Record<number, string>): string {
  if (points.length === 0) return 'No commits in the period.\n';
  const label = (level: number, procedures: number) =>
    level > 0
      ? `${level} ${levelNames[level] ?? ''}`.trim()
      : procedures === 0
        ? '0 not assessed'
        : `0 below ${levelNames[1] ?? 'level 1'}`;
  const rows = points.map((p) => [
    p.date,
    p.commit.slice(0, 7),
    label(p.overall, p.procedures),
    label(p.documentation, p.procedures),
    label(p.process, p.procedures),
    String(p.procedures),
    String(p.findings),
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return `${[line(COLUMNS), ...rows.map(line)].join('\n')}\n`;
}

/** The JSON document: what was sampled and the points (the panel's `HistoryPoint` fields plus counts). */
export function historyJson(
  points: readonly HistoryPoint[],
  options: Pick<HistoryCliOptions, 'since' | 'every'>,
  levelNames: Record<number, string>,
): string {
  return `${JSON.stringify({ since: options.since, every: options.every, levelNames, points }, null, 2)}\n`;
}

/** One CSV row per sample with a header row; every value is a plain token, so nothing needs quoting. */
export function historyCsv(points: readonly HistoryPoint[]): string {
  const header = [
    'date',
    'commit',
    'overall',
    'documentation',
    'process',
    'procedures',
    'documents',
    'findings',
  ] as const;
  return `${[header.join(','), ...points.map((p) => header.map((h) => String(p[h])).join(','))].join('\r\n')}\r\n`;
}
