import test from 'ava';
import fc from 'fast-check';
import { cleanText, countWords, matchText, textForms, wordCount, wordHashes, words } from '../../stages/normalize.js';

test('matchText folds case, compatibility forms, typographic quotes and dashes, controls and whitespace', (t) => {
  t.is(matchText('  “Quoted” — it’s\u00a0ﬁne\u200b\tnow\u0007 '), '"quoted" - it\'s fine now');
  t.is(matchText('«Да» – `ok′'), '"да" - \'ok\'');
  t.is(matchText(cleanText('Line one\n\nLine two')), 'line one line two');
});

/** Letters, digits (also non-ASCII ones), an astral letter and an astral digit, lone surrogates (high, low), spaces, punctuation. */
const UNITS = ['a', 'Я', '中', '7', '٣', '½', '𝐀', '𝟘', '\ud800', '\udc00', ' ', ',', '-', '\u00a0', '\n', 'é', 'e\u0301'];
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
      t.deepEqual([...wordHashes(s)], regexWords(s.replace(/\p{N}+/gu, '0')).map(fnv32));
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

test('the settled-text shortcut changes nothing: cleanText, matchText and textForms equal their full definitions', (t) => {
  // Units that change under NFC/NFKC, combine with a neighbour (marks, jamo), fold, or are case-sensitive.
  const units = [
    'a',
    'B',
    ' ',
    '  ',
    '\n',
    '\t',
    '\u00a0',
    '\u200b',
    '\u0007',
    'e',
    '\u0301',
    'é',
    'ﬁ',
    '²',
    '½',
    'µ',
    'Å',
    'Ω',
    '\u1100',
    '\u1161',
    '\u11a8',
    '가',
    'ㄱ',
    'ㅏ',
    '’',
    '“',
    '—',
    '`',
    '´',
    'Σ',
    'İ',
    'Я',
    '中',
    '٣',
    'ｱ',
    '\ud835\udc00',
    '\ufeff',
    '\u2028',
    '\u000b',
    '\u000c',
    '\u2000',
    '\u2001',
    '\u3000',
    '\u202f',
    '\u200c',
    '«',
    '»',
    '\u2126',
    'Ж«',
    ' ’',
  ];
  const text = fc.string({ unit: fc.constantFrom(...units), maxLength: 16 });
  const SPACE = /[\s\u200b]+/g;
  const fullClean = (s: string) =>
    s
      .normalize('NFC')
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200c-\u200f]/g, '')
      .replace(SPACE, ' ')
      .trim();
  const fullMatch = (s: string) =>
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200c-\u200f]/g, '')
      .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(SPACE, ' ')
      .trim();
  fc.assert(
    fc.property(text, (s) => {
      t.is(cleanText(s), fullClean(s));
      t.is(matchText(s), fullMatch(s));
      t.deepEqual(textForms(s), { clean: fullClean(s), norm: fullMatch(fullClean(s)) });
    }),
    { numRuns: 20000 },
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

test("an article's matching form is its blocks' matching forms joined by spaces (segment's bodyNorm)", (t) => {
  // Units that combine across a boundary (marks, jamo), change case by context (final sigma), or whose
  // compatibility form starts or ends with a space (¨, ´).
  const units = [
    'a',
    'Σ',
    'σ',
    'Ο',
    ' ',
    '\u00a0',
    '\u0301',
    '\u1100',
    '\u1161',
    '가',
    '¨',
    '´',
    '’',
    'ﬁ',
    '²',
    'İ',
    '中',
    '-',
    '.',
    '\u200b',
  ];
  const block = fc
    .string({ unit: fc.constantFrom(...units), maxLength: 8 })
    .map(cleanText)
    .filter(Boolean);
  fc.assert(
    fc.property(fc.array(block, { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\n\n'), (blocks, separator) => {
      t.is(matchText(blocks.join(separator)), blocks.map(matchText).filter(Boolean).join(' '));
    }),
    { numRuns: 5000 },
  );
});
