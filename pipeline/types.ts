/** Types the pipeline passes between reading, cleaning and writing. */

/** One page as read from an input, before decoding. */
export interface RawPage {
  /** Input path as given, joined with the path inside it; `FILE#N` inside containers. */
  readonly source: string;
  readonly url: string | null;
  /** The site when no URL is known: the directory the file sits in. */
  readonly directory: string;
  readonly bytes: Uint8Array;
  readonly contentType: string | null;
  /** ISO date-time of the crawl, when the input says. */
  readonly fetchedAt: string | null;
}

export const REJECT_REASONS = [
  'unreadable',
  'binary',
  'encoding',
  'empty',
  'too-large',
  'parse-error',
  'no-article',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface Reject {
  readonly source: string;
  readonly reason: RejectReason;
  readonly detail: string;
}

/** What reading an input yields: a page, or an input that could not be read. */
export type InputItem = { readonly page: RawPage } | { readonly reject: Reject };
