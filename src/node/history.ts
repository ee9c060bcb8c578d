/**
 * Maturity over time: audits the repository as it was at sampled commits,
 * reading trees and blobs straight from git (no checkout, the working tree
 * is never touched). One sample per week or month boundary (the last
 * mainline commit before it) plus the current HEAD.
 *
 * Unchanged files are the rule between samples, so facts are kept by blob id
 * and path (`blobFactKey`): a file unchanged since the previous sample is
 * neither read from git nor hashed nor parsed again; only new blobs are read
 * (through one `git cat-file --batch`) and parsed on the worker pool
 * (`parseInParallelAsync`, under the time budget, without blocking this
 * thread: the panel runs this on the extension host), the new files of
 * several samples together when each brings few.
 *
 * Each sample gets a fresh `Workspace` fed with those facts: a workspace's
 * report state is per audit date, and every sample has its own (the commit's
 * day), so keeping one workspace would not spare rebuilding it.
 */
import type { SopConfig } from '../core/config/types';
import type { SopDocument } from '../core/parse/facts';
import type { Rubric } from '../core/rubric/types';
import { Workspace, type FactCache } from '../core/audit/workspace';
import { CONFIG_FILE, defaultConfig, loadConfigText } from '../core/config/config';
import { loadBuiltinRubric, loadRubricText } from '../core/rubric/load';
import { CHECK_IDS } from '../core/checks';
import { checkShare } from '../core/audit/targets';
import { ENGINE_ID } from '../core/version';
import { isOwnerFile } from '../core/parse/owners';
import { fileSelection } from '../core/config/fileSelection';
import { BlobReader, GitError, git, parseLsTree, repositoryOf, type TreeEntry } from './git';
import { parseInParallelAsync } from './pool';
import type { SourceFile } from './parseProtocol';

/** The audit of one sampled commit. Its first five fields are the panel's `HistoryPoint`. */
export interface HistoryPoint {
  /** ISO day of the commit (committer date), also the audit's as-of day. */
  date: string;
  /** Full commit hash. */
  commit: string;
  overall: number;
  documentation: number;
  process: number;
  procedures: number;
  documents: number;
  findings: number;
  /** With `HistoryOptions.checks`: each check's passing share (0..1) among procedures, at its lowest level. */
  shares?: Record<string, number>;
}

export interface HistoryOptions {
  /** The audited folder (a repository or a folder inside one). */
  root: string;
  /**
   * How far back: `12.months`, `26.weeks`, `90.days`, `2.years` (git's dotted style) or a day `YYYY-MM-DD`. Default
   * `12.months`.
   */
  since?: string;
  every: 'week' | 'month';
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * Configuration and rubric for commits that have no `.sopmaturity.yml` (or no rubric file) of their own. Default:
   * built-in.
   */
  current?: { config: SopConfig; rubric: Rubric };
  /**
   * A store of parsed facts that outlives the run, keyed by `blobFactKey` (blob id, path, engine, rubric, size
   * limit); default: none (the facts of the previous sample are kept in memory either way).
   */
  cache?: FactCache;
  /** The present moment, for the sampling boundaries (tests pin it). */
  now?: Date;
  /** Checks whose passing share each point records (`HistoryPoint.shares`), for check targets. */
  checks?: readonly string[];
  /**
   * Samples are taken in groups until the group needs this many files parsed, then its new files are parsed in one
   * run of the worker pool; default 2,000 (tests lower it to parse each sample on its own).
   */
  groupFiles?: number;
}

/** Why no history can be computed. */
export interface HistoryUnavailable {
  unavailable: string;
}

/** The configuration file read from each sampled tree (the same name the shells use). */

/**
 * Audits the sampled commits of the repository that contains `root`, oldest
 * first. Resolves `{ unavailable }` when there is no git repository, no
 * commit or no git; rejects only when aborted (with the signal's reason) or
 * when git fails in the middle of the run.
 */
