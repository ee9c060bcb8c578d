/**
 * The `sop-maturity` command: parse arguments, load configuration and rubric,
 * discover and audit the files, optionally fix them, write the report and
 * choose the exit code. Everything the process touches (streams, environment,
 * working directory) comes in through `CliIo`, so this runs the same in tests.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CHECK_IDS,
  ENGINE_ID,
  FIX_IDS,
  Workspace,
  defaultConfig,
  loadBuiltinRubric,
  loadConfigText,
  loadRubricText,
} from '../core/index';
import { FileFactCache, ReportMemo, parseInParallel, parseWithTimeLimit } from '../node';
import type { LocatedError, SopConfig } from '../core/config/types';
import type { Report, ReportError } from '../core/report/types';
import type { Rubric } from '../core/rubric/types';
import type { SourceFile } from '../node';
import {
  USAGE,
  UsageError,
  parseCommand,
  type AuditOptions,
  type Format,
  type HistoryCliOptions,
  type ReviewsCliOptions,
} from './args';
import {
  BASELINE_FILE,
  BaselineFileError,
  compareWithBaselineFile,
  newFindingsExitCode,
  writeBaselineFile,
} from './baseline';
import { limitToChangedSince } from './changed';
import { runHistory } from './history';
import { runReviews } from './reviews';
import { GitError } from '../node/git';
import { readSite } from '../node/site';
import {
  CONFIG_FILE,
  createFileExists,
  discover,
  readTextFile,
  type Discovery,
  type ReadAs,
  type ReadFile,
} from '../node/discover';
import { removeTempFiles, writeFileAtomic } from '../node/atomic';
import { CONFIG_FILE_CAP, confineConfig, readConfinedFile, readRegularCapped, rubricKeyError } from '../node/confine';
import type { ConfigLocate } from '../core/config/config';
import { invalidEncodingProblem, withFileProblem } from '../core/parse/encoding';
import { oversizedDocument } from '../core/parse/parse';
import { escapeHtml, escapeMarkdown, plural, terminalSafe } from '../core/report/common';
import { FixLock, LockError } from './lock';
import { OwnerRules } from '../core/parse/owners';
import { EXIT_ERROR, EXIT_OK, exitCodeFor, missedTargetsExitCode } from './exit';
import { withTargetTrends } from './targets';
import { applySafeFixes, type FixOutcome } from './fix';
import { formatReport } from './format/index';
import { toSarif, type SarifLocation, type SarifRun } from '../core/report/sarif';
import { jsonText, type JsonOptions } from '../core/report/json';
import { shareableReport } from '../core/report/shareable';
import { shouldUseColor, type TextOptions } from './format/text';
import { Progress } from './progress';

/** The configuration file looked for at the root of the audited directory (and of each audit root below it). */
export { CONFIG_FILE };

/** The outside world as the CLI sees it. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads a file the audit needs (Markdown and owner files); default `readRegularFile`. Tests inject failures here. */
  readFile?: ReadFile;
}

/** A configuration or rubric problem: the lines are printed as is and the exit code is 2. */
class SetupError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/**
 * Runs the CLI with `argv` (the arguments after the script name) and returns
 * the exit code; `history` reads git asynchronously, so it returns a promise.
 */
export function run(argv: readonly string[], io: CliIo): number | Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (command.kind === 'version') {
      io.stdout.write(`${__SOP_MATURITY_VERSION__}\n`);
      return 0;
    }
    if (command.kind === 'history') return history(command.options, io).catch((err: unknown) => failure(err, io));
    if (command.kind === 'reviews') return reviews(command.options, io);
    const done = command.options.fix
      ? auditLocked(command.options, io, command.kind)
      : audit(command.options, io, command.kind);
    // With targets in a git repository, the audit ends with their trend from the history (asynchronous).
    return typeof done === 'number' ? done : done.catch((err: unknown) => failure(err, io));
  } catch (err) {
    return failure(err, io);
  }
}

