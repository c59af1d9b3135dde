/** HTTP messages as WARC response records hold them: the status line and headers, the payload decoded. */
import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync, type ZlibOptions } from 'node:zlib';
import { blankLineEnd, HEAD_BYTES, headerFields } from './header-block.js';

export interface HttpHead {
  /** The status code, null if the status line has none. */
  readonly status: number | null;
  /** Header fields by lower-cased name. */
  readonly headers: ReadonlyMap<string, string>;
  /** Where the body starts in the block. */
  readonly bodyStart: number;
}

export const isHttp = (block: Uint8Array) =>
  Buffer.from(block.buffer, block.byteOffset, Math.min(5, block.byteLength)).toString('latin1') === 'HTTP/';

/** The status line and headers at the start of a block, or null if they run past HEAD_BYTES. */
export function httpHead(block: Uint8Array): HttpHead | null {
  const bytes = Buffer.from(block.buffer, block.byteOffset, Math.min(block.byteLength, HEAD_BYTES));
  const end = blankLineEnd(bytes);
  if (end === -1 && block.byteLength > HEAD_BYTES) return null;
  // Headers the block ends inside of: a message with no body.
  const bodyStart = end === -1 ? block.byteLength : end;
  const [statusLine = '', ...lines] = bytes.subarray(0, bodyStart).toString('latin1').split(/\r?\n/);
  const status = /^HTTP\/\S+\s+(\d{3})\b/.exec(statusLine);
  return { status: status ? Number(status[1]) : null, headers: headerFields(lines), bodyStart };
}

/** Thrown when a payload decodes to more than the limit. */
export class PayloadTooLarge extends Error {}

/**
 * The payload of a body sent with these Content-Encoding and Transfer-Encoding headers: codings undone
 * in the reverse of the order they were applied. A coding that cannot be undone (unknown, or the bytes
 * are not in it: crawlers often store a body decoded under its original headers) is passed over.
 * Throws PayloadTooLarge past `limit`.
 */
export function decodedPayload(body: Uint8Array, headers: ReadonlyMap<string, string>, limit: number): Uint8Array {
  const codings = [headers.get('content-encoding'), headers.get('transfer-encoding')]
    .flatMap((value) => (value ?? '').split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  let payload = body;
  for (const coding of codings.reverse()) {
    payload = (coding === 'chunked' ? dechunked(payload) : decompressed(payload, coding, limit)) ?? payload;
  }
  return payload;
}

type Inflate = (input: Uint8Array, maxOutputLength: number) => Buffer;
// A cut stream gives what is there of it rather than an error.
const zlibOptions = (maxOutputLength: number): ZlibOptions => ({ finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength });
const gunzip: Inflate = (input, max) => gunzipSync(input, zlibOptions(max));
/** The ways each content coding is undone, tried in order. */
const INFLATERS: Readonly<Record<string, readonly Inflate[]>> = {
  gzip: [gunzip],
  'x-gzip': [gunzip],
  // Servers send raw deflate as often as the zlib format the name stands for.
  deflate: [(input, max) => inflateSync(input, zlibOptions(max)), (input, max) => inflateRawSync(input, zlibOptions(max))],
  br: [(input, max) => brotliDecompressSync(input, { finishFlush: constants.BROTLI_OPERATION_FLUSH, maxOutputLength: max })],
};

/** Bytes inflated, or null if the coding is unknown or they are not in it. */
function decompressed(bytes: Uint8Array, coding: string, limit: number): Uint8Array | null {
  for (const inflate of INFLATERS[coding] ?? []) {
    try {
      return inflate(bytes, limit);
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new PayloadTooLarge(`Content-Encoding ${coding} decodes to more than ${limit} bytes`);
    }
  }
  return null;
}

/**
 * A chunked body decoded, or null if it does not start with a chunk. Where the chunking stops short (a
 * cut body, a bad chunk line), the chunks before it are kept and the rest follows as it is.
 */
function dechunked(body: Uint8Array): Uint8Array | null {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const lineEnd = bytes.indexOf(0x0a, at);
    const size = lineEnd === -1 ? null : chunkSize(bytes.subarray(at, lineEnd).toString('latin1'));
    if (size === null) break;
    if (size === 0) return Buffer.concat(chunks);
    const start = lineEnd + 1;
    chunks.push(bytes.subarray(start, start + size));
    at = Math.min(start + size, bytes.length);
    if (bytes[at] === 0x0d && bytes[at + 1] === 0x0a) at += 2;
    else if (bytes[at] === 0x0a) at += 1;
    else break;
  }
  if (chunks.length === 0) return null;
  return Buffer.concat([...chunks, bytes.subarray(at)]);
}

/** A chunk line's size (hex, before any `;extension`), or null if it is not a chunk line. */
function chunkSize(line: string): number | null {
  const hex = line.split(';', 1)[0]!.trim();
  return /^[0-9a-f]{1,12}$/i.test(hex) ? parseInt(hex, 16) : null;
}
