/**
 * A page from one JSON object, as NDJSON lines and JSON exports give them: `url` and one of `html`, `text`
 * or `content`; `fetched_at` (or `fetchedAt`, `crawled_at`, `crawl_date`) is the crawl time; the other
 * fields travel to the record as `meta`. Anything else is a `bad-json` reject naming what is wrong.
 */
import { isUtf8 } from 'node:buffer';
import type { InputItem, PageBody, RawPage } from '../types.js';

const PAGE_FIELDS = ['html', 'text', 'content'] as const;
type PageField = (typeof PAGE_FIELDS)[number];
const FETCHED_FIELDS = ['fetched_at', 'fetchedAt', 'crawled_at', 'crawl_date'];
/** Characters of a bad value shown in its reject. */
const EXCERPT_CHARS = 80;

/** The page a JSON text (one line, one array element) holds, or why it holds none. Blank text is no item. */
export function jsonPage(source: string, directory: string, bytes: Uint8Array, offset: number): InputItem | null {
  return pageWithBodyBytes(source, directory, bytes) ?? parsedPage(source, directory, bytes, offset);
}

/**
 * The page, its body given as UTF-8 bytes unescaped from the JSON text: the page's text never becomes one string
 * (a large object for V8) on the thread that reads the input, nor on its way to a worker. Null when the text is
 * anything but a JSON object whose body field is a string that `unescapedUtf8` reads as JSON.parse would; it is
 * then parsed as a whole, which gives the same page or says what is wrong.
 */
function pageWithBodyBytes(source: string, directory: string, bytes: Uint8Array): InputItem | null {
  const fields = topLevelStrings(bytes);
  const name = fields && PAGE_FIELDS.find((f) => fields.get(f));
  const value = name && fields.get(name);
  if (!name || !value) return null;
  const body = unescapedUtf8(bytes.subarray(value.start, value.end));
  if (!body) return null;
  // The object with the body's value emptied: small, parsed as usual.
  const rest = Buffer.concat([bytes.subarray(0, value.start), bytes.subarray(value.end)]).toString('utf8');
  let object: Record<string, unknown>;
  try {
    object = JSON.parse(rest) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (object[name] !== '' || PAGE_FIELDS.find((f) => typeof object[f] === 'string') !== name) return null;
  return { page: pageOf(source, directory, object, name, { utf8: body }) };
}

function parsedPage(source: string, directory: string, bytes: Uint8Array, offset: number): InputItem | null {
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
  return { page: pageOf(source, directory, object, field, object[field] as string) };
}

function pageOf(source: string, directory: string, object: Record<string, unknown>, field: PageField, body: PageBody): RawPage {
  const meta = Object.fromEntries(Object.entries(object).filter(([key]) => key !== field && key !== 'url'));
  const fetched = FETCHED_FIELDS.map((name) => object[name]).find((v): v is string => typeof v === 'string');
  return {
    source,
    url: typeof object['url'] === 'string' ? object['url'] : null,
    directory,
    body,
    contentType: field === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
    fetchedAt: fetched && /^\d{4}-\d{2}-\d{2}/.test(fetched) ? fetched : null,
    meta: Object.keys(meta).length ? meta : null,
  };
}

/** Where a string value lies in the JSON text's bytes, between its quotes. */
interface StringRange {
  readonly start: number;
  readonly end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The top-level members of a JSON object's text: for each key, its last value's range if that value is a string,
 * else null. Null for text that is not a plain object this scan can read (an escaped key, anything malformed):
 * JSON.parse then reads it and says what is wrong.
 */
function topLevelStrings(bytes: Uint8Array): Map<string, StringRange | null> | null {
  const members = new Map<string, StringRange | null>();
  let i = skipSpace(bytes, 0);
  if (bytes[i] !== 0x7b) return null;
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === 0x7d) return skipSpace(bytes, i + 1) === bytes.length ? members : null;
  for (;;) {
    if (bytes[i] !== QUOTE) return null;
    const keyEnd = stringEnd(bytes, i + 1);
    if (keyEnd < 0 || bytes.subarray(i + 1, keyEnd).includes(BACKSLASH)) return null;
    const key = Buffer.from(bytes.buffer, bytes.byteOffset + i + 1, keyEnd - i - 1).toString('utf8');
    i = skipSpace(bytes, keyEnd + 1);
    if (bytes[i] !== 0x3a) return null;
    i = skipSpace(bytes, i + 1);
    if (bytes[i] === QUOTE) {
      const end = stringEnd(bytes, i + 1);
      if (end < 0) return null;
      members.set(key, { start: i + 1, end });
      i = end + 1;
    } else {
      const end = valueEnd(bytes, i);
      if (end < 0) return null;
      members.set(key, null);
      i = end;
    }
    i = skipSpace(bytes, i);
    if (bytes[i] === 0x2c) i = skipSpace(bytes, i + 1);
    else if (bytes[i] === 0x7d) return skipSpace(bytes, i + 1) === bytes.length ? members : null;
    else return null;
  }
}

function skipSpace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i;
}

