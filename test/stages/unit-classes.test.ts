import test from 'ava';
import fc from 'fast-check';
import { MAX_CLASSES, UnitClasses } from '../../stages/unit-classes.js';

test('each code unit gets the bits of the expressions that match it alone, global ones included, asked once or again', (t) => {
  const expressions = [/[a-z]/, /\p{Script=Cyrillic}/u, /[\u0600-\u06ff]/g, /\s/, /\p{L}/gu];
  const classes = new UnitClasses(expressions);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffff }), (code) => {
      const char = String.fromCharCode(code);
      const expected = expressions.reduce(
        (bits, e, i) => (new RegExp(e.source, e.flags.replace('g', '')).test(char) ? bits | (1 << i) : bits),
        0,
      );
      t.is(classes.of(code), expected);
      t.is(classes.of(code), expected);
    }),
    { numRuns: 5000 },
  );
});

test('a table holds at most MAX_CLASSES expressions', (t) => {
  t.notThrows(() => new UnitClasses(Array.from({ length: MAX_CLASSES }, () => /a/)));
  t.throws(() => new UnitClasses(Array.from({ length: MAX_CLASSES + 1 }, () => /a/)));
});
