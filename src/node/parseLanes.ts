/**
 * Parse workers and the two ways of waiting for them.
 *
 * A lane is one worker thread (`parseWorker.ts`, bundled to dist/worker.js)
 * with the port it answers on and two shared arrays: a signal it bumps when
 * it starts a file and after each result, and its state (which file it is
 * parsing and since when), from which the main thread tells when a file has
 * run out of time and the worker must be stopped.
 *
 * The loops that drive lanes (`pool.ts`, `timeLimit.ts`) are written once,
 * as generators that yield each wait they need; `runBlocking` sleeps in
 * `Atomics.wait` (the CLI: synchronous, no event loop needed), `runAsync`
 * awaits `Atomics.waitAsync` (the extension host, which must never block).
 * Results are read with `receiveMessageOnPort` either way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Rubric } from '../core/rubric/types';
import { WorkerState, type WorkerSetup } from './parseProtocol';

/** No result for this long means a worker is gone or never started: finish in-process. */
export const STALL_MS = 60_000;

/** One worker thread with its result port and state. */
export interface Lane {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  state: Int32Array;
  /** `Date.now()` when the lane started: its start times are counted from it. */
  epoch: number;
  /** File indices sent and not answered yet, per request, oldest first. */
  batches: Set<number>[];
  /**
   * 0 when the file being parsed has been at it longer than `budget` ms,
   * else how many ms it has left (`Infinity` when nothing is being parsed).
   */
  overdue(budget: number): number;
  stop(): void;
}

export interface LaneOptions {
  /** Shared with other lanes (a pool's), so that one wait sees them all; default: a signal of its own. */
  signal?: Int32Array;
  /** Start times are counted from it; default: now. */
  epoch?: number;
  /** `resourceLimits.maxYoungGenerationSizeMb` of the worker; default: V8's. */
  youngGenerationMb?: number;
}

/** Starts a worker for `script`; it parses with `rubric` until a request brings another one. */
export function startLane(script: string, rubric: Rubric, maxFileBytes: number, options: LaneOptions = {}): Lane {
  const { signal = new Int32Array(new SharedArrayBuffer(4)), epoch = Date.now(), youngGenerationMb: young } = options;
  const { port1, port2 } = new MessageChannel();
  const state = new Int32Array(new SharedArrayBuffer(4 * WorkerState.Size));
  const setup: WorkerSetup = {
    rubric,
    maxFileBytes,
    port: port2,
    signal: signal.buffer as SharedArrayBuffer,
    state: state.buffer as SharedArrayBuffer,
    epoch,
  };
  const limits = young === undefined ? {} : { resourceLimits: { maxYoungGenerationSizeMb: young } };
  const worker = new Worker(script, { workerData: setup, transferList: [port2], ...limits });
  // A worker that dies (out of memory, a broken bundle) is seen as one that stopped answering, and handled as such
  // (its file times out, or is parsed here): its 'error' event must not be thrown on this thread meanwhile.
  worker.on('error', () => undefined);
  // Neither the worker nor its port keeps the process alive (the time-limit workers live on between audits).
  worker.unref();
  port1.unref();
  return {
    worker,
    port: port1,
    signal,
    state,
    epoch,
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

/**
 * The given worker bundle, else `worker.js` beside the running bundle;
 * undefined when there is none (running from source).
 */
export function workerScript(given: string | undefined): string | undefined {
  const beside = typeof __filename === 'string' ? path.join(path.dirname(__filename), 'worker.js') : undefined;
  const script = given ?? beside;
  return script && fs.existsSync(script) ? script : undefined;
}

/* ------------------------------------------------------------------ waiting */

/** A wait a driving loop asks for: until `signal[0]` is no longer `seen`, or for at most `ms`. */
export interface Wait {
  signal: Int32Array;
  seen: number;
  ms: number;
}

/** A loop that drives lanes: it yields the waits it needs and returns its result. */
export type Steps<T> = Generator<Wait, T, void>;

/** Runs `steps` on this thread, sleeping in `Atomics.wait` (blocks the thread: for the CLI). */
export function runBlocking<T>(steps: Steps<T>): T {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    Atomics.wait(step.value.signal, 0, step.value.seen, step.value.ms);
  }
}

/**
 * Runs `steps` without ever blocking this thread: each wait is a promise, so
 * the event loop (the extension host's) runs meanwhile. `abort` ends a wait
 * early; the loop itself decides what an abort means.
 */
export async function runAsync<T>(steps: Steps<T>, abort?: AbortSignal): Promise<T> {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await waitAsync(step.value, abort);
  }
}

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  ms: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };
/** `Atomics.waitAsync` (Node 16 and later; not in TypeScript's ES2022 library). */
const atomicsWaitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;
/** Where `Atomics.waitAsync` is missing, waits are cut into polls this long. */
const POLL_MS = 10;

function waitAsync({ signal, seen, ms }: Wait, abort: AbortSignal | undefined): Promise<void> {
  if (abort?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    // A timer of our own keeps the event loop alive while we wait (a pending `waitAsync` need not).
    const timer = setTimeout(done, atomicsWaitAsync ? ms : Math.min(ms, POLL_MS));
    abort?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      abort?.removeEventListener('abort', done);
      resolve();
    }
    if (!atomicsWaitAsync) return;
    const result = atomicsWaitAsync(signal, 0, seen, ms);
    if (result.async) void result.value.then(done);
    else done();
  });
}
