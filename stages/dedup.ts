/**
 * Stage dedup: one record per article.
 *
 * Sees fingerprints and small metadata only. Entries with the same exact key are one cluster; with
 * near-duplicate detection on, entries whose MinHash signatures agree on a whole LSH band (equal band
 * keys) are candidates, kept when `estimate(a, b)` — the signatures' estimate, read back from where the
 * caller keeps them — comes near the threshold, and joined when `similarity(a, b)` — the caller's exact
 * Jaccard of their shingles — reaches it. Clusters are closed transitively (union-find) across sites.
 * The survivor does not depend on arrival order: the longest clean text, then the earliest publication
 * date (a known date before none), then the smallest source in source order.
 */
import { lshClusters, unionFind } from './minhash.js';
import { SIGNATURE_BANDS } from './fingerprint.js';

export interface DedupEntry {
  readonly source: string;
  readonly exact: string;
  /** The LSH band keys of its MinHash signature (`bandKeys`); null for a text too short to have one. */
  readonly bands: ArrayLike<number> | null;
  /** Characters of clean text (title and body). */
  readonly length: number;
  readonly published: string | null;
}

export interface DedupOptions {
  /** Merge near-duplicates too (default true). */
  readonly nearDuplicates?: boolean;
  /** Jaccard similarity from which two texts are near-duplicates (default 0.8). */
  readonly threshold?: number;
  /** Estimated Jaccard similarity of entries i and j: their signatures' `similarity`. */
  readonly estimate: (i: number, j: number) => number;
  /** Exact Jaccard similarity of entries i and j; defaults to the estimate. */
  readonly similarity?: (i: number, j: number) => number;
}

export const DEFAULT_NEAR_DUP_THRESHOLD = 0.8;
/** Candidates whose estimate is this far below the threshold are not worth an exact check. */
const ESTIMATE_SLACK = 0.15;

export type MergeKind = 'exact' | 'near';

/**
 * What dedup decided, per entry index, in arrays rather than an object per entry: a dump's millions of
 * entries are decided at once.
 */
export interface DedupDecisions {
  /** Index of the record that carries each entry, itself when it survives. */
  readonly survivor: Int32Array;
  /** For a survivor: indexes of the entries merged into it, in source order (empty otherwise). */
  absorbed(i: number): readonly number[];
  /** For an absorbed entry: whether it equals its survivor exactly or nearly (null for survivors). */
  kind(i: number): MergeKind | null;
}

/** Source order: by path, then by record number for `FILE#N` sources, numerically. */
export function compareSources(a: string, b: string): number {
  const [pathA, numA] = splitSource(a);
  const [pathB, numB] = splitSource(b);
  if (pathA !== pathB) return pathA < pathB ? -1 : 1;
  return numA - numB;
}

function splitSource(source: string): [string, number] {
  const m = /^(.*)#(\d+)$/s.exec(source);
  return m ? [m[1]!, Number(m[2])] : [source, -1];
}

export function betterSurvivor(a: DedupEntry, b: DedupEntry): number {
  if (a.length !== b.length) return b.length - a.length;
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? -1 : 1;
  }
  return compareSources(a.source, b.source);
}

/**
 * Decide on `count` entries, read through `entry(i)` (which may build each entry on demand: the caller
 * need not hold them as objects).
 */
export function dedup(count: number, entry: (i: number) => DedupEntry, options: DedupOptions): DedupDecisions {
  // Iterative find: a long chain of merged copies must not cost stack.
  const { find, union } = unionFind(count);

  const byExact = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const exact = entry(i).exact;
    const first = byExact.get(exact);
    if (first === undefined) byExact.set(exact, i);
    else union(first, i);
  }
  byExact.clear();

  if (options.nearDuplicates ?? true) {
    const threshold = options.threshold ?? DEFAULT_NEAR_DUP_THRESHOLD;
    const withBands: number[] = [];
    for (let i = 0; i < count; i++) if (entry(i).bands) withBands.push(i);
    // In source order, not arrival order: which pairs a large bucket compares follows this order.
    withBands.sort((a, b) => compareSources(entry(a).source, entry(b).source));
    const exactSimilarity = options.similarity ?? options.estimate;
    const near = lshClusters(withBands.length, {
      bands: SIGNATURE_BANDS,
      keyOf: (k, band) => entry(withBands[k]!).bands![band]!,
      joins: (a, b) => {
        const [i, j] = [withBands[a]!, withBands[b]!];
        // Already one cluster (the same exact key: the same shingles): nothing to check.
        if (find(i) === find(j)) return true;
        return options.estimate(i, j) >= threshold - ESTIMATE_SLACK && exactSimilarity(i, j) >= threshold;
      },
    });
    near.forEach((rep, k) => union(withBands[rep]!, withBands[k]!));
  }

  // Members of each cluster, grouped by root without an array per cluster: count, then place.
  const starts = new Int32Array(count + 1);
  const roots = Int32Array.from({ length: count }, (_, i) => find(i));
  for (const root of roots) starts[root + 1]!++;
  for (let r = 0; r < count; r++) starts[r + 1]! += starts[r]!;
  const members = new Int32Array(count);
  const placed = starts.slice(0, count);
  for (let i = 0; i < count; i++) members[placed[roots[i]!]!++] = i;

  const survivor = Int32Array.from({ length: count }, (_, i) => i);
  const kinds = new Uint8Array(count);
  const absorbed = new Map<number, number[]>();
  for (let r = 0; r < count; r++) {
    if (starts[r + 1]! - starts[r]! < 2) continue;
    const cluster = Array.from(members.subarray(starts[r], starts[r + 1]));
    const best = cluster.reduce((a, b) => (betterSurvivor(entry(a), entry(b)) <= 0 ? a : b));
    const bestExact = entry(best).exact;
    for (const member of cluster) {
      survivor[member] = best;
      if (member !== best) kinds[member] = entry(member).exact === bestExact ? EXACT : NEAR;
    }
    absorbed.set(
      best,
      cluster.filter((m) => m !== best).sort((x, y) => compareSources(entry(x).source, entry(y).source)),
    );
  }
  return {
    survivor,
    absorbed: (i) => absorbed.get(i) ?? [],
    kind: (i) => (kinds[i] === EXACT ? 'exact' : kinds[i] === NEAR ? 'near' : null),
  };
}

const EXACT = 1;
const NEAR = 2;
