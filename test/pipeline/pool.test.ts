import test from 'ava';
import { dist } from '../dist.js';
import { slowPage } from '../helpers.js';
import type { RawPage } from '../../pipeline/types.js';

const { WorkerPool } = dist.pool;

const page = (source: string, html: string): RawPage => ({
  source,
  url: null,
  directory: 'd',
  body: Buffer.from(html),
  contentType: 'text/html',
  fetchedAt: null,
});
const small = (n: number) =>
  page(`small-${n}`, `<html><body><h1>Page ${n}</h1><p>Paragraph ${n} with enough words to be a block of its own.</p></body></html>`);

test('a worker that runs out of memory costs its page only: the pages sent after it go to a fresh worker', async (t) => {
  // One lane, a small heap, and a page whose parse needs far more than that heap.
  const pool = new WorkerPool({ size: 1, pageTimeoutMs: 60_000, workerHeapMb: 64 });
  try {
    const huge = page('huge', `<html><body>${'<div class="x"><p>word word word</p></div>'.repeat(400_000)}</body></html>`);
    const results = await Promise.all([small(1), huge, small(2), small(3), small(4)].map((p) => pool.run({ kind: 'learn', page: p })));
    t.true('learned' in results[0]!);
    t.like(results[1], { failure: 'parse-error' });
    t.regex((results[1] as { detail: string }).detail, /worker (exited|failed)/);
    for (const result of results.slice(2)) t.true('learned' in result, JSON.stringify(result).slice(0, 200));
  } finally {
    await pool.close();
  }
});

test('a page that runs too long is timed out, not the pages before it whose results the worker still holds', async (t) => {
  // One lane: the worker gets all five pages at once and posts results in batches, so the first page's
  // result is still in its hands while the slow page runs.
  const pool = new WorkerPool({ size: 1, pageTimeoutMs: 500 });
  try {
    const slow = page('slow', slowPage());
    const results = await Promise.all([small(1), slow, small(2), small(3), small(4)].map((p) => pool.run({ kind: 'learn', page: p })));
    t.deepEqual(results[1], { failure: 'timeout', detail: 'took longer than 500 ms' });
    for (const result of [results[0], ...results.slice(2)]) t.true('learned' in result!, JSON.stringify(result).slice(0, 200));
  } finally {
    await pool.close();
  }
});

test('workers start as the backlog needs them: a few pages take one, a burst of pages every one', async (t) => {
  const pool = new WorkerPool({ size: 3, pageTimeoutMs: 60_000 });
  try {
    const few = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run({ kind: 'learn', page: small(n) })));
    t.true(few.every((result) => 'learned' in result));
    t.is(pool.workers, 1);
    const burst = await Promise.all(Array.from({ length: 100 }, (_, n) => pool.run({ kind: 'learn', page: small(n) })));
    t.true(burst.every((result) => 'learned' in result));
    t.is(pool.workers, 3);
  } finally {
    await pool.close();
  }
});

test('pages of a few megabytes each start another worker before the count of tasks would', async (t) => {
  const pool = new WorkerPool({ size: 2, pageTimeoutMs: 60_000 });
  try {
    const big = (n: number) => page(`big-${n}`, `<html><body><p>${`Paragraph ${n} of a large page. `.repeat(80_000)}</p></body></html>`);
    const results = await Promise.all([1, 2, 3].map((n) => pool.run({ kind: 'learn', page: big(n) })));
    t.true(results.every((result) => 'learned' in result));
    t.is(pool.workers, 2);
  } finally {
    await pool.close();
  }
});
