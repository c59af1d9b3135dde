import test from 'ava';
import fc from 'fast-check';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareSources } from '../../stages/dedup.js';
import { SIGNATURE_HASHES } from '../../stages/fingerprint.js';
import { mix32 } from '../../stages/minhash.js';
import { articleId, ArticleTable, ArticleTables, ShardArticlesWriter } from '../../pipeline/work/article-table.js';
import { numbersOf, partitionChunks, PartitionedWriter, readPartition } from '../../pipeline/work/partitioned.js';
import { scratch } from '../helpers.js';

test('records come back by partition, in the order added, however many runs the buffer spilled', (t) => {
  const dir = scratch(t);
  fc.assert(
    fc.property(fc.array(fc.nat(6), { maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (partitions, bufferRecords) => {
      const path = join(dir, 'p.bin');
      const writer = new PartitionedWriter(path, 7, 16, bufferRecords * 16);
      partitions.forEach((p, i) => writer.addNumbers(p, p, i));
      writer.finish();
      for (let p = 0; p < 7; p++) {
        const expected = partitions.flatMap((q, i) => (q === p ? [p, i] : []));
        t.deepEqual(Array.from(numbersOf(readPartition(path, p))), expected);
      }
      t.false(existsSync(`${path}.runs`));
    }),
    { numRuns: 60 },
  );
});

test('large records come back by partition, in the order added, as the buffer grows to its capacity and spills', (t) => {
  const path = join(scratch(t), 'large.bin');
  const recordBytes = 8192;
  const writer = new PartitionedWriter(path, 3, recordBytes, 100 * recordBytes);
  for (let i = 0; i < 250; i++) writer.addNumbers(i % 3, i, i * 2);
  writer.finish();
  for (let p = 0; p < 3; p++) {
    const numbers = numbersOf(readPartition(path, p));
    const records = Array.from({ length: numbers.length / (recordBytes / 8) }, (_, r) => [...numbers.subarray(r * 1024, r * 1024 + 2)]);
    t.deepEqual(
      records,
      Array.from({ length: 250 }, (_, i) => i).flatMap((i) => (i % 3 === p ? [[i, i * 2]] : [])),
    );
  }
});

test('a partition larger than a read chunk comes in several chunks of whole records', (t) => {
  const path = join(scratch(t), 'big.bin');
  const writer = new PartitionedWriter(path, 2, 24);
  for (let i = 0; i < 400_000; i++) writer.addNumbers(i % 2, i, i * 2, i * 3);
  writer.finish();
  const chunks = [...partitionChunks(path, 1)];
  t.true(chunks.length > 1);
  const numbers = chunks.flatMap((c) => Array.from(numbersOf(c)));
  t.is(numbers.length, 200_000 * 3);
  t.deepEqual(numbers.slice(-3), [399_999, 799_998, 1_199_997]);
});

const signatureOf = (i: number) => Uint32Array.from({ length: SIGNATURE_HASHES }, (_, k) => mix32(i * 131 + k));

test("a shard's articles are read back in source order by rank and by id, with their records and signatures", (t) => {
  const dirs = [scratch(t), scratch(t)];
  const sources = Array.from({ length: 50 }, (_, i) => `dump.warc#${(i * 37) % 50}`);
  for (const [shard, dir] of dirs.entries()) {
    const writer = new ShardArticlesWriter(dir);
    for (const [i, source] of sources.entries()) {
      const json = Buffer.from(JSON.stringify({ source, text: `text of ${source} in ${shard}`, duplicates: [] }));
      writer.add({
        source: `${shard}/${source}`,
        site: `site${i % 3}`,
        exact: i.toString(16).padStart(64, '0'),
        signature: i % 7 === 0 ? null : signatureOf(i),
        length: 1000 + i,
        published: i % 2 ? '2024-05-08' : null,
        record: { json, duplicatesAt: json.indexOf('"duplicates"') },
      });
    }
    const keys: [number, string, boolean][] = [];
    writer.finish((rank, exact, signature) => keys.push([rank, exact, signature !== null]));
    t.deepEqual(
      keys.map(([rank]) => rank),
      sources.map((_, rank) => rank),
    );
    t.deepEqual(readdirSync(dir).sort(), ['articles.bin', 'records.spill', 'signatures.bin', 'strings.ndjson']);
  }
  const sorted = [...sources].sort(compareSources);
  const table = new ArticleTable(dirs[1]!);
  const tables = new ArticleTables((shard) => dirs[shard]!);
  try {
    t.is(table.count, 50);
    sorted.forEach((source, rank) => {
      const i = sources.indexOf(source);
      const article = table.article(rank);
      t.like(article, { source: `1/${source}`, site: `site${i % 3}`, length: 1000 + i, published: i % 2 ? '2024-05-08' : null });
      t.is(JSON.parse(table.record(rank).toString()).source, source);
      t.deepEqual(table.signature(rank), i % 7 === 0 ? null : signatureOf(i));
      t.is(tables.text(articleId(0, rank)), `text of ${source} in 0`);
      t.is(tables.article(articleId(1, rank)).source, `1/${source}`);
    });
  } finally {
    table.close();
    tables.close();
  }
});
