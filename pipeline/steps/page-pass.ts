/** What learn and clean share: a pass over a shard's pages through the worker pool, with progress. */
import { Feeder } from '../workers/feeder.js';
import type { InputSet } from '../input/inputs.js';
import type { Progress } from '../run-options.js';
import type { PageWorkers, TaskEnvironment } from './step.js';

/** Pages handed to the worker pool at once, per worker. */
const PAGES_IN_FLIGHT_PER_WORKER = 32;
/** Bytes of pages in flight at most (a single larger page still goes, alone). */
const BYTES_IN_FLIGHT = 64 * 1024 * 1024;

export function pageFeeder(workers: PageWorkers, signal: AbortSignal | undefined): Feeder {
  return new Feeder(workers.concurrency * PAGES_IN_FLIGHT_PER_WORKER, workers.concurrency, BYTES_IN_FLIGHT, signal);
}

export interface PassProgress {
  /** Counts bytes read; undefined without a display (a page pass 2 need not read would be asked its size). */
  readonly onBytes: ((bytes: number) => void) | undefined;
  /** One more page done. */
  page(): void;
}

export async function passProgress(env: TaskEnvironment, pass: 1 | 2, inputs: InputSet): Promise<PassProgress> {
  const onProgress = env.onProgress;
  if (!onProgress) return { onBytes: undefined, page: () => undefined };
  const state: Progress = { pass, pages: 0, bytes: 0, totalBytes: await inputs.totalBytes(), startedAt: performance.now() };
  return {
    onBytes: (n) => {
      state.bytes += n;
    },
    page: () => {
      state.pages++;
      onProgress(state);
    },
  };
}
