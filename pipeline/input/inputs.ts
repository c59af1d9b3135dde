/**
 * Readers: turn the run's inputs into pages. Nothing else in Winnow touches the file system for input.
 *
 * Inputs are files, directories (walked recursively in name order; hidden entries skipped, symbolic-link
 * loops and unreadable entries reported), `-` for standard input, byte streams (both spooled to a
 * temporary file, since the run reads its inputs twice) and, from the library, page objects
 * `{ url, html }` / `{ url, text }`. Each file's format is told from its content, gzip or not: a WARC file
 * (records `FILE#N`), an NDJSON export (lines `FILE#N`), or one page.
 */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gunzip, isGzip, isTruncation, peek, readAll, STREAM_CHUNK_BYTES, TooLarge } from './bytes.js';
import { jsonPages } from './json.js';
import { ndjsonPages } from './ndjson.js';
import { warcPages } from './warc.js';
import type { InputItem, PageObject, RawPage, RunInput } from '../types.js';
import { TempDir, temporaryError } from '../temp.js';
import { READ_AHEAD_MAX_BYTES, ReadAhead } from './read-ahead.js';
import { describe } from './describe-error.js';

export interface ReadOptions {
  /** Pages (and NDJSON lines, WARC records) larger than this are rejected as `too-large`. */
  readonly maxPageBytes: number;
  /** Absolute paths that directories' listings leave out: the run's own outputs. */
  readonly excluded?: ReadonlySet<string>;
}

/** Default for `--max-page-bytes`: 16 MiB. */
export const DEFAULT_MAX_PAGE_BYTES = 16 * 1024 * 1024;
/** Files up to this size are read with one call rather than streamed (and read ahead). */
const WHOLE_FILE_BYTES = READ_AHEAD_MAX_BYTES;
/** Bytes looked at to tell a file's format. */
const SNIFF_BYTES = 4096;
/** Files listed ahead of the one being read, so that the read-ahead helper can read them first. */
const LISTED_AHEAD_FILES = 256;

/**
 * A file to read, or why it cannot be. `size` when it was asked (a directory's regular files are listed
 * without); `regular` unless it is a pipe or a device named as an input, which only one reader may read.
 */
export type FileEntry =
  { readonly path: string; readonly size: number | null; readonly regular: boolean } | { readonly path: string; readonly error: string };

/**
 * Every file the inputs name, in a deterministic order, or why it could not be listed.
 * The file system is asked synchronously: an awaited call per entry is a thread-pool round trip, and a
 * directory of a million small pages would be listed (twice, once per pass) at the speed of those trips.
 * A directory's regular files are known from its listing, without a `stat` each (on a cold cache a disk
 * read each, on the main thread); links and the like are followed.
 */
export async function* listFiles(inputs: readonly string[], excluded: ReadonlySet<string> = NO_EXCLUSIONS): AsyncGenerator<FileEntry> {
  for (const input of inputs) {
    let info;
    try {
      info = statSync(input);
    } catch (error) {
      yield { path: input, error: describe(error) };
      continue;
    }
    if (info.isDirectory()) yield* walk(input.replace(/\/+$/, '') || '/', new Set([realpathSync(input)]), excluded);
    else yield { path: input, size: info.isFile() ? info.size : null, regular: info.isFile() };
  }
}

const NO_EXCLUSIONS: ReadonlySet<string> = new Set();

function* walk(dir: string, ancestors: Set<string>, excluded: ReadonlySet<string>): Generator<FileEntry> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    yield { path: dir, error: describe(error) };
    return;
  }
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    // The run's own outputs, written inside an input directory, are not its inputs.
    if (excluded.size > 0 && excluded.has(resolve(path))) continue;
    if (entry.isFile()) {
      yield { path, size: null, regular: true };
      continue;
    }
    let info;
    try {
      info = statSync(path);
    } catch (error) {
      let link = false;
      try {
        link = lstatSync(path).isSymbolicLink();
      } catch {
        // gone or unreadable: described by the stat error
      }
      yield { path, error: link ? 'broken symbolic link' : describe(error) };
      continue;
    }
    if (info.isDirectory()) {
      const real = realpathSync(path);
      if (ancestors.has(real)) {
        yield { path, error: 'symbolic link loop' };
        continue;
      }
      yield* walk(path, new Set([...ancestors, real]), excluded);
    } else if (info.isFile()) yield { path, size: info.size, regular: true };
    // A pipe or a device found in a directory may never end: only one named as an input is read.
    else yield { path, error: `not a regular file (${kindOf(info)}); name it as an input to read it` };
  }
}

