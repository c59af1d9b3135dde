/**
 * WARC and WARC.gz (with warcio): response and resource records whose payload is HTML or text become
 * pages, with the URL from WARC-Target-URI, the crawl time from WARC-Date and the charset from the HTTP
 * Content-Type. Every other record is counted as skipped, with why: request, metadata, revisit and
 * warcinfo records, redirects and errors, images, scripts and styles.
 */
import { WARCParser, WARCRecord } from 'warcio';
import { sourceOf, type InputItem } from '../types.js';
import { describe } from '../inputs.js';
import { isTruncation } from './bytes.js';

const PAGE_TYPES = /^(?:text\/html|application\/xhtml\+xml|text\/plain|application\/xml|text\/xml)\b/i;

export async function* warcPages(
  container: string,
  directory: string,
  stream: AsyncIterable<Uint8Array>,
  maxPageBytes: number,
  gzipped: boolean,
): AsyncGenerator<InputItem> {
  let streamBytes = 0;
  const parser = new WARCParser(
    (async function* () {
      for await (const chunk of stream) {
        streamBytes += chunk.length;
        yield chunk;
      }
    })(),
  );
  let n = 0;
  let offset = 0;
  // A record is held back until the next one starts or the stream ends: only then is it known to be
  // whole (a lying Content-Length makes the reader run into the end of the file).
  let held: { item: InputItem; end: number } | null = null;
  const release = function* (truncated: boolean): Generator<InputItem> {
    if (!held) return;
    const item: InputItem = held.item;
    held = null;
    if (truncated) yield { reject: { source: sourceOf(item), reason: 'truncated-warc', detail: 'the record is shorter than its Content-Length', offset } };
    else yield item;
  };
  try {
    for await (const record of parser) {
      yield* release(false);
      n++;
      offset = parser.offset;
      const source = `${container}#${n}`;
      // warcio's _warcHeadersLength is the absolute offset where this record's block begins.
      const end = parser._warcHeadersLength + Number(record.warcContentLength ?? 0);
      held = { item: await recordItem(record, source, directory, maxPageBytes, offset), end };
    }
    yield* release(held !== null && streamBytes < (held as { end: number }).end);
  } catch (error) {
    yield* release(false);
    yield {
      reject: {
        source: `${container}#${n + 1}`,
        reason: gzipped && isTruncation(error) ? 'truncated-gzip' : 'truncated-warc',
        detail: `after ${n} records: ${describe(error)}`,
        offset,
      },
    };
  }
}

async function recordItem(record: WARCRecord, source: string, directory: string, maxPageBytes: number, offset: number): Promise<InputItem> {
  const type = record.warcType;
  if (type !== 'response' && !(type === 'resource' && /^https?:/i.test(record.warcTargetURI ?? ''))) {
    return { skip: { source, reason: `warc-${type}` } };
  }
  const status = record.httpHeaders?.statusCode;
  if (status !== undefined && status !== null && (Number(status) < 200 || Number(status) >= 300)) {
    return { skip: { source, reason: `http-${status}` } };
  }
  const contentType = (type === 'response' ? record.httpHeaders?.headers.get('content-type') : record.warcContentType) ?? null;
  if (contentType && !PAGE_TYPES.test(contentType)) return { skip: { source, reason: 'not-a-page' } };
  const declared = Number(record.warcHeaders.headers.get('Content-Length') ?? 0);
  if (declared > maxPageBytes) return { reject: { source, reason: 'too-large', detail: `${declared} bytes > ${maxPageBytes}`, offset } };
  const bytes = await record.readFully(true);
  return { page: { source, url: record.warcTargetURI ?? null, directory, bytes, contentType, fetchedAt: record.warcDate ?? null } };
}
