/**
 * WARC and WARC.gz: response and resource records whose payload is HTML or text become pages, with the
 * URL from WARC-Target-URI, the crawl time from WARC-Date and the charset from the HTTP Content-Type.
 * Every other record is counted as skipped, with why: request, metadata, revisit and warcinfo records,
 * redirects and errors, images, scripts and styles. A record whose Content-Length does not end it is
 * rejected as `bad-warc` and the records after it are read on; a record the stream ends inside is
 * `truncated-warc` (`truncated-gzip` when the gzip stream is what was cut).
 */
import type { InputItem, RawPage } from '../types.js';
import { describe } from './describe-error.js';
import { isTruncation } from './bytes.js';
import { HEAD_BYTES } from './header-block.js';
import { decodedPayload, httpHead, isHttp, PayloadTooLarge } from './http.js';
import { warcRecords, type WarcFrame, type WarcHeader, type WarcRecord } from './warc-records.js';

const PAGE_TYPES = /^(?:text\/html|application\/xhtml\+xml|text\/plain|application\/xml|text\/xml)\b/i;

export async function* warcPages(
  container: string,
  directory: string,
  stream: AsyncIterable<Uint8Array>,
  maxPageBytes: number,
  gzipped: boolean,
): AsyncGenerator<InputItem> {
  let n = 0;
  for await (const frame of warcRecords(stream, { holds: mayBePage, maxBlockBytes: maxPageBytes })) {
    n++;
    yield frameItem(frame, `${container}#${n}`, directory, maxPageBytes, gzipped);
  }
}

function frameItem(frame: WarcFrame, source: string, directory: string, maxPageBytes: number, gzipped: boolean): InputItem {
  if ('record' in frame) return recordItem(frame.record, source, directory, maxPageBytes);
  if ('damaged' in frame) return { reject: { source, reason: 'bad-warc', detail: frame.damaged.detail, offset: frame.damaged.offset } };
  const { offset, detail, failure } = frame.cut;
  if (!failure) return { reject: { source, reason: 'truncated-warc', detail, offset } };
  return {
    reject: {
      source,
      reason: gzipped && isTruncation(failure) ? 'truncated-gzip' : 'truncated-warc',
      detail: `${detail}: ${describe(failure)}`,
      offset,
    },
  };
}

/** Response records, and resource records of web pages: the records a page can come from. */
function mayBePage(header: WarcHeader): boolean {
  const type = header.get('warc-type');
  return type === 'response' || (type === 'resource' && /^https?:/i.test(targetUri(header) ?? ''));
}

/** WARC-Target-URI, without the angle brackets WARC 1.0's grammar put around it (and some writers kept). */
function targetUri(header: WarcHeader): string | null {
  const uri = header.get('warc-target-uri');
  return uri === undefined ? null : uri.replace(/^<(.*)>$/, '$1');
}

function recordItem(record: WarcRecord, source: string, directory: string, maxPageBytes: number): InputItem {
  const { header, block, offset } = record;
  const type = header.get('warc-type');
  if (type === undefined) return { reject: { source, reason: 'bad-warc', detail: 'no WARC-Type', offset } };
  if (!block) return { skip: { source, reason: `warc-${type}` } };
  const http = type === 'response' && isHttp(block) ? httpHead(block) : undefined;
  if (http === null) return { reject: { source, reason: 'bad-warc', detail: `the HTTP headers run past ${HEAD_BYTES} bytes`, offset } };
  if (http && http.status !== null && (http.status < 200 || http.status >= 300)) return { skip: { source, reason: `http-${http.status}` } };
  const contentType = (http ? http.headers.get('content-type') : header.get('content-type')) ?? null;
  if (contentType && !PAGE_TYPES.test(contentType)) return { skip: { source, reason: 'not-a-page' } };
  if (!record.whole) return { reject: { source, reason: 'too-large', detail: `${record.length} bytes > ${maxPageBytes}`, offset } };
  const page: Omit<RawPage, 'body'> = {
    source,
    url: targetUri(header),
    directory,
    contentType,
    fetchedAt: header.get('warc-date') ?? null,
  };
  if (!http) return { page: { ...page, body: block } };
  try {
    return { page: { ...page, body: decodedPayload(block.subarray(http.bodyStart), http.headers, maxPageBytes) } };
  } catch (error) {
    if (error instanceof PayloadTooLarge) return { reject: { source, reason: 'too-large', detail: error.message, offset } };
    throw error;
  }
}
