/**
 * Command-line argument parsing for `sop-maturity`. No dependency: Node's
 * `util.parseArgs` does the tokenising, this module turns tokens into a typed
 * command and rejects anything it cannot make sense of with a `UsageError`
 * (the entry point prints it and exits with code 2).
 */
import { parseArgs } from 'node:util';

/** Report formats the CLI can write. */
export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html', 'badge'] as const;
export type Format = (typeof FORMATS)[number];

/** Options of `sop-maturity audit`. */
export interface AuditOptions {
  /** Directory to audit, as given (default "."). */
  dir: string;
  format: Format;
  /** File to write the report to instead of stdout. */
  out?: string;
  /** Overall level below which the exit code is 1. */
  minLevel?: number;
  rubric?: string;
  config?: string;
  /** ISO date `YYYY-MM-DD`. */
  asOf?: string;
  fix: boolean;
  quiet: boolean;
  /**
   * Text format: also list every document with its kind and the reason for it; say on stderr when a cache file is
   * discarded.
   */
  verbose: boolean;
  noColor: boolean;
  /** Folder of the fact cache (default: the OS cache folder). */
  cacheDir?: string;
  /** Parse every file again and neither read nor write the cache. */
  noCache: boolean;
  /** Baseline file: only findings it does not hold are new, and only new findings fail the run. */
  baseline?: string;
  /** Git revision: report findings only for documents changed since it. */
  changedSince?: string;
  /** Write the absolute root in JSON and SARIF (by default reports name only the audited folder). */
  absolutePaths: boolean;
  /** JSON and SARIF: indent by two spaces (by default one line, the smallest file). */
  pretty?: boolean;
  /**
   * Audit only DIR, not the audit roots below it (folders with their own .sopmaturity.yml stay left out of DIR's
   * audit).
   */
  rootOnly: boolean;
  /** Exit with 1 when a target's date has passed and it is not met. */
  failOnMissedTargets?: boolean;
  /** Do not sample the git history for the targets' trend. */
  noTrend?: boolean;
}

