/**
 * SiteStats: per site, on how many distinct pages each block occurs — learned in the first pass,
 * read by the template stage in the second.
 *
 * The first pass records one (site, block key, page key) triple per distinct block of each page; the block
 * key mixes the site into the block hash, the page key the site into the page hash, and a virtual block
 * per site counts the site's pages. Support is counted over distinct pages: a page saved twice, or
 * crawled twice with a changed timestamp or menu, counts once — pages of a site whose text is at least
 * PAGE_COPY_SIMILARITY alike (MinHash over the word shingles of
 * their blocks) count as one. Nothing depends
 * on the order pages come in or on the other sites counted with a site, so builders fed with shards of a
 * dump merge exactly into the builder of the whole (`merge`), and sites split into partitions are counted
 * exactly partition by partition (`count` gives each repeated key with its site). Pairs are spilled to
 * hash-partitioned files once the buffer fills and counted one partition at a time, so memory holds the
 * buffer, one small signature per page and the blocks that repeat (support ≥ 2), never the pages' texts
 * or their singleton blocks.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { hash53 } from '../stages/hash.js';
import { bandKey, lshClusters, matchTextShingles, mix32, signature, similarity } from '../stages/minhash.js';
import { TempDir, temporary } from './temp.js';
import type { SiteView } from '../stages/template.js';

/** Number of spill partitions; each is counted in memory on its own. */
const PARTITIONS = 64;
/** Pairs held in memory before they are spilled to disk (24 bytes each: 16 MiB). */
const DEFAULT_BUFFER_PAIRS = 699_050;

const TWO_32 = 4294967296;

/** Pages at least this alike (estimated Jaccard of their word shingles) are copies of one page. */
const PAGE_COPY_SIMILARITY = 0.8;
/** Page signatures: 64 hashes in 16 bands of 4 rows. */
export const PAGE_HASHES = 64;
const PAGE_BANDS = 16;
/**
 * Words per shingle of a page's signature. Few: a changed word breaks every shingle it is in, and a short
 * article re-crawled with a word or two edited must stay clearly above PAGE_COPY_SIMILARITY. How alike two
 * distinct pages look depends on the share of their text they have in common (the template), much the same
 * at any width.
 */
const PAGE_SHINGLE_WORDS = 3;

/**
 * A page's signature: the word shingles of each of its blocks. Shingles, not whole blocks, so a copy with a
 * few words changed in one paragraph (an article re-crawled after an edit) stays almost as alike as an exact
 * one. Nothing of the site goes in (pages are only compared within their site): two copies are judged alike
 * or not by their text alone, not by where the dump sits.
 */
export function pageSignature(blocks: readonly { norm: string }[]): Uint32Array {
  const parts = blocks.map((block) => matchTextShingles(block.norm, PAGE_SHINGLE_WORDS));
  // Typed, as the shingles signature() also gets: one element kind, so its optimised code stays.
  const elements = new Uint32Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    elements.set(part, at);
    at += part.length;
  }
  return signature(elements, PAGE_HASHES);
}

/**
 * A page's key within its site (53 bits), as `keyIn` makes a block's: the same page on two sites is two pages.
 */
export function pageKeyOf(siteHash: number, pageHash: number): number {
  return keyIn(siteScramble(siteHash), pageHash);
}

/** What a site mixes into its blocks' keys: two 32-bit words from its hash. */
function siteScramble(siteHash: number): readonly [hi: number, lo: number] {
  const lo = mix32((siteHash >>> 0) ^ 0x2545f491);
  return [mix32(Math.floor(siteHash / TWO_32) ^ lo) & 0x1fffff, lo];
}

/**
 * A key within a site (53 bits): a block's (or page's) hash mixed with a scramble of the site hash. Within a
 * site distinct blocks keep distinct keys, and across sites keys are unrelated. (The site hash itself, XORed
 * in, would give every site whose name is one of its blocks — a masthead — the same key 0.)
 */
function keyIn([siteHi, siteLo]: readonly [number, number], blockHash: number): number {
  const hi = (Math.floor(blockHash / TWO_32) ^ siteHi) & 0x1fffff;
  const lo = ((blockHash >>> 0) ^ siteLo) >>> 0;
  return hi * TWO_32 + lo;
}

/** The virtual block every page of a site carries: its support is the site's page count. */
const PAGE_MARKER = 0;

/** A site's hash, as pairs and models carry it. */
export function siteHashOf(site: string): number {
  return hash53(site);
}

/** The block keys a page of a site carries: its site's page marker, and each of its distinct blocks once. */
export function pageBlockKeys(siteHash: number, blockHashes: Iterable<number>, visit: (key: number) => void): void {
  const scramble = siteScramble(siteHash);
  visit(keyIn(scramble, PAGE_MARKER));
  for (const block of new Set(blockHashes)) visit(keyIn(scramble, block));
}

function partitionOf(key: number): number {
  return Math.floor(key / TWO_32) % PARTITIONS;
}

/** Numbers a pair is kept as: site hash, block key, page key. */
const PAIR_NUMBERS = 3;

/** What `count` finds for a block key seen on two distinct pages or more. */
export type RepeatedKey = (siteHash: number, key: number, pages: number) => void;

