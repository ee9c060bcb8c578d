/**
 * Parsing one file under the time budget (`maxParseMs`).
 *
 * micromark is quadratic on some inputs (thousands of unmatched emphasis
 * markers or brackets: 30 KB can take ten seconds, a few MB hours), and a
 * synchronous parse cannot be interrupted. So every file longer than
 * `TIME_LIMIT_CHARS` is parsed on a worker thread that is terminated when the
 * file takes longer than the budget; the file then becomes a skipped
 * document with a finding that says why (`timedOutDocument`), and the audit
 * goes on. Shorter files parse in-process: at that size even the worst known
 * inputs take about a second.
 *
 * One file at a time goes to a long-lived worker (started on first use,
 * replaced after a timeout), in one of two ways:
 * - `parseWithTimeLimit` blocks the calling thread until the answer or the
 *   end of the budget (`Atomics.wait`). The CLI's `Workspace.setFile` uses
 *   it (`parse: parseWithTimeLimit`): a CLI has nothing else to do meanwhile.
 * - `parseWithTimeLimitAsync` returns a promise and never blocks: the
 *   extension host parses edits with it, and the panel's history.
 * Each way has its own worker, so that neither waits for the other's files.
 * Many files at once go to the pool (`pool.ts`), under the same budget.
 */
import { receiveMessageOnPort } from 'node:worker_threads';
import type { SopDocument } from '../core/parse/facts';
import type { Rubric } from '../core/rubric/types';
import type { Workspace } from '../core/audit/workspace';
import { parseDocument, skippedDocument } from '../core/parse/parse';
import { WorkerState, type BatchRequest, type FileResult, type SourceFile } from './parseProtocol';
import { STALL_MS, runAsync, runBlocking, startLane, workerScript, type Lane, type Steps } from './parseLanes';

/** Limits of one parse. */
export interface ParseLimits {
  maxFileBytes: number;
  /** Time budget of one file in milliseconds (`maxParseMs`); default: none. */
  maxParseMs?: number;
  /**
   * The worker bundle; default: `worker.js` next to the running bundle
   * (dist/). Without one, the budget cannot be enforced.
   */
  workerScript?: string;
}

/** Files longer than this are parsed on a worker under the time budget; shorter ones anywhere. */
export const TIME_LIMIT_CHARS = 8192;

/** Files that get a worker under the budget: long enough to be slow, short enough to be parsed at all. */
export function needsTimeLimit(file: SourceFile, limits: ParseLimits): boolean {
  const budget = limits.maxParseMs;
  return (
    budget !== undefined &&
    Number.isFinite(budget) &&
    file.text.length > TIME_LIMIT_CHARS &&
    file.text.length <= limits.maxFileBytes
  );
}

/** Parses `file` on this thread, without a time limit. */
export function parseHere(file: SourceFile, rubric: Rubric, limits: ParseLimits): SopDocument {
  return parseDocument(file.path, file.text, rubric, { maxFileBytes: limits.maxFileBytes });
}

/**
 * The document of a file whose parse ran out of time. The message says what
 * was being parsed (size, lines, links), measured, not why it was slow: a
 * guess at the cause would as often be wrong.
 */
export function timedOutDocument(file: SourceFile, budgetMs: number): SopDocument {
  const doc = skippedDocument(
    file.path,
    file.text,
    `parsing took longer than ${budgetMs} ms (maxParseMs) on a file of ${describeSize(file.text)}, ` +
      'so the file was not audited: raise maxParseMs in .sopmaturity.yml to give it more time',
  );
  doc.timedOut = true;
  return doc;
}

/**
 * "2,888,895 characters in 100,006 lines with 100,000 links": counted in one
 * pass over the text, without parsing it.
 */
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
 * Parses one file: in-process when it is short, else on the long-lived
 * time-limit worker, blocking this thread until the answer or the end of the
 * budget. For the CLI, whose `run()` is synchronous; never on the extension
 * host (use `parseWithTimeLimitAsync` there).
 */
export function parseWithTimeLimit(file: SourceFile, rubric: Rubric, limits: ParseLimits): SopDocument {
  const script = needsTimeLimit(file, limits) ? workerScript(limits.workerScript) : undefined;
  if (!script) return parseHere(file, rubric, limits);
  return runBlocking(blockingWorker.parse(file, rubric, limits, script));
}

export interface AsyncParseOptions extends ParseLimits {
  /**
   * Aborting it drops the parse (the promise rejects with its reason): before
   * it started, the file is never sent; while it runs, the worker is stopped.
   */
  signal?: AbortSignal;
}