/** Formats of `sop-maturity history`. */
export const HISTORY_FORMATS = ['text', 'json', 'csv'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/** Options of `sop-maturity history`. */
export interface HistoryCliOptions {
  dir: string;
  /** Period to sample, such as `12.months` or `2026-01-01`. */
  since: string;
  every: 'week' | 'month';
  format: HistoryFormat;
  out?: string;
  rubric?: string;
  config?: string;
}

/** Formats of `sop-maturity reviews`. */
export const REVIEW_FORMATS = ['text', 'markdown', 'json', 'csv'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

/** Options of `sop-maturity reviews`. */
export interface ReviewsCliOptions {
  dir: string;
  /** The due-soon window in days; undefined: the config's `reviewWindowDays`, else 30. */
  within?: number;
  /** List only this owner's procedures (case-insensitive; one of several comma-separated owners matches). */
  owner?: string;
  /** ISO date `YYYY-MM-DD`. */
  asOf?: string;
  format: ReviewFormat;
  /** Markdown: at most this many procedures per owner (default 10). */
  maxPerOwner: number;
  /** Exit with 1 when a procedure is overdue. */
  failOnOverdue: boolean;
  rubric?: string;
  config?: string;
  cacheDir?: string;
  noCache: boolean;
  rootOnly: boolean;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'audit'; options: AuditOptions }
  | { kind: 'baseline'; options: AuditOptions }
  | { kind: 'history'; options: HistoryCliOptions }
  | { kind: 'reviews'; options: ReviewsCliOptions };

/** A mistake in how the CLI was called; its message is shown as is. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage:
  sop-maturity audit [DIR] [options]   audit the Markdown SOPs under DIR (default: .), and each folder
                                       below it that has its own .sopmaturity.yml as an audit of its own
  sop-maturity baseline [DIR] [--out FILE]
                                       record the current findings (default: DIR/.sopmaturity-baseline.json,
                                       and one in each audit root below DIR)
  sop-maturity history [DIR] [--since 12.months] [--every month|week] [--format text|json|csv] [--out FILE]
                                       audit DIR as it was at one commit per month or week
  sop-maturity reviews [DIR] [--within DAYS] [--owner NAME] [--as-of DATE] [--format text|markdown|json|csv]
                       [--max-per-owner N] [--fail-on-overdue]
                                       the procedures whose review is overdue, due soon or missing, by owner
  sop-maturity --help                  show this help
  sop-maturity --version               show the version

Options:
  --format FORMAT   text (default), json, sarif, markdown, html or badge
  --out FILE        write the report to FILE instead of standard output
  --min-level N     exit with code 1 when the overall level is below N (0-5)
  --rubric FILE     rubric YAML file (default: the rubric in the config, else the built-in OML rubric)
  --config FILE     configuration file (default: DIR/.sopmaturity.yml when present)
  --as-of DATE      audit as of DATE (YYYY-MM-DD, default: the config's asOf, else today)
  --fix             apply the safe fixes (a checklist from the written steps, front matter) and audit
                    again; never a review date or a placeholder, which are for a person in the editor
  --quiet           text format: print only the summary and errors
  --verbose         text format: also list every document with its kind (procedure, index page, other)
                    and the rule that decided it; say on stderr when a cache file is discarded
  --no-color        no ANSI colours (also when NO_COLOR is set or the output is not a terminal)
  --absolute-paths  json and sarif: write the absolute path of DIR (by default reports name only the folder)
  --pretty          json and sarif: indent by two spaces (by default the report is one line, the smallest file)
  --root-only       audit DIR alone, not the audit roots below it (they stay left out of DIR's audit)
  --cache-dir DIR   keep parsed facts in DIR between runs (default: $XDG_CACHE_HOME/sop-maturity or ~/.cache/sop-maturity)
  --no-cache        parse every file again; do not read or write the cache
  --baseline FILE   mark findings new or known against FILE; only new findings (or --min-level) fail the run
  --changed-since REV
                    report findings only for documents changed since the git revision REV
                    (committed since the merge base, uncommitted or untracked); levels still cover everything
  --since PERIOD    history: how far back (12.months, 26.weeks, 2.years or YYYY-MM-DD; default 12.months)
  --every UNIT      history: one sample per month (default) or week
  --within DAYS     reviews: due soon within DAYS (default: reviewWindowDays in the config, else 30)
  --owner NAME      reviews: only the procedures of owner NAME
  --max-per-owner N reviews, markdown: list at most N procedures per owner, then "and N more" (default 10)
  --fail-on-overdue reviews: exit with code 1 when a review is overdue
  --fail-on-missed-targets
                    exit with code 1 when a target of the config's targets has passed its date unmet
  --no-trend        with targets: do not audit the last 90 days of git history (weekly) for their trend

Exit codes: 0 ok, 1 overall level below --min-level, new findings against --baseline or, with
--fail-on-missed-targets, a missed target (in any audit root) or, for reviews with --fail-on-overdue, an overdue review, 2 usage, configuration, rubric, git or internal error.
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  'min-level': { type: 'string' },
  rubric: { type: 'string' },
  config: { type: 'string' },
  'as-of': { type: 'string' },
  fix: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  baseline: { type: 'string' },
  'changed-since': { type: 'string' },
  'absolute-paths': { type: 'boolean' },
  pretty: { type: 'boolean' },
  'root-only': { type: 'boolean' },
  since: { type: 'string' },
  every: { type: 'string' },
  within: { type: 'string' },
  owner: { type: 'string' },
  'max-per-owner': { type: 'string' },
  'fail-on-overdue': { type: 'boolean' },
  'fail-on-missed-targets': { type: 'boolean' },
  'no-trend': { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Options each command takes besides --help and --version; anything else is a usage error, not silently ignored. */
const ACCEPTED: Record<'audit' | 'baseline' | 'history' | 'reviews', readonly OptionName[]> = {
  audit: [
    'format',
    'out',
    'min-level',
    'rubric',
    'config',
    'as-of',
    'fix',
    'quiet',
    'verbose',
    'no-color',
    'cache-dir',
    'no-cache',
    'baseline',
    'changed-since',
    'absolute-paths',
    'pretty',
    'root-only',
    'fail-on-missed-targets',
    'no-trend',
  ],
  baseline: ['out', 'rubric', 'config', 'as-of', 'cache-dir', 'no-cache', 'root-only'],
  history: ['since', 'every', 'format', 'out', 'rubric', 'config'],
  reviews: [
    'within',
    'owner',
    'as-of',
    'format',
    'max-per-owner',
    'fail-on-overdue',
    'rubric',
    'config',
    'cache-dir',
    'no-cache',
    'root-only',
  ],
};

/**
 * Turns the arguments after `node cli.js` into a command.
 * @throws UsageError when an option is unknown, a value is missing or invalid,
 *   or the command is not `audit`.
 */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // parseArgs messages are clear but carry a Node error code prefix in some versions; keep the text.
    throw new UsageError(String((err as Error).message));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('No command given: expected `sop-maturity audit [DIR]`.');
  if (command !== 'audit' && command !== 'baseline' && command !== 'history' && command !== 'reviews') {
    throw new UsageError(`Unknown command "${command}": expected audit, baseline, history or reviews.`);
  }
  if (rest.length > 1) {
    throw new UsageError(`Too many directories (${rest.join(', ')}): ${command} takes one DIR.`);
  }
  for (const name of Object.keys(values) as OptionName[]) {
    if (name !== 'help' && name !== 'version' && !ACCEPTED[command].includes(name)) {
      throw new UsageError(`--${name} is not an option of ${command}.`);
    }
  }
  if (command === 'reviews') {
    const owner = values.owner?.trim();
    if (values.owner !== undefined && !owner) throw new UsageError('--owner needs a name.');
    return {
      kind: 'reviews',
      options: {
        dir: rest[0] ?? '.',
        within: values.within === undefined ? undefined : parseCount('--within', values.within, 0),
        owner,
        asOf: values['as-of'] === undefined ? undefined : parseIsoDate(values['as-of']),
        format: parseReviewFormat(values.format),
        maxPerOwner:
          values['max-per-owner'] === undefined ? 10 : parseCount('--max-per-owner', values['max-per-owner'], 1),
        failOnOverdue: values['fail-on-overdue'] ?? false,
        rubric: nonEmpty('--rubric', values.rubric),
        config: nonEmpty('--config', values.config),
        cacheDir: nonEmpty('--cache-dir', values['cache-dir']),
        noCache: values['no-cache'] ?? false,
        rootOnly: values['root-only'] ?? false,
      },
    };
  }
  if (command === 'history') {
    return {
      kind: 'history',
      options: {
        dir: rest[0] ?? '.',
        since: nonEmpty('--since', values.since) ?? '12.months',
        every: parseEvery(values.every),
        format: parseHistoryFormat(values.format),
        out: nonEmpty('--out', values.out),
        rubric: nonEmpty('--rubric', values.rubric),
        config: nonEmpty('--config', values.config),
      },
    };
  }

  return {
    kind: command,
    options: {
      dir: rest[0] ?? '.',
      format: parseFormat(values.format),
      out: nonEmpty('--out', values.out),
      minLevel: values['min-level'] === undefined ? undefined : parseLevel(values['min-level']),
      rubric: nonEmpty('--rubric', values.rubric),
      config: nonEmpty('--config', values.config),
      asOf: values['as-of'] === undefined ? undefined : parseIsoDate(values['as-of']),
      fix: values.fix ?? false,
      quiet: values.quiet ?? false,
      verbose: values.verbose ?? false,
      noColor: values['no-color'] ?? false,
      cacheDir: nonEmpty('--cache-dir', values['cache-dir']),
      noCache: values['no-cache'] ?? false,
      baseline: nonEmpty('--baseline', values.baseline),
      changedSince: values['changed-since'] === undefined ? undefined : parseRevision(values['changed-since']),
      absolutePaths: values['absolute-paths'] ?? false,
      pretty: values.pretty ?? false,
      rootOnly: values['root-only'] ?? false,
      failOnMissedTargets: values['fail-on-missed-targets'] ?? false,
      noTrend: values['no-trend'] ?? false,
    },
  };
}

function parseHistoryFormat(value: string | undefined): HistoryFormat {
  if (value === undefined) return 'text';
  if ((HISTORY_FORMATS as readonly string[]).includes(value)) return value as HistoryFormat;
  throw new UsageError(`Unknown history --format "${value}": expected one of ${HISTORY_FORMATS.join(', ')}.`);
}

function parseReviewFormat(value: string | undefined): ReviewFormat {
  if (value === undefined) return 'text';
  if ((REVIEW_FORMATS as readonly string[]).includes(value)) return value as ReviewFormat;
  throw new UsageError(`Unknown reviews --format "${value}": expected one of ${REVIEW_FORMATS.join(', ')}.`);
}

/** A whole number from `min` to 10000. */
function parseCount(flag: string, value: string, min: number): number {
  const n = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(n >= min && n <= 10_000)) {
    throw new UsageError(`Invalid ${flag} "${value}": expected a whole number from ${min} to 10000.`);
  }
  return n;
}

function parseEvery(value: string | undefined): 'week' | 'month' {
  if (value === undefined) return 'month';
  if (value === 'week' || value === 'month') return value;
  throw new UsageError(`Invalid --every "${value}": expected month or week.`);
}

/** A revision is handed to git, so one that looks like an option is refused here. */
function parseRevision(value: string): string {
  const rev = value.trim();
  if (rev === '' || rev.startsWith('-'))
    throw new UsageError(`Invalid --changed-since "${value}": expected a git revision such as origin/main.`);
  return rev;
}

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'text';
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`Unknown --format "${value}": expected one of ${FORMATS.join(', ')}.`);
}

function parseLevel(value: string): number {
  if (!/^[0-5]$/.test(value.trim())) {
    throw new UsageError(`Invalid --min-level "${value}": expected a whole number from 0 to 5.`);
  }
  return Number(value.trim());
}

/** Accepts only real calendar dates, so `2026-02-30` is an error rather than March 2nd. */
function parseIsoDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return m[0];
  }
  throw new UsageError(`Invalid --as-of "${value}": expected a calendar date as YYYY-MM-DD.`);
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a file name.`);
  return value;
}