export class SiteStatsBuilder {
  private buffer: Float64Array;
  private filled = 0;
  private spillDir: TempDir | null = null;
  private pageSites: number[] = [];
  private pageKeys: number[] = [];
  private pageSignatures = new Uint32Array(PAGE_HASHES * 64);

  constructor(private readonly bufferPairs = DEFAULT_BUFFER_PAIRS) {
    this.buffer = new Float64Array(bufferPairs * PAIR_NUMBERS);
  }

  /** Record one page: its site, a hash of its whole normalised content, its signature and its block hashes. */
  addPage(site: string, pageHash: number, signature: Uint32Array, blockHashes: Iterable<number>): void {
    const siteHash = siteHashOf(site);
    const pageKey = pageKeyOf(siteHash, pageHash);
    this.addSignature(siteHash, pageKey, signature);
    pageBlockKeys(siteHash, blockHashes, (key) => this.addPair(siteHash, key, pageKey));
  }

  /** A page's signature, by its site and page key (as `addPage` records it). */
  addSignature(siteHash: number, pageKey: number, sig: Uint32Array): void {
    const at = this.pageKeys.length * PAGE_HASHES;
    if (at + PAGE_HASHES > this.pageSignatures.length) {
      const grown = new Uint32Array(this.pageSignatures.length * 2);
      grown.set(this.pageSignatures);
      this.pageSignatures = grown;
    }
    this.pageSignatures.set(sig, at);
    this.pageSites.push(siteHash);
    this.pageKeys.push(pageKey);
  }

  /** That a page of a site (by page key) carries a block key (`pageBlockKeys`). */
  addPair(siteHash: number, key: number, pageKey: number): void {
    if (this.filled === this.bufferPairs) this.spill();
    const at = this.filled * PAIR_NUMBERS;
    this.buffer[at] = siteHash;
    this.buffer[at + 1] = key;
    this.buffer[at + 2] = pageKey;
    this.filled++;
  }

  /** Take in the pages and pairs of a builder fed with another shard of the same dump. */
  merge(other: SiteStatsBuilder): void {
    other.forEachPair((site, key, page) => this.addPair(site, key, page));
    other.pageKeys.forEach((page, i) => this.addSignature(other.pageSites[i]!, page, other.signature(i)));
  }

  private signature(i: number): Uint32Array {
    return this.pageSignatures.subarray(i * PAGE_HASHES, (i + 1) * PAGE_HASHES);
  }

  /**
   * Each page key's stand-in: the first page key among its copies on its site. Pages are clustered site by
   * site, each site's pages in the order of their signatures (a page recorded twice once: one key is one
   * text, so one signature, and its records sort side by side), so that the stand-ins do not depend on the
   * order pages were added in, nor on which other sites were added with them (builders of shards merge into
   * exactly the builder of the whole), nor on the site's name: the page keys mix it in, and in a large LSH
   * bucket the order decides which pages are compared.
   */
  private copiesOf(): Map<number, number> {
    const sites = this.pageSites;
    const keys = this.pageKeys;
    const signatures = this.pageSignatures;
    const order = Int32Array.from({ length: keys.length }, (_, i) => i).sort(
      (a, b) => sites[a]! - sites[b]! || compareSignatures(signatures, a, b) || keys[a]! - keys[b]!,
    );
    const standIn = new Map<number, number>();
    for (let start = 0; start < order.length;) {
      let end = start + 1;
      while (end < order.length && sites[order[end]!] === sites[order[start]!]) end++;
      const pages: number[] = [];
      for (let i = start; i < end; i++) if (i === start || keys[order[i]!] !== keys[order[i - 1]!]) pages.push(order[i]!);
      start = end;
      if (pages.length < 2) continue;
      const sig = (k: number) => this.signature(pages[k]!);
      const cluster = lshClusters(pages.length, {
        bands: PAGE_BANDS,
        keyOf: (k, band) => bandKey(sig(k), band, PAGE_HASHES / PAGE_BANDS),
        joins: (a, b) => similarity(sig(a), sig(b)) >= PAGE_COPY_SIMILARITY,
      });
      // A cluster's representative is its smallest index: its first page in signature order.
      cluster.forEach((rep, k) => {
        if (rep !== k) standIn.set(keys[pages[k]!]!, keys[pages[rep]!]!);
      });
    }
    return standIn;
  }

  /**
   * Count distinct pages per block key, one partition at a time, and give every key seen on two pages or
   * more, with its site. The builder is emptied.
   */
  count(visit: RepeatedKey): void {
    const standIn = this.copiesOf();
    this.pageSites = [];
    this.pageKeys = [];
    this.pageSignatures = new Uint32Array(0);
    const starts = this.groupBuffer();
    for (let p = 0; p < PARTITIONS; p++) {
      const pages = new Map<number, number | Set<number>>();
      const siteOf = new Map<number, number>();
      this.forEachPairIn(p, starts, (site, key, copy) => {
        const page = standIn.get(copy) ?? copy;
        const seen = pages.get(key);
        if (seen === undefined) pages.set(key, page);
        else if (typeof seen === 'number') {
          if (seen !== page) {
            pages.set(key, new Set([seen, page]));
            siteOf.set(key, site);
          }
        } else seen.add(page);
      });
      for (const [key, seen] of pages) if (typeof seen !== 'number') visit(siteOf.get(key)!, key, seen.size);
    }
    this.dispose();
  }