export async function computeHistory(opts: HistoryOptions): Promise<HistoryPoint[] | HistoryUnavailable> {
  const now = opts.now ?? new Date();
  const start = parseSince(opts.since ?? '12.months', now);
  if (!start)
    return {
      unavailable: `cannot read the period "${opts.since}": expected N.days, N.weeks, N.months, N.years or YYYY-MM-DD`,
    };

  let prefix: string;
  try {
    prefix = repositoryOf(opts.root).prefix;
  } catch (err) {
    return { unavailable: (err as Error).message };
  }
  let commits: CommitInfo[];
  try {
    commits = parseRevList(
      await git(opts.root, ['rev-list', '--first-parent', '--format=%ct %cs', 'HEAD', '--'], opts.signal),
    );
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    return {
      unavailable:
        err instanceof GitError && /not installed/.test(err.message)
          ? err.message
          : 'the repository has no commits yet',
    };
  }
  const samples = pickSamples(commits, boundaries(start, now, opts.every));

  const reader = new BlobReader(opts.root);
  const run: SampleRun = {
    root: opts.root,
    prefix,
    reader,
    cache: opts.cache,
    facts: new Map(),
    current: opts.current ?? { config: defaultConfig(), rubric: loadBuiltinRubric() },
    parsedFiles: new Map(),
    ownerTexts: new Map(),
    signal: opts.signal,
    checks: opts.checks,
  };
  const points: HistoryPoint[] = [];
  try {
    opts.onProgress?.(0, samples.length);
    let next = 0;
    while (next < samples.length) {
      opts.signal?.throwIfAborted();
      // The next few samples are planned, and the facts they need and nobody has are parsed together: one pool run
      // for many samples keeps every core busy when each sample brings few new files.
      const group: SamplePlan[] = [];
      const wanted = new Set<string>();
      while (next < samples.length && (group.length === 0 || wanted.size < (opts.groupFiles ?? GROUP_FILES))) {
        const plan = await planSample(run, samples[next++]);
        plan.keys.forEach((key, i) => plan.docs[i] || wanted.add(key));
        group.push(plan);
      }
      await parseMissing(run, group);
      for (const plan of group) {
        opts.signal?.throwIfAborted();
        points.push(auditSample(run, plan));
        opts.onProgress?.(points.length, samples.length);
      }
      // Later samples can reuse the facts of the last one only (unchanged files); older versions are dropped.
      const last = group[group.length - 1];
      run.facts = new Map(last.keys.flatMap((key, i) => (last.docs[i] ? [[key, last.docs[i]]] : [])));
    }
  } finally {
    reader.close();
  }
  return points;
}

/** A mainline commit with its committer time. */
export interface CommitInfo {
  oid: string;
  /** Seconds since the epoch. */
  time: number;
  /** ISO day of the committer date, in the committer's time zone. */
  date: string;
}

/** Parses `git rev-list --format='%ct %cs'` output (a `commit OID` line, then the formatted line). */
export function parseRevList(output: string): CommitInfo[] {
  const commits: CommitInfo[] = [];
  const lines = output.split('\n');
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const oid = lines[i].replace(/^commit /, '');
    const [time, date] = lines[i + 1].split(' ');
    commits.push({ oid, time: Number(time), date });
  }
  return commits;
}

/** The start of the period `since` names, or undefined when it cannot be read. */
export function parseSince(since: string, now: Date): Date | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(since.trim());
  if (day) {
    const d = new Date(Date.UTC(+day[1], +day[2] - 1, +day[3]));
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  const m = /^(\d+)[.\s]?(days?|weeks?|months?|years?)(\.ago)?$/i.exec(since.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const d = new Date(now.getTime());
  const unit = m[2].toLowerCase();
  if (unit.startsWith('day')) d.setUTCDate(d.getUTCDate() - n);
  else if (unit.startsWith('week')) d.setUTCDate(d.getUTCDate() - 7 * n);
  else if (unit.startsWith('month')) d.setUTCMonth(d.getUTCMonth() - n);
  else d.setUTCFullYear(d.getUTCFullYear() - n);
  return d;
}

/**
 * The sampling boundaries after `start` and up to `now`: midnight UTC of the
 * first day of each month, or of each Monday.
 */
export function boundaries(start: Date, now: Date, every: 'week' | 'month'): Date[] {
  const out: Date[] = [];
  let b: Date;
  if (every === 'month') {
    b = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
    if (b < start) b = new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth() + 1, 1));
  } else {
    b = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
    b.setUTCDate(b.getUTCDate() + ((8 - b.getUTCDay()) % 7));
    if (b < start) b.setUTCDate(b.getUTCDate() + 7);
  }
  while (b <= now) {
    out.push(b);
    b =
      every === 'month'
        ? new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth() + 1, 1))
        : new Date(b.getTime() + 7 * 86_400_000);
  }
  return out;
}

