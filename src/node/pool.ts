/**
 * Parsing many files across cores, and parsing any file under a time budget.
 *
 * Parsing (micromark) is nearly the whole cost of a cold audit, so a large
 * audit hands batches of files to one worker thread per core; a small one
 * parses in-process, where starting workers would cost more than it saves.
 *
 * The time budget (`maxParseMs`): micromark is quadratic on some inputs
 * (thousands of unmatched emphasis markers or brackets: 30 KB can take ten
 * seconds, a few MB hours), and a synchronous parse cannot be interrupted.
 * So every file longer than `GUARD_CHARS` is parsed on a worker thread that
 * is terminated when the file takes longer than the budget; the file then
 * becomes a skipped document with a finding that says why, and the audit
 * goes on. Shorter files parse in-process: at that size even the worst
 * known inputs take about a second.
 *
 * A large audit runs a worker per core and the main thread only hands out
 * files and collects the facts: parsing allocates a great deal, and on the
 * main thread, whose heap holds every document's facts, that garbage made
 * the heap (and the process's peak memory) grow by half a gigabyte on 10,000
 * files and cost a quarter of its time in garbage collection. Workers get a
 * large young generation (`WORKER_YOUNG_MB`): a parse's short-lived trees
 * then die young instead of being copied around.
 *
 * The calls are synchronous on purpose: the CLI's `run()` and
 * `Workspace.setFile` are. The main thread collects results with
 * `receiveMessageOnPort` and, when it has nothing to do, sleeps in
 * `Atomics.wait` (neither needs an event loop). In a small audit it parses
 * the short files itself.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { SopDocument } from '../core/parse/facts';
import type { Rubric } from '../core/rubric/types';
import { parseDocument, skippedDocument } from '../core/parse/parse';

/** A file to parse: POSIX path relative to the root and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** Limits of one parse. */
export interface GuardOptions {
  maxFileBytes: number;
  /** Time budget of one file in milliseconds (`maxParseMs`); default: none. */
  maxParseMs?: number;
  /** The worker bundle; default: `worker.js` next to the running bundle (dist/). Without one, the budget cannot be enforced. */
  workerScript?: string;
}

export interface ParallelOptions extends GuardOptions {
  /** Parsing threads, the main thread included; default: `os.availableParallelism()`. */
  threads?: number;
  /** Audits with at most this many files and characters stay in-process (apart from long files under a budget). */
  minFiles?: number;
  minChars?: number;
  /** Called with the number of files parsed so far (for a progress line). */
  onProgress?: (parsed: number) => void;
}

/** What every worker gets once (`workerData`). */
export interface WorkerSetup {
  rubric: Rubric;
  maxFileBytes: number;
  /** Where results go; the main thread reads it with `receiveMessageOnPort`. */
  port: MessagePort;
  /** One Int32 the worker bumps when it starts a file and after each result, to wake the main thread. */
  signal: SharedArrayBuffer;
  /** `WorkerState` slots this worker writes: which file it is parsing and since when. */
  state: SharedArrayBuffer;
  /** `Date.now()` when the pool started; start times are stored relative to it (they fit in an Int32). */
  epoch: number;
}

/** Slots of a worker's state array. */
export const WorkerState = {
  /** 1 while a file is being parsed. */
  Busy: 0,
  /** When the file's parse started, in ms after the epoch. */
  Started: 1,
  /** The file's index in the request. */
  Index: 2,
  Size: 3,
} as const;

export interface BatchRequest {
  files: (SourceFile & { index: number })[];
  /** Replaces the worker's rubric from this request on (the long-lived guard worker serves audits with different rubrics). */
  rubric?: Rubric;
}

/** One parsed file. */
export interface FileResult {
  index: number;
  doc: SopDocument;
}

/** Default thresholds: below them a worker's start-up (loading the bundle, ~60 ms) outweighs what it saves. */
export const PARALLEL_MIN_FILES = 200;
export const PARALLEL_MIN_CHARS = 2_000_000;
/** Files longer than this are parsed on a worker under the time budget; shorter ones anywhere. */
export const GUARD_CHARS = 8192;
/** Batches are cut by size so that one long file does not leave a core idle at the end. */
const BATCH_CHARS = 200_000;
const BATCH_FILES = 64;
/** Batches in flight per worker: one being parsed, one waiting, so a worker never waits for the main thread. */
const IN_FLIGHT = 2;
/** Young generation of a parsing worker, in MB (V8's default is 48 on 64-bit): about a third less parse time on SOP corpora. */
const WORKER_YOUNG_MB = 128;
/** No result for this long means a worker is gone or never started: finish in-process. */
const STALL_MS = 60_000;

