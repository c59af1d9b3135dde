import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EARLY_BYTES_MAX, PassCache } from '../../pipeline/pass-cache.js';
import { preparePage } from '../../pipeline/page.js';
import { decodePrepared, encodePrepared } from '../../pipeline/prepared-codec.js';
import type { RawPage } from '../../pipeline/types.js';
import { fixtureFiles, ROOT, runRecords } from '../helpers.js';

const entryOf = (ordinal: number, size: number) => Uint8Array.from({ length: size }, (_, i) => (ordinal * 31 + i) & 255);

test('pages finished out of order are read back in order; pages without an entry or with another source get none', (t) => {
  // Each page: kept or not, its entry size, and how far it finishes out of order (within a window, as in a run).
  const page = fc.record({ kept: fc.boolean(), size: fc.integer({ min: 0, max: 100_000 }), delay: fc.nat(40), renamed: fc.boolean() });
  fc.assert(
    fc.property(fc.array(page, { minLength: 1, maxLength: 60 }), (pages) => {
      const cache = new PassCache(Infinity);
      try {
        const finishing = pages.map((p, ordinal) => ({ ...p, ordinal })).sort((a, b) => a.ordinal + a.delay - (b.ordinal + b.delay));
        for (const p of finishing) cache.put(p.ordinal, `page-${p.ordinal}`, p.kept ? entryOf(p.ordinal, p.size) : null);
        pages.forEach((p, ordinal) => {
          const taken = cache.take(ordinal, p.renamed ? `moved-${ordinal}` : `page-${ordinal}`);
          t.deepEqual(taken, p.kept && !p.renamed ? entryOf(ordinal, p.size) : null);
        });
      } finally {
        cache.close();
      }
    }),
    { numRuns: 40 },
  );
});

test('a page pass 2 skips (a timed-out one) does not shift the pages after it', (t) => {
  const cache = new PassCache(Infinity);
  try {
    for (let i = 0; i < 5; i++) cache.put(i, `p${i}`, entryOf(i, 100));
    t.deepEqual(cache.take(0, 'p0'), entryOf(0, 100));
    t.deepEqual(cache.take(3, 'p3'), entryOf(3, 100));
    t.deepEqual(cache.take(4, 'p4'), entryOf(4, 100));
  } finally {
    cache.close();
  }
});

test('while an early page runs, later pages are held up to a bound; beyond it they get no entry', (t) => {
  const cache = new PassCache(Infinity);
  try {
    const size = 4 * 1024 * 1024;
    const held = EARLY_BYTES_MAX / size;
    // Page 0 is slow: pages 1..held+2 finish first and wait for it.
    for (let i = 1; i <= held + 2; i++) cache.put(i, `p${i}`, entryOf(i, size));
    cache.put(0, 'p0', entryOf(0, 100));
    const kept = Array.from({ length: held + 3 }, (_, i) => cache.take(i, `p${i}`) !== null);
    t.deepEqual(kept, Array.from({ length: held + 3 }, (_, i) => i <= held));
  } finally {
    cache.close();
  }
});

test('beyond the byte budget pages get no entry, and those within it still do', (t) => {
  const cache = new PassCache(5_000);
  try {
    for (let i = 0; i < 10; i++) cache.put(i, `p${i}`, entryOf(i, 1_000));
    const kept = Array.from({ length: 10 }, (_, i) => cache.take(i, `p${i}`) !== null);
    t.deepEqual(kept, [true, true, true, true, false, false, false, false, false, false]);
  } finally {
    cache.close();
  }
});

const raw = (folder: string, name: string): RawPage => ({
  source: join(folder, name),
  url: null,
  directory: folder,
  bytes: readFileSync(join(ROOT, 'fixtures', folder, name)),
  contentType: null,
  fetchedAt: null,
});

test('a prepared page decodes to what preparing the page gives, for HTML and text pages', (t) => {
  const pages = [...fixtureFiles('html').map((n) => raw('html', n)), ...fixtureFiles('seeds').map((n) => raw('seeds', n))];
  for (const page of pages) {
    const prepared = preparePage(page);
    if (!('page' in prepared)) return t.fail(`${page.source}: ${prepared.reject.reason}`);
    t.deepEqual(decodePrepared(encodePrepared(prepared.page, prepared.tallies), page), prepared, page.source);
  }
  t.true(pages.some((p) => p.source.startsWith('html')) && pages.some((p) => p.source.startsWith('seeds')));
});

test('records cleaned from the pass cache equal those cleaned by parsing every page again', async (t) => {
  const inputs = ['seeds', 'sites', 'html'].map((folder) => join(ROOT, 'fixtures', folder));
  const cached = await runRecords({ inputs, concurrency: 2 });
  const parsed = await runRecords({ inputs, concurrency: 2, passCacheBytes: 0 });
  t.true(cached.records.length > 5);
  t.deepEqual(cached.records, parsed.records);
  t.deepEqual(cached.report, parsed.report);
});
