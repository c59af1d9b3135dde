/**
 * SiteStats: per site, on how many distinct pages each block occurs — learned in the first pass,
 * read by the template stage in the second.
 *
 * The first pass records one (block key, page hash) pair per distinct block of each page; the block key
 * mixes the site into the block hash, and a virtual block per site counts the site's pages. Support is
 * counted over distinct pages: a page saved twice, or crawled twice with a changed timestamp or menu,
 * counts once — pages whose text is at least PAGE_COPY_SIMILARITY alike (MinHash over the word
 * shingles of their blocks) count as one. Two builders fed with two shards of a dump merge exactly into the
 * builder of the whole (`merge`). Pairs are spilled to hash-partitioned files once the buffer fills and
 * counted one partition at a time, so memory holds the buffer, one small signature per page and the
 * blocks that repeat (support ≥ 2), never the pages' texts or their singleton blocks.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { hash53 } from '../stages/hash.js';
import { bandKey, lshClusters, matchTextShingles, mix32, signature, similarity } from '../stages/minhash.js';
import { TempDir, temporary } from './temp.js';
import type { SiteView } from '../stages/template.js';

/** Number of spill partitions; each is counted in memory on its own. */
export const PARTITIONS = 64;
/** Pairs held in memory before they are spilled to disk (16 bytes each). */
export const DEFAULT_BUFFER_PAIRS = 1 << 20;

const TWO_32 = 4294967296;

/** Pages at least this alike (estimated Jaccard of their word shingles) are copies of one page. */
export const PAGE_COPY_SIMILARITY = 0.8;
/** Page signatures: 64 hashes in 16 bands of 4 rows. */
const PAGE_HASHES = 64;
const PAGE_BANDS = 16;
/** Words per shingle of a page's signature. */
const PAGE_SHINGLE_WORDS = 5;

/**
 * A page's signature: the word shingles of each of its blocks, mixed with its site. Shingles, not whole
 * blocks, so a copy with a few words changed in one paragraph (an article re-crawled after an edit)
 * stays almost as alike as an exact one.
 */
export function pageSignature(site: string, blocks: readonly { norm: string }[]): Uint32Array {
  const siteHash = hash53(site) >>> 0;
  const parts = blocks.map((block) => matchTextShingles(block.norm, PAGE_SHINGLE_WORDS));
  // Typed, as the shingles signature() also gets: one element kind, so its optimised code stays.
  const elements = new Uint32Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) for (let i = 0; i < part.length; i++) elements[at++] = mix32(part[i]! ^ siteHash);
  return signature(elements, PAGE_HASHES);
}

/** A block's key within its site: the block hash mixed with the site hash (53 bits). */
export function siteKey(siteHash: number, blockHash: number): number {
  const hi = (Math.floor(blockHash / TWO_32) ^ Math.floor(siteHash / TWO_32)) & 0x1fffff;
  const lo = ((blockHash >>> 0) ^ (siteHash >>> 0)) >>> 0;
  return hi * TWO_32 + lo;
}

/** The virtual block every page of a site carries: its support is the site's page count. */
const PAGE_MARKER = 0;

function partitionOf(key: number): number {
  return Math.floor(key / TWO_32) % PARTITIONS;
}

export class SiteStatsBuilder {
  private buffer: Float64Array;
  private filled = 0;
  private spillDir: TempDir | null = null;
  private pageHashes: number[] = [];
  private pageSignatures = new Uint32Array(PAGE_HASHES * 64);

  constructor(private readonly bufferPairs = DEFAULT_BUFFER_PAIRS) {
    this.buffer = new Float64Array(bufferPairs * 2);
  }

  /** Record one page: its site, a hash of its whole normalised content, its signature and its block hashes. */
  addPage(site: string, pageHash: number, signature: Uint32Array, blockHashes: Iterable<number>): void {
    this.addSignature(pageHash, signature);
    const siteHash = hash53(site);
    this.push(siteKey(siteHash, PAGE_MARKER), pageHash);
    for (const block of new Set(blockHashes)) this.push(siteKey(siteHash, block), pageHash);
  }