/** Reports what stopped the run and returns exit code 2. */
function failure(err: unknown, io: CliIo): number {
  // Messages quote paths, configuration values and arguments: none may steer the terminal.
  if (err instanceof UsageError) {
    io.stderr.write(`sop-maturity: ${terminalSafe(err.message)}\nRun \`sop-maturity --help\` for the usage.\n`);
  } else if (err instanceof SetupError) {
    io.stderr.write(`${err.lines.map(terminalSafe).join('\n')}\n`);
  } else if (err instanceof GitError || err instanceof BaselineFileError || err instanceof LockError) {
    io.stderr.write(`sop-maturity: ${terminalSafe(err.message)}\n`);
  } else {
    const e = err as Error;
    io.stderr.write(
      `sop-maturity: internal error: ${terminalSafe(e?.message ?? String(err))}\n` +
        'This is a bug in sop-maturity, not in your documents; please report it with the command you ran.\n' +
        (io.env.SOP_MATURITY_DEBUG && e?.stack ? `${e.stack}\n` : ''),
    );
  }
  return EXIT_ERROR;
}

/** One audit root of a run: DIR itself, or a folder below it that holds its own `.sopmaturity.yml`. */
interface AuditRoot {
  /** POSIX path relative to DIR; '' for DIR itself. */
  rel: string;
  abs: string;
  loaded: LoadedConfig;
  rubric: Rubric;
  found: Discovery;
}

/** An audit root and its finished report. */
interface RootReport {
  rel: string;
  abs: string;
  report: Report;
}

/**
 * `audit`, or with `mode` 'baseline' the same audit recorded as a baseline
 * file: DIR and, unless `--root-only`, every audit root below it, each with
 * its own configuration, each left out of the audit of the root above it.
 */
function audit(options: AuditOptions, io: CliIo, mode: 'audit' | 'baseline'): number | Promise<number> {
  const root = path.resolve(io.cwd, options.dir);
  if (!isDirectory(root)) throw new UsageError(`"${options.dir}" is not a directory: expected the folder to audit.`);
  const roots = auditRoots(root, options, io.cwd);
  if (mode === 'baseline' && options.out && roots.length > 1) {
    throw new UsageError(
      `--out names one baseline file, but "${options.dir}" holds ${plural(roots.length - 1, 'audit root')} below it (${roots
        .slice(1)
        .map((r) => r.rel)
        .join(', ')}): ` + `leave out --out to write ${BASELINE_FILE} in each root, or add --root-only.`,
    );
  }
  const results: RootReport[] = roots.map((r) => ({
    rel: r.rel,
    abs: r.abs,
    report: r.rel !== '' && options.fix ? lockedRoot(r, options, io) : auditRoot(r, options, io),
  }));

  if (mode === 'baseline') {
    for (const r of results) {
      const file = options.out ? path.resolve(io.cwd, options.out) : path.join(r.abs, BASELINE_FILE);
      io.stderr.write(`${writeBaselineFile(r.report, file, displayPath(file, io.cwd))}\n`);
    }
    return EXIT_OK;
  }
  let exit = EXIT_OK;
  for (const r of results) {
    if (options.changedSince) r.report = limitToChangedSince(r.report, r.abs, options.changedSince);
    if (options.baseline) {
      // DIR is compared with the file named; each nested root with its own baseline, where `sop-maturity baseline DIR`
      // writes it.
      const file = r.rel === '' ? path.resolve(io.cwd, options.baseline) : path.join(r.abs, BASELINE_FILE);
      r.report = compareWithBaselineFile(r.report, file, displayPath(file, io.cwd));
    }
    exit = Math.max(
      exit,
      exitCodeFor(r.report, options.minLevel),
      options.baseline ? newFindingsExitCode(r.report) : EXIT_OK,
      options.failOnMissedTargets ? missedTargetsExitCode(r.report) : EXIT_OK,
    );
  }
  const trended = options.noTrend ? [] : results.filter((r) => r.report.targets?.length);
  if (trended.length === 0) {
    writeReport(results, options, io);
    return exit;
  }
  return (async () => {
    for (const r of trended) {
      const root = roots.find((x) => x.abs === r.abs) as AuditRoot;
      const t = await withTargetTrends(r.report, { root: r.abs, config: root.loaded.config, rubric: root.rubric });
      r.report = t.report;
      if (options.verbose)
        io.stderr.write(
          `sop-maturity: targets trend of ${r.rel || options.dir}: ${t.unavailable ?? `${t.samples} commits audited`} (${t.ms} ms)\n`,
        );
    }
    writeReport(results, options, io);
    return exit;
  })();
}

