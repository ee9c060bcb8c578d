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
  noColor: boolean;
  /** Folder of the fact cache (default: the OS cache folder). */
  cacheDir?: string;
  /** Parse every file again and neither read nor write the cache. */
  noCache: boolean;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'audit'; options: AuditOptions };

/** A mistake in how the CLI was called; its message is shown as is. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage:
  sop-maturity audit [DIR] [options]   audit the Markdown SOPs under DIR (default: .)
  sop-maturity --help                  show this help
  sop-maturity --version               show the version

Options:
  --format FORMAT   text (default), json, sarif, markdown, html or badge
  --out FILE        write the report to FILE instead of standard output
  --min-level N     exit with code 1 when the overall level is below N (0-5)
  --rubric FILE     rubric YAML file (default: the rubric in the config, else the built-in OML rubric)
  --config FILE     configuration file (default: DIR/.sopmaturity.yml when present)
  --as-of DATE      audit as of DATE (YYYY-MM-DD, default: the config's asOf, else today)
  --fix             apply the safe fixes (checklist, review date, sections, front matter) and audit again
  --quiet           text format: print only the summary and errors
  --no-color        no ANSI colours (also when NO_COLOR is set or the output is not a terminal)
  --cache-dir DIR   keep parsed facts in DIR between runs (default: $XDG_CACHE_HOME/sop-maturity or ~/.cache/sop-maturity)
  --no-cache        parse every file again; do not read or write the cache

Exit codes: 0 ok, 1 overall level below --min-level, 2 usage, configuration, rubric or internal error.
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
  'no-color': { type: 'boolean' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;

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
  if (command !== 'audit') throw new UsageError(`Unknown command "${command}": the only command is "audit".`);
  if (rest.length > 1) {
    throw new UsageError(`Too many directories (${rest.join(', ')}): audit takes one DIR.`);
  }

  return {
    kind: 'audit',
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
      noColor: values['no-color'] ?? false,
      cacheDir: nonEmpty('--cache-dir', values['cache-dir']),
      noCache: values['no-cache'] ?? false,
    },
  };
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
