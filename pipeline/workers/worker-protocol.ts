/** What the pool and its worker threads say to each other (shared by both; no side effects). */
import type { CacheFiles } from '../cache/cache-lane.js';
import type { SiteStatsSnapshot } from '../site-stats.js';
import type { Task, TaskResult } from './work.js';

/** To a worker: tasks to run in order, or the site statistics pass 2 needs. */
export type WorkerMessage =
  { readonly tasks: readonly { readonly id: number; readonly task: Task }[] } | { readonly stats: SiteStatsSnapshot };

/** One task's outcome: its result, or the error it threw. */
export type TaskReply = { readonly id: number; readonly result: TaskResult } | { readonly id: number; readonly error: string };

/** From a worker: its modules are loaded, or the outcomes of tasks, in the order they were sent. */
export type WorkerReply = { readonly ready: true } | { readonly results: readonly TaskReply[] };

/** What the pool gives a worker when it starts. */
export interface WorkerStart {
  readonly cache: CacheFiles | null;
  /** `WORKER_PROGRESS_SLOTS` Int32 slots (`WorkerProgress`) the worker keeps up to date. */
  readonly progress: SharedArrayBuffer;
  /** The pool's `Date.now()` when it made the lane: times in `progress` are milliseconds since. */
  readonly epoch: number;
}

/** Slots of the shared progress array. */
export const WorkerProgress = {
  /** The id of the task the worker runs or last ran. */
  Running: 0,
  /** When it started (ms since `epoch`), or -1 between tasks. */
  Started: 1,
} as const;
export const WORKER_PROGRESS_SLOTS = 2;

/**
 * Results a worker holds before posting them (it posts sooner when no task is waiting). One message per
 * page cost each side a thread wake-up; a few pages per message and the pool's pipeline stays full.
 */
export const RESULTS_PER_MESSAGE = 8;
