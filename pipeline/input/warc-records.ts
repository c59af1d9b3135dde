/**
 * WARC framing: the records of a WARC stream (already gunzipped), each checked to end where its
 * Content-Length says. A record is a `WARC/1.x` line, header lines up to a blank line, a block of
 * Content-Length bytes, then line breaks (`\r\n\r\n`, or as many as a writer put), followed by the next
 * record's `WARC/1.x` line or the end of the stream. A record that breaks this is damaged: the reader says so and resynchronises on the next
 * `WARC/1.x` line after the damaged record's header, so a Content-Length too long to be true loses none
 * of the records it ran over. A stream that ends inside a record ends with that record cut.
 *
 * Memory stays bounded: a block is held only when asked for and no larger than `maxBlockBytes` (of a
 * larger one only its first HEAD_BYTES); every other block is passed over, keeping only what a
 * resynchronisation would need: the bytes from its first line that starts like a record.
 */
import { ByteReader } from './byte-reader.js';
import { blankLineEnd, HEAD_BYTES, headerFields } from './header-block.js';

/** A record's WARC header fields, by lower-cased name (the first of repeated fields). */
export type WarcHeader = ReadonlyMap<string, string>;

export interface WarcRecord {
  /** Where the record starts in the stream. */
  readonly offset: number;
  readonly header: WarcHeader;
  readonly length: number;
  /** The block, if it was asked for: whole, or its first HEAD_BYTES when larger than `maxBlockBytes`. */
  readonly block: Uint8Array | null;
  readonly whole: boolean;
}

export type WarcFrame =
  | { readonly record: WarcRecord }
  /** Bytes that are not a well-formed record, up to the next record. */
  | { readonly damaged: { readonly offset: number; readonly detail: string } }
  /** The stream ends inside a record (`failure`: the stream's own error, if it failed). */
  | { readonly cut: { readonly offset: number; readonly detail: string; readonly failure: unknown } };

export interface FramingOptions {
  /** Whether a record's block is wanted, from its header. */
  readonly holds: (header: WarcHeader) => boolean;
  readonly maxBlockBytes: number;
}

const CR = 0x0d;
const LF = 0x0a;
const RECORD_START = Buffer.from('WARC/1.');
const LINE_THEN_RECORD_START = Buffer.from('\nWARC/1.');
const VERSION_LINE = /^WARC\/1\.\d{1,3}\r?\n/;
/** Enough bytes to tell a version line from a line that only starts like one. */
const VERSION_LINE_BYTES = 16;

export async function* warcRecords(stream: AsyncIterable<Uint8Array>, options: FramingOptions): AsyncGenerator<WarcFrame> {
  const reader = new ByteReader(stream);
  for (;;) {
    await reader.yieldTurn();
    if (!(await reader.fill(1))) {
      if (reader.failure) yield { cut: { offset: reader.position, detail: 'the stream failed between records', failure: reader.failure } };
      return;
    }
    const offset = reader.position;
    const head = await readHeader(reader);
    if ('cut' in head) {
      yield { cut: { offset, detail: 'the stream ends inside the record header', failure: reader.failure } };
      return;
    }
    if ('damaged' in head) {
      yield { damaged: { offset, detail: head.damaged } };
      await resynchronise(reader, true);
      continue;
    }
    const { header } = head;
    const length = contentLength(header);
    if (typeof length === 'string') {
      yield { damaged: { offset, detail: length } };
      await resynchronise(reader, true);
      continue;
    }
    const lookback = new Lookback(options.maxBlockBytes);
    const { block, whole, read } = await readBlock(reader, length, options.holds(header) ? options.maxBlockBytes : null, lookback);
    if (read === length && (await endsRecord(reader))) {
      yield { record: { offset, header, length, block, whole } };
      continue;
    }
    const cutShort = read < length;
    if (cutShort && reader.failure) {
      yield { cut: { offset, detail: `the stream failed ${read} bytes into a block of ${length}`, failure: reader.failure } };
      return;
    }
    lookback.putBack(reader);
    const found = await resynchronise(reader, lookback.atLineStart);
    if (cutShort && !found) {
      yield { cut: { offset, detail: `the stream ends ${read} bytes into a block of ${length}`, failure: null } };
      return;
    }
    const where = cutShort
      ? `runs past the end of the stream (${read} bytes there)`
      : `is not followed by \\r\\n\\r\\n and a WARC/1.x line`;
    yield { damaged: { offset, detail: `Content-Length ${length} does not end the record: the block ${where}${lookback.lostDetail()}` } };
  }
}

