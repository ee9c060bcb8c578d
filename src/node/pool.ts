/**
 * Parsing many files across cores.
 *
 * Parsing (micromark) is nearly the whole cost of a cold audit, so a large
 * audit hands batches of files to one worker thread per core; a small one
 * parses in-process, where starting workers would cost more than it saves.
 * Files longer than `TIME_LIMIT_CHARS` go to a worker under the time budget
 * (`maxParseMs`, see `timeLimit.ts`) in either case: a worker whose file runs
 * out of time is stopped, the file becomes the time-out document and the
 * rest of the worker's files go to a new one.
 *
 * A large audit runs a worker per core and the main thread only hands out
 * files and collects the facts: parsing allocates a great deal, and on the
 * main thread, whose heap holds every document's facts, that garbage made
 * the heap (and the process's peak memory) grow by half a gigabyte on 10,000
 * files and cost a quarter of its time in garbage collection. Workers get a
 * large young generation (`WORKER_YOUNG_MB`): a parse's short-lived trees
 * then die young instead of being copied around.
 *
 * `parseInParallel` is synchronous, as the CLI's `run()` is: the main thread
 * collects results with `receiveMessageOnPort` and, when it has nothing to
 * do, sleeps in `Atomics.wait`. `parseInParallelAsync` runs the same loop
 * but awaits each wait (`parseLanes.ts`), for the extension host. In a small
 * audit the main thread parses the short files itself either way.
 */
import * as os from 'node:os';
import { receiveMessageOnPort } from 'node:worker_threads';
import type { SopDocument } from '../core/parse/facts';
import type { Rubric } from '../core/rubric/types';
import { WorkerState, type BatchRequest, type FileResult, type SourceFile } from './parseProtocol';
import { STALL_MS, runAsync, runBlocking, startLane, workerScript, type Lane, type Steps } from './parseLanes';
import { needsTimeLimit, parseHere, timedOutDocument, type ParseLimits } from './timeLimit';
import { skippedDocument } from '../core/parse/parse';

export interface ParallelOptions extends ParseLimits {
  /** Parsing threads, the main thread included; default: `os.availableParallelism()`. */
  threads?: number;
  /** Audits with at most this many files and characters stay in-process (apart from long files under a budget). */
  minFiles?: number;
  minChars?: number;
  /** Called with the number of files parsed so far (for a progress line). */
  onProgress?: (parsed: number) => void;
  /**
   * Reads file `index`'s text again (undefined: it cannot be read any more). Given, the pool takes over `files`: it
   * replaces each entry by one without its text as soon as a worker has the text, so that a large audit never holds
   * every text at once (the caller keeps no other reference to them), and asks for a text again only when a worker
   * fails and its files must be parsed elsewhere.
   */
  reread?: (index: number) => string | undefined;
}

/** Default thresholds: below them a worker's start-up (loading the bundle, ~60 ms) outweighs what it saves. */
export const PARALLEL_MIN_FILES = 200;
export const PARALLEL_MIN_CHARS = 2_000_000;
/** Batches are cut by size so that one long file does not leave a core idle at the end. */
const BATCH_CHARS = 200_000;
const BATCH_FILES = 64;
/** Batches in flight per worker: one being parsed, one waiting, so a worker never waits for the main thread. */
const IN_FLIGHT = 2;
/**
 * Young generation of a pool worker, in MB (V8's default is 48 on 64-bit).
 * A parse's trees and events die young when a file's garbage fits; measured
 * on 10,000 generated SOPs (2 cores, CPU time and peak memory of the whole
 * audit): 16 MB 138 s and 496 MB, 32 MB 102 s and 548 MB, 64 MB 88 s and
 * 633 MB, 128 MB 83 s and 793 MB. 64 MB gives up 7% of the time for a
 * fifth of the memory.
 */
const WORKER_YOUNG_MB = 64;

/**
 * Parses `files` into `SopDocument`s, in the same order, on worker threads
 * when the audit is large and the worker bundle is there, else in-process;
 * long files under the time budget either way. The result is the same
 * whichever thread parsed a file. Blocks this thread until the last file.
 */
export function parseInParallel(files: readonly SourceFile[], rubric: Rubric, options: ParallelOptions): SopDocument[] {
  return runBlocking(parseSteps(files, rubric, options));
}

/**
 * `parseInParallel` without blocking this thread while workers parse (the
 * files this thread parses itself, in a small audit, it parses at once).
 */
export function parseInParallelAsync(
  files: readonly SourceFile[],
  rubric: Rubric,
  options: ParallelOptions,
): Promise<SopDocument[]> {
  return runAsync(parseSteps(files, rubric, options));
}

function* parseSteps(files: readonly SourceFile[], rubric: Rubric, options: ParallelOptions): Steps<SopDocument[]> {
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  const minFiles = options.minFiles ?? PARALLEL_MIN_FILES;
  const small = files.length <= minFiles && chars <= (options.minChars ?? PARALLEL_MIN_CHARS);
  const script = workerScript(options.workerScript);
  const wanted = options.threads ?? os.availableParallelism();
  const progress = options.onProgress ?? (() => undefined);
  const limited = files.map((f) => needsTimeLimit(f, options));
  if (!script || (limited.every((l) => !l) && (small || wanted < 2 || files.length < 2))) {
    return files.map((f, i) => {
      const doc = parseHere(f, rubric, options);
      progress(i + 1);
      return doc;
    });
  }
  // A small audit needs one worker, for its long files only; a large one a worker per core.
  const workers = small ? 1 : Math.max(1, wanted);
  const pool = new Pool(files as SourceFile[], rubric, options, script, progress);
  return yield* pool.run(limited, workers, !small);
}

