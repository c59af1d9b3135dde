/**
 * A temporary file of byte records appended as they come and read back by position: pass 2 spills its
 * articles to one (read back for dedup checks and for the output in source order), the article index its
 * signatures to another, the pass cache its log of where each prepared page went to a third. Memory holds
 * one write buffer and one read window, never the records. The file lives in a temporary directory
 * removed on close or on exit.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { WriteBuffer, writeAll } from './files.js';
import { TempDir, temporary } from '../temp.js';

/**
 * Bytes read at once when reading on in order. Output runs in source order, and articles were spilled in
 * nearly that order (pages are dispatched in source order), so most reads fall inside the window the
 * previous one loaded.
 */
const READ_WINDOW_BYTES = 1 << 20;

/** Where one spilled record sits. */
export interface SpillPosition {
  readonly offset: number;
  readonly bytes: number;
}

export class Spill {
  private readonly dir: TempDir;
  private readonly fd: number;
  private readonly pending = new WriteBuffer();
  /** Bytes on disk. */
  private written = 0;
  private window = Buffer.alloc(0);
  private windowOffset = 0;

  /** `name` says what the file holds (it names the temporary directory). */
  constructor(name: string) {
    this.dir = new TempDir(name);
    this.fd = temporary(() => openSync(this.dir.file(name), 'w+'));
  }

  /** Bytes appended so far. */
  get size(): number {
    return this.written + this.pending.bytes;
  }

  /** Append one record; returns where it sits. The bytes are kept until written: do not change them. */
  append(bytes: Uint8Array): SpillPosition {
    const position = { offset: this.size, bytes: bytes.length };
    if (this.pending.add(bytes)) this.flush();
    return position;
  }

  /**
   * The record at `position`, as appended (fewer bytes if the file ends first). The view is valid until
   * the next read: copy what must outlive it.
   */
  read(position: SpillPosition): Buffer {
    this.flush();
    const { offset, bytes } = position;
    const windowEnd = this.windowOffset + this.window.length;
    if (offset < this.windowOffset || offset + bytes > windowEnd) {
      // In or just past the window: reading on in order, load the window from here. Elsewhere (a dedup
      // check): read that one record only.
      const sequential = offset >= this.windowOffset && offset < windowEnd + READ_WINDOW_BYTES;
      const buffer = Buffer.allocUnsafe(sequential ? Math.max(bytes, READ_WINDOW_BYTES) : bytes);
      const read = readSync(this.fd, buffer, 0, buffer.length, offset);
      if (!sequential) return buffer.subarray(0, read);
      this.window = buffer.subarray(0, read);
      this.windowOffset = offset;
    }
    const at = offset - this.windowOffset;
    return this.window.subarray(at, Math.min(at + bytes, this.window.length));
  }

  close(): void {
    closeSync(this.fd);
    this.dir.remove();
  }

  /**
   * Write what is buffered. A failed write (a full disk) throws and loses the buffered records, not the
   * file: `size` then ends after the last good write.
   */
  flush(): void {
    if (this.pending.bytes === 0) return;
    const chunk = this.pending.take();
    temporary(() => writeAll(this.fd, chunk, this.written));
    this.written += chunk.length;
  }
}
