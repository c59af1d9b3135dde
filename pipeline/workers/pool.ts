/**
 * A pool of worker threads for the CPU-heavy page work, driven from the main thread.
 *
 * A page goes to the worker with the fewest tasks waiting (workers keep nothing between pages, so any
 * will do); workers start as the backlog needs them, up to the pool's size. Tasks go to a worker, and results come back, several to a message: each message costs both
 * threads a wake-up and a dispatch. Each worker
 * runs one task at a time and says which in shared memory; a task that takes longer than the page
 * timeout, or a worker that dies (a page that exhausts its memory), costs that page only: the worker is
 * replaced and the page is rejected with `timeout` or `parse-error`.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SiteStatsSnapshot } from '../site-stats.js';
import { bodyBytes, bodyContent, type RawPage } from '../types.js';
import type { Task, TaskResult } from './work.js';
import { WORKER_PROGRESS_SLOTS, WorkerProgress, type WorkerMessage, type WorkerReply, type WorkerStart } from './worker-protocol.js';
import type { CacheFiles } from '../cache/cache-lane.js';

/** Default for the page timeout: milliseconds one page may take in one pass. */
export const DEFAULT_PAGE_TIMEOUT_MS = 5000;

/** Workers at most: beyond twice the cores they only compete for them, each with its own heap. */
export const MAX_WORKERS = availableParallelism() * 2;

/** The workers a pool gets for an asked concurrency (default: the cores), within 1 to MAX_WORKERS. */
export function workerCount(concurrency: number | null | undefined): number {
  return Math.min(Math.max(1, concurrency ?? availableParallelism()), MAX_WORKERS);
}

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
  readonly bytes: number;
  readonly resolve: (result: TaskResult | TaskFailure) => void;
}

/**
 * Written from `pipeline/`'s level, not as `./worker.js`: the built command bundles this module into
 * `dist/pipeline/cli/cli.js`, where `import.meta.url` is that file's, a sibling folder of this one.
 */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? '../workers/worker-tsx.mjs' : '../workers/worker.js', import.meta.url);
const DEFAULT_WORKER_HEAP_MB = 512;
/**
 * A worker's young generation. Page work allocates many short-lived strings and nodes; V8's default
 * (16 MB) collects them often enough to cost a worker a noticeable share of its CPU; a larger one gains
 * nothing more and costs memory.
 */
const WORKER_YOUNG_GENERATION_MB = 32;

/**
 * Tasks posted to a worker ahead of the one it is running. The worker takes its messages in order; with
 * one task at a time it would sit idle for every round trip through the main thread's event loop, and
 * with a few it drains them during the main thread's longer pauses (reading files, garbage collection).
 */
const PIPELINE_DEPTH = 16;
/** How often (ms, at most) the lane looks at what its worker is running, to time out a page that runs too long. */
const WATCH_MS = 250;

/**
 * The task as it is posted. Structured cloning copies the whole buffer under a typed array, so a page
 * whose bytes are a small view into a larger buffer (a WARC record in its decompressed chunk, a small file
 * in Node's 8 KB buffer pool) goes with a copy of just its bytes, not the chunk it sat in. A view of most of
 * its buffer (a JSON field unescaped into a buffer the size of its escaped text) goes as it is: copying it
 * would cost more than the few bytes it leaves out.
 */
function withOwnBytes(task: Task): Task {
  if (task.kind === 'learn') return { ...task, page: withOwnBuffer(task.page) };
  return 'page' in task.from ? { ...task, from: { page: withOwnBuffer(task.from.page) } } : task;
}

/** The share of its buffer from which a page's bytes are posted with their buffer, not copied out of it. */
const MOST_OF_BUFFER = 0.75;

function withOwnBuffer(page: RawPage): RawPage {
  const { body } = page;
  const bytes = bodyContent(body);
  if (typeof bytes === 'string' || bytes.byteLength >= bytes.buffer.byteLength * MOST_OF_BUFFER) return page;
  // new Uint8Array(view) copies; Buffer#slice would not.
  const own = new Uint8Array(bytes);
  return { ...page, body: body === bytes ? own : { utf8: own } };
}

