/** Regenerates fixtures/expected/*.ndjson from the current code. Review `git diff fixtures/expected` before committing. */
import { writeFileSync } from 'node:fs';
import { run } from '../pipeline/run.js';
import { GOLDEN_SETS } from '../test/golden-sets.js';

process.chdir(new URL('..', import.meta.url).pathname);
for (const set of GOLDEN_SETS) {
  const lines: string[] = [];
  await run({ inputs: [`fixtures/${set}`], concurrency: 1 }, (record) => {
    lines.push(JSON.stringify(record) + '\n');
  });
  writeFileSync(`fixtures/expected/${set}.ndjson`, lines.join(''));
  console.log(`fixtures/expected/${set}.ndjson: ${lines.length} records`);
}
