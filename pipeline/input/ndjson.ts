/**
 * NDJSON / JSONL exports: one JSON object a line (`json-page.ts` says which). A line that is not such an
 * object is rejected as `bad-json` and the next lines still count (a shard cut mid-line by `split -b`
 * loses only its cut lines); a line longer than the page limit is rejected as `too-large` without being
 * held in memory. A line `unread` names (pass 2, the pass cache has its page) is not parsed: parsing HTML
 * pages' lines, their JSON full of escapes, is costly on the main thread.
 */
import type { InputItem, UnreadPage } from '../types.js';
import { jsonPage, rereadJson } from './json-page.js';
const NEWLINE = 0x0a;

export async function* ndjsonPages(
  container: string,
  directory: string,
  stream: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
  unread?: (source: string) => boolean,
): AsyncGenerator<InputItem> {
  let line = 1;
  /** Bytes before the current line. */
  let lineOffset = 0;
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  let oversized = false;
  const finishLine = function* (): Generator<InputItem> {
    const source = `${container}#${line}`;
    if (oversized) yield { reject: { source, reason: 'too-large', detail: `line longer than ${maxLineBytes} bytes`, offset: lineOffset } };
    else if (pendingSize > 0 && unread?.(source)) yield { unread: unreadLine(source, directory, pending, pendingSize, lineOffset) };
    else if (pendingSize > 0) yield* parseLine(source, directory, Buffer.concat(pending), lineOffset);
    lineOffset += pendingSize + 1;
    pending = [];
    pendingSize = 0;
    oversized = false;
    line++;
  };
  for await (const chunk of stream) {
    let start = 0;
    for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, start)) {
      take(chunk.subarray(start, i));
      yield* finishLine();
      start = i + 1;
    }
    take(chunk.subarray(start));
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

/**
 * A line not parsed: its pieces are kept as they came, joined and parsed only if the page's bytes are asked for (the
 * excerpt of a reject). Most never are, and joining each would copy the whole input on the main thread.
 */
function unreadLine(source: string, directory: string, pieces: readonly Uint8Array[], size: number, offset: number): UnreadPage {
  return { source, reread: () => rereadJson(source, directory, Buffer.concat(pieces), offset)(), heldBytes: size };
}

function* parseLine(source: string, directory: string, line: Buffer, offset: number): Generator<InputItem> {
  const item = jsonPage(source, directory, line, offset);
  if (item) yield item;
}