function kindOf(info: Stats): string {
  return info.isFIFO()
    ? 'a named pipe'
    : info.isSocket()
      ? 'a socket'
      : info.isCharacterDevice()
        ? 'a character device'
        : info.isBlockDevice()
          ? 'a block device'
          : 'not a file';
}

/**
 * The inputs of one run, or of one shard of a run: the inputs as given, or files listed before (a plan's
 * shard, which names no stream). Standard input is spooled to a temporary file on first use so that both
 * passes read the same bytes; `dispose` removes it.
 */
export class InputSet {
  /** Spooled streams by input position: the file, or why the stream could not be read (both passes see it). */
  private readonly spools = new Map<number, { readonly path: string } | { readonly error: string }>();
  private spoolDir: TempDir | null = null;
  /** What each input is called in sources and in the report. */
  readonly labels: readonly string[];
  /** The files to read, when they were listed before. */
  private listed: readonly FileEntry[] | null = null;

  constructor(
    readonly inputs: readonly RunInput[],
    private readonly options: ReadOptions,
  ) {
    this.labels = inputs.map(inputLabel);
  }

  /** The files of a plan's shard, listed before (regular files only), of a run of `inputs`. */
  static listed(inputs: readonly string[], files: readonly FileEntry[], options: ReadOptions): InputSet {
    const set = new InputSet(inputs, options);
    set.listed = files;
    return set;
  }

  /** Total bytes of the listed files (for progress), when they can be listed. */
  async totalBytes(): Promise<number | null> {
    if (this.listed) return this.listed.reduce((total, entry) => total + ('size' in entry ? (entry.size ?? 0) : 0), 0);
    if (this.inputs.some((input) => typeof input !== 'string' || input === '-')) return null;
    let total = 0;
    for await (const entry of listFiles(this.inputs as readonly string[], this.options.excluded)) {
      if ('size' in entry && entry.regular) total += entry.size ?? sizeOf(entry.path);
    }
    return total;
  }

  /**
   * The inputs' pages, rejects and skips, in order. `onBytes` counts the bytes read; `unread(source)`
   * says a page read before (a file that is one page, an NDJSON line) need not be read again: pass 2 has
   * what pass 1 made of it. Such a page comes as an `UnreadPage`.
   */
  async *read(onBytes?: (bytes: number) => void, unread?: (source: string) => boolean): AsyncGenerator<InputItem> {
    const readAhead = new ReadAhead();
    try {
      yield* this.readInputs(readAhead, onBytes, unread);
    } finally {
      await readAhead.close();
    }
  }

  private async *readInputs(
    readAhead: ReadAhead,
    onBytes?: (bytes: number) => void,
    unread?: (source: string) => boolean,
  ): AsyncGenerator<InputItem> {
    if (this.listed) {
      yield* this.readListing(this.listed, null, readAhead, onBytes, unread);
      return;
    }
    for (const [position, input] of this.inputs.entries()) {
      const label = this.labels[position]!;
      if (typeof input !== 'string' && !isStream(input)) {
        yield pageObjectItem(label, input);
        continue;
      }
      if (typeof input !== 'string' || input === '-') {
        const spooled = await this.spool(position, () => (input === '-' ? process.stdin : input));
        if ('error' in spooled) yield { reject: { source: label, reason: 'unreadable', detail: spooled.error } };
        else yield* this.readFile(label, spooled.path, input === '-' ? 'stdin' : label, onBytes, unread);
        continue;
      }
      yield* this.readListing(listFiles([input], this.options.excluded), { position, label }, readAhead, onBytes, unread);
    }
  }

