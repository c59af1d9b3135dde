import test from 'ava';
import { ArticleIndex } from '../../pipeline/output/article-index.js';
import { bandKeys, SIGNATURE_HASHES } from '../../stages/fingerprint.js';
import { mix32, similarity } from '../../stages/minhash.js';

const signatureOf = (i: number) => Uint32Array.from({ length: SIGNATURE_HASHES }, (_, k) => (k % 3 === 0 ? k : mix32(i * 131 + k)));

test('articles read back as indexed, across chunks; estimates come from the signatures kept on disk', (t) => {
  const index = new ArticleIndex();
  try {
    const count = 9_000; // more than two chunks of band keys
    for (let i = 0; i < count; i++) {
      index.add({
        source: `dump.warc#${i}`,
        exact: i.toString(16).padStart(64, '0'),
        signature: i % 7 === 0 ? null : signatureOf(i),
        length: 1000 + i,
        published: i % 2 ? '2024-05-08' : null,
        site: `site${i % 3}.example`,
        spilled: { offset: i * 4096, bytes: 4000 + (i % 50) },
        duplicatesAt: 3000 + i,
      });
    }
    t.is(index.count, count);
    for (const i of [0, 1, 4095, 4096, 4097, 8191, 8192, 8999]) {
      const a = index.at(i);
      t.like(a, {
        source: `dump.warc#${i}`,
        length: 1000 + i,
        published: i % 2 ? '2024-05-08' : null,
        site: `site${i % 3}.example`,
        duplicatesAt: 3000 + i,
      });
      t.deepEqual(a.spilled, { offset: i * 4096, bytes: 4000 + (i % 50) });
      t.deepEqual(a.bands && Array.from(a.bands), i % 7 === 0 ? null : Array.from(bandKeys(signatureOf(i))));
    }
    for (const [i, j] of [
      [1, 2],
      [4094, 4097],
      [8999, 1],
    ] as const)
      t.is(index.estimate(i, j), similarity(signatureOf(i), signatureOf(j)));
    t.true(index.estimate(1, 2) > 0.3 && index.estimate(1, 2) < 0.5);
  } finally {
    index.close();
  }
});
