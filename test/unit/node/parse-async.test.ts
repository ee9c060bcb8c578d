/**
 * The asynchronous parse paths the extension host uses never block its
 * thread: a long document is parsed on the time-limit worker while this
 * thread's timers keep firing, a parse over the budget gives the time-out
 * document (the worker is replaced), an aborted parse is dropped, and the
 * pool's asynchronous variant gives what the blocking one gives. Nothing on
 * these paths calls `Atomics.wait`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import * as parse from '../../../src/core/parse/parse';
import { defaultConfig, loadBuiltinRubric, Workspace } from '../../../src/core';
import { parseInParallel, parseInParallelAsync } from '../../../src/node/pool';
import {
  TIME_LIMIT_CHARS,
  parseWithTimeLimitAsync,
  setFileWithTimeLimit,
  timedOutDocument,
} from '../../../src/node/timeLimit';
import type { SourceFile } from '../../../src/node';
import { buildWorker } from '../helpers/worker';

vi.mock('../../../src/core/parse/parse', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/core/parse/parse')>();
  return { ...actual, parseDocument: vi.fn(actual.parseDocument) };
});

const rubric = loadBuiltinRubric();
let worker: Awaited<ReturnType<typeof buildWorker>>;
let limits: { maxFileBytes: number; maxParseMs: number; workerScript: string };
let atomicsWait: MockInstance<typeof Atomics.wait>;

/** Unmatched emphasis markers: micromark is quadratic on them (60 KB takes tens of seconds to parse). */
const PATHOLOGICAL = '*a_'.repeat(20_000);
/** A long, ordinary procedure (about 25 KB): well over TIME_LIMIT_CHARS, parsed in a fraction of a second. */
const steps = Array.from({ length: 400 }, (_, i) => `- [ ] Step ${i}: check [host ${i}](hosts/h${i}.md) and *note* it`);
const LONG_PROCEDURE = `---\nowner: ops\n---\n\n# Patch servers\n\n## Steps\n\n${steps.join('\n')}\n`;
const LONG: SourceFile = { path: 'docs/runbooks/long.md', text: LONG_PROCEDURE };
const BOMB: SourceFile = { path: 'docs/runbooks/bomb.md', text: PATHOLOGICAL };

const inProcess = (f: SourceFile) => parse.parseDocument(f.path, f.text, rubric, { maxFileBytes: 1_000_000 });

