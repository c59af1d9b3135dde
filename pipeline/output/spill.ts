/**
 * A file of byte records appended as they come and read back by position: the clean step spills its
 * articles to one (read back for dedup checks and for the output in source order) and their signatures to
 * another, the pass cache its log of where each prepared page went to a third. Memory holds one write
 * buffer and one read window, never the records. A temporary spill lives in a temporary directory removed
 * on close or on exit; a work directory's spill stays where it was created, for the steps after.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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
  private readonly pending = new WriteBuffer();
  private window = Buffer.alloc(0);
  private windowOffset = 0;

  private constructor(
    private readonly fd: number,
    /** Bytes on disk. */
    private written: number,
    private readonly onClose: () => void,
    /** Runs a write, its failure said in terms of where the file is. */
    private readonly writing: <T>(operation: () => T) => T,
  ) {}

  /** A spill in a temporary directory of its own; `name` says what it holds (it names the directory). */
  static temporary(name: string): Spill {
    const dir = new TempDir(name);
    return new Spill(
      temporary(() => openSync(dir.file(name), 'w+')),
      0,
      () => dir.remove(),
      temporary,
    );
  }

  /** A new spill at `path`, left there when closed. */
  static create(path: string): Spill {
    return new Spill(openSync(path, 'w+'), 0, () => undefined, naming(path));
  }

  /** The spill at `path`, written before, to read. */
  static open(path: string): Spill {
    const fd = openSync(path, 'r');
    return new Spill(fd, fstatSync(fd).size, () => undefined, naming(path));
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
    this.onClose();
  }

  /**
   * Write what is buffered. A failed write (a full disk) throws and loses the buffered records, not the
   * file: `size` then ends after the last good write.
   */
  flush(): void {
    if (this.pending.bytes === 0) return;
    const chunk = this.pending.take();
    this.writing(() => writeAll(this.fd, chunk, this.written));
    this.written += chunk.length;
  }
}

/** Runs a file operation; its failure names the file. */
function naming(path: string): <T>(operation: () => T) => T {
  return (operation) => {
    try {
      return operation();
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
    }
  };
}