/**
 * The document of a file whose parse ran out of time. The message says what
 * was being parsed (size, lines, links), measured, not why it was slow: a
 * guess at the cause would as often be wrong.
 */
export function timedOutDocument(file: SourceFile, budgetMs: number): SopDocument {
  const doc = skippedDocument(
    file.path,
    file.text,
    `parsing took longer than ${budgetMs} ms (maxParseMs) on a file of ${describeSize(file.text)}, so the file was not audited: raise maxParseMs in .sopmaturity.yml to give it more time`,
  );
  doc.timedOut = true;
  return doc;
}

/** "2,888,895 characters in 100,006 lines with 100,000 links": counted in one pass over the text, without parsing it. */
export function describeSize(text: string): string {
  let lines = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  let links = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  // An inline link or image is `[...](`: the closing bracket and parenthesis together.
  for (let i = text.indexOf(']('); i >= 0; i = text.indexOf('](', i + 2)) links++;
  const counted = `${thousands(text.length)} characters in ${thousands(lines)} ${lines === 1 ? 'line' : 'lines'}`;
  return links > 0 ? `${counted} with ${thousands(links)} ${links === 1 ? 'link' : 'links'}` : counted;
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Parses `files` into `SopDocument`s, in the same order, on worker threads
 * when the audit is large and the worker bundle is there, else in-process;
 * long files under the time budget either way. The result is the same
 * whichever thread parsed a file.
 */
export function parseInParallel(files: readonly SourceFile[], rubric: Rubric, options: ParallelOptions): SopDocument[] {
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  const small = files.length <= (options.minFiles ?? PARALLEL_MIN_FILES) && chars <= (options.minChars ?? PARALLEL_MIN_CHARS);
  const script = workerScript(options.workerScript);
  const wanted = options.threads ?? os.availableParallelism();
  const progress = options.onProgress ?? (() => undefined);
  const guarded = files.map((f) => needsGuard(f, options));
  if (!script || (guarded.every((g) => !g) && (small || wanted < 2 || files.length < 2))) {
    return files.map((f, i) => {
      const doc = parseDocument(f.path, f.text, rubric, { maxFileBytes: options.maxFileBytes });
      progress(i + 1);
      return doc;
    });
  }
  // A small audit needs one worker, for its long files only; a large one a worker per core.
  const workers = small ? 1 : Math.max(1, wanted);
  const pool = new Pool(files, rubric, options, script, progress);
  return pool.run(guarded, workers, !small);
}

/**
 * Parses one file: in-process when it is short, else on a long-lived guard
 * worker under the time budget (what `Workspace.setFile` uses, so an editor
 * never freezes on a pathological file).
 */
export function parseGuarded(file: SourceFile, rubric: Rubric, options: GuardOptions): SopDocument {
  const script = needsGuard(file, options) ? workerScript(options.workerScript) : undefined;
  if (!script) return parseDocument(file.path, file.text, rubric, { maxFileBytes: options.maxFileBytes });
  if (guard && (guard.script !== script || guard.maxFileBytes !== options.maxFileBytes)) dropGuard();
  guard ??= { ...startLane(script, rubric, options.maxFileBytes, epoch0, { bulk: false }), script, maxFileBytes: options.maxFileBytes, rubric };
  const lane = guard;
  // The rubric crosses the thread boundary only when it changed (an edit in the editor sends just the text).
  lane.worker.postMessage({ files: [{ ...file, index: 0 }], ...(lane.rubric === rubric ? {} : { rubric }) } satisfies BatchRequest);
  lane.rubric = rubric;
  const budget = options.maxParseMs as number;
  const posted = Date.now();
  for (;;) {
    const seen = Atomics.load(lane.signal, 0);
    const m = receiveMessageOnPort(lane.port);
    if (m) return (m.message as FileResult).doc;
    const wait = lane.overdue(budget);
    if (wait === 0) {
      dropGuard();
      return timedOutDocument(file, budget);
    }
    if (Atomics.load(lane.state, WorkerState.Busy) === 0 && Date.now() - posted > STALL_MS) {
      // The worker never started the file (it could not start at all): parse here.
      dropGuard();
      return parseDocument(file.path, file.text, rubric, { maxFileBytes: options.maxFileBytes });
    }
    Atomics.wait(lane.signal, 0, seen, Math.min(wait, STALL_MS));
  }
}

/** Files that get a worker under the budget: long enough to be slow, short enough to be parsed at all. */
function needsGuard(file: SourceFile, options: GuardOptions): boolean {
  const budget = options.maxParseMs;
  return budget !== undefined && Number.isFinite(budget) && file.text.length > GUARD_CHARS && file.text.length <= options.maxFileBytes;
}

/** The given worker bundle, else `worker.js` beside the running bundle; undefined when there is none (running from source). */
function workerScript(given: string | undefined): string | undefined {
  const script = given ?? (typeof __filename === 'string' ? path.join(path.dirname(__filename), 'worker.js') : undefined);
  return script && fs.existsSync(script) ? script : undefined;
}

/* ------------------------------------------------------------------ lanes */

/** One worker thread with its result port and state. */
interface Lane {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  state: Int32Array;
  /** File indices sent and not answered yet, per request, oldest first. */
  batches: Set<number>[];
  /**
   * 0 when the file being parsed has been at it longer than `budget` ms,
   * else how many ms it has left (`Infinity` when nothing is being parsed).
   */
  overdue(budget: number): number;
  stop(): void;
}

const epoch0 = Date.now();

/** `signal`: shared with the pool's other lanes; `bulk`: a parsing worker of a large audit (a larger young generation). */
function startLane(script: string, rubric: Rubric, maxFileBytes: number, epoch: number, { signal = new Int32Array(new SharedArrayBuffer(4)), bulk = true } = {}): Lane {
  const { port1, port2 } = new MessageChannel();
  const state = new Int32Array(new SharedArrayBuffer(4 * WorkerState.Size));
  const setup: WorkerSetup = { rubric, maxFileBytes, port: port2, signal: signal.buffer as SharedArrayBuffer, state: state.buffer as SharedArrayBuffer, epoch };
  const worker = new Worker(script, { workerData: setup, transferList: [port2], ...(bulk ? { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } } : {}) });
  // Neither the worker nor its port keeps the process alive (the guard worker lives on between audits).
  worker.unref();
  port1.unref();
  return {
    worker,
    port: port1,
    signal,
    state,
    batches: [],
    overdue(budget) {
      if (Atomics.load(state, WorkerState.Busy) === 0) return Infinity;
      const spent = Date.now() - epoch - Atomics.load(state, WorkerState.Started);
      return Math.max(0, budget - spent);
    },
    stop() {
      port1.close();
      void worker.terminate();
    },
  };
}

