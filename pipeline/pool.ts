/**
 * A pool of worker threads for the CPU-heavy page work, driven from the main thread.
 *
 * A page goes to the worker with the fewest tasks waiting (workers keep nothing between pages, so any
 * will do). Each worker runs one task at a time; a task that takes longer than the page timeout, or a
 * worker that dies (a page that exhausts its memory), costs that page only: the worker is replaced and
 * the page is rejected with `timeout` or `parse-error`.
 */
import { Worker } from 'node:worker_threads';
import type { SiteStatsSnapshot } from './site-stats.js';
import type { Task, TaskResult } from './work.js';
import type { WorkerMessage, WorkerStart } from './worker.js';
import type { CacheFiles } from './cache-lane.js';

export interface PoolOptions {
  readonly size: number;
  /** Milliseconds one page may take in one pass. */
  readonly pageTimeoutMs: number;
  /** Heap limit of each worker, in MB. */
  readonly workerHeapMb?: number;
  /** The pass cache's files as lane `lane` (0 to size - 1) uses them; absent: no pass cache. */
  readonly cacheFiles?: (lane: number) => CacheFiles;
}

/** A task that failed for reasons of its own: the page is rejected with this reason. */
export interface TaskFailure {
  readonly failure: 'timeout' | 'parse-error';
  readonly detail: string;
}

interface Pending {
  readonly id: number;
  readonly task: Task;
  readonly resolve: (result: TaskResult | TaskFailure) => void;
}

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './worker-tsx.mjs' : './worker.js', import.meta.url);
const DEFAULT_WORKER_HEAP_MB = 512;
/**
 * A worker's young generation. Page work allocates many short-lived strings and nodes; V8's default
 * (16 MB) collects them so often that scavenges took ~9% of a worker's CPU. 32 MB: 10k bench HTML pages
 * 12.0 -> 11.0 s (64 MB gained nothing more and cost 60 MB of peak RSS).
 */
const WORKER_YOUNG_GENERATION_MB = 32;
/** A timer this late (ms) says the main thread was blocked, not that the worker was slow. */
const LATE_TIMER_MS = 200;

/**
 * Tasks posted to a worker ahead of the one it is running. The worker takes its messages in order; with
 * one task at a time it would sit idle for every round trip through the main thread's event loop, and
 * with a few it drains them during the main thread's longer pauses (reading files, garbage collection).
 * 16 (was 4): workers idle 27% -> 16% of a 10k-page run, 10.1 -> 9.3 s.
 */
const PIPELINE_DEPTH = 16;

class Lane {
  private worker!: Worker;
  /** Tasks posted to the worker, in order; the first is the one it is running. */
  private readonly sent: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly queue: Pending[] = [];
  private stats: SiteStatsSnapshot | null = null;
  private closing = false;
  private ready = false;

  constructor(
    private readonly options: PoolOptions,
    private readonly index: number,
  ) {
    this.start();
  }

  /** Tasks submitted and not yet finished. */
  get load(): number {
    return this.queue.length + this.sent.length;
  }

  submit(pending: Pending): void {
    this.queue.push(pending);
    this.next();
  }

  setStats(stats: SiteStatsSnapshot): void {
    this.stats = stats;
    this.worker.postMessage({ stats } satisfies WorkerMessage);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private start(): void {
    this.ready = false;
    this.worker = new Worker(WORKER_URL, {
      workerData: { cache: this.options.cacheFiles?.(this.index) ?? null } satisfies WorkerStart,
      resourceLimits: { maxOldGenerationSizeMb: this.options.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    this.worker.unref();
    this.worker.on('message', (message: { id: number; result?: TaskResult; error?: string; ready?: boolean }) => {
      if (message.ready) {
        this.ready = true;
        return this.next();
      }
      if (this.sent[0]?.id !== message.id) return;
      this.finish(message.result ?? { failure: 'parse-error', detail: firstLine(message.error) });
    });
    this.worker.on('error', (error) => this.replace({ failure: 'parse-error', detail: `worker failed: ${firstLine(error.message)}` }));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.replace({ failure: 'parse-error', detail: `worker exited with code ${code}` });
    });
    if (this.stats) this.worker.postMessage({ stats: this.stats } satisfies WorkerMessage);
  }

  private next(): void {
    if (!this.ready) return;
    while (this.sent.length < PIPELINE_DEPTH && this.queue.length > 0) {
      const pending = this.queue.shift()!;
      this.sent.push(pending);
      if (this.sent.length === 1) this.arm(pending, this.options.pageTimeoutMs);
      this.worker.postMessage({ id: pending.id, task: pending.task } satisfies WorkerMessage);
    }
  }

  /**
   * The page timeout of the task the worker is running. A timer that fires late means this thread was
   * busy, so the worker's answer may be waiting behind it: give it a moment before judging the page.
   */
  private arm(pending: Pending, ms: number): void {
    const due = performance.now() + ms;
    this.timer = setTimeout(() => {
      if (this.sent[0] !== pending) return;
      if (performance.now() - due > LATE_TIMER_MS) return this.arm(pending, LATE_TIMER_MS);
      void this.worker.terminate();
      this.replace({ failure: 'timeout', detail: `took longer than ${this.options.pageTimeoutMs} ms` });
    }, ms);
  }

  private finish(result: TaskResult | TaskFailure): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const done = this.sent.shift()!;
    // The worker moves on to the next task it was sent: its time starts now.
    if (this.sent[0]) this.arm(this.sent[0], this.options.pageTimeoutMs);
    done.resolve(result);
    this.next();
  }

  /**
   * The worker is gone or must go: the task it was running fails, the tasks sent after it go back to the
   * front of the queue, and a fresh worker takes them.
   */
  private replace(failure: TaskFailure): void {
    if (this.closing) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.worker.removeAllListeners();
    void this.worker.terminate();
    const failed = this.sent.shift();
    this.queue.unshift(...this.sent.splice(0));
    this.start();
    failed?.resolve(failure);
  }
}

export class WorkerPool {
  private readonly lanes: Lane[];
  private nextId = 0;

  constructor(options: PoolOptions) {
    this.lanes = Array.from({ length: Math.max(1, options.size) }, (_, index) => new Lane(options, index));
  }

  run(task: Task): Promise<TaskResult | TaskFailure> {
    const lane = this.lanes.reduce((least, lane) => (lane.load < least.load ? lane : least));
    const sent = { ...task, page: { ...task.page, bytes: ownBuffer(task.page.bytes) } };
    return new Promise((resolve) => lane.submit({ id: this.nextId++, task: sent, resolve }));
  }

  setStats(stats: SiteStatsSnapshot): void {
    for (const lane of this.lanes) lane.setStats(stats);
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
  }
}

/**
 * The page's bytes in a buffer of their own: posting a view clones its whole underlying buffer (a WARC
 * payload can be a view into twice its size, a small NDJSON line a view into an 8 KiB pool).
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

function firstLine(text: string | undefined): string {
  return (text ?? 'unknown error').split('\n')[0]!.slice(0, 300);
}
