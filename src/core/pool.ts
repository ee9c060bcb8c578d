/**
 * Parsing many files across cores. Parsing (micromark) is nearly the whole
 * cost of a cold audit, so a large audit hands batches of files to one
 * worker thread per core; a small one parses in-process, where starting
 * workers would cost more than it saves.
 *
 * The call is synchronous on purpose: the CLI's `run()` is synchronous. The
 * main thread is one of the parsers (one worker fewer: less memory, and its
 * share of the facts is not copied between threads); between batches it
 * collects results with `receiveMessageOnPort` and, when it has nothing to
 * parse, sleeps in `Atomics.wait` (neither needs an event loop).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Rubric, SopDocument } from './types';
import { parseDocument } from './parse';

/** A file to parse: POSIX path relative to the root and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

export interface ParallelOptions {
  maxFileBytes: number;
  /** The worker bundle; default: `worker.js` next to the running bundle (dist/). */
  workerScript?: string;
  /** Parsing threads, the main thread included; default: `os.availableParallelism()`. */
  threads?: number;
  /** Audits with at most this many files and characters stay in-process. */
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
  /** One Int32 the worker bumps after each result, to wake the main thread. */
  signal: SharedArrayBuffer;
}

export interface BatchRequest {
  id: number;
  files: SourceFile[];
}

export interface BatchResult {
  id: number;
  docs: SopDocument[];
}

/** Default thresholds: below them a worker's start-up (loading the bundle, ~60 ms) outweighs what it saves. */
export const PARALLEL_MIN_FILES = 200;
export const PARALLEL_MIN_CHARS = 2_000_000;
/** Batches are cut by size so that one long file does not leave a core idle at the end. */
const BATCH_CHARS = 200_000;
const BATCH_FILES = 64;
/** Batches in flight per worker: one being parsed, one waiting, so a worker never waits for the main thread. */
const IN_FLIGHT = 2;
/** No result for this long means a worker is gone (it cannot report a crash to a blocked thread): finish in-process. */
const STALL_MS = 60_000;

/**
 * Parses `files` into `SopDocument`s, in the same order, on worker threads
 * when the audit is large and the worker bundle is there, else in-process.
 * The result is the same either way.
 */
export function parseInParallel(files: readonly SourceFile[], rubric: Rubric, options: ParallelOptions): SopDocument[] {
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  const small = files.length <= (options.minFiles ?? PARALLEL_MIN_FILES) && chars <= (options.minChars ?? PARALLEL_MIN_CHARS);
  const script = workerScript(options.workerScript);
  const wanted = options.threads ?? os.availableParallelism();
  // At least a few batches per thread, so that all of them have work to the end.
  const batches = cutBatches(files, Math.max(1, Math.min(BATCH_FILES, Math.ceil(files.length / (wanted * 4)))));
  const workers = Math.min(wanted, batches.length) - 1;
  const progress = options.onProgress ?? (() => undefined);
  if (small || !script || workers < 1) {
    return files.map((f, i) => {
      const doc = parseDocument(f.path, f.text, rubric, { maxFileBytes: options.maxFileBytes });
      progress(i + 1);
      return doc;
    });
  }
  return parseOnWorkers(batches, rubric, options.maxFileBytes, script, workers, progress).flat();
}

/** The given worker bundle, else `worker.js` beside the running bundle; undefined when there is none (running from source). */
function workerScript(given: string | undefined): string | undefined {
  const script = given ?? (typeof __filename === 'string' ? path.join(path.dirname(__filename), 'worker.js') : undefined);
  return script && fs.existsSync(script) ? script : undefined;
}

function cutBatches(files: readonly SourceFile[], maxFiles: number): SourceFile[][] {
  const batches: SourceFile[][] = [];
  let current: SourceFile[] = [];
  let size = 0;
  for (const f of files) {
    current.push(f);
    size += f.text.length;
    if (size >= BATCH_CHARS || current.length >= maxFiles) {
      batches.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function parseOnWorkers(batches: SourceFile[][], rubric: Rubric, maxFileBytes: number, script: string, workers: number, progress: (parsed: number) => void): SopDocument[][] {
  const parseHere = (batch: SourceFile[]) => batch.map((f) => parseDocument(f.path, f.text, rubric, { maxFileBytes }));
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const results: (SopDocument[] | undefined)[] = new Array(batches.length);
  const lanes: { worker: Worker; port: MessagePort; busy: number }[] = [];
  let next = 0;
  let done = 0;
  let parsed = 0;
  const feed = (lane: (typeof lanes)[number]) => {
    while (lane.busy < IN_FLIGHT && next < batches.length) {
      const request: BatchRequest = { id: next, files: batches[next] };
      lane.worker.postMessage(request);
      lane.busy++;
      next++;
    }
  };
  try {
    for (let i = 0; i < workers; i++) {
      const { port1, port2 } = new MessageChannel();
      const setup: WorkerSetup = { rubric, maxFileBytes, port: port2, signal: signal.buffer as SharedArrayBuffer };
      const worker = new Worker(script, { workerData: setup, transferList: [port2] });
      worker.unref();
      lanes.push({ worker, port: port1, busy: 0 });
    }
    lanes.forEach(feed);
    while (done < batches.length) {
      const seen = Atomics.load(signal, 0);
      let progressed = false;
      for (const lane of lanes) {
        for (let m = receiveMessageOnPort(lane.port); m; m = receiveMessageOnPort(lane.port)) {
          const result = m.message as BatchResult;
          results[result.id] = result.docs;
          done++;
          parsed += result.docs.length;
          progress(parsed);
          lane.busy--;
          progressed = true;
        }
        feed(lane);
      }
      if (progressed || done === batches.length) continue;
      if (next < batches.length) {
        // Every worker has its batches: parse one here meanwhile.
        const id = next++;
        results[id] = parseHere(batches[id]);
        done++;
        parsed += batches[id].length;
        progress(parsed);
      } else if (Atomics.wait(signal, 0, seen, STALL_MS) === 'timed-out') break;
    }
  } catch {
    // A worker that cannot start (thread limits, a broken bundle) is no reason to fail the audit: see below.
  } finally {
    for (const lane of lanes) {
      lane.port.close();
      void lane.worker.terminate();
    }
  }
  // Whatever a stalled or failed worker left undone is parsed here.
  return batches.map((batch, i) => results[i] ?? parseHere(batch));
}