  /** The pages of listed files; `input`: the input they were listed from, which a pipe or a device is read as. */
  private async *readListing(
    entries: AsyncIterable<FileEntry> | Iterable<FileEntry>,
    input: { readonly position: number; readonly label: string } | null,
    readAhead: ReadAhead,
    onBytes?: (bytes: number) => void,
    unread?: (source: string) => boolean,
  ): AsyncGenerator<InputItem> {
    // Pass 2 reads a file only where the pass cache lacks it: files are read ahead while the last one
    // had to be read (from the start when every file is read).
    let readingAhead = unread === undefined;
    const listing = listedAhead(entries, readAhead, (entry) => readingAhead && entry.regular);
    for await (const entry of listing) {
      if ('error' in entry) yield { reject: { source: entry.path, reason: 'unreadable', detail: entry.error } };
      else if (!entry.regular) {
        if (!input) throw new Error(`${entry.path}: a listed file that is not a regular file`);
        // A pipe or a device (a FIFO, /dev/stdin, <(zcat …)) can be read once: both passes read its copy.
        const spooled = await this.spool(input.position, () => createReadStream(entry.path));
        if ('error' in spooled) yield { reject: { source: input.label, reason: 'unreadable', detail: spooled.error } };
        else yield* this.readFile(input.label, spooled.path, dirname(entry.path), onBytes, unread);
      } else if (unread?.(entry.path)) {
        readingAhead = false;
        onBytes?.(entry.size ?? sizeOf(entry.path));
        yield { unread: { source: entry.path, reread: () => reread(entry.path), heldBytes: 0 } };
      } else {
        readingAhead = true;
        yield* this.readFile(entry.path, entry.path, dirname(entry.path), onBytes, unread);
      }
    }
  }

  dispose(): void {
    this.spoolDir?.remove();
    this.spoolDir = null;
    this.spools.clear();
  }

  /** A stream's bytes in a temporary file, written on the first pass and read by both; `open` is called once. */
  private async spool(
    position: number,
    open: () => AsyncIterable<Uint8Array | string>,
  ): Promise<{ readonly path: string } | { readonly error: string }> {
    let spooled = this.spools.get(position);
    if (!spooled) {
      const path = (this.spoolDir ??= new TempDir('stream')).file(String(position));
      try {
        await pipeline(open(), createWriteStream(path));
        spooled = { path };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw temporaryError(error);
        spooled = { error: `the stream failed: ${describe(error)}` };
      }
      this.spools.set(position, spooled);
    }
    return spooled;
  }

