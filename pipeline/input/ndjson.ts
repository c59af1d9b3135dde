/**
 * NDJSON / JSONL exports: one JSON object a line with `url` and one of `html`, `text` or `content`.
 * Other fields travel to the record under `meta`. A line that is not such an object is rejected as
 * `bad-json`; a line longer than the page limit is rejected as `too-large` without being held in memory.
 * A line `unread` names (pass 2, the pass cache has its page) is not parsed: decoding and parsing HTML
 * pages' lines (their JSON full of escapes) ran at ~50 MB/s on the main thread, a quarter of the run's
 * CPU on real pages when every line was parsed in both passes.
 */
import type { InputItem, UnreadPage } from '../types.js';

const PAGE_FIELDS = ['html', 'text', 'content'] as const;
const FETCHED_FIELDS = ['fetched_at', 'fetchedAt', 'crawled_at', 'crawl_date'];
const NEWLINE = 0x0a;

export async function* ndjsonPages(
  container: string,
  directory: string,
  stream: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
  unread?: (source: string) => boolean,
): AsyncGenerator<InputItem> {
  let line = 1;
  let offset = 0;
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  let oversized = false;
  const finishLine = function* (): Generator<InputItem> {
    const source = `${container}#${line}`;
    const lineOffset = offset - pendingSize;
    if (oversized) yield { reject: { source, reason: 'too-large', detail: `line longer than ${maxLineBytes} bytes`, offset: lineOffset } };
    else if (pendingSize > 0 && unread?.(source)) yield { unread: unreadLine(source, directory, Buffer.concat(pending), lineOffset) };
    else if (pendingSize > 0) yield* parseLine(source, directory, Buffer.concat(pending), lineOffset);
    pending = [];
    pendingSize = 0;
    oversized = false;
    line++;
  };
  for await (const chunk of stream) {
    let start = 0;
    for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, start)) {
      take(chunk.subarray(start, i));
      offset += i - start + 1;
      yield* finishLine();
      start = i + 1;
    }
    take(chunk.subarray(start));
    offset += chunk.length - start;
  }
  if (pendingSize > 0 || oversized) yield* finishLine();

  function take(piece: Uint8Array) {
    if (oversized || piece.length === 0) {
      pendingSize += piece.length;
      return;
    }
    if (pendingSize + piece.length > maxLineBytes) {
      oversized = true;
      pending = [];
      pendingSize += piece.length;
      return;
    }
    pending.push(piece);
    pendingSize += piece.length;
  }
}

/** A line not parsed: it is kept, to be parsed if the page's bytes are asked for (the excerpt of a reject). */
function unreadLine(source: string, directory: string, line: Buffer, offset: number): UnreadPage {
  const reread = () => {
    for (const item of parseLine(source, directory, line, offset)) if ('page' in item) return item.page.bytes;
    return line;
  };
  return { source, reread, heldBytes: line.length };
}

function* parseLine(source: string, directory: string, line: Buffer, offset: number): Generator<InputItem> {
  const text = line.toString('utf8').trim();
  if (!text) return; // blank lines are not records
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    yield { reject: { source, reason: 'bad-json', detail: (error as Error).message, offset, excerpt: text.slice(0, 80) } };
    return;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    yield { reject: { source, reason: 'bad-json', detail: 'not a JSON object', offset, excerpt: text.slice(0, 80) } };
    return;
  }
  const object = value as Record<string, unknown>;
  const field = PAGE_FIELDS.find((name) => typeof object[name] === 'string');
  if (!field) {
    yield { reject: { source, reason: 'bad-json', detail: 'no html, text or content field', offset, excerpt: text.slice(0, 80) } };
    return;
  }
  const meta = Object.fromEntries(Object.entries(object).filter(([key]) => key !== field && key !== 'url'));
  const fetched = FETCHED_FIELDS.map((name) => object[name]).find((v) => typeof v === 'string') as string | undefined;
  yield {
    page: {
      source,
      url: typeof object['url'] === 'string' ? object['url'] : null,
      directory,
      bytes: Buffer.from(object[field] as string, 'utf8'),
      contentType: field === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      fetchedAt: fetched && /^\d{4}-\d{2}-\d{2}/.test(fetched) ? fetched : null,
      meta: Object.keys(meta).length ? meta : null,
    },
  };
}