class Pool {
  private readonly results: (SopDocument | undefined)[];
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly epoch = Date.now();
  private readonly budget: number;
  private lanes: Lane[] = [];
  /** Requests not sent yet: those with a long file (under the time limit) go to workers only. */
  private readonly limitedQueue: number[][] = [];
  private readonly openQueue: number[][] = [];
  private parsed = 0;

  /** Files whose text was let go (`ParallelOptions.reread`), and their lengths. */
  private readonly released: Map<number, number> = new Map();

  constructor(
    private readonly files: SourceFile[],
    private readonly rubric: Rubric,
    private readonly options: ParallelOptions,
    private readonly script: string,
    private readonly progress: (parsed: number) => void,
  ) {
    this.results = new Array(files.length);
    const budget = options.maxParseMs;
    this.budget = budget !== undefined && Number.isFinite(budget) ? budget : Infinity;
  }

  /**
   * Parses every file; `workersTakeOpen`: workers parse every file (a large
   * audit), else only the long ones and this thread the rest.
   */
  *run(limited: readonly boolean[], workers: number, workersTakeOpen: boolean): Steps<SopDocument[]> {
    // Parsing threads: the workers, and this one in a small audit.
    const threads = workersTakeOpen ? workers : workers + 1;
    const maxFiles = Math.max(1, Math.min(BATCH_FILES, Math.ceil(this.files.length / (threads * 4))));
    this.limitedQueue.push(
      ...this.cut(
        limited.flatMap((l, i) => (l ? [i] : [])),
        maxFiles,
      ),
    );
    this.openQueue.push(
      ...this.cut(
        limited.flatMap((l, i) => (l ? [] : [i])),
        maxFiles,
      ),
    );
    try {
      const requests = this.limitedQueue.length + (workersTakeOpen ? this.openQueue.length : 0);
      for (let i = 0; i < Math.min(workers, requests); i++) this.lanes.push(this.newLane());
      yield* this.loop(workersTakeOpen);
    } catch {
      // A worker that cannot start (thread limits, a broken bundle) is no reason to fail the audit: see below.
    } finally {
      for (const lane of this.lanes) lane.stop();
    }
    // Whatever a stalled or failed worker left undone is parsed here.
    return this.files.map((_, i) => this.results[i] ?? this.parseHere(i));
  }

  private *loop(workersTakeOpen: boolean): Steps<void> {
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
      yield { signal: this.signal, seen, ms: Math.min(left, STALL_MS) };
    }
  }

  private newLane(): Lane {
    const { script, rubric, options, signal, epoch } = this;
    return startLane(script, rubric, options.maxFileBytes, { signal, epoch, youngGenerationMb: WORKER_YOUNG_MB });
  }

  private feed(lane: Lane, workersTakeOpen: boolean): void {
    while (lane.batches.length < IN_FLIGHT) {
      const batch = this.limitedQueue.shift() ?? (workersTakeOpen ? this.openQueue.shift() : undefined);
      if (!batch) return;
      const request: BatchRequest = { files: batch.map((index) => ({ index, ...this.fileAt(index) })) };
      lane.worker.postMessage(request);
      lane.batches.push(new Set(batch));
      if (this.options.reread)
        for (const index of batch) {
          const f = this.files[index];
          if (!this.released.has(index)) this.released.set(index, f.text.length);
          this.files[index] = { path: f.path, text: '' };
        }
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

  /**
   * Stops every worker whose file has run out of time: that file is skipped,
   * the rest of its requests go to a new worker.
   */
  private enforceBudget(): void {
    this.lanes = this.lanes.map((lane) => {
      if (lane.overdue(this.budget) > 0) return lane;
      const index = Atomics.load(lane.state, WorkerState.Index);
      lane.stop();
      this.store(index, timedOutDocument(this.fileAt(index), this.budget));
      const rest = lane.batches.flatMap((b) => [...b]).filter((i) => !this.results[i]);
      if (rest.length > 0) this.limitedQueue.unshift(rest);
      return this.newLane();
    });
  }

  private parseHere(index: number): SopDocument {
    const file = this.fileAt(index);
    if (file.text === '' && this.released.has(index))
      return skippedDocument(file.path, '', 'file could not be read again to be parsed: not audited');
    return parseHere(file, this.rubric, this.options);
  }

  /** File `index` with its text, read again when it was let go (see `ParallelOptions.reread`). */
  private fileAt(index: number): SourceFile {
    const f = this.files[index];
    if (!this.released.has(index) || f.text !== '') return f;
    return { path: f.path, text: this.options.reread?.(index) ?? '' };
  }

  private cut(indices: readonly number[], maxFiles: number): number[][] {
    const batches: number[][] = [];
    let current: number[] = [];
    let size = 0;
    for (const i of indices) {
      current.push(i);
      size += this.released.get(i) ?? this.files[i].text.length;
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
