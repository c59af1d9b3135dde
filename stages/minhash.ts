/**
 * MinHash signatures and LSH banding, for near-duplicate detection in memory proportional to the
 * number of documents (never their texts).
 *
 * Each element (a 32-bit hash of a shingle) falls into one of K bins, each keeping its minimum value
 * (`signature`). The share of equal positions in two signatures estimates the Jaccard similarity of the
 * element sets. Banding (B bands of R rows) makes documents that agree on a whole
 * band candidates: the chance that a pair of similarity s becomes one is 1 - (1 - s^R)^B.
 */
import { matchText, wordHashes } from './normalize.js';

/** A signature: K minimum hash values. */
export type Signature = Uint32Array;

/** murmur3's 32-bit finaliser: a fast, well-mixing bijection on 32-bit integers. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Seeds of the bin and value hashes of one-permutation MinHash. */
const BIN_SEED = 0x5bd1e995;
const VALUE_SEED = 0x27d4eb2f;

/**
 * One-permutation MinHash with optimal densification (Shrivastava 2017): each element is hashed once
 * into one of `k` bins and each bin keeps its smallest value; a bin no element fell into borrows the value
 * of the first filled bin on its own fixed probe sequence. Two signatures agree at a position with
 * probability equal to the Jaccard similarity of the sets, as with `k` independent permutations, at the
 * cost of two hashes per element instead of `k`.
 */
export function signature(elements: ArrayLike<number>, k: number): Signature {
  const sig = new Uint32Array(k).fill(0xffffffff);
  if (elements.length === 0) return sig;
  const filled = new Uint8Array(k);
  for (let e = 0; e < elements.length; e++) {
    const x = elements[e]!;
    const bin = Math.floor((mix32(x ^ BIN_SEED) / 4294967296) * k);
    const value = mix32(x ^ VALUE_SEED);
    if (!filled[bin] || value < sig[bin]!) {
      sig[bin] = value;
      filled[bin] = 1;
    }
  }
  for (let i = 0; i < k; i++) {
    if (filled[i]) continue;
    for (let attempt = 1; ; attempt++) {
      const j = mix32(Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77)) % k;
      if (filled[j]) {
        sig[i] = sig[j]!;
        break;
      }
    }
  }
  return sig;
}

/** Share of positions where two signatures agree: an estimate of the Jaccard similarity. */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length ? same / a.length : 0;
}

/** Key of band `band` (rows [band*rows, band*rows+rows)) of a signature, as a 53-bit number. */
export function bandKey(sig: ArrayLike<number>, band: number, rows: number): number {
  let h1 = mix32(band + 0x51ed27);
  let h2 = mix32(band ^ 0x2545f491);
  for (let r = band * rows; r < band * rows + rows; r++) {
    h1 = mix32(h1 ^ sig[r]!);
    h2 = mix32(Math.imul(h2, 31) ^ sig[r]!);
  }
  return (h1 & 0x1fffff) * 4294967296 + h2;
}

/** Word n-gram shingles of a text's matching form (case, quotes, whitespace folded; digits as 0). */
export function shingles(text: string, n: number): Uint32Array {
  return matchTextShingles(matchText(text), n);
}

/** `shingles` of a text already in its matching form (`matchText`), for callers that have it. */
export function matchTextShingles(norm: string, n: number): Uint32Array {
  const hashes = wordHashes(norm);
  if (hashes.length === 0) return new Uint32Array();
  if (hashes.length < n) return Uint32Array.of(hashes.reduce((h, w) => mix32(Math.imul(h, 31) ^ w), n));
  const out = new Uint32Array(hashes.length - n + 1);
  for (let i = 0; i < out.length; i++) {
    let h = n;
    for (let j = i; j < i + n; j++) h = mix32(Math.imul(h, 31) ^ hashes[j]!);
    out[i] = h;
  }
  return out;
}

/** Disjoint sets over 0..n-1 whose representative is the smallest member; `find` is iterative. */
export function unionFind(n: number): { find: (i: number) => number; union: (a: number, b: number) => void } {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  return { find, union };
}

export interface LshOptions {
  readonly bands: number;
  /** The key of band `band` of item `i`'s signature (`bandKey`). */
  readonly keyOf: (i: number, band: number) => number;
  /** Final say on two items that share a band key (an estimated, then an exact similarity). */
  readonly joins: (a: number, b: number) => boolean;
}

/**
 * Clusters of near-duplicates among `count` items, as a representative index per item (the smallest
 * index of its cluster). Candidates come from equal band keys, found by sorting each band's keys: time
 * O(bands · n log n), memory O(n) beyond the keys.
 */
export function lshClusters(count: number, options: LshOptions): Int32Array {
  const { find, union } = unionFind(count);
  const joins = (a: number, b: number) => find(a) !== find(b) && options.joins(a, b);
  const keys = new Float64Array(count);
  const order = new Int32Array(count);
  for (let band = 0; band < options.bands; band++) {
    for (let i = 0; i < count; i++) {
      keys[i] = options.keyOf(i, band);
      order[i] = i;
    }
    order.sort((a, b) => keys[a]! - keys[b]! || a - b);
    for (let start = 0; start < count;) {
      let end = start + 1;
      while (end < count && keys[order[end]!] === keys[order[start]!]) end++;
      // A bucket: compare members pairwise when few, else each with the bucket's first member.
      const pairwise = end - start <= 16;
      for (let x = start + 1; x < end; x++) {
        for (let y = pairwise ? start : x - 1; y < x && (pairwise || y === x - 1); y++) {
          const a = order[y]!;
          const b = order[x]!;
          if (joins(a, b)) union(a, b);
        }
        if (!pairwise && joins(order[start]!, order[x]!)) union(order[start]!, order[x]!);
      }
      start = end;
    }
  }
  return Int32Array.from({ length: count }, (_, i) => find(i));
}
