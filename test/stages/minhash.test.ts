import test from 'ava';
import { bandKey, lshClusters, shingles, signature, similarity } from '../../stages/minhash.js';

/** n distinct letter-only words (digits fold to 0 in shingles), starting at `offset`. */
const letters = (i: number) =>
  i
    .toString(26)
    .split('')
    .map((d) => String.fromCharCode(97 + parseInt(d, 26)))
    .join('');
const words = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => `w${letters(i + offset)}`).join(' ');
const jaccard = (a: Uint32Array, b: Uint32Array) => {
  const A = new Set(a);
  const B = new Set(b);
  return [...A].filter((x) => B.has(x)).length / new Set([...A, ...B]).size;
};

test('shingles fold case, punctuation and digits', (t) => {
  t.deepEqual(shingles('The Quick, brown fox jumps 12 times!', 3), shingles('the quick brown FOX jumps 99 times', 3));
  t.is(shingles('one two three four five six', 5).length, 2);
});

test('signature agreement estimates the Jaccard similarity', (t) => {
  const a = shingles(words(400), 5);
  const b = shingles(words(400, 100), 5); // 300 of 400 words shared
  const truth = jaccard(a, b);
  const estimate = similarity(signature(a, 112), signature(b, 112));
  t.true(Math.abs(estimate - truth) < 0.12, `estimate ${estimate} vs ${truth}`);
  t.is(similarity(signature(a, 112), signature(a, 112)), 1);
});

test('LSH joins near-duplicates and leaves distinct documents alone', (t) => {
  const docs = [
    words(300),
    words(300) + ' one extra sentence here',
    words(300, 1000),
    words(300, 2000),
    words(300, 1000).replace(`w${letters(1100)} `, 'changed '),
  ];
  const sigs = docs.map((d) => signature(shingles(d, 5), 112));
  const clusters = lshClusters(sigs.length, {
    bands: 14,
    keyOf: (i, band) => bandKey(sigs[i]!, band, 8),
    joins: (a, b) => similarity(sigs[a]!, sigs[b]!) >= 0.8,
  });
  t.deepEqual([...clusters], [0, 0, 2, 3, 2]);
});
