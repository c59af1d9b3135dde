/**
 * The pass cache: what pass 1 made of each page (its prepared page, encoded), kept on disk so that pass 2
 * need not decode and parse the page again.
 *
 * Pass 1 finishes pages out of order; entries are written in the order the pages were read (a reorder
 * buffer holds the few that finish early), and pass 2, which reads the inputs in the same order, reads the
 * file straight through. Each entry names its page by ordinal and a hash of its source; a page pass 1 did
 * not store (it failed, or the byte budget was spent, or the disk filled) or whose source changed is
 * simply parsed again. Memory holds the reorder buffer and the spill's buffers, not the pages.
 */
import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { hash53 } from '../stages/hash.js';
import { Spill } from './spill.js';

/** ordinal, source hash, payload length: three little-endian uint32. */
const HEADER_BYTES = 12;
/** Of the free space of the temporary directory, the share the cache may take at most. */
const FREE_SPACE_SHARE = 0.5;
/**
 * Bytes of entries held while an earlier page is still running. A slow page (up to the page timeout)
 * lets the other workers finish thousands of pages meanwhile; beyond this, their entries are not kept
 * (those pages are parsed again in pass 2) rather than held in memory.
 */
export const EARLY_BYTES_MAX = 32 * 1024 * 1024;

export class PassCache {
  private readonly spill = new Spill('pass-cache');
  private readonly budget: number;
  /** Pass 1: entries that finished before an earlier page. */
  private readonly early = new Map<number, { readonly source: string; readonly entry: Uint8Array | null }>();
  private earlyBytes = 0;
  private nextToWrite = 0;
  /** False once the budget is spent or a write failed. */
  private writing = true;
  /** Pass 2: where the next unread entry starts, and the end of what was written (null: pass 1 still on). */
  private cursor = 0;
  private end: number | null = null;

  /** `budgetBytes`: the most the file may hold (also never more than half the free space of the temporary directory). */
  constructor(budgetBytes: number) {
    this.budget = Math.min(budgetBytes, freeSpace() * FREE_SPACE_SHARE);
  }

  /**
   * Pass 1: page number `ordinal` (from 0, counting pages in reading order) is done; `entry` is what to
   * keep of it, or null. Every ordinal must be put once.
   */
  put(ordinal: number, source: string, entry: Uint8Array | null): void {
    // The page written next is not held; others are, within the bound.
    const kept = entry && (ordinal === this.nextToWrite || this.earlyBytes + entry.length <= EARLY_BYTES_MAX) ? entry : null;
    this.early.set(ordinal, { source, entry: kept });
    this.earlyBytes += kept?.length ?? 0;
    for (let next = this.early.get(this.nextToWrite); next; next = this.early.get(this.nextToWrite)) {
      this.early.delete(this.nextToWrite);
      this.earlyBytes -= next.entry?.length ?? 0;
      if (next.entry && this.writing) this.write(this.nextToWrite, next.source, next.entry);
      this.nextToWrite++;
    }
  }

  /** Pass 2: the entry pass 1 kept for page `ordinal`, if it kept one for this source. */
  take(ordinal: number, source: string): Uint8Array | null {
    const end = (this.end ??= this.finishWriting());
    while (this.cursor + HEADER_BYTES <= end) {
      const header = this.spill.read({ offset: this.cursor, bytes: HEADER_BYTES });
      const entryOrdinal = header.readUInt32LE(0);
      if (entryOrdinal > ordinal) return null;
      const sourceHash = header.readUInt32LE(4);
      const length = header.readUInt32LE(8);
      const at = this.cursor + HEADER_BYTES;
      this.cursor = at + length;
      if (entryOrdinal < ordinal || sourceHash !== sourceKey(source) || this.cursor > end) continue;
      return new Uint8Array(this.spill.read({ offset: at, bytes: length }));
    }
    return null;
  }

  close(): void {
    this.spill.close();
  }

  private write(ordinal: number, source: string, entry: Uint8Array): void {
    if (this.spill.size + HEADER_BYTES + entry.length > this.budget) {
      this.writing = false;
      return;
    }
    const header = Buffer.allocUnsafe(HEADER_BYTES);
    header.writeUInt32LE(ordinal, 0);
    header.writeUInt32LE(sourceKey(source), 4);
    header.writeUInt32LE(entry.length, 8);
    try {
      this.spill.append(header);
      this.spill.append(entry);
    } catch {
      // The disk is full: keep what was written, parse the rest again in pass 2.
      this.writing = false;
    }
  }

  /** Writes what is buffered and returns where the written entries end. */
  private finishWriting(): number {
    this.writing = false;
    try {
      this.spill.flush();
    } catch {
      // as in write: what was written stays usable
    }
    return this.spill.size;
  }
}

function sourceKey(source: string): number {
  return hash53(source) >>> 0;
}

function freeSpace(): number {
  try {
    const { bavail, bsize } = statfsSync(tmpdir());
    return bavail * bsize;
  } catch {
    return Infinity;
  }
}
