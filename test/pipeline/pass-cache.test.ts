import test from 'ava';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheLane } from '../../pipeline/cache/cache-lane.js';
import { EARLY_ENTRIES_MAX, PassCache } from '../../pipeline/cache/pass-cache.js';
import { preparePage } from '../../pipeline/page.js';
import { decodePrepared, encodePrepared } from '../../pipeline/cache/prepared-codec.js';
import type { RawPage } from '../../pipeline/types.js';
import { fixtureFiles, ROOT, scratchCopy } from '../helpers.js';
import { runRecords } from '../dist.js';

const entryOf = (ordinal: number, size: number) => Uint8Array.from({ length: size }, (_, i) => (ordinal * 31 + i) & 255);
const locationOf = (ordinal: number) => ({ lane: ordinal % 3, offset: ordinal * 1e9 + 7, length: ordinal * 17 });

test('locations of pages finished out of order are read back in order; pages without one or with another source get none', (t) => {
  // Each page: stored or not, and how far it finishes out of order (within a window, as in a run).
  const page = fc.record({ stored: fc.boolean(), delay: fc.nat(40), renamed: fc.boolean() });
  fc.assert(
    fc.property(fc.array(page, { minLength: 1, maxLength: 60 }), (pages) => {
      const cache = new PassCache(Infinity, 3);
      try {
        const finishing = pages.map((p, ordinal) => ({ ...p, ordinal })).sort((a, b) => a.ordinal + a.delay - (b.ordinal + b.delay));
        for (const p of finishing) cache.put(p.ordinal, `page-${p.ordinal}`, p.stored ? locationOf(p.ordinal) : null);
        pages.forEach((p, ordinal) => {
          const taken = cache.take(ordinal, p.renamed ? `moved-${ordinal}` : `page-${ordinal}`);
          t.deepEqual(taken, p.stored && !p.renamed ? locationOf(ordinal) : null);
        });
      } finally {
        cache.close();
      }
    }),
    { numRuns: 40 },
  );
});

test('a page pass 2 skips (a timed-out one) does not shift the pages after it', (t) => {
  const cache = new PassCache(Infinity, 1);
  try {
    for (let i = 0; i < 5; i++) cache.put(i, `p${i}`, locationOf(i));
    t.deepEqual(cache.take(0, 'p0'), locationOf(0));
    t.deepEqual(cache.take(3, 'p3'), locationOf(3));
    t.deepEqual(cache.take(4, 'p4'), locationOf(4));
  } finally {
    cache.close();
  }
});

test('while an early page runs, later pages are held up to a bound; beyond it they get no location', (t) => {
  const cache = new PassCache(Infinity, 1);
  try {
    // Page 0 is slow: pages 1..held+2 finish first and wait for it.
    const held = EARLY_ENTRIES_MAX;
    for (let i = 1; i <= held + 2; i++) cache.put(i, `p${i}`, locationOf(i));
    cache.put(0, 'p0', locationOf(0));
    const kept = Array.from({ length: held + 3 }, (_, i) => cache.take(i, `p${i}`) !== null);
    t.deepEqual(
      kept,
      Array.from({ length: held + 3 }, (_, i) => i <= held),
    );
  } finally {
    cache.close();
  }
});

test('pages stored by each lane are fetched back by any; a lane started again goes on after its file', (t) => {
  const cache = new PassCache(Infinity, 2);
  try {
    const first = new CacheLane(cache.files(0));
    const second = new CacheLane(cache.files(1));
    const stored = [first.store(() => entryOf(0, 500)), second.store(() => entryOf(1, 700)), first.store(() => entryOf(2, 300))];
    const restarted = new CacheLane(cache.files(0));
    stored.push(restarted.store(() => entryOf(3, 400)));
    t.deepEqual(
      stored.map((s) => s && [s.lane, s.offset]),
      [
        [0, 0],
        [1, 0],
        [0, 500],
        [0, 800],
      ],
    );
    const reader = new CacheLane(cache.files(1));
    stored.forEach((location, i) => t.deepEqual(reader.fetch(location!), entryOf(i, location!.length)));
  } finally {
    cache.close();
  }
});

test('beyond its share of the byte budget a lane stores nothing more, and what it stored stays readable', (t) => {
  const cache = new PassCache(10_000, 2);
  try {
    const lane = new CacheLane(cache.files(1));
    let encoded = 0;
    const stored = Array.from({ length: 10 }, (_, i) => lane.store(() => (encoded++, entryOf(i, 1_000))));
    t.deepEqual(
      stored.map((s) => s !== null),
      [true, true, true, true, true, false, false, false, false, false],
    );
    // Once full, the lane does not encode pages it cannot keep.
    t.is(encoded, 6);
    t.deepEqual(lane.fetch(stored[4]!), entryOf(4, 1_000));
  } finally {
    cache.close();
  }
});

const raw = (folder: string, name: string): RawPage => ({
  source: join(folder, name),
  url: null,
  directory: folder,
  body: readFileSync(join(ROOT, 'fixtures', folder, name)),
  contentType: null,
  fetchedAt: null,
});