/** The header of the record at the reader, read; damaged if it is not one. */
async function readHeader(reader: ByteReader): Promise<{ header: WarcHeader } | { damaged: string } | { cut: true }> {
  for (;;) {
    const view = reader.view(HEAD_BYTES);
    const end = blankLineEnd(view);
    if (end !== -1) {
      const lines = view.subarray(0, end).toString('utf8').split(/\r?\n/);
      if (!VERSION_LINE.test(`${lines[0]}\n`)) {
        reader.consume(lineEnd(view));
        return { damaged: `not a WARC record: it starts with ${JSON.stringify(lines[0]!.slice(0, 40))}` };
      }
      reader.consume(end);
      return { header: headerFields(lines.slice(1)) };
    }
    if (view.length >= HEAD_BYTES) {
      reader.consume(lineEnd(view));
      return { damaged: `no blank line ends the header within ${HEAD_BYTES} bytes` };
    }
    if (!(await reader.more())) return { cut: true };
  }
}

/** Just past the first line (all of it if it has no end). */
function lineEnd(bytes: Buffer): number {
  const newline = bytes.indexOf('\n');
  return newline === -1 ? bytes.length : newline + 1;
}

/** The block's length, or what is wrong with the Content-Length field. */
function contentLength(header: WarcHeader): number | string {
  const value = header.get('content-length');
  if (value === undefined) return 'no Content-Length';
  if (!/^\d{1,15}$/.test(value)) return `Content-Length ${JSON.stringify(value.slice(0, 40))} is not a length`;
  return Number(value);
}

/**
 * The block: held unless `maxHeld` is null (whole up to `maxHeld` bytes, else its first HEAD_BYTES), the
 * rest passed over; every byte shown to `lookback`. `read`: the bytes there were (fewer if the stream ended).
 */
async function readBlock(
  reader: ByteReader,
  length: number,
  maxHeld: number | null,
  lookback: Lookback,
): Promise<{ block: Uint8Array | null; whole: boolean; read: number }> {
  const see = (piece: Buffer) => lookback.see(piece);
  if (maxHeld === null) return { block: null, whole: false, read: await reader.pass(length, see) };
  const whole = length <= maxHeld;
  const block = await reader.take(whole ? length : Math.min(length, HEAD_BYTES));
  if (whole) {
    lookback.hold(block);
    return { block, whole, read: block.length };
  }
  see(block);
  return { block, whole, read: block.length + (await reader.pass(length - block.length, see)) };
}

/**
 * Whether the reader is at the end of a record: line breaks (the standard says `\r\n\r\n`; writers put
 * more, or fewer) followed by a `WARC/1.` line or by the end of the stream. It then reads the line breaks.
 */
async function endsRecord(reader: ByteReader): Promise<boolean> {
  let breaks = 0;
  for (;;) {
    await reader.fill(breaks + RECORD_START.length);
    const view = reader.view(breaks + RECORD_START.length);
    while (breaks < view.length && (view[breaks] === CR || view[breaks] === LF)) breaks++;
    if (breaks < view.length || reader.ended) break;
  }
  const next = reader.view(breaks + RECORD_START.length).subarray(breaks);
  if (!RECORD_START.subarray(0, next.length).equals(next)) return false;
  reader.consume(breaks);
  return true;
}

/**
 * Read up to the next `WARC/1.x` line (`atLineStart`: the reader is at the start of a line); whether
 * there is one. With none, the stream is read to its end.
 */
