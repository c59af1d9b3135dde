/** A byte stream read forward by position, for the record parsers: look ahead, take, pass over, put back. */
import { setImmediate as nextTurn } from 'node:timers/promises';

const EMPTY = Buffer.alloc(0);
/** Bytes read between two turns of the event loop given to signals and timers. */
const TURN_BYTES = 1024 * 1024;

export class ByteReader {
  private readonly chunks: AsyncIterator<Uint8Array>;
  /** Bytes pulled but not yet read: `buffer[start..]`. */
  private buffer: Buffer = EMPTY;
  private start = 0;
  private turnAt = 0;
  /** Offset in the stream of the next byte to read. */
  position = 0;
  ended = false;
  /** Why the stream ended early, if it failed (a truncated gzip): it then ends as if there were no more. */
  failure: unknown = null;

  constructor(stream: AsyncIterable<Uint8Array>) {
    this.chunks = stream[Symbol.asyncIterator]();
  }

  /** Bytes pulled and not yet read. */
  get available(): number {
    return this.buffer.length - this.start;
  }

  /** The next bytes, up to `count` of those already pulled, without reading them. */
  view(count = Infinity): Buffer {
    return this.buffer.subarray(this.start, this.start + Math.min(count, this.available));
  }

  /** Read `count` bytes already pulled. */
  consume(count: number): void {
    this.start += count;
    this.position += count;
  }

  /** Pull one more chunk; false at the end of the stream. */
  async more(): Promise<boolean> {
    const chunk = await this.pull();
    if (!chunk) return false;
    this.buffer = this.available === 0 ? chunk : Buffer.concat([this.view(), chunk]);
    this.start = 0;
    return true;
  }

  /** Pull until `count` bytes are available: whether they are (false at the end of the stream). */
  async fill(count: number): Promise<boolean> {
    while (this.available < count) if (!(await this.more())) return false;
    return true;
  }

  /** The next `count` bytes (fewer at the end of the stream): a view of the chunk they are in if they are in one. */
  async take(count: number): Promise<Buffer> {
    if (this.available >= count) {
      const bytes = this.view(count);
      this.consume(count);
      return bytes;
    }
    const parts: Buffer[] = [];
    await this.pass(count, (part) => parts.push(part));
    return Buffer.concat(parts);
  }

  /**
   * Read the next `count` bytes without keeping them, handing each piece to `see` (the pieces are views
   * of the stream's chunks: valid as long as whoever keeps them). Returns how many there were.
   */
  async pass(count: number, see: (piece: Buffer) => void): Promise<number> {
    let left = count;
    while (left > 0) {
      if (this.available === 0 && !(await this.more())) break;
      const piece = this.view(left);
      see(piece);
      this.consume(piece.length);
      left -= piece.length;
    }
    return count - left;
  }

  /** Put bytes back in front of the next ones: they were the last read. */
  unread(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.buffer = Buffer.concat([bytes, this.view()]);
    this.start = 0;
    this.position -= bytes.length;
  }

  /** Let the event loop run (signals, timers) once a MiB has been read since it last did. */
  async yieldTurn(): Promise<void> {
    if (this.position - this.turnAt < TURN_BYTES) return;
    this.turnAt = this.position;
    await nextTurn();
  }

  private async pull(): Promise<Buffer | null> {
    if (this.ended) return null;
    try {
      const next = await this.chunks.next();
      if (!next.done) {
        await this.yieldTurn();
        const chunk = next.value;
        return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
    } catch (error) {
      this.failure = error;
    }
    this.ended = true;
    return null;
  }
}
