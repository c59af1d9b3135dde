import test from 'ava';
import { tallyDrops, type DropTally } from '../../eval/lost-words.js';

test("a dropped block is lost when the gold holds its words and the record does not; a record's other copy of it is not lost", (t) => {
  const gold = 'The quay opens in June. What the council decided: the harbour plan passed by nine votes to four, after a long debate.';
  const record = 'The quay opens in June.\nWhat the council decided: the harbour plan passed by nine votes to four.';
  const tallies = new Map<string, DropTally>();
  tallyDrops(
    tallies,
    'p1',
    [
      { text: 'The quay opens in June.', role: 'body', reason: 'article body' },
      // In the gold, not in the record: lost.
      { text: 'passed by nine votes to four, after a long debate', role: 'boilerplate', reason: 'boilerplate: links' },
      // A contents entry that repeats what the record holds: not lost, though the gold has its words.
      { text: 'What the council decided: the harbour plan', role: 'boilerplate', reason: 'boilerplate: hint:nav' },
      // Not in the gold: rightly dropped.
      { text: 'Subscribe to the Harbor Gazette for all the news', role: 'boilerplate', reason: 'boilerplate: links' },
      // Too short to tell.
      { text: 'Share', role: 'boilerplate', reason: 'boilerplate: hint:share' },
    ],
    gold,
    record,
  );
  const links = tallies.get('boilerplate: links')!;
  t.like(links, { lostWords: 10, lostBlocks: 1, droppedWords: 9, droppedBlocks: 1 });
  t.deepEqual([...links.lostPages], ['p1']);
  t.deepEqual(links.examples, ['p1 | passed by nine votes to four, after a long debate']);
  t.like(tallies.get('boilerplate: hint:nav'), { lostWords: 0, droppedWords: 0 });
  t.false(tallies.has('boilerplate: hint:share'));
  t.false(tallies.has('article body'));
});
