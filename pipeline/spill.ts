/**
 * The spill file of pass 2: cleaned articles appended as they come, read back by position for dedup
 * checks and for the output in source order. Memory holds one write buffer and one read window, never
 * the articles. The file lives in a temporary directory removed on close or on exit.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAll } from './atomic.js';
import { onCleanup } from './cleanup.js';

/** Bytes gathered before one write: a write per article cost a system call per page. */
const WRITE_BUFFER_BYTES = 1 << 20;
/**
 * Bytes read at once when reading on in order. Output runs in source order, and articles were spilled in
 * nearly that order (pages are dispatched in source order), so most reads fall inside the window the
 * previous one loaded.
 */
const READ_WINDOW_BYTES = 1 << 20;

/** Where one spilled line sits. */
export interface SpillPosition {
  readonly offset: number;
  readonly bytes: number;
}

export class Spill {
  private readonly dir = mkdtempSync(join(tmpdir(), 'winnow-articles-'));
  private readonly fd = openSync(join(this.dir, 'articles.ndjson'), 'w+');
  private readonly forget = onCleanup(() => rmSync(this.dir, { recursive: true, force: true }));
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes on disk. */
  private written = 0;
  private window = Buffer.alloc(0);
  private windowOffset = 0;

  /** Append one line (with its newline); returns where it sits. */
  append(line: string): SpillPosition {
    const bytes = Buffer.from(line);
    const position = { offset: this.written + this.pendingBytes, bytes: bytes.length };
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_BUFFER_BYTES) this.flush();
    return position;
  }

  /** The line at `position`, as appended. */
  read(position: SpillPosition): string {
    this.flush();
    const { offset, bytes } = position;
    const windowEnd = this.windowOffset + this.window.length;
    if (offset < this.windowOffset || offset + bytes > windowEnd) {
      // Just past the window: reading on in order, load the next window. Elsewhere (a dedup check):
      // read that one line only.
      const sequential = offset >= windowEnd && offset < windowEnd + READ_WINDOW_BYTES;
      const buffer = Buffer.allocUnsafe(sequential ? Math.max(bytes, READ_WINDOW_BYTES) : bytes);
      const read = readSync(this.fd, buffer, 0, buffer.length, offset);
      if (!sequential) return buffer.toString('utf8', 0, read);
      this.window = buffer.subarray(0, read);
      this.windowOffset = offset;
    }
    const at = offset - this.windowOffset;
    return this.window.toString('utf8', at, at + bytes);
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
    this.forget();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    writeAll(this.fd, chunk, this.written);
    this.written += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
