/**
 * JSON exports (`.json`, or content that starts as JSON but is not one object a line): a top-level array
 * whose elements are pages (what Scrapy and many exporters write), or a sequence of values — one
 * pretty-printed object, or several (`jq` output). Element N is `FILE#N`. Values are split on the fly,
 * never holding more than one at a time: an element larger than the page limit is rejected as
 * `too-large` without being held. A broken element is a `bad-json` reject and the next ones still
 * count; JSON that breaks off (a cut file) rejects what is left, with its offset.
 */
import type { InputItem } from '../types.js';
import { jsonPage, rereadJson } from './json-page.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
/** A byte that ends a bare value (number, true, false, null). */
const endsBare = (c: number) => isSpace(c) || c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE;

export async function* jsonPages(
  container: string,
  directory: string,
  stream: AsyncIterable<Uint8Array>,
  maxValueBytes: number,
  unread?: (source: string) => boolean,
): AsyncGenerator<InputItem> {
  let n = 0;
  for await (const value of jsonValues(stream, maxValueBytes)) {
    const source = `${container}#${++n}`;
    if ('broken' in value) {
      yield { reject: { source, reason: 'bad-json', detail: value.broken, offset: value.offset } };
      return;
    }
    if (value.bytes === null)
      yield { reject: { source, reason: 'too-large', detail: `element longer than ${maxValueBytes} bytes`, offset: value.offset } };
    else if (unread?.(source))
      yield { unread: { source, reread: rereadJson(source, directory, value.bytes, value.offset), heldBytes: value.bytes.length } };
    else {
      const item = jsonPage(source, directory, value.bytes, value.offset);
      if (item) yield item;
    }
  }
}

/** One value of the export: its bytes (null when over the limit, not held), or where the JSON broke off. */
type Value = { readonly bytes: Uint8Array | null; readonly offset: number } | { readonly broken: string; readonly offset: number };

/**
 * The values of a JSON text: the elements of each top-level array, and each other top-level value. A
 * byte-level scanner that knows strings, escapes and nesting; full parsing is left to JSON.parse on each
 * value, which is where malformed values are found.
 */
async function* jsonValues(stream: AsyncIterable<Uint8Array>, maxValueBytes: number): AsyncGenerator<Value> {
  /** Inside a top-level array, whose elements are the values. */
  let inArray = false;
  /** The value being read: an object or array (nesting counted), a string, a bare word; none between values. */
  let kind: 'container' | 'string' | 'bare' | null = null;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let pieces: Uint8Array[] = [];
  let size = 0;
  let oversized = false;
  let start = 0;
  let position = 0;
  const take = (piece: Uint8Array) => {
    size += piece.length;
    if (oversized || size > maxValueBytes) {
      oversized = true;
      pieces = [];
    } else if (piece.length) pieces.push(piece);
  };
  const finish = (): Value => {
    const value = { bytes: oversized ? null : Buffer.concat(pieces, size), offset: start };
    pieces = [];
    size = 0;
    oversized = false;
    kind = null;
    return value;
  };
  for await (const chunk of stream) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (kind === null) {
        if (isSpace(c) || (inArray && c === COMMA)) continue;
        if (c === OPEN_BRACKET && !inArray) inArray = true;
        else if (c === CLOSE_BRACKET && inArray) inArray = false;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COMMA) {
          yield { broken: `unexpected ${String.fromCharCode(c)} at byte ${position + i}`, offset: position + i };
          return;
        } else {
          start = position + i;
          from = i;
          kind = c === OPEN_BRACE || c === OPEN_BRACKET ? 'container' : c === QUOTE ? 'string' : 'bare';
          depth = 1;
          inString = kind === 'string';
        }
        continue;
      }
      if (kind === 'bare') {
        if (!endsBare(c)) continue;
        take(chunk.subarray(from, i));
        yield finish();
        i--; // the delimiter is read again, between values
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        if (inString || kind === 'container') continue;
      } else if (c === QUOTE) {
        inString = true;
        continue;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
        continue;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth > 0) continue;
      } else continue;
      // The value ends at this byte.
      take(chunk.subarray(from, i + 1));
      yield finish();
    }
    if (kind !== null) take(chunk.subarray(from));
    position += chunk.length;
  }
  if (kind === 'bare') yield finish();
  else if (kind !== null) yield { broken: `the JSON ends inside the value that starts at byte ${start}`, offset: start };
}