/**
 * For each boundary the newest mainline commit made before it, then HEAD;
 * oldest first, each commit once. `commits` is the first-parent walk from
 * HEAD (newest first): following first parents only means a sample shows
 * the main line as it stood then, not a side branch merged later.
 */
export function pickSamples(commits: readonly CommitInfo[], bounds: readonly Date[]): CommitInfo[] {
  const picked: CommitInfo[] = [];
  for (const b of bounds) {
    const seconds = b.getTime() / 1000;
    const c = commits.find((x) => x.time < seconds);
    if (c) picked.push(c);
  }
  if (commits.length > 0) picked.push(commits[0]);
  const seen = new Set<string>();
  return picked.filter((c) => !seen.has(c.oid) && seen.add(c.oid));
}

/** A `FactCache` in memory, for the samples of one run (or the panel's session). */
export class MapFactCache implements FactCache {
  private readonly map = new Map<string, SopDocument>();
  get(key: string): SopDocument | undefined {
    return this.map.get(key);
  }
  set(key: string, doc: SopDocument): void {
    this.map.set(key, doc);
  }
}

interface SampleRun {
  root: string;
  prefix: string;
  reader: BlobReader;
  /** The caller's store of facts (`HistoryOptions.cache`), keyed by `blobFactKey`; consulted before parsing. */
  cache: FactCache | undefined;
  /**
   * Facts of the previous sample's documents by `blobFactKey`: an unchanged file (same blob at the same path, same
   * rubric and size limits) is neither read nor hashed nor parsed again. Only the last audited sample's facts are
   * kept (and those of the samples being audited), so memory stays about that of one audit.
   */
  facts: Map<string, SopDocument>;
  current: { config: SopConfig; rubric: Rubric };
  /** Configuration and rubric files by blob id: most samples share them, so each version is read once. */
  parsedFiles: Map<string, SopConfig | Rubric | undefined>;
  /** CODEOWNERS and OWNERS files by blob id (undefined: missing from the repository), read once each. */
  ownerTexts: Map<string, string | undefined>;
  signal?: AbortSignal;
  checks?: readonly string[];
}

/**
 * The key of a document's facts in history: the blob (its content), the path and what else the facts depend on
 * (the engine, the rubric and the size limit, as `Workspace.cacheKey`), without reading or hashing the text.
 */
export function blobFactKey(
  oid: string,
  path: string,
  rubric: Rubric,
  limits: { maxFileBytes: number; maxParseMs: number },
): string {
  return `${ENGINE_ID}\u0000${rubric.fingerprint}\u0000${limits.maxFileBytes}\u0000${limits.maxParseMs}\u0000${oid}\u0000${path}`;
}

/** Samples are grouped until they need this many files parsed (the pool starts once per group). */
const GROUP_FILES = 2000;
/** Files handed to the parsing pool at once: between two, an abort is noticed. */
const PARSE_CHUNK = 1000;

/** One sampled commit, listed and configured, with the facts already at hand. */
interface SamplePlan {
  commit: CommitInfo;
  config: SopConfig;
  rubric: Rubric;
  /** Every path of the tree and every folder above one ('' too). */
  exists: Set<string>;
  owners: TreeEntry[];
  markdown: TreeEntry[];
  /** `blobFactKey` of each Markdown file. */
  keys: string[];
  /** Facts of each Markdown file: at hand when planned, the rest once parsed; undefined when the blob is missing. */
  docs: (SopDocument | undefined)[];
}

