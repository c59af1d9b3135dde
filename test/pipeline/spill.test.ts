import test from 'ava';
import fc from 'fast-check';
import { Spill } from '../../pipeline/output/spill.js';

test('spilled lines read back exactly, in any order, across write buffers and read windows', (t) => {
  // Lines up to 300 kB of mixed scripts: several lines per 1 MiB buffer and window, some straddling them.
  const line = fc
    .string({ unit: fc.constantFrom('a', 'é', 'Я', '中', '😀', '"', '\\'), maxLength: 300_000 })
    .map((s) => JSON.stringify({ text: s }));
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 60 }), (lines, picks) => {
      const spill = Spill.temporary('test');
      try {
        const positions = lines.map((l) => spill.append(Buffer.from(l + '\n')));
        for (const pick of [...picks, ...lines.keys()]) {
          const i = pick % lines.length;
          t.is(spill.read(positions[i]!).toString(), lines[i]! + '\n');
        }
      } finally {
        spill.close();
      }
    }),
    { numRuns: 40 },
  );
});