/**
 * DIR, then (unless `--root-only`) the audit roots below it, depth first in
 * path order. Every configuration and rubric is loaded before anything is
 * audited, so an error in any of them stops the run before a file is fixed.
 * `--config` is DIR's; a nested root always reads its own file. `--rubric`
 * and `--as-of` apply to every root.
 */
function auditRoots(root: string, options: AuditOptions, cwd: string): AuditRoot[] {
  const out: AuditRoot[] = [];
  const pending = [{ rel: '', abs: root }];
  for (let next = pending.shift(); next; next = pending.shift()) {
    const loaded = loadConfig(next.abs, next.rel === '' ? options : {}, cwd);
    const rubric = loadRubric(next.abs, loaded, options, cwd);
    const found = discover(next.abs, loaded.config);
    out.push({ ...next, loaded, rubric, found });
    if (options.rootOnly) break;
    for (const rel of found.roots)
      pending.push({ rel: next.rel ? `${next.rel}/${rel}` : rel, abs: path.join(next.abs, ...rel.split('/')) });
  }
  return out.sort((a, b) => (a.rel === b.rel ? 0 : a.rel === '' ? -1 : b.rel === '' ? 1 : a.rel < b.rel ? -1 : 1));
}

/** `auditRoot` of a nested root while holding that root's `--fix` lock too (DIR's is already held). */
function lockedRoot(r: AuditRoot, options: AuditOptions, io: CliIo): Report {
  const lock = FixLock.acquire(r.abs, { onWait: (message) => void io.stderr.write(`sop-maturity: ${message}\n`) });
  try {
    return auditRoot(r, options, io);
  } finally {
    lock.release();
  }
}

