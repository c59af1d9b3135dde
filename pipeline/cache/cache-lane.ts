/**
 * The workers' side of the pass cache. Each worker lane appends the prepared pages of pass 1 to a file of
 * its own and tells the main thread only where each went; in pass 2 whichever worker cleans the page
 * reads it back from there. The pages' bytes never pass through the main thread: carrying them there and
 * back would make its largest allocations (and their garbage collections), and it is the thread every
 * worker waits on.
 *
 * The files are opened by the main thread (`PassCache`), which owns their descriptors; descriptors are
 * the process's, so a worker uses them as they are and a replaced worker goes on where its lane's file ends.
 */
import { fstatSync, readSync } from 'node:fs';
import { writeAll } from '../output/files.js';

/** Where pass 1 put a prepared page: which lane's file, at which byte, how many bytes. */
export interface CacheLocation {
  readonly lane: number;
  readonly offset: number;
  readonly length: number;
}

/** What a worker needs to use the cache: every lane's file (to read), its own lane and byte budget (to write). */
export interface CacheFiles {
  readonly fds: readonly number[];
  readonly lane: number;
  /** Bytes this lane's file may hold at most. */
  readonly laneBytes: number;
}

export class CacheLane {
  private end: number;
  /** False once the budget is spent or a write failed. */
  private writing = true;

  constructor(private readonly files: CacheFiles) {
    // A worker replacing one that died goes on after what its predecessor wrote (a cut entry included).
    this.end = fstatSync(files.fds[files.lane]!).size;
  }

  /**
   * Pass 1: appends one prepared page (`encode` makes its bytes: not called once the cache is full);
   * where it went, or null if the budget is spent or the disk full.
   */
  store(encode: () => Uint8Array): CacheLocation | null {
    if (!this.writing) return null;
    const bytes = encode();
    if (this.end + bytes.length > this.files.laneBytes) {
      this.writing = false;
      return null;
    }
    try {
      writeAll(this.files.fds[this.files.lane]!, bytes, this.end);
    } catch {
      // The disk is full: what was stored stays readable; the rest is parsed again in pass 2.
      this.writing = false;
      return null;
    }
    const location = { lane: this.files.lane, offset: this.end, length: bytes.length };
    this.end += bytes.length;
    return location;
  }

  /** Pass 2: the prepared page stored at `location` (by this worker or another). */
  fetch(location: CacheLocation): Uint8Array {
    const bytes = new Uint8Array(location.length);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(this.files.fds[location.lane]!, bytes, read, bytes.length - read, location.offset + read);
      if (n === 0) throw new Error(`pass cache: lane ${location.lane} ends before byte ${location.offset + location.length}`);
      read += n;
    }
    return bytes;
  }
}
