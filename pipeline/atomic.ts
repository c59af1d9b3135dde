/**
 * Atomic output files: written to a temporary sibling, flushed to disk, then renamed over the target.
 * A run killed at any moment leaves the previous file or none, never a half-written one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class AtomicFile {
  private fd: number | null;
  readonly tempPath: string;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    this.fd = openSync(this.tempPath, 'wx');
  }

  write(text: string): void {
    if (this.fd === null) throw new Error(`${this.path}: write after commit or abort`);
    writeSync(this.fd, text);
  }

  commit(): void {
    if (this.fd === null) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.tempPath, this.path);
  }

  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.tempPath, { force: true });
  }
}

/** Write a whole file atomically. */
export function writeFileAtomic(path: string, text: string): void {
  const file = new AtomicFile(path);
  try {
    file.write(text);
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}
