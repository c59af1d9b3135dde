/**
 * learn (a task per shard): pass 1 over the shard's pages. Each page is decoded and split into blocks in
 * the workers; only hashes come back, and they are handed on to merge-stats partitioned by site, so that
 * every site is counted whole in one partition:
 * - `pairs.bin`: (site hash, block key, page key) for each distinct block of each page;
 * - `pages.bin`: (site hash, page key, page signature), to find copies of a page;
 * - `sites.bin`: the shard's sites (the site models clean will need);
 * - `timeouts.json`: `[source, detail]` of pages that took longer than the page timeout (clean rejects them
 *   without a second try).
 * With a pass cache (one process runs learn and clean), the prepared pages are kept for clean.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drop, emptyTally } from '../../stages/types.js';
import { bodyBytes } from '../types.js';
import { PAGE_HASHES, pageBlockKeys, pageKeyOf, siteHashOf } from '../site-stats.js';
import { PartitionedWriter } from '../work/partitioned.js';
import { pageFeeder, passProgress } from './page-pass.js';
import { perShard, type Step } from './step.js';

export const LEARNED = { pairs: 'pairs.bin', pages: 'pages.bin', sites: 'sites.bin', timeouts: 'timeouts.json' } as const;
/** Site hash, block key, page key (float64 each). */
/** A pair is three float64 numbers: site hash, block key, page key. */
export const PAIR_NUMBERS = 3;
const PAIR_BYTES = PAIR_NUMBERS * 8;
/** Site hash, page key (float64), then the signature's PAGE_HASHES uint32. */
export const PAGE_BYTES = 16 + PAGE_HASHES * 4;

/** The merge-stats partition a site's counts go to. */
function sitePartition(siteHash: number, world: number): number {
  return siteHash % world;
}

export const learn: Step = {
  name: 'learn',
  tasks: perShard,
  async run({ plan, rank, out, env }) {
    const { world } = plan();
    const inputs = plan().shard(rank);
    const workers = env.workers();
    const { pool, passCache } = workers;
    const pairs = new PartitionedWriter(join(out, LEARNED.pairs), world, PAIR_BYTES);
    const pages = new PartitionedWriter(join(out, LEARNED.pages), world, PAGE_BYTES);
    const sites = new Set<number>();
    const timedOut: [source: string, detail: string][] = [];
    const tally = emptyTally();
    const progress = await passProgress(env, 1, inputs);
    const feeder = pageFeeder(workers, env.signal);
    try {
      let ordinal = 0;
      for await (const item of inputs.read(progress.onBytes)) {
        if (!('page' in item)) continue;
        const page = item.page;
        const pageOrdinal = ordinal++;
        await feeder.feed(bodyBytes(page.body), async () => {
          const result = await pool.run({ kind: 'learn', page });
          progress.page();
          if ('failure' in result) {
            drop(tally, result.failure);
            if (result.failure === 'timeout') timedOut.push([page.source, result.detail]);
          } else if ('learned' in result) {
            tally.kept++;
            const { site, pageHash, signature, blockHashes } = result.learned;
            const siteHash = siteHashOf(site);
            const pageKey = pageKeyOf(siteHash, pageHash);
            const partition = sitePartition(siteHash, world);
            sites.add(siteHash);
            const slot = pages.add(partition);
            slot.writeDoubleLE(siteHash, 0);
            slot.writeDoubleLE(pageKey, 8);
            Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).copy(slot, 16);
            pageBlockKeys(siteHash, blockHashes, (key) => pairs.addNumbers(partition, siteHash, key, pageKey));
          } else if ('reject' in result) drop(tally, result.reject.reason);
          passCache?.put(pageOrdinal, page.source, 'learned' in result ? result.learned.cached : null);
        });
      }
      await feeder.idle();
    } catch (error) {
      pairs.abort();
      pages.abort();
      throw error;
    }
    pairs.finish();
    pages.finish();
    const siteList = new PartitionedWriter(join(out, LEARNED.sites), world, 8);
    for (const site of [...sites].sort((a, b) => a - b)) siteList.addNumbers(sitePartition(site, world), site);
    siteList.finish();
    writeFileSync(join(out, LEARNED.timeouts), JSON.stringify(timedOut));
    return tally;
  },
};
