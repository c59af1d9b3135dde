/** Byte-stream helpers shared by the readers. */
import { createGunzip } from 'node:zlib';
import { bodyContent, type PageBody } from '../types.js';

/**
 * The first `count` bytes of a stream, and the whole stream again (nothing is read twice). An error met
 * while peeking is raised where it happened in the replayed stream, after the bytes before it.
 */
export async function peek(
  stream: AsyncIterable<Uint8Array>,
  count: number,
): Promise<{ head: Uint8Array; stream: AsyncIterable<Uint8Array> }> {
  const iterator = stream[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let size = 0;
  let done = false;
  let failure: { readonly error: unknown } | null = null;
  while (size < count) {
    try {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      taken.push(next.value);
      size += next.value.length;
    } catch (error) {
      if (taken.length === 0) throw error;
      failure = { error };
      break;
    }
  }
  const head = Buffer.concat(taken).subarray(0, count);
  async function* replay(): AsyncGenerator<Uint8Array> {
    yield* taken;
    if (failure) throw failure.error;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, stream: replay() };
}

export const isGzip = (head: Uint8Array) => head[0] === 0x1f && head[1] === 0x8b;

/**
 * Bytes a read or gunzip stream hands on at a time. Every chunk of a gunzip stream is a round trip to
 * libuv's thread pool: Node's 16 KiB makes many more of them; larger chunks gain little more and raise
 * the peak memory.
 */
export const STREAM_CHUNK_BYTES = 128 * 1024;

/**
 * Gunzip a byte stream (multi-member files too, as WARC.gz are). All that was inflated before a failure
 * (a cut file) comes out before the failure is thrown. Each chunk is written once the one before it is
 * inflated, and the end separately: zlib inflates the last chunk of a stream already ending together
 * with the end, and what it inflated in the call that failed is lost.
 */
export async function* gunzip(stream: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const inflater = createGunzip({ chunkSize: STREAM_CHUNK_BYTES });
  let failure = null as { readonly error: unknown } | null;
  let ended = false;
  let wake = () => {};
  const fail = (error: unknown) => {
    failure ??= { error };
    wake();
  };
  inflater.on('error', fail);
  inflater.on('readable', () => wake());
  inflater.on('end', () => {
    ended = true;
    wake();
  });
  // A write waiting for its output to be read never completes once the inflater is destroyed.
  const closed = new Promise<void>((resolve) => inflater.once('close', resolve));
  const feeding = (async () => {
    for await (const chunk of stream) {
      await Promise.race([
        new Promise<void>((resolve, reject) => inflater.write(chunk, (error) => (error ? reject(error) : resolve()))),
        closed,
      ]);
      if (inflater.destroyed) return;
    }
    inflater.end();
  })().catch(fail);
  try {
    for (;;) {
      const chunk = inflater.read() as Buffer | null;
      if (chunk !== null) yield chunk;
      else if (failure) throw failure.error;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    inflater.destroy();
    await feeding;
  }
}

/** Thrown when a stream holds more than a reader may keep. */
export class TooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`more than ${bytes} bytes`);
  }
}

/** The whole stream as one buffer, failing past `limit` bytes. */
export async function readAll(stream: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw new TooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A printable excerpt of a page's body, for reject lines. */
export function excerptOf(body: PageBody, chars = 80): string {
  const content = bodyContent(body);
  const start =
    typeof content === 'string'
      ? content.slice(0, chars * 2)
      : new TextDecoder('utf-8', { fatal: false }).decode(content.subarray(0, chars * 2));
  return start
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffd]+/g, ' ')
    .trim()
    .slice(0, chars);
}

/** A gzip stream that ended early says so in its error's code or message. */
export function isTruncation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === 'Z_BUF_ERROR' || /unexpected end|incorrect header|invalid (?:block|distance|stored)|premature/i.test(e?.message ?? '');
}
