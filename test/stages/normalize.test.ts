import test from 'ava';
import fc from 'fast-check';
import { cleanText, countWords, matchText, words } from '../../stages/normalize.js';

test('matchText folds case, compatibility forms, typographic quotes and dashes, controls and whitespace', (t) => {
  t.is(matchText('  “Quoted” — it’s\u00a0ﬁne\u200b\tnow\u0007 '), '"quoted" - it\'s fine now');
  t.is(matchText('«Да» – `ok′'), '"да" - \'ok\'');
  t.is(matchText(cleanText('Line one\n\nLine two')), 'line one line two');
});

test('countWords agrees with words() up to its limit, on any text', (t) => {
  const text = fc.string({ unit: fc.constantFrom('a', 'Я', '中', '7', ' ', ',', '-', '\u00a0', '\n', 'é') });
  fc.assert(
    fc.property(text, fc.integer({ min: 0, max: 12 }), (s, limit) => {
      const all = words(s).length;
      return countWords(s, limit) === Math.min(all, limit + 1) && countWords(s, Infinity) === all;
    }),
    { numRuns: 2000 },
  );
  t.is(countWords('one two three four', 2), 3, 'stops one past the limit');
});
