/**
 * WARC records for tests and benchmarks, written by warcio (an independent writer, not Winnow's reader's
 * own idea of the format).
 */
import { WARCRecord, WARCSerializer, type WARCType } from 'warcio';

export interface HttpResponse {
  readonly url: string;
  readonly date: string;
  /** Default `HTTP/1.1 200 OK`. */
  readonly statusline?: string;
  readonly headers: Record<string, string>;
  /** The body as sent (chunked or compressed as its headers say). */
  readonly body: Uint8Array;
}

/** One WARC response record holding an HTTP message as given (gzipped as its own member if asked). */
export async function warcHttpResponse(response: HttpResponse, gzip: boolean): Promise<Uint8Array> {
  const record = WARCRecord.create(
    {
      url: response.url,
      date: response.date,
      type: 'response',
      warcVersion: 'WARC/1.1',
      httpHeaders: response.headers,
      statusline: response.statusline ?? 'HTTP/1.1 200 OK',
    },
    [response.body],
  );
  return WARCSerializer.serialize(record, { gzip });
}

/** One WARC response record holding an HTML page (gzipped as its own member if asked). */
export async function warcResponse(url: string, html: string, date: string, gzip: boolean): Promise<Uint8Array> {
  return warcHttpResponse(
    { url, date, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: new TextEncoder().encode(html) },
    gzip,
  );
}

/** A WARC request record (skipped by the reader). */
export async function warcRequest(url: string, date: string, gzip: boolean): Promise<Uint8Array> {
  const record = WARCRecord.create(
    {
      url,
      date,
      type: 'request',
      warcVersion: 'WARC/1.1',
      httpHeaders: { Host: new URL(url).host },
      statusline: `GET ${new URL(url).pathname} HTTP/1.1`,
    },
    [],
  );
  return WARCSerializer.serialize(record, { gzip });
}

/** A WARC record of another type, with no HTTP message: a resource, metadata, warcinfo. */
export async function warcRecord(
  type: WARCType,
  url: string,
  contentType: string,
  content: string,
  date: string,
  gzip: boolean,
): Promise<Uint8Array> {
  const record = WARCRecord.create({ url, date, type, warcVersion: 'WARC/1.1', warcHeaders: { 'Content-Type': contentType } }, [
    new TextEncoder().encode(content),
  ]);
  return WARCSerializer.serialize(record, { gzip });
}
