/**
 * Worker-thread entry, bundled to dist/worker.js: parses the files a lane
 * sends it (`parseLanes.ts`: the pool's workers and the time-limit workers
 * run this same script) and hands the facts back one file at a time. The
 * syntax trees stay here; only `SopDocument`s (plain data) cross the thread
 * boundary. Before each file it notes which one and since when in its state array, so
 * that the main thread can stop it when the file runs out of time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseDocument } from '../core/parse/parse';
import { WorkerState, type BatchRequest, type FileResult, type WorkerSetup } from './parseProtocol';

const setup = workerData as WorkerSetup;
const signal = new Int32Array(setup.signal);
const state = new Int32Array(setup.state);

/** The rubric of the setup, until a request brings another one (it is then kept for the requests after it). */
let rubric = setup.rubric;

parentPort?.on('message', (request: BatchRequest) => {
  rubric = request.rubric ?? rubric;
  for (const f of request.files) {
    Atomics.store(state, WorkerState.Index, f.index);
    Atomics.store(state, WorkerState.Started, Date.now() - setup.epoch);
    Atomics.store(state, WorkerState.Busy, 1);
    // The main thread may be asleep without a deadline (nothing was being parsed): let it set one.
    wake();
    const result: FileResult = {
      index: f.index,
      doc: parseDocument(f.path, f.text, rubric, { maxFileBytes: setup.maxFileBytes }),
    };
    Atomics.store(state, WorkerState.Busy, 0);
    setup.port.postMessage(result);
    wake();
  }
});

/** The main thread waits on the signal (`Atomics.wait` or `Atomics.waitAsync`), not on message events: wake it. */
function wake(): void {
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