  /** Take in the pairs of a builder fed with another shard of the same dump. */
  merge(other: SiteStatsBuilder): void {
    other.forEachPair((key, page) => this.push(key, page));
    other.pageHashes.forEach((page, i) => this.addSignature(page, other.pageSignatures.subarray(i * PAGE_HASHES, (i + 1) * PAGE_HASHES)));
  }

  private addSignature(pageHash: number, sig: Uint32Array): void {
    const at = this.pageHashes.length * PAGE_HASHES;
    if (at + PAGE_HASHES > this.pageSignatures.length) {
      const grown = new Uint32Array(this.pageSignatures.length * 2);
      grown.set(this.pageSignatures);
      this.pageSignatures = grown;
    }
    this.pageSignatures.set(sig, at);
    this.pageHashes.push(pageHash);
  }

  /** Each page hash's stand-in: the smallest page hash among its copies. */
  private copiesOf(): Map<number, number> {
    const n = this.pageHashes.length;
    const sig = (i: number) => this.pageSignatures.subarray(i * PAGE_HASHES, (i + 1) * PAGE_HASHES);
    const cluster = lshClusters(n, {
      bands: PAGE_BANDS,
      keyOf: (i, band) => bandKey(sig(i), band, PAGE_HASHES / PAGE_BANDS),
      joins: (a, b) => similarity(sig(a), sig(b)) >= PAGE_COPY_SIMILARITY,
    });
    const smallest = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const rep = cluster[i]!;
      smallest.set(rep, Math.min(smallest.get(rep) ?? Infinity, this.pageHashes[i]!));
    }
    const standIn = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const best = smallest.get(cluster[i]!)!;
      if (best !== this.pageHashes[i]) standIn.set(this.pageHashes[i]!, best);
    }
    return standIn;
  }

  /** Count distinct pages per key, one partition at a time, and keep the keys seen on two pages or more. */
  build(): SiteStats {
    const counts = new Map<number, number>();
    const standIn = this.copiesOf();
    const starts = this.groupBuffer();
    for (let p = 0; p < PARTITIONS; p++) {
      const pages = new Map<number, number | Set<number>>();
      this.forEachPairIn(p, starts, (key, copy) => {
        const page = standIn.get(copy) ?? copy;
        const seen = pages.get(key);
        if (seen === undefined) pages.set(key, page);
        else if (typeof seen === 'number') {
          if (seen !== page) pages.set(key, new Set([seen, page]));
        } else seen.add(page);
      });
      for (const [key, seen] of pages) if (typeof seen !== 'number') counts.set(key, seen.size);
    }
    this.dispose();
    return SiteStats.fromCounts(counts);
  }

  /** Remove spill files and free the page signatures. */
  dispose(): void {
    this.pageHashes = [];
    this.pageSignatures = new Uint32Array(0);
    this.spillDir?.remove();
    this.spillDir = null;
  }

  private push(key: number, page: number): void {
    if (this.filled === this.bufferPairs) this.spill();
    this.buffer[this.filled * 2] = key;
    this.buffer[this.filled * 2 + 1] = page;
    this.filled++;
  }

  private spill(): void {
    const dir = (this.spillDir ??= new TempDir('stats'));
    const parts: number[][] = Array.from({ length: PARTITIONS }, () => []);
    for (let i = 0; i < this.filled; i++) parts[partitionOf(this.buffer[i * 2]!)]!.push(this.buffer[i * 2]!, this.buffer[i * 2 + 1]!);
    parts.forEach((pairs, p) => {
      if (pairs.length) temporary(() => appendFileSync(dir.file(`part-${p}.bin`), Buffer.from(new Float64Array(pairs).buffer)));
    });
    this.filled = 0;
  }

  /**
   * Orders the buffered pairs by partition, in place (American flag sort); where each partition starts:
   * counting then reads each partition's slice, not the whole buffer once per partition.
   */
  private groupBuffer(): Uint32Array {
    const starts = new Uint32Array(PARTITIONS + 1);
    for (let i = 0; i < this.filled; i++) starts[partitionOf(this.buffer[i * 2]!) + 1]!++;
    for (let p = 0; p < PARTITIONS; p++) starts[p + 1]! += starts[p]!;
    const next = starts.slice(0, PARTITIONS);
    for (let p = 0; p < PARTITIONS; p++) {
      while (next[p]! < starts[p + 1]!) {
        const at = next[p]! * 2;
        const key = this.buffer[at]!;
        const home = partitionOf(key);
        if (home === p) {
          next[p]!++;
          continue;
        }
        // Swap the pair into the next free place of its own partition; whatever was there is looked at next.
        const to = next[home]!++ * 2;
        const page = this.buffer[at + 1]!;
        this.buffer[at] = this.buffer[to]!;
        this.buffer[at + 1] = this.buffer[to + 1]!;
        this.buffer[to] = key;
        this.buffer[to + 1] = page;
      }
    }
    return starts;
  }

  /** Every pair, spilled or buffered. */
  private forEachPair(visit: (key: number, page: number) => void): void {
    for (let p = 0; p < PARTITIONS; p++) this.forEachSpilled(visit, p);
    for (let i = 0; i < this.filled; i++) visit(this.buffer[i * 2]!, this.buffer[i * 2 + 1]!);
  }

  /** The pairs of one partition, spilled or buffered; the buffer grouped by `groupBuffer` (`starts`). */
  private forEachPairIn(partition: number, starts: Uint32Array, visit: (key: number, page: number) => void): void {
    this.forEachSpilled(visit, partition);
    for (let i = starts[partition]!; i < starts[partition + 1]!; i++) visit(this.buffer[i * 2]!, this.buffer[i * 2 + 1]!);
  }

  private forEachSpilled(visit: (key: number, page: number) => void, partition: number): void {
    if (!this.spillDir) return;
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.spillDir.file(`part-${partition}.bin`));
    } catch {
      return; // nothing of this partition was spilled
    }
    const pairs = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
    for (let i = 0; i < pairs.length; i += 2) visit(pairs[i]!, pairs[i + 1]!);
  }
}

