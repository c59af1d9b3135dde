/** Types the pipeline passes between reading, cleaning and writing. */
import type { TextBytes } from '../stages/decode.js';

/** A page handed over in memory by a library caller. */
export interface PageObject {
  readonly url?: string | null;
  /** The page's HTML, already decoded; or: */
  readonly html?: string;
  /** the page as plain text. */
  readonly text?: string;
  /** ISO date-time of the crawl: no publication date after it is believed. */
  readonly fetchedAt?: string | null;
  /** The record's `source` (default `input:N`, N the position in `inputs`). Keep it unique. */
  readonly source?: string;
}

/**
 * One input of a run: a path (file or directory), `-` for standard input, a byte stream (a file's
 * content in any format Winnow reads: page, NDJSON, WARC, gzipped or not) or a page object.
 */
export type RunInput = string | AsyncIterable<Uint8Array | string> | PageObject;

/**
 * A page's content as read: bytes to decode, or text (a library caller's page object), which goes to the workers as
 * it is rather than encoded again, or text as its UTF-8 bytes (a JSON string field, unescaped from the input's bytes).
 */
export type PageBody = Uint8Array | string | TextBytes;

/** A page's body as the string or the bytes it holds (text as UTF-8: its bytes). */
export function bodyContent(body: PageBody): string | Uint8Array {
  return typeof body === 'string' ? body : 'utf8' in body ? body.utf8 : body;
}

/** Bytes a page's body holds in memory (a string: up to two a character), for the budgets of pages in flight. */
export function bodyBytes(body: PageBody): number {
  const content = bodyContent(body);
  return typeof content === 'string' ? content.length * 2 : content.byteLength;
}

/** One page as read from an input, before decoding. */
export interface RawPage {
  /** Input path as given, joined with the path inside it; `FILE#N` inside containers. */
  readonly source: string;
  readonly url: string | null;
  /** The site when no URL is known: the directory the file sits in. */
  readonly directory: string;
  readonly body: PageBody;
  readonly contentType: string | null;
  /** ISO date-time of the crawl, when the input says. */
  readonly fetchedAt: string | null;
  /** NDJSON inputs: the object's other fields, passed through to the record. */
  readonly meta?: Readonly<Record<string, unknown>> | null;
}

/** What a page says of itself besides its body: all that cleaning needs once the page is prepared. */
export type PageFields = Omit<RawPage, 'body'>;

export const REJECT_REASONS = [
  'unreadable',
  'binary',
  'encoding',
  'empty',
  'too-large',
  'truncated-gzip',
  'truncated-warc',
  'bad-warc',
  'bad-json',
  'parse-error',
  'timeout',
  'no-article',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface Reject {
  readonly source: string;
  readonly reason: RejectReason;
  readonly detail: string;
  /** Byte offset of the record in its (uncompressed) container, where that helps find it again. */
  readonly offset?: number;
  /** The first characters of the input, to recognise it by. */
  readonly excerpt?: string;
}

/** Records read but not meant as pages: WARC requests, redirects, images. Counted, never lost. */
export interface Skip {
  readonly source: string;
  readonly reason: string;
}

/**
 * A page the reader was told it need not read (pass 1 prepared it, and the pass cache has it): only its
 * source, and its bytes on demand, for the excerpt of a reject. `heldBytes`: what `reread` keeps in
 * memory meanwhile (an NDJSON line; 0 for a file, read again from disk).
 */
export interface UnreadPage {
  readonly source: string;
  readonly reread: () => PageBody;
  readonly heldBytes: number;
}

/** What reading an input yields: a page (or one it need not read), an input that could not be read, or a record skipped by design. */
export type InputItem =
  { readonly page: RawPage } | { readonly unread: UnreadPage } | { readonly reject: Reject } | { readonly skip: Skip };

/** The source an input item stands for. */
export function sourceOf(item: InputItem): string {
  return 'page' in item ? item.page.source : 'unread' in item ? item.unread.source : 'skip' in item ? item.skip.source : item.reject.source;
}
