/** Low-level file writing shared by the outputs, the spills and the pass cache. */
import { readdirSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Bytes gathered before one write: the output gets a line per record, and a write each cost a system call. */
const WRITE_BUFFER_BYTES = 1 << 20;

/** Chunks gathered for one write (of an output or a spill). Chunks are kept until taken: do not change them. */
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

/** Write a whole buffer (writeSync may write less than asked), at `position` or at the file's offset. */
export function writeAll(fd: number, chunk: Uint8Array, position: number | null = null): void {
  for (let done = 0; done < chunk.length;)
    done += writeSync(fd, chunk, done, chunk.length - done, position === null ? null : position + done);
}

/** Temporary siblings of `path` left by a killed run (SIGKILL cannot be cleaned up after) whose process is gone. */
export function removeStaleTemps(path: string): void {
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

/** Whether a process of this host is still there. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