async function resynchronise(reader: ByteReader, atLineStart: boolean): Promise<boolean> {
  let lineStart = atLineStart;
  for (;;) {
    const view = reader.view();
    let candidate = lineStart ? 0 : nextRecordStart(view, 0);
    while (candidate !== -1) {
      const verdict = versionLineAt(view, candidate, reader.ended);
      if (verdict === 'more') break;
      if (verdict) {
        reader.consume(candidate);
        return true;
      }
      candidate = nextRecordStart(view, candidate);
    }
    if (reader.ended) {
      reader.consume(view.length);
      return false;
    }
    if (candidate !== -1) {
      reader.consume(candidate);
      lineStart = true;
    } else {
      // A line end and the start of a version line may be among the last bytes.
      const keep = Math.min(view.length, LINE_THEN_RECORD_START.length - 1);
      if (keep < view.length) lineStart = false;
      reader.consume(view.length - keep);
    }
    await reader.more();
  }
}

/** Where the next line that starts with `WARC/1.` after `from` starts, or -1. */
function nextRecordStart(bytes: Buffer, from: number): number {
  const at = bytes.indexOf(LINE_THEN_RECORD_START, from);
  return at === -1 ? -1 : at + 1;
}

/** Whether a version line starts at `at`; 'more' if more bytes are needed to tell. */
function versionLineAt(bytes: Buffer, at: number, ended: boolean): boolean | 'more' {
  const line = bytes.subarray(at, at + VERSION_LINE_BYTES);
  if (VERSION_LINE.test(line.toString('latin1'))) return true;
  return line.length < VERSION_LINE_BYTES && !ended ? 'more' : false;
}

/**
 * What of a block a resynchronisation needs: a block held anyway; else the bytes from its first line
 * that starts with `WARC/1.` (kept up to `limit`; past it, from the next such line), or else its last
 * bytes, where such a line may begin that the block cut. Pieces are kept as views of the stream's chunks.
 */
class Lookback {
  private kept: Buffer[] = [];
  private keptBytes = 0;
  /** The bytes before the next piece: at most the pattern's length, and a line end before the block. */
  private tail: Buffer = Buffer.from('\n');
  private passedOver = 0;

  constructor(private readonly limit: number) {}

  see(piece: Buffer): void {
    if (this.kept.length > 0) this.keep(piece);
    else {
      const start = this.recordStartIn(piece);
      if (start !== null) this.keep(start);
    }
    const size = LINE_THEN_RECORD_START.length;
    this.tail = piece.length >= size ? piece.subarray(piece.length - size) : Buffer.concat([this.tail, piece]).subarray(-size);
  }

  /** A whole block held anyway: kept as it is, to be searched only if it turns out damaged. */
  hold(block: Buffer): void {
    this.kept = [block];
  }

  /** Whether what `putBack` put back starts a line. */
  get atLineStart(): boolean {
    return this.kept.length > 0 || this.tail[0] === 0x0a;
  }

  /** Put the kept bytes back into the reader, or the block's last bytes if none were kept. */
  putBack(reader: ByteReader): void {
    reader.unread(this.kept.length > 0 ? Buffer.concat(this.kept) : this.tail.subarray(1));
  }

  lostDetail(): string {
    return this.passedOver > 0 ? `; ${this.passedOver} bytes of it that may hold records were passed over` : '';
  }

  /** The piece from its first line that starts with `WARC/1.`, counting a line that began in the tail. */
  private recordStartIn(piece: Buffer): Buffer | null {
    const seam = Buffer.concat([this.tail, piece.subarray(0, LINE_THEN_RECORD_START.length - 1)]);
    const acrossSeam = nextRecordStart(seam, 0);
    if (acrossSeam !== -1 && acrossSeam < this.tail.length) return Buffer.concat([this.tail.subarray(acrossSeam), piece]);
    const within = nextRecordStart(piece, 0);
    if (acrossSeam !== -1 && (within === -1 || acrossSeam - this.tail.length < within))
      return piece.subarray(acrossSeam - this.tail.length);
    return within === -1 ? null : piece.subarray(within);
  }

  private keep(bytes: Buffer): void {
    this.kept.push(bytes);
    this.keptBytes += bytes.length;
    if (this.keptBytes <= this.limit) return;
    this.passedOver += this.keptBytes;
    this.kept = [];
    this.keptBytes = 0;
  }
}