  /** The statistics of every site added. */
  build(): SiteStats {
    const repeated: number[] = [];
    this.count((_site, key, pages) => repeated.push(key, pages));
    return SiteStats.fromModels([Float64Array.from(repeated)]);
  }

  /** Remove spill files and free the pages and pairs. */
  dispose(): void {
    this.pageSites = [];
    this.pageKeys = [];
    this.pageSignatures = new Uint32Array(0);
    this.filled = 0;
    this.spillDir?.remove();
    this.spillDir = null;
  }

  private spill(): void {
    const dir = (this.spillDir ??= new TempDir('stats'));
    const parts: number[][] = Array.from({ length: PARTITIONS }, () => []);
    for (let i = 0; i < this.filled; i++) {
      const at = i * PAIR_NUMBERS;
      parts[partitionOf(this.buffer[at + 1]!)]!.push(this.buffer[at]!, this.buffer[at + 1]!, this.buffer[at + 2]!);
    }
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
    const buffer = this.buffer;
    for (let i = 0; i < this.filled; i++) starts[partitionOf(buffer[i * PAIR_NUMBERS + 1]!) + 1]!++;
    for (let p = 0; p < PARTITIONS; p++) starts[p + 1]! += starts[p]!;
    const next = starts.slice(0, PARTITIONS);
    for (let p = 0; p < PARTITIONS; p++) {
      while (next[p]! < starts[p + 1]!) {
        const at = next[p]! * PAIR_NUMBERS;
        const home = partitionOf(buffer[at + 1]!);
        if (home === p) {
          next[p]!++;
          continue;
        }
        // Swap the pair into the next free place of its own partition; whatever was there is looked at next.
        const to = next[home]!++ * PAIR_NUMBERS;
        for (let k = 0; k < PAIR_NUMBERS; k++) {
          const value = buffer[at + k]!;
          buffer[at + k] = buffer[to + k]!;
          buffer[to + k] = value;
        }
      }
    }
    return starts;
  }

  /** Every pair, spilled or buffered. */
  private forEachPair(visit: (site: number, key: number, page: number) => void): void {
    for (let p = 0; p < PARTITIONS; p++) this.forEachSpilled(visit, p);
    for (let i = 0; i < this.filled; i++) {
      const at = i * PAIR_NUMBERS;
      visit(this.buffer[at]!, this.buffer[at + 1]!, this.buffer[at + 2]!);
    }
  }

  /** The pairs of one partition, spilled or buffered; the buffer grouped by `groupBuffer` (`starts`). */
  private forEachPairIn(partition: number, starts: Uint32Array, visit: (site: number, key: number, page: number) => void): void {
    this.forEachSpilled(visit, partition);
    for (let i = starts[partition]!; i < starts[partition + 1]!; i++) {
      const at = i * PAIR_NUMBERS;
      visit(this.buffer[at]!, this.buffer[at + 1]!, this.buffer[at + 2]!);
    }
  }

  private forEachSpilled(visit: (site: number, key: number, page: number) => void, partition: number): void {
    if (!this.spillDir) return;
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.spillDir.file(`part-${partition}.bin`));
    } catch {
      return; // nothing of this partition was spilled
    }
    const pairs = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
    for (let i = 0; i < pairs.length; i += PAIR_NUMBERS) visit(pairs[i]!, pairs[i + 1]!, pairs[i + 2]!);
  }
}

/** The order of the `a`th and `b`th signatures of `all`, compared where they lie (the sort calls it often). */
function compareSignatures(all: Uint32Array, a: number, b: number): number {
  const x = a * PAGE_HASHES;
  const y = b * PAGE_HASHES;
  for (let i = 0; i < PAGE_HASHES; i++) if (all[x + i] !== all[y + i]) return all[x + i]! - all[y + i]!;
  return 0;
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

  /** The statistics of the block keys and counts given as `[key, count, key, count, …]` (site models), each key once. */
  static fromModels(models: readonly Float64Array[]): SiteStats {
    let entries = 0;
    for (const model of models) entries += model.length / 2;
    let size = 1;
    while (size * MAX_LOAD < entries + 1) size *= 2;
    const keys = new Float64Array(new SharedArrayBuffer(size * 8));
    const counts = new Uint32Array(new SharedArrayBuffer(size * 4));
    const mask = size - 1;
    for (const model of models) {
      for (let i = 0; i < model.length; i += 2) {
        const key = model[i]!;
        let slot = slotOf(key) & mask;
        while (counts[slot] !== 0) slot = (slot + 1) & mask;
        keys[slot] = key;
        counts[slot] = model[i + 1]!;
      }
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
    const scramble = siteScramble(hash53(site));
    return {
      pages: this.lookup(keyIn(scramble, PAGE_MARKER)),
      support: (hash: number) => this.lookup(keyIn(scramble, hash)),
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
