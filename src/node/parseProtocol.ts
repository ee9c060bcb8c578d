/**
 * What the parsing threads say to each other: the setup a parse worker
 * (`parseWorker.ts`, bundled to dist/worker.js) gets once, the requests it
 * is sent and the results it sends back. Shared by the worker and the lanes
 * that drive it (`parseLanes.ts`); it holds no code the worker does not need.
 */
import type { MessagePort } from 'node:worker_threads';
import type { SopDocument } from '../core/parse/facts';
import type { Rubric } from '../core/rubric/types';

/** A file to parse: POSIX path relative to the root and its text. */
export interface SourceFile {
  path: string;
  text: string;
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
  /** `Date.now()` when the lane's clock started; start times are stored relative to it (they fit in an Int32). */
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
  /**
   * Replaces the worker's rubric from this request on (the long-lived
   * time-limit worker serves audits with different rubrics).
   */
  rubric?: Rubric;
}

/** One parsed file. */
export interface FileResult {
  index: number;
  doc: SopDocument;
}