/** SiteStats as plain typed arrays (in shared memory), to hand to worker threads without copying. */
export interface SiteStatsSnapshot {
  readonly keys: Float64Array;
  readonly counts: Uint32Array;
}

/** Most slots a table fills: lookups stay at one or two probes. */
const MAX_LOAD = 0.7;

/**
 * The learned statistics: support of every block that repeats, and the page count of every site, in an
 * open-addressing hash table (keys and counts in shared buffers, so workers read them without a copy;
 * a count of 0 marks an empty slot). Every block of every page is looked up, so a lookup must cost one
 * or two probes, not the ~20 cache misses of a binary search over a million keys.
 */
export class SiteStats {
  private readonly mask: number;

  private constructor(
    private readonly keys: Float64Array,
    private readonly counts: Uint32Array,
  ) {
    this.mask = keys.length - 1;
  }

  static fromCounts(repeated: ReadonlyMap<number, number>): SiteStats {
    let size = 1;
    while (size * MAX_LOAD < repeated.size + 1) size *= 2;
    const keys = new Float64Array(new SharedArrayBuffer(size * 8));
    const counts = new Uint32Array(new SharedArrayBuffer(size * 4));
    const mask = size - 1;
    for (const [key, count] of repeated) {
      let slot = slotOf(key) & mask;
      while (counts[slot] !== 0) slot = (slot + 1) & mask;
      keys[slot] = key;
      counts[slot] = count;
    }
    return new SiteStats(keys, counts);
  }

  static fromSnapshot(snapshot: SiteStatsSnapshot): SiteStats {
    return new SiteStats(snapshot.keys, snapshot.counts);
  }

  snapshot(): SiteStatsSnapshot {
    return { keys: this.keys, counts: this.counts };
  }

  view(site: string): SiteView {
    const siteHash = hash53(site);
    return {
      pages: this.lookup(siteKey(siteHash, PAGE_MARKER)),
      support: (hash: number) => this.lookup(siteKey(siteHash, hash)),
    };
  }

  private lookup(key: number): number {
    for (let slot = slotOf(key) & this.mask; ; slot = (slot + 1) & this.mask) {
      const count = this.counts[slot]!;
      if (count === 0) return 1;
      if (this.keys[slot] === key) return count;
    }
  }
}

/** A key's home slot: its low 32 bits (keys are hashes, already well mixed). */
function slotOf(key: number): number {
  return key >>> 0;
}