async function planSample(run: SampleRun, commit: CommitInfo): Promise<SamplePlan> {
  const entries = await listTree(run, commit.oid);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const { config, rubric } = await settingsAt(run, byPath);
  const exists = new Set<string>(['']);
  for (const e of entries) {
    exists.add(e.path);
    for (const folder of ancestorsOf(e.path)) exists.add(folder);
  }
  const select = fileSelection(config).selects;
  // A folder below the root that holds its own configuration is an audit root of its own, left out (as the CLI's
  // discovery does).
  const nested = new Set(
    entries.filter((e) => e.path.endsWith(`/${CONFIG_FILE}`)).map((e) => e.path.slice(0, -CONFIG_FILE.length - 1)),
  );
  const inNested = (p: string) => nested.size > 0 && [...ancestorsOf(p)].some((folder) => nested.has(folder));
  const blobs = entries.filter((e) => e.type === 'blob' && e.mode !== '120000' && !inNested(e.path));
  const owners = blobs.filter((e) => isOwnerFile(e.path));
  const markdown = blobs.filter((e) => select(e.path));
  const unread = [...new Set(owners.map((e) => e.oid).filter((oid) => !run.ownerTexts.has(oid)))];
  const texts = await Promise.all(unread.map((oid) => readText(run, { oid })));
  unread.forEach((oid, i) => run.ownerTexts.set(oid, texts[i]));
  // An unchanged file (the same blob at the same path) has its facts at hand: it is neither read nor hashed again.
  const keys = markdown.map((e) => blobFactKey(e.oid, e.path, rubric, config));
  const docs = keys.map((key) => run.facts.get(key) ?? run.cache?.get(key));
  return { commit, config, rubric, exists, owners, markdown, keys, docs };
}

/**
 * Reads the blobs the samples of `group` need and nobody has facts of, each once, and parses them on the pool's
 * worker threads (under the time budget, without blocking this thread: the panel runs this on the extension host).
 */
async function parseMissing(run: SampleRun, group: readonly SamplePlan[]): Promise<void> {
  // By what the facts depend on beyond the file (a configuration change in the group may change the rubric).
  const jobs = new Map<string, { plan: SamplePlan; keys: string[]; entries: TreeEntry[] }>();
  const found = new Map<string, SopDocument | undefined>();
  for (const plan of group) {
    plan.markdown.forEach((e, i) => {
      const key = plan.keys[i];
      if (plan.docs[i] || found.has(key)) return;
      found.set(key, undefined);
      const setting = `${plan.rubric.fingerprint}\u0000${plan.config.maxFileBytes}\u0000${plan.config.maxParseMs}`;
      let job = jobs.get(setting);
      if (!job) jobs.set(setting, (job = { plan, keys: [], entries: [] }));
      job.keys.push(key);
      job.entries.push(e);
    });
  }
  for (const { plan, keys, entries } of jobs.values()) {
    // Every read is issued before any is awaited, so git streams the blobs back to back.
    const texts = entries.map((e) => readText(run, e));
    // Reads left waiting when the run stops (aborted) fail with the closed reader: nobody awaits them then.
    for (const text of texts) text.catch(() => undefined);
    for (let from = 0; from < entries.length; from += PARSE_CHUNK) {
      run.signal?.throwIfAborted();
      const read = await Promise.all(texts.slice(from, from + PARSE_CHUNK));
      const at: number[] = [];
      const files: SourceFile[] = [];
      read.forEach((text, j) => {
        if (text === undefined) return;
        at.push(from + j);
        files.push({ path: entries[from + j].path, text });
      });
      const parsed = await parseInParallelAsync(files, plan.rubric, {
        maxFileBytes: plan.config.maxFileBytes,
        maxParseMs: plan.config.maxParseMs,
      });
      at.forEach((k, j) => {
        found.set(keys[k], parsed[j]);
        run.cache?.set(keys[k], parsed[j]);
      });
    }
  }
  run.signal?.throwIfAborted();
  for (const plan of group) plan.keys.forEach((key, i) => (plan.docs[i] ??= found.get(key)));
}