/** Runs `work` while a 5 ms interval counts its ticks: a thread blocked until the result counts none. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    const result = await work();
    return { result, ticks };
  } finally {
    clearInterval(timer);
  }
}

beforeAll(async () => {
  worker = await buildWorker();
  limits = { maxFileBytes: 1_000_000, maxParseMs: 60_000, workerScript: worker.script };
}, 60_000);
afterAll(() => worker.dispose());

beforeEach(() => {
  vi.mocked(parse.parseDocument).mockClear();
  atomicsWait = vi.spyOn(Atomics, 'wait');
});
afterEach(() => {
  // The extension host's paths: no Atomics.wait, ever.
  expect(atomicsWait).not.toHaveBeenCalled();
  atomicsWait.mockRestore();
});

describe('parseWithTimeLimitAsync', () => {
  it('parses a long document on the worker while this thread goes on (its timers fire)', async () => {
    expect(LONG.text.length).toBeGreaterThan(TIME_LIMIT_CHARS);
    const { result, ticks } = await ticksDuring(() => parseWithTimeLimitAsync(LONG, rubric, limits));
    // Not parsed on this thread, and this thread ran its timers meanwhile.
    expect(parse.parseDocument).not.toHaveBeenCalled();
    expect(ticks).toBeGreaterThan(0);
    expect(result).toEqual(inProcess(LONG));
  }, 60_000);

  it('gives the time-out document when the parse runs over the budget, then parses on a new worker', async () => {
    const budget = { ...limits, maxParseMs: 500 };
    const { result, ticks } = await ticksDuring(() => parseWithTimeLimitAsync(BOMB, rubric, budget));
    expect(result).toEqual(timedOutDocument(BOMB, 500));
    expect(result.timedOut).toBe(true);
    // Half a second of budget: this thread's timers fired all along.
    expect(ticks).toBeGreaterThan(10);
    expect(await parseWithTimeLimitAsync(LONG, rubric, limits)).toEqual(inProcess(LONG));
  }, 60_000);

  it('parses a short document at once, on this thread', async () => {
    const short = { path: 'a.md', text: '# A\n\nShort.\n' };
    const pending = parseWithTimeLimitAsync(short, rubric, limits);
    expect(parse.parseDocument).toHaveBeenCalledTimes(1);
    expect(await pending).toEqual(inProcess(short));
  });

  it('drops aborted parses: a waiting one is never sent, a running one stops its worker', async () => {
    const running = new AbortController();
    const waiting = new AbortController();
    // The bomb would take tens of seconds within this budget; the requests behind it wait their turn.
    const bomb = parseWithTimeLimitAsync(BOMB, rubric, { ...limits, signal: running.signal });
    const dropped = parseWithTimeLimitAsync(LONG, rubric, { ...limits, signal: waiting.signal });
    const next = parseWithTimeLimitAsync(LONG, rubric, limits);
    waiting.abort();
    setTimeout(() => running.abort(), 300);
    const started = Date.now();
    await expect(bomb).rejects.toThrow(/abort/i);
    await expect(dropped).rejects.toThrow(/abort/i);
    expect(await next).toEqual(inProcess(LONG));
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);

  it('rejects at once when the signal has already aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(parseWithTimeLimitAsync(LONG, rubric, { ...limits, signal: abort.signal })).rejects.toThrow(/abort/i);
  });
});

describe('setFileWithTimeLimit', () => {
  const workspace = () =>
    new Workspace({ root: '/repo', config: { ...defaultConfig(), maxParseMs: 60_000 }, rubric, asOf: '2026-11-23' });

  it('stores a long file parsed off this thread, and takes facts at hand without a parse', async () => {
    const ws = workspace();
    const { result, ticks } = await ticksDuring(() => setFileWithTimeLimit(ws, LONG, { workerScript: worker.script }));
    expect(ticks).toBeGreaterThan(0);
    expect(parse.parseDocument).not.toHaveBeenCalled();
    expect(result).toEqual(inProcess(LONG));
    expect(ws.document(LONG.path)).toBe(result);
    // The same text again: the stored facts, no parse anywhere.
    expect(await setFileWithTimeLimit(ws, LONG, { workerScript: worker.script })).toBe(result);
    expect(ws.report().documents.find((d) => d.path === LONG.path)?.kind).toBe('procedure');
  }, 60_000);

  it('does not store the facts when its signal aborted before they arrived', async () => {
    const ws = workspace();
    const abort = new AbortController();
    const older = setFileWithTimeLimit(ws, LONG, { workerScript: worker.script, signal: abort.signal });
    // A newer text arrives (set at once), which drops the older parse.
    abort.abort();
    const newer = ws.setFile(LONG.path, '# Short now\n');
    await expect(older).rejects.toThrow(/abort/i);
    expect(ws.document(LONG.path)).toBe(newer);
  }, 60_000);
});

describe('parseInParallelAsync', () => {
  it('gives what parseInParallel gives, the budget included, without blocking', async () => {
    const files: SourceFile[] = [
      ...Array.from({ length: 30 }, (_, i) => ({ path: `docs/s${i}.md`, text: `# SOP ${i}\n\n## Steps\n\n1. Do.\n` })),
      LONG,
      BOMB,
    ];
    const options = { ...limits, maxParseMs: 6000, threads: 2, minFiles: 0, minChars: 0 };
    const { result, ticks } = await ticksDuring(() => parseInParallelAsync(files, rubric, options));
    expect(ticks).toBeGreaterThan(10);
    expect(result.map((d) => d.timedOut ?? false)).toEqual(files.map((f) => f === BOMB));
    expect(result.at(-1)).toEqual(timedOutDocument(BOMB, 6000));
    atomicsWait.mockRestore();
    const blocking = parseInParallel(files, rubric, options);
    expect(result).toEqual(blocking);
    atomicsWait = vi.spyOn(Atomics, 'wait');
  }, 120_000);
});
