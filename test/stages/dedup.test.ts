import test from 'ava';
import { compareSources, dedupExact, type DedupEntry } from '../../stages/dedup.js';

test('source order compares record numbers numerically', (t) => {
  t.deepEqual(['a.warc#10', 'a.warc#2', 'a.txt', 'b'].sort(compareSources), ['a.txt', 'a.warc#2', 'a.warc#10', 'b']);
});

test('one survivor per fingerprint, whatever the arrival order', (t) => {
  const entries: DedupEntry[] = [
    { source: 'c.txt', exact: 'x', length: 100, published: null },
    { source: 'a.txt', exact: 'x', length: 100, published: '2020-01-01' },
    { source: 'b.txt', exact: 'x', length: 100, published: '2020-01-01' },
    { source: 'd.txt', exact: 'y', length: 50, published: null },
  ];
  for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]]) {
    const shuffled = order.map((i) => entries[i]!);
    const decisions = dedupExact(shuffled);
    const survivors = decisions.map((d, i) => (d.survivor === i ? shuffled[i]!.source : null)).filter(Boolean);
    t.deepEqual(survivors.sort(), ['a.txt', 'd.txt']);
    const a = shuffled.findIndex((e) => e.source === 'a.txt');
    t.deepEqual(decisions[a]!.absorbed.map((i) => shuffled[i]!.source), ['b.txt', 'c.txt']);
  }
});
