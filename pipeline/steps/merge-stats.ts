/**
 * merge-stats (a task per partition of sites): counts, for the sites of its partition, on how many
 * distinct pages each block occurs, from every shard's pairs and page signatures of that partition
 * (`SiteStatsBuilder`: the counts are exactly those of the whole dump). It hands each shard the models of
 * the sites that shard has: `models.bin`, partitioned by shard, holds `(block key, pages)` for every block
 * key seen on two pages or more (a site's page count under its page marker).
 */
import { join } from 'node:path';
import { emptyTally } from '../../stages/types.js';
import { PAGE_HASHES, SiteStatsBuilder } from '../site-stats.js';
import { numbersOf, partitionChunks, PartitionedWriter, readPartition } from '../work/partitioned.js';
import { LEARNED, PAGE_BYTES, PAIR_NUMBERS } from './learn.js';
import { perShard, type Step } from './step.js';

export const MODELS = 'models.bin';

export const mergeStats: Step = {
  name: 'merge-stats',
  tasks: perShard,
  async run({ work, world, rank, out }) {
    const builder = new SiteStatsBuilder();
    const models = new Map<number, number[]>();
    let kept = 0;
    try {
      for (let shard = 0; shard < world; shard++) {
        for (const chunk of partitionChunks(work.file('learn', shard, LEARNED.pages), rank)) {
          for (let at = 0; at < chunk.length; at += PAGE_BYTES) {
            const signature = new Uint32Array(chunk.buffer, chunk.byteOffset + at + 16, PAGE_HASHES);
            builder.addSignature(chunk.readDoubleLE(at), chunk.readDoubleLE(at + 8), signature);
          }
        }
        for (const chunk of partitionChunks(work.file('learn', shard, LEARNED.pairs), rank)) {
          const numbers = numbersOf(chunk);
          for (let i = 0; i < numbers.length; i += PAIR_NUMBERS) builder.addPair(numbers[i]!, numbers[i + 1]!, numbers[i + 2]!);
        }
      }
      builder.count((site, key, pages) => {
        let model = models.get(site);
        if (!model) models.set(site, (model = []));
        model.push(key, pages);
        kept++;
      });
    } finally {
      builder.dispose();
    }
    const writer = new PartitionedWriter(join(out, MODELS), world, 16);
    for (let shard = 0; shard < world; shard++) {
      for (const site of numbersOf(readPartition(work.file('learn', shard, LEARNED.sites), rank))) {
        const model = models.get(site);
        if (model) for (let i = 0; i < model.length; i += 2) writer.addNumbers(shard, model[i]!, model[i + 1]!);
      }
    }
    writer.finish();
    return { ...emptyTally(), kept };
  },
};
