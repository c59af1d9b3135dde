/**
 * A page's JSON text read as JSON.parse reads it. Most bodies are unescaped from the text's bytes to UTF-8 without
 * becoming one string; whatever way a body is read, its page and its decoded text must be those JSON.parse gives.
 */
import test from 'ava';
import fc from 'fast-check';
import { jsonPage } from '../../pipeline/input/json-page.js';
import type { PageBody } from '../../pipeline/types.js';
import { decode } from '../../stages/decode.js';
import { bodyBuffer } from '../helpers.js';

const PAGE_FIELDS = ['html', 'text', 'content'];

/** What decoding a body gives, its pieces joined. */
function decoded(body: PageBody) {
  const result = decode(body, null);
  return result.ok ? { text: result.pieces.join(''), warnings: result.warnings } : { reject: result.reason };
}

/** The page JSON.parse makes of the text, its body decoded. */
function expected(bytes: Buffer) {
  const object = JSON.parse(bytes.toString('utf8').trim()) as Record<string, unknown>;
  const field = PAGE_FIELDS.find((name) => typeof object[name] === 'string');
  if (!field) return null;
  const meta = Object.fromEntries(Object.entries(object).filter(([key]) => key !== field && key !== 'url'));
  return {
    url: typeof object['url'] === 'string' ? object['url'] : null,
    meta: Object.keys(meta).length ? meta : null,
    contentType: field === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
    body: decoded(object[field] as string),
  };
}

function actual(bytes: Buffer) {
  const item = jsonPage('s', 'd', bytes, 0);
  if (!item || !('page' in item)) return null;
  const { url, meta, contentType, body } = item.page;
  return { url, meta: meta ?? null, contentType, body: decoded(body) };
}

/** Characters JSON escapes or a page may hold: quotes, backslashes, controls, every UTF-8 width, lone surrogates, mojibake. */
const unit = fc.constantFrom(
  'a',
  ' ',
  '<p>',
  '"',
  '\\',
  '/',
  '\n',
  '\t',
  '\u0001',
  'é',
  'Ж',
  '中',
  '😀',
  '\ud800',
  '\udc00',
  'Ã©',
  'â€™',
  '\u2028',
);
const value = fc.oneof(fc.string({ unit }), fc.constant(null), fc.integer(), fc.array(fc.string({ unit }), { maxLength: 3 }));
const object = fc.dictionary(fc.constantFrom('url', 'html', 'text', 'content', 'lang', 'fetched_at', 'h\u00e9'), value, { maxKeys: 5 });

test('property: a JSON page reads as JSON.parse reads it, whatever its escapes, spacing and field types', (t) => {
  fc.assert(
    fc.property(object, fc.boolean(), fc.boolean(), (fields, escapeAll, spaced) => {
      let line = JSON.stringify(fields, null, spaced ? 1 : undefined);
      // Exporters that write ASCII only escape every other character (`\u00e9`, `\ud83d\ude00`).
      if (escapeAll) line = line.replace(/[^\u0000-\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      const bytes = Buffer.from(line);
      t.deepEqual(actual(bytes), expected(bytes), line);
    }),
    { numRuns: 3000 },
  );
});

test('a body with bytes that are not UTF-8 reads as JSON.parse reads it, with replacement characters', (t) => {
  const bytes = Buffer.concat([
    Buffer.from('{"url": "https://a.example/", "html": "<p>caf'),
    Buffer.from([0xe9]),
    Buffer.from(' au lait</p>"}'),
  ]);
  t.deepEqual(actual(bytes), expected(bytes));
  t.like(actual(bytes), { body: { text: '<p>caf\ufffd au lait</p>' } });
});

test('a large body goes on as its UTF-8 bytes, unescaped', (t) => {
  const html = `<p>${'Ein “Satz” mit Umlauten: äöü, \\ und "Zitaten".\n'.repeat(2000)}</p>`;
  const item = jsonPage('s', 'd', Buffer.from(JSON.stringify({ url: 'https://a.example/', html, lang: 'de' })), 0);
  if (!item || !('page' in item)) return t.fail();
  const { body } = item.page;
  t.true(typeof body === 'object' && 'utf8' in body);
  t.deepEqual(bodyBuffer(body), Buffer.from(html));
  t.deepEqual(item.page.meta, { lang: 'de' });
});
