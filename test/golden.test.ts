import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_SETS } from './golden-sets.js';
import { cli, ROOT } from './helpers.js';

for (const set of GOLDEN_SETS) {
  test(`golden: fixtures/${set} gives fixtures/expected/${set}.ndjson byte for byte`, (t) => {
    const expected = readFileSync(join(ROOT, 'fixtures/expected', `${set}.ndjson`), 'utf8');
    const { code, stdout } = cli([`fixtures/${set}`, '--quiet']);
    t.is(code, 0);
    t.is(stdout, expected);
  });
}
