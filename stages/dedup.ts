/**
 * Stage dedup: one record per article.
 *
 * Sees fingerprints and small metadata only. Entries with the same exact key are one cluster; with
 * near-duplicate detection on, entries whose MinHash signatures agree on a whole LSH band are candidates,
 * joined when `similarity(a, b)` — the caller's exact Jaccard of their shingles, read back from where the
 * texts are kept — reaches the threshold. Clusters are closed transitively (union-find) across sites.
 * The survivor does not depend on arrival order: the longest clean text, then the earliest publication
 * date (a known date before none), then the smallest source in source order.
 */
import { lshClusters, similarity as estimate, unionFind, type Signature } from './minhash.js';
import { SIGNATURE_BANDS, SIGNATURE_HASHES } from './fingerprint.js';

export interface DedupEntry {
  readonly source: string;
  readonly exact: string;
  readonly signature: Signature | null;
  /** Characters of clean text (title and body). */
  readonly length: number;
  readonly published: string | null;
}

export interface DedupOptions {
  /** Merge near-duplicates too (default true). */
  readonly nearDuplicates?: boolean;
  /** Jaccard similarity from which two texts are near-duplicates (default 0.8). */
  readonly threshold?: number;
  /** Exact Jaccard similarity of entries i and j; defaults to the signatures' estimate. */
  readonly similarity?: (i: number, j: number) => number;
}

export const DEFAULT_NEAR_DUP_THRESHOLD = 0.8;
/** Candidates whose estimate is this far below the threshold are not worth an exact check. */
const ESTIMATE_SLACK = 0.15;

export type MergeKind = 'exact' | 'near';

export interface DedupDecision {
  /** Index (into the entries) of the record that carries this entry, itself when it survives. */
  readonly survivor: number;
  /** For survivors: indexes of the entries merged into it, in source order. */
  readonly absorbed: readonly number[];
  /** For absorbed entries: whether they equal the survivor exactly or nearly. */
  readonly kind: MergeKind | null;
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

export function dedup(entries: readonly DedupEntry[], options: DedupOptions = {}): DedupDecision[] {
  const n = entries.length;
  // Iterative find: a long chain of merged copies must not cost stack.
  const { find, union } = unionFind(n);

  const byExact = new Map<string, number>();
  entries.forEach((entry, i) => {
    const first = byExact.get(entry.exact);
    if (first === undefined) byExact.set(entry.exact, i);
    else union(first, i);
  });

  if (options.nearDuplicates ?? true) {
    const threshold = options.threshold ?? DEFAULT_NEAR_DUP_THRESHOLD;
    const withSignature = entries.flatMap((e, i) => (e.signature ? [i] : []));
    const sig = (k: number) => entries[withSignature[k]!]!.signature!;
    const exactSimilarity = options.similarity ?? ((i: number, j: number) => estimate(entries[i]!.signature!, entries[j]!.signature!));
    const near = lshClusters(withSignature.length, sig, {
      bands: SIGNATURE_BANDS,
      rows: SIGNATURE_HASHES / SIGNATURE_BANDS,
      threshold: Math.max(0, threshold - ESTIMATE_SLACK),
      verify: (a, b) => exactSimilarity(withSignature[a]!, withSignature[b]!) >= threshold,
    });
    near.forEach((rep, k) => union(withSignature[rep]!, withSignature[k]!));
  }

  const clusters = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const members = clusters.get(root);
    if (members) members.push(i);
    else clusters.set(root, [i]);
  }
  const decisions: DedupDecision[] = new Array(n);
  for (const members of clusters.values()) {
    const ranked = [...members].sort((x, y) => betterSurvivor(entries[x]!, entries[y]!));
    const survivor = ranked[0]!;
    const absorbed = ranked.slice(1).sort((x, y) => compareSources(entries[x]!.source, entries[y]!.source));
    for (const member of members) {
      const kind = member === survivor ? null : entries[member]!.exact === entries[survivor]!.exact ? 'exact' : 'near';
      decisions[member] = { survivor, absorbed: member === survivor ? absorbed : [], kind };
    }
  }
  return decisions;
}
