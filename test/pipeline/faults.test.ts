import test from 'ava';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runRecords, scratchCopy } from '../helpers.js';

test('a page that takes too long is rejected as timeout; the pages beside it come out as usual', async (t) => {
  const dir = scratchCopy('html');
  mkdirSync(join(dir, 'html/bad'));
  // Unclosed nesting makes the HTML parser slow (quadratic): far beyond the page timeout.
  writeFileSync(join(dir, 'html/bad/unclosed.html'), `<html><body>${'<div>'.repeat(200_000)}text</body></html>`);
  const clean = await runRecords({ inputs: [join(dir, 'html')], pageTimeoutMs: 1500, concurrency: 2 });
  t.is(clean.records.length, 3);
  t.deepEqual(clean.rejects.map((r) => [r.source.slice(dir.length + 1), r.reason]), [
    ['html/bad/unclosed.html', 'timeout'],
    ['html/harbor-index.html', 'no-article'],
  ]);
  const { read, emitted, duplicates, rejected, skipped } = clean.report.totals;
  t.is(read, emitted + duplicates + rejected + skipped);
});