/** Where the string whose content starts at `i` ends (its closing quote), or -1. */
function stringEnd(bytes: Uint8Array, i: number): number {
  for (;;) {
    const quote = bytes.indexOf(QUOTE, i);
    if (quote < 0) return -1;
    let slashes = 0;
    while (bytes[quote - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return quote;
    i = quote + 1;
  }
}

/** Where a non-string value starting at `i` ends (a number, a literal, an array or object with its strings), or -1. */
function valueEnd(bytes: Uint8Array, i: number): number {
  let depth = 0;
  for (; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) {
      i = stringEnd(bytes, i + 1);
      if (i < 0) return -1;
    } else if (b === 0x7b || b === 0x5b) depth++;
    else if (b === 0x7d || b === 0x5d) {
      if (depth === 0) return i;
      depth--;
    } else if (b === 0x2c && depth === 0) return i;
  }
  return -1;
}

const SIMPLE_ESCAPES: Readonly<Record<number, number>> = {
  0x22: 0x22,
  0x5c: 0x5c,
  0x2f: 0x2f,
  0x62: 0x08,
  0x66: 0x0c,
  0x6e: 0x0a,
  0x72: 0x0d,
  0x74: 0x09,
};

/**
 * A JSON string's content (between its quotes) unescaped to UTF-8 bytes, as JSON.parse would read it, but for
 * what only JSON.parse should judge: null for a control character or an escape JSON has not (JSON.parse rejects
 * the text), a lone surrogate or bytes that are not valid UTF-8 (JSON.parse keeps the one, replaces the other).
 */
function unescapedUtf8(raw: Uint8Array): Uint8Array | null {
  const out = Buffer.allocUnsafe(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b >= 0x20 && b !== BACKSLASH) {
      out[n++] = b;
      continue;
    }
    if (b < 0x20) return null;
    const escaped = raw[++i];
    if (escaped !== 0x75) {
      const simple = escaped === undefined ? undefined : SIMPLE_ESCAPES[escaped];
      if (simple === undefined) return null;
      out[n++] = simple;
      continue;
    }
    let code = hexUnit(raw, i + 1);
    i += 4;
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = raw[i + 1] === BACKSLASH && raw[i + 2] === 0x75 ? hexUnit(raw, i + 3) : -1;
      if (low < 0xdc00 || low > 0xdfff) return null;
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      i += 6;
    } else if (code < 0 || (code >= 0xdc00 && code <= 0xdfff)) return null;
    n += out.write(String.fromCodePoint(code), n, 'utf8');
  }
  const bytes = out.subarray(0, n);
  return isUtf8(bytes) ? bytes : null;
}

/** The code unit the four hex digits at `i` spell, or -1. */
function hexUnit(raw: Uint8Array, i: number): number {
  if (i + 4 > raw.length) return -1;
  let code = 0;
  for (let k = i; k < i + 4; k++) {
    const b = raw[k]!;
    const digit = b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : b >= 0x41 && b <= 0x46 ? b - 0x37 : -1;
    if (digit < 0) return -1;
    code = code * 16 + digit;
  }
  return code;
}

/** A page's body from its unparsed JSON text, parsed when asked (for the excerpt of a reject). */
export function rereadJson(source: string, directory: string, bytes: Uint8Array, offset: number): () => PageBody {
  return () => {
    const item = jsonPage(source, directory, bytes, offset);
    return item && 'page' in item ? item.page.body : bytes;
  };
}