/** The long-lived worker of `parseGuarded`. */
let guard: (Lane & { script: string; maxFileBytes: number; rubric: Rubric }) | undefined;

function dropGuard(): void {
  guard?.stop();
  guard = undefined;
}

/* ------------------------------------------------------------------ pool */

class Pool {
  private readonly results: (SopDocument | undefined)[];
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly epoch = Date.now();
  private readonly budget: number;
  private lanes: Lane[] = [];
  /** Requests not sent yet: those with a long file go to workers only. */
  private readonly guardedQueue: number[][] = [];
  private readonly openQueue: number[][] = [];
  private parsed = 0;

  constructor(
    private readonly files: readonly SourceFile[],
    private readonly rubric: Rubric,
    private readonly options: ParallelOptions,
    private readonly script: string,
    private readonly progress: (parsed: number) => void,
  ) {
    this.results = new Array(files.length);
    this.budget = options.maxParseMs !== undefined && Number.isFinite(options.maxParseMs) ? options.maxParseMs : Infinity;
  }

  /** Parses every file; `workersTakeOpen`: workers parse every file (a large audit), else only the long ones and this thread the rest. */
  run(guarded: readonly boolean[], workers: number, workersTakeOpen: boolean): SopDocument[] {
    // Parsing threads: the workers, and this one in a small audit.
    const threads = workersTakeOpen ? workers : workers + 1;
    const maxFiles = Math.max(1, Math.min(BATCH_FILES, Math.ceil(this.files.length / (threads * 4))));
    this.guardedQueue.push(...this.cut(guarded.flatMap((g, i) => (g ? [i] : [])), maxFiles));
    this.openQueue.push(...this.cut(guarded.flatMap((g, i) => (g ? [] : [i])), maxFiles));
    try {
      for (let i = 0; i < Math.min(workers, this.guardedQueue.length + (workersTakeOpen ? this.openQueue.length : 0)); i++) this.lanes.push(this.newLane());
      this.loop(workersTakeOpen);
    } catch {
      // A worker that cannot start (thread limits, a broken bundle) is no reason to fail the audit: see below.
    } finally {
      for (const lane of this.lanes) lane.stop();
    }
    // Whatever a stalled or failed worker left undone is parsed here.
    return this.files.map((_, i) => this.results[i] ?? this.parseHere(i));
  }

