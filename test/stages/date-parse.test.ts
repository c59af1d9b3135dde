import test from 'ava';
import fc from 'fast-check';
import { LINE_PATTERNS } from '../../stages/date-parse.js';

/** Date-like text: every written form the patterns read, with random separators, and noise around. */
const day = fc.constantFrom('', '3', '12', '06', '12th', '1st', '123');
const month = fc.constantFrom('', 'July', 'jul.', 'июля', 'März', '06', '6', 'Julyx');
const separator = fc.constantFrom('', ' ', '  ', '. ', '.', '/', '-', ', ', ',', ' of ', ' de ', ' del ');
const year = fc.constantFrom('2019', '1999', '19', '20190');
const time = fc.constantFrom('', 'T10:00', ' 10:00:30', 'T10:00:00.5+03:00', 'Z');
const dayFirst = fc.tuple(day, separator, month, separator, year, time).map((p) => p.join(''));
const monthFirst = fc.tuple(month, separator, day, separator, year).map((p) => p.join(''));
const yearFirst = fc.tuple(year, separator, month, separator, day, time).map((p) => p.join(''));
const marked = fc
  .tuple(year, fc.constantFrom('年', ' 年 ', '년 ', '.'), day, fc.constantFrom('月', '월 ', ''), day, fc.constantFrom('日', '일', ''))
  .map((p) => p.join(''));
const noise = fc.constantFrom('', ' ', 'a', 'x1', 'on ', '.');
const text = fc.array(fc.oneof(dayFirst, monthFirst, yearFirst, marked, noise), { maxLength: 4 }).map((parts) => parts.join(''));

test('each date pattern only matches text its cheap hint matches (the hint may skip it safely)', (t) => {
  const matched = new Set<number>();
  fc.assert(
    fc.property(text, (s) => {
      LINE_PATTERNS.forEach(({ re, hint }, i) => {
        re.lastIndex = 0;
        if (!re.test(s)) return;
        matched.add(i);
        t.true(hint.test(s), `${hint} misses ${JSON.stringify(s)}`);
      });
    }),
    // One example of each form, so every pattern is reached whatever the random seed.
    {
      numRuns: 20000,
      examples: [
        ['x 2019-06-19T10:00Z'],
        ['2019.06.12'],
        ['a 12.06.2019'],
        ['a 12. 06. 2019'],
        ['12 July 2019'],
        ['July 12, 2019'],
        ['a 12.06.19'],
        ['2019年6月12日'],
      ],
    },
  );
  t.is(matched.size, LINE_PATTERNS.length, 'the generator reaches every pattern');
});
