import test from 'ava';
import { progressLine } from '../../pipeline/cli/progress.js';

test('the progress line shows pages, rates and, with a known size, share and ETA', (t) => {
  const line = progressLine({ pass: 2, pages: 500, bytes: 25e6, totalBytes: 100e6, startedAt: 0 }, 10_000);
  t.is(line, 'pass 2/2 · 500 pages · 50 pages/s · 2.5 MB/s · 25% · ETA 30s');
  t.is(
    progressLine({ pass: 1, pages: 10, bytes: 1e6, totalBytes: null, startedAt: 0 }, 2000),
    'pass 1/2 · 10 pages · 5 pages/s · 0.5 MB/s',
  );
});
