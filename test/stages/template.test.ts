import test from 'ava';
import { strongSupport } from '../../stages/template.js';
import { marked } from '../helpers.js';

test('the strong threshold is half the site on small batches, at least 2, at most 5', (t) => {
  t.deepEqual([1, 2, 3, 4, 5, 6, 9, 10, 1000].map(strongSupport), [2, 2, 2, 2, 3, 3, 5, 5, 5]);
});

test('verdicts follow support: template, weak, content', (t) => {
  const blocks = marked('Header teaser.\n\nRotating teaser.\n\nOwn paragraph.', { 'Header teaser.': 5, 'Rotating teaser.': 2 }, 5);
  t.deepEqual(
    blocks.map((b) => [b.verdict, b.support]),
    [
      ['template', 5],
      ['weak', 2],
      ['content', 1],
    ],
  );
});

test("a template block seen twice on one page: the second is the page's own copy", (t) => {
  const blocks = marked('Lead of the article.\n\nTitle\n\nLead of the article.\n\nMore.', { 'Lead of the article.': 5 }, 5);
  t.deepEqual(
    blocks.map((b) => b.verdict),
    ['template', 'content', 'repeat', 'content'],
  );
});

test('the tally counts removed template blocks', (t) => {
  const blocks = marked('A\n\nB\n\nC', { A: 9, B: 9 }, 9);
  t.is(blocks.filter((b) => b.verdict === 'template').length, 2);
});