class Lane {
  /** Bytes of the pages of the tasks submitted and not yet finished. */
  bytes = 0;
  private worker!: Worker;
  /** Tasks posted to the worker, in order; their results come back in this order. */
  private readonly sent: Pending[] = [];
  private readonly queue: Pending[] = [];
  private stats: SiteStatsSnapshot | null = null;
  private closing = false;
  private ready = false;
  /** What the worker is running (`WorkerProgress`), read without a message to judge timeouts. */
  private progress!: Int32Array;
  private readonly epoch = Date.now();
  private watch: NodeJS.Timeout | null = null;

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
    this.bytes += pending.bytes;
    this.queue.push(pending);
    this.next();
  }

  setStats(stats: SiteStatsSnapshot): void {
    this.stats = stats;
    this.worker.postMessage({ stats } satisfies WorkerMessage);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.unwatch();
    await this.worker.terminate();
  }

  private start(): void {
    this.ready = false;
    const progress = new SharedArrayBuffer(WORKER_PROGRESS_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    this.progress = new Int32Array(progress);
    this.progress[WorkerProgress.Started] = -1;
    this.worker = new Worker(WORKER_URL, {
      workerData: { cache: this.options.cacheFiles?.(this.index) ?? null, progress, epoch: this.epoch } satisfies WorkerStart,
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB,
        maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
      },
    });
    this.worker.unref();
    this.worker.on('message', (message: WorkerReply) => {
      if ('ready' in message) {
        this.ready = true;
        return this.next();
      }
      for (const reply of message.results) {
        if (this.sent[0]?.id !== reply.id) continue;
        this.finish(this.sent.shift()!, 'result' in reply ? reply.result : { failure: 'parse-error', detail: firstLine(reply.error) });
      }
      if (this.sent.length === 0) this.unwatch();
      this.next();
    });
    this.worker.on('error', (error) => this.replace({ failure: 'parse-error', detail: `worker failed: ${firstLine(error.message)}` }));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.replace({ failure: 'parse-error', detail: `worker exited with code ${code}` });
    });
    if (this.stats) this.worker.postMessage({ stats: this.stats } satisfies WorkerMessage);
  }

  /** Posts queued tasks, as many as the pipeline has room for, in one message. */
  private next(): void {
    if (!this.ready || this.queue.length === 0 || this.sent.length >= PIPELINE_DEPTH) return;
    const posted = this.queue.splice(0, PIPELINE_DEPTH - this.sent.length);
    this.sent.push(...posted);
    this.worker.postMessage({ tasks: posted.map(({ id, task }) => ({ id, task: withOwnBytes(task) })) } satisfies WorkerMessage);
    this.watch ??= setInterval(() => this.check(), Math.min(WATCH_MS, this.options.pageTimeoutMs));
  }

  private unwatch(): void {
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
  }

  /**
   * The page timeout. The worker says which task it is running and since when: its results come back in
   * batches, so the oldest task without a result may be long done. A task running too long loses its worker.
   */
  private check(): void {
    const running = Atomics.load(this.progress, WorkerProgress.Running);
    const started = Atomics.load(this.progress, WorkerProgress.Started);
    if (started < 0 || Atomics.load(this.progress, WorkerProgress.Running) !== running) return;
    if (Date.now() - this.epoch - started <= this.options.pageTimeoutMs) return;
    void this.worker.terminate();
    this.replace({ failure: 'timeout', detail: `took longer than ${this.options.pageTimeoutMs} ms` });
  }

  /**
   * The worker is gone or must go: the task it was running fails; the tasks sent before it (done, their
   * results not yet posted) and after it go back to the front of the queue, and a fresh worker takes them.
   */
  private replace(failure: TaskFailure): void {
    if (this.closing) return;
    this.unwatch();
    this.worker.removeAllListeners();
    void this.worker.terminate();
    const running = Atomics.load(this.progress, WorkerProgress.Running);
    // A worker that failed between tasks is blamed on the last one it started (whose result it held).
    const at = Math.max(
      0,
      this.sent.findIndex((pending) => pending.id === running),
    );
    const failed = this.sent.splice(at, 1)[0];
    this.queue.unshift(...this.sent.splice(0));
    this.start();
    if (failed) this.finish(failed, failure);
  }

  private finish(pending: Pending, result: TaskResult | TaskFailure): void {
    this.bytes -= pending.bytes;
    pending.resolve(result);
  }
}

/**
 * A lane's backlog (tasks, or bytes of pages) from which the pool starts another lane, up to its size. A
 * worker costs a few hundred milliseconds of CPU to load its modules: a run of a few pages is done by one
 * before a second would be ready, while on a dump every lane has a backlog within its first pages.
 */
const LANE_BACKLOG_TASKS = PIPELINE_DEPTH;
const LANE_BACKLOG_BYTES = 4 << 20;

export class WorkerPool {
  private readonly lanes: Lane[] = [];
  private stats: SiteStatsSnapshot | null = null;
  private nextId = 0;

  constructor(private readonly options: PoolOptions) {
    this.lanes.push(new Lane(options, 0));
  }

  run(task: Task): Promise<TaskResult | TaskFailure> {
    let lane = this.lanes.reduce((least, lane) => (lane.load < least.load ? lane : least));
    const backlogged = lane.load >= LANE_BACKLOG_TASKS || lane.bytes >= LANE_BACKLOG_BYTES;
    if (backlogged && this.lanes.length < Math.max(1, this.options.size)) {
      lane = new Lane(this.options, this.lanes.length);
      if (this.stats) lane.setStats(this.stats);
      this.lanes.push(lane);
    }
    const target = lane;
    return new Promise((resolve) => target.submit({ id: this.nextId++, task, bytes: taskBytes(task), resolve }));
  }

  /** Workers started so far (a replaced worker counts once): 1 to the pool's size. */
  get workers(): number {
    return this.lanes.length;
  }

  setStats(stats: SiteStatsSnapshot): void {
    this.stats = stats;
    for (const lane of this.lanes) lane.setStats(stats);
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
  }
}

/** Bytes of the page a task carries (a page read back from the pass cache: its stored length). */
function taskBytes(task: Task): number {
  if (task.kind === 'learn') return bodyBytes(task.page.body);
  return 'page' in task.from ? bodyBytes(task.from.page.body) : task.from.cached.length;
}

function firstLine(text: string | undefined): string {
  return (text ?? 'unknown error').split('\n')[0]!.slice(0, 300);
}
