/**
 * dedup (a task per partition of keys): the candidates of duplicates whose keys fall in this partition —
 * articles with the same exact key, or the same key in one LSH band — judged by the dedup stage (`dedup`,
 * signatures estimated, then the exact Jaccard of the shingles of their texts, read back from the shards'
 * spills). Every bucket of candidates is whole in one partition, and the articles of a bucket are taken in
 * source order, so the pairs the stage joins are those it would join over the whole dump at once. The task
 * writes the pairs it joined (`joined.bin`) and the pairs of equal exact keys (`exact.bin`), as article
 * ids; the join step closes them into clusters.
 */
import { join } from 'node:path';
import { dedup as decide } from '../../stages/dedup.js';
import { SIGNATURE_BANDS, shingleJaccard } from '../../stages/fingerprint.js';
import { similarity } from '../../stages/minhash.js';
import { drop, emptyTally } from '../../stages/types.js';
import { ArticleTables } from '../work/article-table.js';
import { readBandKeys, readExactKeys } from '../work/dedup-keys.js';
import { PartitionedWriter } from '../work/partitioned.js';
import { perShard, type Step } from './step.js';

export const EDGES = { joined: 'joined.bin', exact: 'exact.bin' } as const;
/** Two article ids (float64 each). */
const EDGE_BYTES = 16;

export const dedup: Step = {
  name: 'dedup',
  tasks: perShard,
  async run({ work, world, plan, rank, out }) {
    const { settings } = plan();
    const dirs = Array.from({ length: world }, (_, shard) => work.task('clean', shard));
    const exact = readExactKeys(dirs, rank);
    const band = readBandKeys(dirs, rank);

    // The partition's articles in id order, which is source order: the order the stage sees them in.
    const ids = uniqueSorted(exact.ids, band.ids);
    const count = ids.length;
    const exactOf: (string | undefined)[] = new Array<string | undefined>(count);
    exact.ids.forEach((id, k) => (exactOf[itemOf(ids, id)] = exact.exacts[k]));
    // Band keys of other partitions' buckets are left out: each gets a key of its own, never shared.
    const bandKeys = Float64Array.from({ length: count * SIGNATURE_BANDS }, (_, k) => -(k + 1));
    const hasBands = new Uint8Array(count);
    band.ids.forEach((id, k) => {
      const item = itemOf(ids, id);
      bandKeys[item * SIGNATURE_BANDS + band.bands[k]!] = band.keys[k]!;
      hasBands[item] = 1;
    });

    const tables = new ArticleTables((shard) => work.task('clean', shard));
    // Kept: pairs joined; dropped: candidates the estimate or the exact Jaccard found too far apart.
    const tally = emptyTally();
    let estimated = 0;
    let verified = 0;
    try {
      const decisions = decide(
        count,
        (i) => ({
          source: '',
          // An article whose exact key is another partition's is equal to none here.
          exact: exactOf[i] ?? `~${i}`,
          bands: hasBands[i] ? bandKeys.subarray(i * SIGNATURE_BANDS, (i + 1) * SIGNATURE_BANDS) : null,
          length: 0,
          published: null,
        }),
        {
          nearDuplicates: settings.nearDuplicates,
          threshold: settings.nearDupThreshold,
          estimate: (i, j) => {
            estimated++;
            return similarity(tables.signature(ids[i]!)!, tables.signature(ids[j]!)!);
          },
          similarity: (i, j) => {
            const jaccard = shingleJaccard(tables.text(ids[i]!), tables.text(ids[j]!));
            if (jaccard < settings.nearDupThreshold) drop(tally, 'below-threshold');
            verified++;
            return jaccard;
          },
        },
      );
      if (estimated > verified) drop(tally, 'estimate-below', estimated - verified);
      const joined = new PartitionedWriter(join(out, EDGES.joined), 1, EDGE_BYTES);
      for (let i = 0; i < count; i++) {
        const survivor = decisions.survivor[i]!;
        if (survivor === i) continue;
        joined.addNumbers(0, ids[survivor]!, ids[i]!);
        tally.kept++;
      }
      joined.finish();
    } finally {
      tables.close();
    }

    const exactPairs = new PartitionedWriter(join(out, EDGES.exact), 1, EDGE_BYTES);
    const byKey = Int32Array.from(exact.ids, (_, k) => k).sort((a, b) =>
      exact.exacts[a]! < exact.exacts[b]! ? -1 : exact.exacts[a]! > exact.exacts[b]! ? 1 : exact.ids[a]! - exact.ids[b]!,
    );
    for (let start = 0; start < byKey.length;) {
      const first = byKey[start]!;
      let end = start + 1;
      for (; end < byKey.length && exact.exacts[byKey[end]!] === exact.exacts[first]; end++)
        exactPairs.addNumbers(0, exact.ids[first]!, exact.ids[byKey[end]!]!);
      start = end;
    }
    exactPairs.finish();
    return tally;
  },
};

/** The index of an article id in a sorted array of ids that holds it. */
export function itemOf(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The ids of two arrays, each once, in order. */
export function uniqueSorted(a: Float64Array, b: Float64Array): Float64Array {
  const all = new Float64Array(a.length + b.length);
  all.set(a);
  all.set(b, a.length);
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.slice(0, n);
}
