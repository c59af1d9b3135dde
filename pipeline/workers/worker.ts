/** Worker thread entry: runs page tasks for the pool, one at a time, in order of arrival. */
import { parentPort, workerData } from 'node:worker_threads';
import { PageWork } from './work.js';
import {
  RESULTS_PER_MESSAGE,
  WorkerProgress,
  type TaskReply,
  type WorkerMessage,
  type WorkerReply,
  type WorkerStart,
} from './worker-protocol.js';

const start = workerData as WorkerStart;
const work = new PageWork(start.cache);
const progress = new Int32Array(start.progress);
let outbox: TaskReply[] = [];
let flushQueued = false;

function flush(): void {
  flushQueued = false;
  if (outbox.length === 0) return;
  parentPort!.postMessage({ results: outbox } satisfies WorkerReply);
  outbox = [];
}

// Say when the modules are loaded: page timeouts count work, not start-up.
parentPort!.postMessage({ ready: true } satisfies WorkerReply);
parentPort!.on('message', (message: WorkerMessage) => {
  if ('stats' in message) {
    work.setStats(message.stats);
    return;
  }
  for (const { id, task } of message.tasks) {
    Atomics.store(progress, WorkerProgress.Running, id);
    Atomics.store(progress, WorkerProgress.Started, Date.now() - start.epoch);
    try {
      outbox.push({ id, result: work.run(task) });
    } catch (error) {
      outbox.push({ id, error: (error as Error).stack ?? String(error) });
    }
    Atomics.store(progress, WorkerProgress.Started, -1);
    if (outbox.length >= RESULTS_PER_MESSAGE) flush();
  }
  // The rest goes once the messages already waiting are taken: a worker with nothing to do holds nothing back.
  if (!flushQueued && outbox.length > 0) {
    flushQueued = true;
    setImmediate(flush);
  }
});