  private loop(workersTakeOpen: boolean): void {
    let quietSince = Date.now();
    while (this.parsed < this.files.length) {
      const seen = Atomics.load(this.signal, 0);
      let progressed = false;
      for (const lane of this.lanes) {
        for (let m = receiveMessageOnPort(lane.port); m; m = receiveMessageOnPort(lane.port)) {
          this.accept(lane, m.message as FileResult);
          progressed = true;
        }
      }
      this.enforceBudget();
      for (const lane of this.lanes) this.feed(lane, workersTakeOpen);
      if (progressed) {
        quietSince = Date.now();
        continue;
      }
      if (this.parsed >= this.files.length) break;
      const mine = workersTakeOpen && this.lanes.length > 0 ? undefined : this.openQueue.pop();
      if (mine) {
        // A small audit: the short files are parsed here while a worker takes the long ones.
        for (const i of mine) this.store(i, this.parseHere(i));
        quietSince = Date.now();
        continue;
      }
      const left = Math.min(...this.lanes.map((l) => l.overdue(this.budget)));
      if (Date.now() - quietSince > STALL_MS && left === Infinity) return;
      Atomics.wait(this.signal, 0, seen, Math.min(left, STALL_MS));
    }
  }

  private newLane(): Lane {
    return startLane(this.script, this.rubric, this.options.maxFileBytes, this.epoch, { signal: this.signal });
  }

  private feed(lane: Lane, workersTakeOpen: boolean): void {
    while (lane.batches.length < IN_FLIGHT) {
      const batch = this.guardedQueue.shift() ?? (workersTakeOpen ? this.openQueue.shift() : undefined);
      if (!batch) return;
      lane.worker.postMessage({ files: batch.map((index) => ({ index, ...this.files[index] })) } satisfies BatchRequest);
      lane.batches.push(new Set(batch));
    }
  }

  private accept(lane: Lane, result: FileResult): void {
    const batch = lane.batches[0];
    batch?.delete(result.index);
    if (batch && batch.size === 0) lane.batches.shift();
    this.store(result.index, result.doc);
  }

  private store(index: number, doc: SopDocument): void {
    if (this.results[index]) return;
    this.results[index] = doc;
    this.parsed++;
    this.progress(this.parsed);
  }

  /** Stops every worker whose file has run out of time: that file is skipped, the rest of its requests go to a new worker. */
  private enforceBudget(): void {
    this.lanes = this.lanes.map((lane) => {
      if (lane.overdue(this.budget) > 0) return lane;
      const index = Atomics.load(lane.state, WorkerState.Index);
      lane.stop();
      this.store(index, timedOutDocument(this.files[index], this.budget));
      const rest = lane.batches.flatMap((b) => [...b]).filter((i) => !this.results[i]);
      if (rest.length > 0) this.guardedQueue.unshift(rest);
      return this.newLane();
    });
  }

  private parseHere(index: number): SopDocument {
    const f = this.files[index];
    return parseDocument(f.path, f.text, this.rubric, { maxFileBytes: this.options.maxFileBytes });
  }

  private cut(indices: readonly number[], maxFiles: number): number[][] {
    const batches: number[][] = [];
    let current: number[] = [];
    let size = 0;
    for (const i of indices) {
      current.push(i);
      size += this.files[i].text.length;
      if (size >= BATCH_CHARS || current.length >= maxFiles) {
        batches.push(current);
        current = [];
        size = 0;
      }
    }
    if (current.length > 0) batches.push(current);
    return batches;
  }
}