/** The report of one audit root: read, parse (or answer from the cache), and with `--fix` fix and audit again. */
function auditRoot(r: AuditRoot, options: AuditOptions, io: CliIo): Report {
  const { abs: root, found, rubric } = r;
  const config = r.loaded.config;
  const asOf = options.asOf ?? config.asOf;

  // Temporary files a killed --fix left beside the documents (this run holds the folder's lock).
  if (options.fix) removeTempFiles(root, found.temps);
  const cacheDir = options.noCache
    ? undefined
    : options.cacheDir
      ? path.resolve(io.cwd, options.cacheDir)
      : defaultCacheDir(io.env);
  // A cache file that fails its check is audited afresh; --verbose says so.
  const onDiscard = options.verbose
    ? (message: string) => void io.stderr.write(`sop-maturity: ${message}\n`)
    : undefined;
  const cache = cacheDir ? new FileFactCache(FileFactCache.fileFor(cacheDir, root), { onDiscard }) : undefined;
  // The memo answers a repeated audit of unchanged files; --fix changes files, so it always audits.
  const memo = cacheDir && !options.fix ? new ReportMemo(ReportMemo.fileFor(cacheDir, root), { onDiscard }) : undefined;
  const exists = createFileExists(root);
  const probes = new Map<string, boolean>();
  const fileExists = (p: string) => {
    const answer = exists(p);
    probes.set(p, answer);
    return answer;
  };
  const site = readSite(root, config);
  const configFile = configFileInside(root, r.rel === '' ? options : {}, io.cwd);
  // --fix parses its edits with setFile: the CLI may block on a long one (the time-limit worker answers in maxParseMs).
  const parse = parseWithTimeLimit;
  // One report, without the bookkeeping of later updates; --fix reports again after its edits, incrementally.
  const oneShot = !options.fix;
  const workspace = new Workspace({ root, config, rubric, asOf, fileExists, cache, configFile, site, parse, oneShot });
  const inputs: string[] = [];
  const fail = (file: string, message: string) => {
    workspace.addError(file, message);
    inputs.push(`error\u0000${file}\u0000${message}`);
  };
  for (const e of found.errors) fail(e.path, e.message);
  const ownerTexts = new Map<string, string>();
  for (const ownerFile of found.ownerFiles) {
    const read = readTextFile(root, ownerFile, io.readFile);
    if (read.ok) {
      workspace.setOwnerFile(ownerFile, read.text);
      ownerTexts.set(ownerFile, read.text);
      inputs.push(`owners\u0000${ownerFile}\u0000${read.text}`);
    } else fail(ownerFile, read.message);
  }
  // CODEOWNERS lines the engine ignores (a refused pattern), located in the file.
  const ownerErrors = new OwnerRules(ownerTexts).errors;
  const sources: KeyedSource[] = [];
  // How each document was read (bytes digest, encoding): --fix writes back only over the same bytes, in the same
  // encoding.
  const reads = new Map<string, ReadAs>();
  for (const file of found.markdown) {
    // A file too large to audit is skipped without being read (its size is checked first).
    const read = readTextFile(root, file, io.readFile, { maxChars: config.maxFileBytes });
    if (!read.ok && read.tooLarge !== undefined) {
      workspace.putDocument(oversizedDocument(file, read.tooLarge, config.maxFileBytes));
      inputs.push(`oversized\u0000${file}\u0000${read.tooLarge}`);
      continue;
    }
    if (!read.ok) {
      fail(file, read.message);
      continue;
    }
    const { ok: _ok, text, ...how } = read;
    sources.push({ path: file, text, key: cache ? workspace.cacheKey(file, text) : '' });
    if (options.fix || how.invalid) reads.set(file, how);
    if (how.invalid) inputs.push(`invalid\u0000${file}\u0000${how.encoding}\u0000${how.invalid.byteOffset}`);
  }

  const memoKey = memo ? reportKey(workspace, sources, inputs) : '';
  let report = memo?.get(memoKey, exists);
  if (!report) {
    const progress = new Progress(io.stderr, sources.length);
    const reread = (file: string) => {
      const again = readTextFile(root, file, io.readFile, { maxChars: config.maxFileBytes });
      return again.ok ? again.text : undefined;
    };
    loadDocuments(sources, workspace, cache, progress, reread);
    progress.finish();
    // A file not valid in its encoding is audited as read, with a `file` finding, and never fixed.
    for (const [file, how] of reads) {
      const doc = how.invalid && workspace.document(file);
      if (doc && how.invalid)
        workspace.putDocument(
          withFileProblem(
            doc,
            invalidEncodingProblem({ text: '', encoding: how.encoding, bom: how.bom, invalid: how.invalid }),
          ),
        );
    }
    // The facts are in; the texts (as large as the repository) are not needed again: let them go before the report is
    // built.
    sources.length = 0;
    report = withErrors(workspace.report(), ownerErrors);
    if (options.fix) {
      const before = report.summary.findings;
      const outcomes = applySafeFixes({
        root,
        workspace,
        rubric,
        asOf: report.asOf,
        documents: report.documents,
        reads,
        readFile: io.readFile,
      });
      report = withErrors(workspace.report(), ownerErrors);
      io.stderr.write(
        `${r.rel === '' ? '' : `${terminalSafe(r.rel)}: `}${describeFixes(outcomes, before, report.summary.findings)}`,
      );
    }
    const problem = cache?.save() ?? memo?.save(memoKey, probes, report);
    if (problem) io.stderr.write(`sop-maturity: warning: ${problem}\n`);
  }

  return report;
}

/**
 * `reviews`: DIR and (unless `--root-only`) the audit roots below it are audited as `audit` does, and their review
 * queues listed together, paths relative to DIR.
 */
