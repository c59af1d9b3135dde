/**
 * Hands tasks to the worker pool with back-pressure: enough pages in flight that no worker waits for the
 * main thread, within a count and a byte budget (a single larger page still goes, alone). The first task
 * that fails stops the feeding: the next `feed` or `idle` throws its error.
 */
import PQueue from 'p-queue';

export class Feeder {
  private readonly queue: PQueue;
  private bytesInFlight = 0;
  private roomFreed: (() => void) | null = null;
  private failure: { readonly error: unknown } | null = null;

  /**
   * `tasks`: most tasks in flight; `waitBelow`: a new task waits until fewer than this many are queued
   * (not yet started); `bytes`: most bytes of pages in flight.
   */
  constructor(
    tasks: number,
    private readonly waitBelow: number,
    private readonly bytes: number,
    private readonly signal?: AbortSignal,
  ) {
    this.queue = new PQueue({ concurrency: tasks });
  }

  /** Queues a task for a page of `bytes` bytes, once there is room. */
  async feed(bytes: number, task: () => Promise<void>): Promise<void> {
    this.check();
    await this.queue.onSizeLessThan(this.waitBelow);
    while (this.bytesInFlight > 0 && this.bytesInFlight + bytes > this.bytes)
      await new Promise<void>((resolve) => (this.roomFreed = resolve));
    this.check();
    this.bytesInFlight += bytes;
    this.queue
      .add(async () => {
        try {
          if (!this.failure) await task();
        } finally {
          this.bytesInFlight -= bytes;
          this.roomFreed?.();
          this.roomFreed = null;
        }
      })
      .catch((error: unknown) => {
        this.failure ??= { error };
      });
  }

  /** Waits for every task; throws the first failure. */
  async idle(): Promise<void> {
    await this.queue.onIdle();
    this.check();
  }

  private check(): void {
    this.signal?.throwIfAborted();
    if (this.failure) throw this.failure.error;
  }
}
