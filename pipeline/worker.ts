/** Worker thread entry: runs page tasks for the pool, one at a time, in order of arrival. */
import { parentPort, workerData } from 'node:worker_threads';
import type { CacheFiles } from './cache-lane.js';
import { PageWork, type Task } from './work.js';
import type { SiteStatsSnapshot } from './site-stats.js';

export type WorkerMessage = { readonly id: number; readonly task: Task } | { readonly stats: SiteStatsSnapshot };

/** What the pool gives a worker when it starts. */
export interface WorkerStart {
  readonly cache: CacheFiles | null;
}

const work = new PageWork((workerData as WorkerStart).cache);
// Say when the modules are loaded: page timeouts count work, not start-up.
parentPort!.postMessage({ ready: true });
parentPort!.on('message', (message: WorkerMessage) => {
  if ('stats' in message) {
    work.setStats(message.stats);
    return;
  }
  try {
    parentPort!.postMessage({ id: message.id, result: work.run(message.task) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).stack ?? String(error) });
  }
});