function reviews(options: ReviewsCliOptions, io: CliIo): number {
  const root = path.resolve(io.cwd, options.dir);
  if (!isDirectory(root)) throw new UsageError(`"${options.dir}" is not a directory: expected the folder to review.`);
  const audit: AuditOptions = {
    dir: options.dir,
    format: 'json',
    rubric: options.rubric,
    config: options.config,
    asOf: options.asOf,
    fix: false,
    quiet: true,
    verbose: false,
    noColor: true,
    cacheDir: options.cacheDir,
    noCache: options.noCache,
    absolutePaths: false,
    rootOnly: options.rootOnly,
  };
  const results = auditRoots(root, audit, io.cwd).map((r) => ({ rel: r.rel, report: auditRoot(r, audit, io) }));
  return runReviews(results, options, io.stdout);
}

/** `history`: configuration and rubric load as for an audit; they stand in for commits that have none. */
function history(options: HistoryCliOptions, io: CliIo): Promise<number> {
  const root = path.resolve(io.cwd, options.dir);
  if (!isDirectory(root))
    throw new UsageError(`"${options.dir}" is not a directory: expected the folder whose history to show.`);
  const loaded = loadConfig(root, options, io.cwd);
  const rubric = loadRubric(root, loaded, options, io.cwd);
  return runHistory({
    root,
    options,
    config: loaded.config,
    rubric,
    stdout: io.stdout,
    stderr: io.stderr,
    cwd: io.cwd,
  });
}

/** `report` with `extra` errors merged in path order. */
function withErrors(report: Report, extra: readonly ReportError[]): Report {
  if (extra.length === 0) return report;
  const errors = [...report.errors, ...extra].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0),
  );
  return { ...report, errors };
}

/** A Markdown file's text with its fact-cache key ('' without a cache). */
type KeyedSource = SourceFile & { key: string };

/** Takes the unchanged files' facts from the cache and parses the rest, on worker threads when there are many. */
function loadDocuments(
  sources: KeyedSource[],
  workspace: Workspace,
  cache: FileFactCache | undefined,
  progress: Progress,
  readAgain: (path: string) => string | undefined,
): void {
  const pending: KeyedSource[] = [];
  const reread = new Set<number>();
  let done = 0;
  for (const source of sources) {
    const cached = cache?.get(source.key);
    if (!cached) pending.push(source);
    else {
      workspace.putDocument(cached);
      progress.update(++done);
    }
  }
  const { rubric, config } = workspace.options;
  // The pool gets the only references to the texts and lets each go once a worker has it: the facts, not the texts
  // of the whole repository, are what this thread holds at the end.
  const files = pending.map((s) => ({ path: s.path, text: s.text }));
  for (const s of sources) s.text = '';
  const docs = parseInParallel(files, rubric, {
    maxFileBytes: config.maxFileBytes,
    maxParseMs: config.maxParseMs,
    onProgress: (parsed) => progress.update(done + parsed),
    reread: (i) => {
      // Read again (a worker failed): the text may have changed since its cache key was made.
      reread.add(i);
      return readAgain(pending[i].path);
    },
  });
  docs.forEach((doc, i) => {
    if (!reread.has(i)) cache?.set(pending[i].key, doc);
    workspace.putDocument(doc);
  });
}

/** Everything a report depends on apart from the file-existence answers the memo keeps beside it. */
function reportKey(workspace: Workspace, sources: readonly KeyedSource[], inputs: readonly string[]): string {
  const { root, config, rubric } = workspace.options;
  const parts = [
    ENGINE_ID,
    root,
    workspace.options.configFile ?? '',
    rubric.fingerprint,
    rubric.source,
    JSON.stringify(config),
    JSON.stringify(workspace.options.site ?? null),
    workspace.asOf,
    ...inputs,
    ...sources.map((s) => s.key),
  ];
  return createHash('sha1').update(parts.join('\u0000')).digest('hex');
}

/**
 * The OS cache folder: `$XDG_CACHE_HOME/sop-maturity`, `%LOCALAPPDATA%\sop-maturity` on Windows, else
 * `~/.cache/sop-maturity`.
 */