function auditSample(run: SampleRun, plan: SamplePlan): HistoryPoint {
  const { commit, config, rubric, exists } = plan;
  // A fresh workspace per sample: its report state is per audit date (the commit's day), so a workspace kept from
  // the previous sample would rebuild it all the same. What samples share is the facts.
  // One report per sample: no bookkeeping for later updates.
  const ws = new Workspace({
    root: run.root,
    config,
    rubric,
    asOf: commit.date,
    fileExists: (p) => exists.has(p),
    oneShot: true,
  });
  plan.owners.forEach((e) => {
    const text = run.ownerTexts.get(e.oid);
    if (text !== undefined) ws.setOwnerFile(e.path, text);
  });
  plan.markdown.forEach((e, i) => {
    const doc = plan.docs[i];
    if (doc) ws.putDocument(doc);
    else ws.addError(e.path, `blob ${e.oid} is missing from the repository`);
  });
  const report = ws.report();
  return {
    date: commit.date,
    commit: commit.oid,
    overall: report.levels.overall,
    documentation: report.levels.documentation,
    process: report.levels.process,
    procedures: report.summary.procedures,
    documents: report.summary.documents,
    findings: report.summary.findings,
    ...(run.checks?.length
      ? {
          shares: Object.fromEntries(
            run.checks.map((id) => {
              const { passing, total } = checkShare(report.checks, id);
              return [id, total === 0 ? 0 : passing / total];
            }),
          ),
        }
      : {}),
  };
}

/** The tree of the audited folder at `oid`; empty when the folder did not exist yet. */
async function listTree(run: SampleRun, oid: string): Promise<TreeEntry[]> {
  try {
    return parseLsTree(await git(run.root, ['ls-tree', '-r', '-z', '--full-tree', `${oid}:${run.prefix}`], run.signal));
  } catch {
    if (run.signal?.aborted) throw run.signal.reason;
    return [];
  }
}

/** The commit's own `.sopmaturity.yml` and rubric file when it has them, else the current ones. */
async function settingsAt(
  run: SampleRun,
  tree: Map<string, TreeEntry>,
): Promise<{ config: SopConfig; rubric: Rubric }> {
  const configEntry = tree.get(CONFIG_FILE);
  if (!configEntry) return run.current;
  const config = (await parsedFile(run, configEntry, (text) => loadConfigText(text, CONFIG_FILE).config)) as
    SopConfig | undefined;
  if (!config) return run.current;
  const rubricEntry = config.rubric !== undefined ? tree.get(config.rubric.replace(/^\.\//, '')) : undefined;
  const rubric = rubricEntry
    ? ((await parsedFile(
        run,
        rubricEntry,
        (text) => loadRubricText(text, rubricEntry.path, { knownChecks: CHECK_IDS }).rubric,
      )) as Rubric | undefined)
    : undefined;
  // A historical file with errors still gives a usable configuration; a broken rubric gives none, so the current one
  // stands in.
  return { config, rubric: rubric ?? run.current.rubric };
}

async function parsedFile(
  run: SampleRun,
  entry: TreeEntry,
  parse: (text: string) => SopConfig | Rubric | undefined,
): Promise<SopConfig | Rubric | undefined> {
  if (!run.parsedFiles.has(entry.oid)) {
    const text = await readText(run, entry);
    run.parsedFiles.set(entry.oid, text === undefined ? undefined : parse(text));
  }
  return run.parsedFiles.get(entry.oid);
}

async function readText(run: SampleRun, entry: Pick<TreeEntry, 'oid'>): Promise<string | undefined> {
  const content = await run.reader.read(entry.oid);
  if (!content) return undefined;
  const text = content.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The folders above `path`, nearest last: `a`, `a/b` for `a/b/c.md`. */
function* ancestorsOf(path: string): Generator<string> {
  for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) yield path.slice(0, slash);
}
