/**
 * A page from one JSON object, as NDJSON lines and JSON exports give them: `url` and one of `html`, `text`
 * or `content`; `fetched_at` (or `fetchedAt`, `crawled_at`, `crawl_date`) is the crawl time; the other
 * fields travel to the record as `meta`. Anything else is a `bad-json` reject naming what is wrong.
 */
import type { InputItem, PageBody } from '../types.js';

const PAGE_FIELDS = ['html', 'text', 'content'] as const;
const FETCHED_FIELDS = ['fetched_at', 'fetchedAt', 'crawled_at', 'crawl_date'];
/** Characters of a bad value shown in its reject. */
const EXCERPT_CHARS = 80;

/** The page a JSON text (one line, one array element) holds, or why it holds none. Blank text is no item. */
export function jsonPage(source: string, directory: string, bytes: Uint8Array, offset: number): InputItem | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').trim();
  if (!text) return null;
  const bad = (detail: string): InputItem => ({
    reject: { source, reason: 'bad-json', detail, offset, excerpt: text.slice(0, EXCERPT_CHARS) },
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return bad((error as Error).message);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return bad('not a JSON object');
  const object = value as Record<string, unknown>;
  const field = PAGE_FIELDS.find((name) => typeof object[name] === 'string');
  if (!field) return bad('no html, text or content field');
  const meta = Object.fromEntries(Object.entries(object).filter(([key]) => key !== field && key !== 'url'));
  const fetched = FETCHED_FIELDS.map((name) => object[name]).find((v): v is string => typeof v === 'string');
  return {
    page: {
      source,
      url: typeof object['url'] === 'string' ? object['url'] : null,
      directory,
      body: object[field] as string,
      contentType: field === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      fetchedAt: fetched && /^\d{4}-\d{2}-\d{2}/.test(fetched) ? fetched : null,
      meta: Object.keys(meta).length ? meta : null,
    },
  };
}

/** A page's body from its unparsed JSON text, parsed when asked (for the excerpt of a reject). */
export function rereadJson(source: string, directory: string, bytes: Uint8Array, offset: number): () => PageBody {
  return () => {
    const item = jsonPage(source, directory, bytes, offset);
    return item && 'page' in item ? item.page.body : bytes;
  };
}