/**
 * Parses one file without blocking this thread: a short file in-process,
 * at once (before this returns); a long one on the time-limit worker, whose
 * answer resolves the promise, or the time-out document when the budget ran
 * out (the worker is then replaced). Requests go to the worker one at a time,
 * in order. Rejects only when `options.signal` aborts.
 */
export function parseWithTimeLimitAsync(
  file: SourceFile,
  rubric: Rubric,
  options: AsyncParseOptions,
): Promise<SopDocument> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const script = needsTimeLimit(file, options) ? workerScript(options.workerScript) : undefined;
  if (!script) return Promise.resolve(parseHere(file, rubric, options));
  const result = asyncTurn.then(() => {
    signal?.throwIfAborted();
    return runAsync(asyncWorker.parse(file, rubric, options, script, signal), signal);
  });
  asyncTurn = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}

/** The end of the last request given to the asynchronous worker: the next one starts then. */
let asyncTurn: Promise<void> = Promise.resolve();

/**
 * Gives `ws` one file without blocking this thread on a long parse: facts at
 * hand (the text is unchanged, or the cache has it) are taken as they are, a
 * short text is parsed here, a long one on the time-limit worker. With
 * `signal` aborted before the facts arrive, they are not stored and the
 * promise rejects with its reason.
 */
export async function setFileWithTimeLimit(
  ws: Workspace,
  file: SourceFile,
  options: { signal?: AbortSignal; workerScript?: string } = {},
): Promise<SopDocument> {
  const { rubric, config } = ws.options;
  const limits: AsyncParseOptions = { maxFileBytes: config.maxFileBytes, maxParseMs: config.maxParseMs, ...options };
  if (!needsTimeLimit(file, limits) || ws.factsAtHand(file.path, file.text)) return ws.setFile(file.path, file.text);
  const doc = await parseWithTimeLimitAsync(file, rubric, limits);
  options.signal?.throwIfAborted();
  return ws.setFile(file.path, file.text, doc);
}

/* ------------------------------------------------------------ the workers */

/** Restart a long-lived worker before its start times (ms after its epoch, in an Int32) could overflow. */
const MAX_LANE_AGE_MS = 20 * 24 * 3600 * 1000;

/** The lane of a long-lived worker, with what it was started for and the rubric it holds. */
type LongLivedLane = Lane & { script: string; maxFileBytes: number; rubric: Rubric };

/** A long-lived worker that parses one file at a time under the budget, started on first use. */
class TimeLimitWorker {
  private lane: LongLivedLane | undefined;

  /** The steps of one parse (the caller runs them blocking or not). */
  *parse(
    file: SourceFile,
    rubric: Rubric,
    limits: ParseLimits,
    script: string,
    abort?: AbortSignal,
  ): Steps<SopDocument> {
    const lane = this.acquire(script, rubric, limits.maxFileBytes);
    // The rubric crosses the thread boundary only when it changed (an edit in the editor sends just the text).
    const request: BatchRequest = { files: [{ ...file, index: 0 }], ...(lane.rubric === rubric ? {} : { rubric }) };
    lane.worker.postMessage(request);
    lane.rubric = rubric;
    const budget = limits.maxParseMs as number;
    const posted = Date.now();
    for (;;) {
      const seen = Atomics.load(lane.signal, 0);
      const m = receiveMessageOnPort(lane.port);
      if (m) return (m.message as FileResult).doc;
      if (abort?.aborted) {
        // The worker may be deep in a slow parse: stop it rather than wait for an answer nobody wants.
        this.drop();
        throw abort.reason;
      }
      const left = lane.overdue(budget);
      if (left === 0) {
        this.drop();
        return timedOutDocument(file, budget);
      }
      if (Atomics.load(lane.state, WorkerState.Busy) === 0 && Date.now() - posted > STALL_MS) {
        // The worker never started the file (it could not start at all): parse here.
        this.drop();
        return parseHere(file, rubric, limits);
      }
      yield { signal: lane.signal, seen, ms: Math.min(left, STALL_MS) };
    }
  }

  private acquire(script: string, rubric: Rubric, maxFileBytes: number): LongLivedLane {
    const lane = this.lane;
    const stale = lane && (lane.script !== script || lane.maxFileBytes !== maxFileBytes);
    if (stale || (lane && Date.now() - lane.epoch > MAX_LANE_AGE_MS)) this.drop();
    this.lane ??= { ...startLane(script, rubric, maxFileBytes), script, maxFileBytes, rubric };
    return this.lane;
  }

  private drop(): void {
    this.lane?.stop();
    this.lane = undefined;
  }
}

const blockingWorker = new TimeLimitWorker();
const asyncWorker = new TimeLimitWorker();
