import test from 'ava';
import { compareSources, dedup, type DedupEntry, type DedupOptions } from '../../stages/dedup.js';
import { bandKeys, fingerprint, shingleJaccard } from '../../stages/fingerprint.js';
import { similarity, type Signature } from '../../stages/minhash.js';

test('source order compares record numbers numerically', (t) => {
  t.deepEqual(['a.warc#10', 'a.warc#2', 'a.txt', 'b'].sort(compareSources), ['a.txt', 'a.warc#2', 'a.warc#10', 'b']);
});

const entry = (
  source: string,
  text: string,
  published: string | null = null,
): DedupEntry & { text: string; signature: Signature | null } => {
  const print = fingerprint(null, text);
  return {
    source,
    exact: print.exact,
    bands: print.signature && bandKeys(print.signature),
    signature: print.signature,
    length: text.length,
    published,
    text,
  };
};

/** The signatures' estimate, as the pipeline reads it back. */
const estimateOf = (entries: readonly { signature: Signature | null }[]) => (i: number, j: number) =>
  similarity(entries[i]!.signature!, entries[j]!.signature!);

const STORY =
  'The port authority will begin dredging the inner harbor on the third of June, deepening the main channel from nine to twelve metres so that larger container ships can dock at the eastern quay. ' +
  'The work, which will cost eighteen million euros, is expected to last until the end of September. Dredgers will operate at night to keep the ferry timetable intact during the summer season. ' +
  'Residents of the Old Quay district raised concerns about noise at a public meeting last week, and the authority promised to limit work near houses to the hours between ten at night and five in the morning.';
const OTHER =
  'The city council approved three night bus lines on Tuesday by thirty-one votes to fourteen, after a long debate about the cost of the service and the safety of drivers working after midnight. ' +
  'The buses will connect the station, the university campus and the harbor district every thirty minutes, and a single ticket will cost the same as during the day.';

test('exact and near duplicates become one record with a deterministic survivor', (t) => {
  const edited = STORY.replace('eighteen million euros', 'nineteen million euros');
  t.true(shingleJaccard(STORY, edited) > 0.8);
  const entries = [
    entry('site-b/copy.html', STORY, '2024-05-07'),
    entry('site-a/story.html', STORY, '2024-05-06'),
    entry('site-a/edited.html', edited + ' Updated on Tuesday.'),
    entry('site-a/other.html', OTHER),
  ];
  for (const order of [
    [0, 1, 2, 3],
    [3, 2, 1, 0],
    [2, 0, 3, 1],
  ]) {
    const shuffled = order.map((i) => entries[i]!);
    const decisions = dedup(shuffled.length, (i) => shuffled[i]!, {
      estimate: estimateOf(shuffled),
      similarity: (i, j) => shingleJaccard(shuffled[i]!.text, shuffled[j]!.text),
    });
    const survivors = shuffled.filter((_, i) => decisions.survivor[i] === i).map((e) => e.source);
    t.deepEqual(survivors.sort(), ['site-a/edited.html', 'site-a/other.html']);
    const main = shuffled.findIndex((e) => e.source === 'site-a/edited.html');
    t.deepEqual(
      decisions.absorbed(main).map((i) => shuffled[i]!.source),
      ['site-a/story.html', 'site-b/copy.html'],
    );
    const copy = shuffled.findIndex((e) => e.source === 'site-b/copy.html');
    t.is(decisions.kind(copy), 'near');
  }
});

test('near-duplicate detection can be switched off and follows the threshold', (t) => {
  const half = STORY.split('. ').slice(0, 3).join('. ');
  const entries = [entry('a', STORY), entry('b', STORY + ' A new closing sentence about the seals on the sandbank.'), entry('c', half)];
  const similarity = (i: number, j: number) => shingleJaccard(entries[i]!.text, entries[j]!.text);
  const survivors = (options: Partial<DedupOptions>) => [
    ...dedup(entries.length, (i) => entries[i]!, { estimate: estimateOf(entries), similarity, ...options }).survivor,
  ];
  t.deepEqual(survivors({}), [1, 1, 2]);
  t.deepEqual(survivors({ nearDuplicates: false }), [0, 1, 2]);
  t.deepEqual(survivors({ threshold: 0.99 }), [0, 1, 2]);
});

test('clusters do not depend on the order entries arrive in, even in an LSH bucket too large to compare pairwise', (t) => {
  // Sixty drafts, each a few words from the one before, all edits in the text's second half: every draft
  // shares the first half's band keys (one bucket of sixty), and each is a near-duplicate of its
  // neighbours only. Which of them the bucket joins must not follow the order they were indexed in.
  const plain = (
    'The port authority will begin dredging the inner harbor on the third of June deepening the main channel from nine to twelve ' +
    'metres so that larger container ships can dock at the eastern quay and the work which will cost eighteen million euros is ' +
    'expected to last until the end of September while dredgers operate at night to keep the ferry timetable intact during the ' +
    'summer season and residents of the old quay district raised concerns about noise at a public meeting last week'
  ).split(' ');
  const words = [...plain, ...plain.map((w) => `${w}x`), ...plain.map((w) => `${w}y`)];
  const half = Math.floor(words.length / 2);
  const drafts = Array.from({ length: 60 }, (_, k) => {
    const edited = [...words];
    for (let w = 0; w < k * 5; w++) edited[half + ((w * 7) % (words.length - half))] = `edit${w}`;
    return entry(`d${String(k).padStart(3, '0')}`, edited.join(' '));
  });
  const clustersOf = (entries: typeof drafts) => {
    const decisions = dedup(entries.length, (i) => entries[i]!, {
      estimate: estimateOf(entries),
      similarity: (i, j) => shingleJaccard(entries[i]!.text, entries[j]!.text),
    });
    return entries.map((e, i) => `${e.source}->${entries[decisions.survivor[i]!]!.source}`).sort();
  };
  const forward = clustersOf(drafts);
  t.true(new Set(forward.map((pair) => pair.split('->')[1])).size < drafts.length, 'some drafts merge');
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let round = 0; round < 3; round++) {
    const shuffled = [...drafts];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    t.deepEqual(clustersOf(shuffled), forward);
  }
});