test('a prepared page decodes to what preparing the page gives, for HTML and text pages', (t) => {
  const pages = [...fixtureFiles('html').map((n) => raw('html', n)), ...fixtureFiles('seeds').map((n) => raw('seeds', n))];
  for (const page of pages) {
    const prepared = preparePage(page);
    if (!('page' in prepared)) return t.fail(`${page.source}: ${prepared.reject.reason}`);
    t.deepEqual(decodePrepared(encodePrepared(prepared.page, prepared.tallies)), prepared, page.source);
  }
  t.true(pages.some((p) => p.source.startsWith('html')) && pages.some((p) => p.source.startsWith('seeds')));
});

test('a prepared page decodes to itself whatever its characters: Latin-1 only, wider, astral, lone surrogates', (t) => {
  // Each page's strings are stored as Latin-1 when every character fits, else as UTF-16.
  const unit = fc.constantFrom('a', 'Q', ' ', '.', 'é', 'ÿ', '\u00a0', 'Ж', '中', '😀', '\ud800', '\udc00', '’');
  const text = fc.string({ unit, minLength: 1, maxLength: 40 });
  fc.assert(
    fc.property(text, fc.array(text, { minLength: 1, maxLength: 4 }), fc.boolean(), (title, paragraphs, html) => {
      const body = html
        ? `<html><head><title>${title}</title></head><body><nav class="menu">${title}</nav><h2>${title}</h2>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`
        : [title, ...paragraphs].join('\n\n');
      const page: RawPage = {
        source: 'p',
        url: 'https://example.com/a',
        directory: 'd',
        body: Buffer.from(body),
        contentType: html ? 'text/html' : 'text/plain',
        fetchedAt: null,
      };
      const prepared = preparePage(page);
      if (!('page' in prepared)) return;
      t.deepEqual(decodePrepared(encodePrepared(prepared.page, prepared.tallies)), prepared);
    }),
    { numRuns: 400 },
  );
});

test('a prepared page with long texts, stored in several runs of strings, one longer than a run, decodes to itself', (t) => {
  const unit = fc.constantFrom('a', ' ', '.', 'é', 'Ж', '😀');
  const paragraph = fc.string({ unit, minLength: 2_000, maxLength: 40_000 });
  fc.assert(
    fc.property(fc.array(paragraph, { minLength: 2, maxLength: 6 }), (paragraphs) => {
      const body = `<html><body>${paragraphs.map((p) => `<p>${p}.</p>`).join('')}</body></html>`;
      const page: RawPage = { source: 'p', url: null, directory: 'd', body: Buffer.from(body), contentType: 'text/html', fetchedAt: null };
      const prepared = preparePage(page);
      if (!('page' in prepared)) return t.fail(prepared.reject.detail);
      t.true(prepared.page.blocks.length >= 2);
      t.deepEqual(decodePrepared(encodePrepared(prepared.page, prepared.tallies)), prepared);
    }),
    { numRuns: 30 },
  );
});

test('records cleaned from the pass cache equal those cleaned by parsing every page again', async (t) => {
  const inputs = ['seeds', 'sites', 'html'].map((folder) => join(ROOT, 'fixtures', folder));
  const cached = await runRecords({ inputs, concurrency: 2 });
  const parsed = await runRecords({ inputs, concurrency: 2, passCacheBytes: 0 });
  t.true(cached.records.length > 5);
  t.deepEqual(cached.records, parsed.records);
  t.deepEqual(cached.report, parsed.report);
});

test('a page rejected in pass 2 has its excerpt whether or not pass 2 read its file again', async (t) => {
  const dir = scratchCopy(t, 'html');
  const menu = '<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>';
  writeFileSync(join(dir, 'html', 'menu.html'), menu);
  const cached = await runRecords({ inputs: [dir], concurrency: 2 });
  const parsed = await runRecords({ inputs: [dir], concurrency: 2, passCacheBytes: 0 });
  t.deepEqual(cached.rejects, parsed.rejects);
  t.like(
    cached.rejects.find((r) => r.source.endsWith('menu.html')),
    { reason: 'no-article', excerpt: menu.slice(0, 80) },
  );
});

test('an NDJSON export cleaned from the pass cache (its lines not parsed again) gives what parsing every line again gives', async (t) => {
  const dir = scratchCopy(t);
  const menu = '<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>';
  const lines = fixtureFiles('html').map((name, i) =>
    JSON.stringify({
      url: `https://harbor.example/${name}`,
      html: readFileSync(join(ROOT, 'fixtures', 'html', name), 'utf8'),
      fetched_at: '2024-06-01T00:00:00Z',
      crawl: i,
    }),
  );
  lines.splice(2, 0, '{"url": "broken', JSON.stringify({ url: 'https://harbor.example/menu', html: menu }));
  const file = join(dir, 'export.ndjson');
  writeFileSync(file, lines.join('\n') + '\n');
  const cached = await runRecords({ inputs: [file], concurrency: 2 });
  const parsed = await runRecords({ inputs: [file], concurrency: 2, passCacheBytes: 0 });
  t.true(cached.records.length >= 3);
  t.deepEqual(cached.records, parsed.records);
  t.deepEqual(cached.report, parsed.report);
  t.deepEqual(cached.rejects, parsed.rejects);
  t.like(cached.records[0], { meta: { fetched_at: '2024-06-01T00:00:00Z', crawl: 0 } });
  t.like(
    cached.rejects.find((r) => r.source === `${file}#4`),
    { reason: 'no-article', excerpt: menu.slice(0, 80) },
  );
});
