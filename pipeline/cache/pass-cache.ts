/**
 * The pass cache: what pass 1 made of each page (its prepared page, encoded), kept on disk so that pass 2
 * need not decode and parse the page again.
 *
 * The main thread opens one file per worker lane in a temporary directory; the workers write the pages
 * there and read them back (`cache-lane.ts`). What the main thread keeps is where each page went. Pass 1
 * finishes pages out of order; their locations are logged in the order the pages were read (a reorder
 * buffer holds the ones that finish early), and pass 2, which reads the inputs in the same order, reads
 * the log straight through. Each location names its page by ordinal and a hash of its source; a page
 * pass 1 did not store (it failed, or the byte budget was spent, or the disk filled) or whose source
 * changed is simply parsed again. Memory holds the reorder buffer and the log's buffers, not the pages.
 */
import { closeSync, openSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { hash53 } from '../../stages/hash.js';
import type { CacheFiles, CacheLocation } from './cache-lane.js';
import { TempDir, temporary } from '../temp.js';
import { Spill } from '../output/spill.js';

/** ordinal, source hash, lane, length (little-endian uint32), offset (float64). */
const LOG_ENTRY_BYTES = 24;
/** Of the free space of the temporary directory, the share the cache may take at most. */
const FREE_SPACE_SHARE = 0.5;
/**
 * Locations held while an earlier page is still running. A slow page (up to the page timeout) lets the
 * other workers finish thousands of pages meanwhile; beyond this many, their locations are dropped (those
 * pages are parsed again in pass 2) rather than held in memory.
 */
export const EARLY_ENTRIES_MAX = 1 << 16;

export class PassCache {
  private readonly dir: TempDir;
  private readonly fds: readonly number[];
  private readonly laneBytes: number;
  private readonly log = Spill.temporary('pass-cache-log');
  /** Pass 1: locations of pages that finished before an earlier page. */
  private readonly early = new Map<number, { readonly source: string; readonly location: CacheLocation | null }>();
  private nextToLog = 0;
  /** False once a write of the log failed (a full disk): later pages are parsed again. */
  private logging = true;
  /** Pass 2: where the next unread log entry starts, and the end of the log (null: pass 1 still on). */
  private cursor = 0;
  private end: number | null = null;

  /**
   * `budgetBytes`: the most the files may hold together (also never more than half the free space of
   * the temporary directory), shared evenly by `lanes` worker lanes.
   */
  constructor(budgetBytes: number, lanes: number) {
    this.laneBytes = Math.floor(Math.min(budgetBytes, freeSpace() * FREE_SPACE_SHARE) / lanes);
    const dir = new TempDir('pass-cache');
    this.dir = dir;
    this.fds = Array.from({ length: lanes }, (_, lane) => temporary(() => openSync(dir.file(`lane-${lane}`), 'w+')));
  }

  /** What worker lane `lane` is given to write and read the cache. */
  files(lane: number): CacheFiles {
    return { fds: this.fds, lane, laneBytes: this.laneBytes };
  }

  /**
   * Pass 1: page number `ordinal` (from 0, counting pages in reading order) is done; `location` is where
   * a worker stored it, or null. Every ordinal must be put once.
   */
  put(ordinal: number, source: string, location: CacheLocation | null): void {
    // The page logged next is not held; others are, within the bound.
    const kept = ordinal === this.nextToLog || this.early.size < EARLY_ENTRIES_MAX ? location : null;
    this.early.set(ordinal, { source, location: kept });
    for (let next = this.early.get(this.nextToLog); next; next = this.early.get(this.nextToLog)) {
      this.early.delete(this.nextToLog);
      if (next.location && this.logging) this.append(this.nextToLog, next.source, next.location);
      this.nextToLog++;
    }
  }

  /** Pass 2: whether pass 1 stored page `ordinal` for this source (`take` then gives where). */
  has(ordinal: number, source: string): boolean {
    const entry = this.seek(ordinal);
    return entry !== null && entry.readUInt32LE(4) === sourceKey(source);
  }

  /** Pass 2: where pass 1 stored page `ordinal`, if it stored it for this source. */
  take(ordinal: number, source: string): CacheLocation | null {
    const entry = this.seek(ordinal);
    if (!entry || entry.readUInt32LE(4) !== sourceKey(source)) return null;
    this.cursor += LOG_ENTRY_BYTES;
    return { lane: entry.readUInt32LE(8), length: entry.readUInt32LE(12), offset: entry.readDoubleLE(16) };
  }

  /** Pass 2: passes the entries of pages before `ordinal` and gives that page's entry, if logged (not consumed). */
  private seek(ordinal: number): Buffer | null {
    this.end ??= this.finishLog();
    while (this.cursor + LOG_ENTRY_BYTES <= this.end) {
      const entry = this.log.read({ offset: this.cursor, bytes: LOG_ENTRY_BYTES });
      const entryOrdinal = entry.readUInt32LE(0);
      if (entryOrdinal === ordinal) return entry;
      if (entryOrdinal > ordinal) return null;
      this.cursor += LOG_ENTRY_BYTES;
    }
    return null;
  }

  close(): void {
    this.log.close();
    for (const fd of this.fds) closeSync(fd);
    this.dir.remove();
  }

  private append(ordinal: number, source: string, location: CacheLocation): void {
    const entry = Buffer.allocUnsafe(LOG_ENTRY_BYTES);
    entry.writeUInt32LE(ordinal, 0);
    entry.writeUInt32LE(sourceKey(source), 4);
    entry.writeUInt32LE(location.lane, 8);
    entry.writeUInt32LE(location.length, 12);
    entry.writeDoubleLE(location.offset, 16);
    try {
      this.log.append(entry);
    } catch {
      // The disk is full: the locations logged so far stay usable.
      this.logging = false;
    }
  }

  /** Writes what is buffered and returns where the logged locations end. */
  private finishLog(): number {
    this.logging = false;
    try {
      this.log.flush();
    } catch {
      // as in append
    }
    return this.log.size;
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
