import test from 'ava';
import fc from 'fast-check';
import { cleanText, countWords, matchText, wordCount, wordHashes, words } from '../../stages/normalize.js';

test('matchText folds case, compatibility forms, typographic quotes and dashes, controls and whitespace', (t) => {
  t.is(matchText('  “Quoted” — it’s\u00a0ﬁne\u200b\tnow\u0007 '), '"quoted" - it\'s fine now');
  t.is(matchText('«Да» – `ok′'), '"да" - \'ok\'');
  t.is(matchText(cleanText('Line one\n\nLine two')), 'line one line two');
});

/** Letters, digits (also non-ASCII ones), an astral letter and an astral digit, a lone surrogate, spaces, punctuation. */
const UNITS = ['a', 'Я', '中', '7', '٣', '½', '𝐀', '𝟘', '\ud800', ' ', ',', '-', '\u00a0', '\n', 'é', 'e\u0301'];
const anyText = fc.string({ unit: fc.constantFrom(...UNITS) });

/** The definitions the table-driven scanners must agree with: Unicode regular expressions. */
const regexWords = (s: string) => s.match(/[\p{L}\p{N}]+/gu) ?? [];
const fnv32 = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

test('words, wordCount and wordHashes agree with the Unicode-property definition of a word', (t) => {
  fc.assert(
    fc.property(anyText, (s) => {
      t.deepEqual(words(s), regexWords(s));
      t.is(wordCount(s), regexWords(s).length);
      t.deepEqual(wordHashes(s), regexWords(s.replace(/\p{N}+/gu, '0')).map(fnv32));
    }),
    { numRuns: 3000 },
  );
  t.deepEqual(words('Über 2019-Wahl: 𝐀bc½'), ['Über', '2019', 'Wahl', '𝐀bc½']);
  t.deepEqual(wordHashes('in 2019 and 1999, a12b'), wordHashes('in 0 and 7, a3b'), 'digit runs are one 0');
});

test('cleanText folds every whitespace run to one space, as the plain definition does', (t) => {
  const spaces = fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '\u00a0', '\u200b', '\u3000', '\ufeff', '\u2028', 'x') });
  fc.assert(
    fc.property(spaces, (s) => {
      t.is(cleanText(s), s.replace(/[\s\u200b]+/g, ' ').trim());
    }),
    { numRuns: 3000 },
  );
});

test('countWords agrees with words() up to its limit, on any text', (t) => {
  const text = fc.string({ unit: fc.constantFrom(...UNITS) });
  fc.assert(
    fc.property(text, fc.integer({ min: 0, max: 12 }), (s, limit) => {
      const all = words(s).length;
      return countWords(s, limit) === Math.min(all, limit + 1) && countWords(s, Infinity) === all;
    }),
    { numRuns: 2000 },
  );
  t.is(countWords('one two three four', 2), 3, 'stops one past the limit');
});