  /** One file: sniff its format (through gzip), then yield its pages. */
  private async *readFile(
    source: string,
    path: string,
    directory: string,
    onBytes?: (bytes: number) => void,
    unread?: (source: string) => boolean,
  ): AsyncGenerator<InputItem> {
    const max = this.options.maxPageBytes;
    let raw: AsyncIterable<Uint8Array>;
    let fd: number | null = null;
    try {
      fd = openSync(path, 'r');
      // A small file is read in one call: a stream costs several thread-pool round trips per file, and a
      // directory of small pages is read at the speed of those round trips. One that is a page (most
      // are) is that page as read, with no stream, no copy.
      const size = fstatSync(fd).size;
      if (size <= WHOLE_FILE_BYTES) {
        // A size of 0 may be a file that does not say (a pipe, /proc): read to its end.
        const bytes = size > 0 ? readWhole(fd, size) : readFileSync(fd);
        closeSync(fd);
        fd = null;
        if (!isGzip(bytes) && formatOf(bytes.subarray(0, SNIFF_BYTES), source) === 'page') {
          onBytes?.(bytes.length);
          if (bytes.length > max) throw new TooLarge(max);
          yield { page: filePage(source, directory, bytes) };
          return;
        }
        raw = counted(once(bytes), onBytes);
      } else {
        // The stream closes the file when it ends or fails.
        raw = counted(createReadStream(path, { fd, highWaterMark: STREAM_CHUNK_BYTES }), onBytes);
        fd = null;
      }
      let { head, stream } = await peek(raw, SNIFF_BYTES);
      const gzipped = isGzip(head);
      if (gzipped) ({ head, stream } = await peek(gunzip(stream), SNIFF_BYTES));
      const format = formatOf(head, source);
      if (format === 'warc') yield* warcPages(source, directory, stream, max, gzipped);
      else if (format === 'ndjson') yield* ndjsonPages(source, directory, stream, max, unread);
      else if (format === 'json') yield* jsonPages(source, directory, stream, max, unread);
      else {
        yield { page: filePage(source, directory, await readAll(stream, max)) };
      }
    } catch (error) {
      if (error instanceof TooLarge) yield { reject: { source, reason: 'too-large', detail: `more than ${max} bytes` } };
      else if (isTruncation(error)) yield { reject: { source, reason: 'truncated-gzip', detail: describe(error) } };
      else yield { reject: { source, reason: 'unreadable', detail: describe(error) } };
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }
}

/** The `size` bytes of an open file (fewer if it ends sooner). */
function readWhole(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, bytes, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return read < size ? bytes.subarray(0, read) : bytes;
}

/** A file's size in bytes, for progress; 0 if it cannot be asked (reading it will say why). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const NO_BYTES = new Uint8Array(0);

/**
 * The entries, each handed out once LISTED_AHEAD_FILES more are listed or the listing has ended; the
 * files `wanted` says will be read go to `readAhead` (which reads their first MiB) as they are listed.
 */
async function* listedAhead(
  entries: AsyncIterable<FileEntry> | Iterable<FileEntry>,
  readAhead: ReadAhead,
  wanted: (entry: Extract<FileEntry, { readonly regular: boolean }>) => boolean,
): AsyncGenerator<FileEntry> {
  const window: FileEntry[] = [];
  for await (const entry of entries) {
    if ('size' in entry && wanted(entry)) readAhead.add(entry.path);
    window.push(entry);
    if (window.length > LISTED_AHEAD_FILES) yield window.shift()!;
  }
  readAhead.flush();
  yield* window;
}

/** A file that is one page. */
function filePage(source: string, directory: string, bytes: Uint8Array): RawPage {
  return { source, url: null, directory, body: bytes, contentType: contentTypeOf(source.replace(/\.gz$/i, '')), fetchedAt: null };
}

/** A page's file read again, for the excerpt of a reject; empty if it cannot be read now. */
function reread(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch {
    return NO_BYTES;
  }
}

/** Sources and report keys: paths as given, `-` for standard input, `input:N` for streams and page objects. */
function inputLabel(input: RunInput, position: number): string {
  if (typeof input === 'string') return input;
  if (!isStream(input) && typeof input.source === 'string' && input.source) return input.source;
  return `input:${position}`;
}

function isStream(input: Exclude<RunInput, string>): input is AsyncIterable<Uint8Array | string> {
  return Symbol.asyncIterator in input;
}

/** A page object given by a library caller: one page, its HTML or text as given (already decoded). */
function pageObjectItem(source: string, page: PageObject): InputItem {
  const html = typeof page.html === 'string' ? page.html : null;
  const body = html ?? (typeof page.text === 'string' ? page.text : null);
  if (body === null) return { reject: { source, reason: 'unreadable', detail: 'a page object needs an html or a text string' } };
  return {
    page: {
      source,
      url: typeof page.url === 'string' ? page.url : null,
      directory: 'input',
      body,
      contentType: html !== null ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      fetchedAt: typeof page.fetchedAt === 'string' ? page.fetchedAt : null,
    },
  };
}

type Format = 'warc' | 'ndjson' | 'json' | 'page';

/** A JSON object's start on a line of its own: `{"key":`. */
const OBJECT_LINE = /^\s*\{\s*"[^"\n]*"\s*:/;

/**
 * A file's format from its first bytes (through gzip) and its name: `WARC/1.x`; lines of JSON for
 * `.ndjson`/`.jsonl`, or when the first line starts an object (`{"url": …`), or when it ends one and
 * the next starts one (a shard cut by `split -b`); a JSON export for an array of objects, an object
 * pretty-printed (`{` alone on its first line) or a `.json` name; else a page.
 */
export function formatOf(head: Uint8Array, name = ''): Format {
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
    .toString('latin1')
    .replace(/^\ufeff|^\xef\xbb\xbf/, '');
  if (text.startsWith('WARC/')) return 'warc';
  const extension = /\.(ndjson|jsonl|json)(?:\.gz)?$/i.exec(name)?.[1]?.toLowerCase();
  if (extension === 'ndjson' || extension === 'jsonl') return 'ndjson';
  const start = text.trimStart();
  const end = start.indexOf('\n');
  const firstLine = (end === -1 ? start : start.slice(0, end)).trim();
  if (/^\[\s*[{\]]/.test(start)) return 'json';
  if (firstLine === '{') return 'json';
  if (OBJECT_LINE.test(firstLine)) return 'ndjson';
  if (extension === 'json') return 'json';
  const next = end === -1 ? '' : start.slice(end + 1);
  if (firstLine.endsWith('}') && OBJECT_LINE.test(next)) return 'ndjson';
  return 'page';
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function* counted(stream: AsyncIterable<Uint8Array>, onBytes?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    onBytes?.(chunk.length);
    yield chunk;
  }
}

export function contentTypeOf(path: string): string | null {
  if (/\.x?html?$/i.test(path)) return 'text/html';
  if (/\.txt$/i.test(path)) return 'text/plain';
  return null;
}