function defaultCacheDir(env: CliIo['env']): string {
  const base =
    env.XDG_CACHE_HOME ||
    (process.platform === 'win32' ? env.LOCALAPPDATA : undefined) ||
    path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'sop-maturity');
}

/**
 * The configuration file the audit reads, relative to the root, when it lies inside it (the report names it as the
 * place of project-wide findings).
 */
function configFileInside(root: string, options: Pick<AuditOptions, 'config'>, cwd: string): string | undefined {
  const file = options.config ? path.resolve(cwd, options.config) : path.join(root, CONFIG_FILE);
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || !fs.existsSync(file)) return undefined;
  return rel.split(path.sep).join('/');
}

/** A loaded configuration, and where its keys are written (for errors found after loading). */
interface LoadedConfig {
  config: SopConfig;
  /** The file as shown in messages; undefined for the defaults. */
  shown?: string;
  locate?: ConfigLocate;
}

/**
 * `--config` (anywhere, chosen by the person running the tool), else
 * `.sopmaturity.yml` at the root (confined to it), else the defaults. Only a
 * regular file of at most 1 MB is read; folder keys must name folders inside
 * the root. Any problem stops the run before anything is audited.
 */
function loadConfig(root: string, options: Pick<AuditOptions, 'config'>, cwd: string): LoadedConfig {
  const file = options.config ? path.resolve(cwd, options.config) : path.join(root, CONFIG_FILE);
  if (!options.config && !entryExists(file)) return { config: defaultConfig() };
  const shown = displayPath(file, cwd);
  const read = options.config ? readRegularCapped(file) : readConfinedFile(root, CONFIG_FILE);
  if (!read.ok)
    throw new SetupError([
      `${shown}: the configuration file ${read.reason}: it is not read (at most ${CONFIG_FILE_CAP} bytes, a regular file${options.config ? '' : ' inside the audited folder'}).`,
    ]);
  const { config, errors, locate } = loadConfigText(read.text, shown);
  const confined = confineConfig(root, config, shown, locate);
  const all = [...errors, ...confined.errors].sort((a, b) => a.line - b.line || a.column - b.column);
  if (all.length > 0) throw new SetupError(configErrorLines(all, shown));
  return { config: confined.config, shown, locate };
}

/**
 * `--rubric` (relative to the working directory; anywhere, but only a regular
 * file of at most 1 MB), else the config's rubric (confined to the root), else
 * the built-in one. A refused file is never read, and its error names the
 * `rubric` key, never the file's content.
 */
function loadRubric(root: string, loaded: LoadedConfig, options: Pick<AuditOptions, 'rubric'>, cwd: string): Rubric {
  const { config } = loaded;
  if (!options.rubric && !config.rubric) return loadBuiltinRubric();
  const file = options.rubric ? path.resolve(cwd, options.rubric) : path.resolve(root, config.rubric as string);
  const shown = displayPath(file, cwd);
  const read = options.rubric ? readRegularCapped(file) : readConfinedFile(root, config.rubric as string);
  if (!read.ok) {
    if (options.rubric)
      throw new SetupError([
        `${shown}: the rubric file ${read.reason}: it is not read (at most ${CONFIG_FILE_CAP} bytes, a regular file).`,
      ]);
    const shownConfig = loaded.shown ?? CONFIG_FILE;
    throw new SetupError(
      configErrorLines(
        [rubricKeyError(shownConfig, loaded.locate ?? (() => ({ line: 1, column: 1 })), read.reason)],
        shownConfig,
      ),
    );
  }
  const { rubric, errors } = loadRubricText(read.text, shown, { knownChecks: CHECK_IDS });
  if (errors.length > 0 || !rubric) {
    throw new SetupError(errors.length > 0 ? errors.map(located) : [`${shown}: the rubric could not be loaded.`]);
  }
  return rubric;
}

/** Located configuration errors and the line that says the audit did not run. */
function configErrorLines(errors: readonly LocatedError[], shown: string): string[] {
  return [
    ...errors.map(located),
    `sop-maturity: the audit did not run: correct ${errors.length === 1 ? 'the error' : `the ${errors.length} errors`} in ${shown} above.`,
  ];
}

