/**
 * Atomic output files: written to a temporary sibling, flushed to disk, then renamed over the target.
 * A run killed at any moment leaves the previous file or none, never a half-written one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { onCleanup } from '../cleanup.js';

/** Bytes gathered before one write: the output gets a line per record, and a write each cost a system call. */
const WRITE_BUFFER_BYTES = 1 << 20;

/** Chunks gathered for one write (of the output or a spill). Chunks are kept until taken: do not change them. */
export class WriteBuffer {
  private chunks: Uint8Array[] = [];
  /** Bytes gathered. */
  bytes = 0;

  /** Adds a chunk; true once the buffer holds enough for a write. */
  add(chunk: Uint8Array): boolean {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    return this.bytes >= WRITE_BUFFER_BYTES;
  }

  /** What was gathered, as one buffer; the buffer is empty again. */
  take(): Buffer {
    const all = Buffer.concat(this.chunks, this.bytes);
    this.chunks = [];
    this.bytes = 0;
    return all;
  }
}

export class AtomicFile {
  private fd: number | null;
  private readonly pending = new WriteBuffer();
  readonly tempPath: string;
  private readonly unregister: () => void;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    removeStaleTemps(path);
    this.tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    this.fd = openSync(this.tempPath, 'wx');
    this.unregister = onCleanup(() => this.abort());
  }

  /** Appends text (written as UTF-8) or bytes. Bytes are kept until written: do not change them. */
  write(chunk: string | Uint8Array): void {
    if (this.fd === null) throw new Error(`${this.path}: write after commit or abort`);
    if (this.pending.add(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) this.flush(this.fd);
  }

  commit(): void {
    if (this.fd === null) return;
    this.flush(this.fd);
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.tempPath, this.path);
    this.unregister();
  }

  private flush(fd: number): void {
    if (this.pending.bytes > 0) writeAll(fd, this.pending.take());
  }

  abort(): void {
    this.pending.take();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.tempPath, { force: true });
    this.unregister();
  }
}

/** Temporary siblings left by a killed run (SIGKILL cannot be cleaned up after) whose process is gone. */
function removeStaleTemps(path: string): void {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) && name.endsWith('.tmp') ? /\.(\d+)\.[0-9a-z]+\.tmp$/.exec(name) : null;
    if (m && !alive(Number(m[1]))) rmSync(join(dirname(path), name), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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

/** Write a whole buffer (writeSync may write less than asked), at `position` or at the file's offset. */
export function writeAll(fd: number, chunk: Uint8Array, position: number | null = null): void {
  for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done, position === null ? null : position + done);
}
