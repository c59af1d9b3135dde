/**
 * Read-ahead for directories of small files. The main thread reads each small file with synchronous
 * calls, cheap when the file is in the page cache but a wait on the disk when it is not, and those waits,
 * one after the other on the thread that feeds the workers, hold the workers up. A helper thread reads the
 * files a little ahead of the main thread, so that its reads find them in the page cache.
 *
 * The helper only warms the cache: it discards what it reads and ignores failures (the main thread reads
 * every file itself and reports what fails), so nothing it does changes the output. It reads in a loop,
 * told of files in batches, where reading through the thread pool would wake its threads and call back
 * once per file.
 */
import { Worker } from 'node:worker_threads';

/** Paths sent to the helper in one message. */
const BATCH_FILES = 32;

/**
 * Bytes of a file the helper reads at most: the main thread reads files up to this size in one call, and
 * streams larger ones (sequential reads the kernel reads ahead by itself).
 */
export const READ_AHEAD_MAX_BYTES = 1024 * 1024;

/** Reads the start of each file of each batch it is sent into one reused buffer, and forgets it. */
const HELPER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const buffer = Buffer.allocUnsafe(64 * 1024);
parentPort.on('message', (paths) => {
  for (const path of paths) {
    let fd = -1;
    try {
      fd = openSync(path, 'r');
      for (let read = 0, n = 1; n > 0 && read < ${READ_AHEAD_MAX_BYTES}; read += n) n = readSync(fd, buffer, 0, buffer.length, null);
    } catch {
      // The main thread reads the file itself and reports the failure.
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }
});
`;

/** Started on the first file added: a run without directories of small files starts no helper. */
export class ReadAhead {
  private helper: Worker | null = null;
  private batch: string[] = [];

  /** The file at `path` will be read soon. */
  add(path: string): void {
    this.batch.push(path);
    if (this.batch.length === BATCH_FILES) this.flush();
  }

  /** Sends the files added since the last batch. */
  flush(): void {
    if (this.batch.length === 0) return;
    this.helper ??= startHelper();
    this.helper.postMessage(this.batch);
    this.batch = [];
  }

  async close(): Promise<void> {
    this.batch = [];
    await this.helper?.terminate();
    this.helper = null;
  }
}

function startHelper(): Worker {
  const helper = new Worker(HELPER_SOURCE, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
  // A helper that cannot start or dies only leaves the cache cold.
  helper.on('error', () => undefined);
  helper.unref();
  return helper;
}