/** True when there is a directory entry at `file` (a broken link included: it is then refused with a reason). */
function entryExists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes the report of each root (one after another, see `formatRoots`) to stdout or `--out`. */
function writeReport(results: readonly RootReport[], options: AuditOptions, io: CliIo): void {
  const color = !options.out && shouldUseColor(io.stdout, io.env, options.noColor);
  const text = { color, quiet: options.quiet, verbose: options.verbose };
  const paths = { absolutePaths: options.absolutePaths, pretty: options.pretty };
  const output =
    results.length === 1
      ? formatReport(results[0].report, options.format, text, paths)
      : formatRoots(results, options.format, text, paths);
  if (!options.out) {
    io.stdout.write(output);
    return;
  }
  const file = path.resolve(io.cwd, options.out);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, output, { cleanLeftovers: true });
  } catch (err) {
    throw new SetupError([
      `${options.out}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
    ]);
  }
}

/**
 * The reports of DIR (first) and the audit roots below it in one output.
 * Text, Markdown and HTML: one report after another, each headed with its
 * root's path relative to DIR. JSON: DIR's report object as without nested
 * roots, plus `roots: [{ path, report }]`. SARIF: one run per root, artifact
 * URIs relative to DIR, each nested run with its own `automationDetails.id`
 * (code scanning keeps runs of one tool apart by it). Badge: DIR's level.
 */
export function formatRoots(
  results: readonly Pick<RootReport, 'rel' | 'report'>[],
  format: Format,
  text: TextOptions,
  paths: JsonOptions,
): string {
  const [top, ...nested] = results;
  const shown = (rel: string) => rel || '.';
  switch (format) {
    case 'text':
      return results
        .map((r) => `== ${terminalSafe(shown(r.rel))} ==\n${formatReport(r.report, 'text', text)}`)
        .join('\n');
    case 'markdown':
      return results
        .map((r) => `# Audit root: ${escapeMarkdown(shown(r.rel))}\n\n${formatReport(r.report, 'markdown', text)}`)
        .join('\n---\n\n');
    case 'html':
      return combinedHtml(results, text);
    case 'json': {
      const shareable = (report: Report) => (paths.absolutePaths ? report : shareableReport(report));
      const roots = nested.map((r) => ({ path: r.rel, report: shareable(r.report) }));
      return jsonText({ ...shareable(top.report), roots }, paths.pretty);
    }
    case 'sarif': {
      const log = toSarif(top.report, paths);
      const base = log.runs[0]?.originalUriBaseIds;
      for (const r of nested) {
        for (const run of toSarif(r.report).runs) log.runs.push(rebasedRun(run, r.rel, base));
      }
      return jsonText(log, paths.pretty);
    }
    case 'badge':
      return formatReport(top.report, 'badge', text);
  }
}

/**
 * A nested root's SARIF run with its artifact URIs made relative to DIR (`%SRCROOT%`, at `base` with --absolute-paths).
 */
function rebasedRun(
  run: SarifRun,
  rel: string,
  base: SarifRun['originalUriBaseIds'],
): SarifRun & { automationDetails: { id: string } } {
  const prefix = `${rel.split('/').map(encodeURIComponent).join('/')}/`;
  const rebase = (loc: SarifLocation) => {
    loc.physicalLocation.artifactLocation.uri = prefix + loc.physicalLocation.artifactLocation.uri;
  };
  for (const result of run.results) {
    result.locations.forEach(rebase);
    result.relatedLocations?.forEach(rebase);
  }
  for (const invocation of run.invocations)
    for (const n of invocation.toolExecutionNotifications) n.locations.forEach(rebase);
  const { tool, results, invocations, properties } = run;
  return {
    tool,
    automationDetails: { id: `sop-maturity/${rel}/` },
    ...(base ? { originalUriBaseIds: base } : {}),
    results,
    invocations,
    properties: { ...properties, auditRoot: rel },
  };
}

/** DIR's HTML page with each nested root's report appended as a section under a heading that names the root. */
function combinedHtml(results: readonly Pick<RootReport, 'rel' | 'report'>[], text: TextOptions): string {
  const [top, ...nested] = results;
  const page = formatReport(top.report, 'html', text);
  const bodyOf = (html: string) => {
    const open = html.indexOf('>', html.indexOf('<body')) + 1;
    return html.slice(open, html.lastIndexOf('</body>'));
  };
  const names = results.map((r) => `<code>${escapeHtml(r.rel || '.')}</code>`).join(', ');
  const sections = nested
    .map(
      (r) =>
        `<section class="audit-root">\n<hr>\n<h1>Audit root <code>${escapeHtml(r.rel)}</code></h1>\n${bodyOf(formatReport(r.report, 'html', text))}</section>\n`,
    )
    .join('');
  const open = page.indexOf('>', page.indexOf('<body')) + 1;
  const close = page.lastIndexOf('</body>');
  return `${page.slice(0, open)}\n<p class="muted">Audit roots: ${names}; each folder with its own <code>.sopmaturity.yml</code> is audited on its own, below.</p>${page.slice(open, close)}${sections}${page.slice(close)}`;
}

/**
 * The stderr summary of `--fix`: the count of documents each fix changed,
 * the documents fixed with the fixes applied, each finding whose fix made no
 * change with the reason, the documents left alone (unreadable, changed on
 * disk during the audit), then what is left for a person: the editing aids
 * and reviews the findings offer, which `--fix` never applies.
 */
export function describeFixes(outcomes: readonly FixOutcome[], findingsBefore: number, findingsAfter: number): string {
  const fixed = outcomes.filter((o) => o.applied.length > 0);
  const lines = [
    fixed.length === 0
      ? 'No safe fixes applied.'
      : `Fixed ${plural(fixed.length, 'document')} (findings: ${findingsBefore} before, ${findingsAfter} after):`,
  ];
  for (const [fixId, n] of countBy(fixed.map((o) => o.applied))) lines.push(`  ${fixId}: ${plural(n, 'document')}`);
  for (const o of fixed) lines.push(`  ${terminalSafe(o.path)}: ${o.applied.join(', ')}`);
  for (const o of outcomes) {
    for (const n of o.notApplied)
      lines.push(
        `  ${terminalSafe(`${o.path}:${n.line}:${n.column}`)}: ${n.fixId} (${n.check}) not applied: ${terminalSafe(n.reason)}`,
      );
  }
  for (const o of outcomes) if (o.error) lines.push(`  ${terminalSafe(o.path)}: not fixed: ${terminalSafe(o.error)}`);
  const left = countBy(outcomes.map((o) => o.forPerson ?? []));
  if (left.size > 0) {
    lines.push(
      'Left for a person, one document at a time in the editor (--fix never writes a review date or a placeholder):',
    );
    for (const [fixId, n] of left) lines.push(`  ${fixId}: ${plural(n, 'document')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** How many of the lists hold each fix id, in the core's order of the fixes. */
function countBy(lists: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ids of lists) for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const rank = (id: string) => (FIX_IDS as readonly string[]).indexOf(id);
  return new Map([...counts].sort((a, b) => rank(a[0]) - rank(b[0])));
}

/**
 * `audit --fix` while holding the folder's lock: one `--fix` at a time, the second waits and then audits what the first
 * left.
 */
function auditLocked(options: AuditOptions, io: CliIo, mode: 'audit' | 'baseline'): number | Promise<number> {
  const root = path.resolve(io.cwd, options.dir);
  if (!isDirectory(root)) throw new UsageError(`"${options.dir}" is not a directory: expected the folder to audit.`);
  const lock = FixLock.acquire(root, { onWait: (message) => void io.stderr.write(`sop-maturity: ${message}\n`) });
  try {
    return audit(options, io, mode);
  } finally {
    lock.release();
  }
}

/** `file:line:col: message`, the form editors and CI logs link to. */
function located(e: LocatedError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

/** Paths under the working directory are shown relative to it, others absolute. */
function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
