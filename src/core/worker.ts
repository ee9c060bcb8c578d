/**
 * Worker-thread entry, bundled to dist/worker.js: parses the batches of
 * files `pool.ts` sends it and hands the facts back. The syntax trees stay
 * here; only `SopDocument`s (plain data) cross the thread boundary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseDocument } from './parse';
import type { BatchRequest, BatchResult, WorkerSetup } from './pool';

const setup = workerData as WorkerSetup;
const signal = new Int32Array(setup.signal);

parentPort?.on('message', (batch: BatchRequest) => {
  const result: BatchResult = { id: batch.id, docs: batch.files.map((f) => parseDocument(f.path, f.text, setup.rubric, { maxFileBytes: setup.maxFileBytes })) };
  setup.port.postMessage(result);
  // The main thread sleeps in Atomics.wait (it cannot see message events while it blocks): wake it.
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
