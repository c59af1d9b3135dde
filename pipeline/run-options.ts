/** What a run takes and gives: the options, progress, result and record sink shared by the run, its executors and steps. */
import type { ArticleRecord } from './output/record.js';
import type { RunReport } from './report/report.js';
import type { InspectOptions, Inspection } from './report/inspection.js';
import type { Reject, RunInput } from './types.js';
import type { PageType } from '../stages/page-type.js';

export interface RunOptions {
  /** Paths (files, directories, `-` for standard input), byte streams and `{ url, html }` page objects. */
  readonly inputs: readonly RunInput[];
  /** Worker threads that process pages. Default: the number of cores. */
  readonly concurrency?: number;
  /** Pages larger than this many bytes are rejected. Default 16 MiB. */
  readonly maxPageBytes?: number;
  /** ISO 639-3 codes the language stage chooses from. Default: the language stage's list. */
  readonly languages?: readonly string[];
  /** Keep only records in these languages (ISO 639-3, `und` too); the others are counted as filtered. Default: all. */
  readonly keepLanguages?: readonly string[] | null;
  /** Keep only records with at least this many words of title and text; the others are counted as filtered. Default 0. */
  readonly minWords?: number;
  /** Keep only records of these page types; the others are counted as filtered. Default: all. */
  readonly pageTypes?: readonly PageType[] | null;
  /** Paths that directories' listings leave out (the CLI passes its own outputs). */
  readonly exclude?: readonly string[];
  /**
   * Bytes of prepared pages kept on disk between the passes (in the temporary directory) so that pass 2
   * need not parse those pages again (a few times the page's text). Default 16 GiB, and never more than half
   * the directory's free space; pages beyond it are parsed twice. 0 parses every page twice.
   */
  readonly passCacheBytes?: number;
  /** Merge near-duplicates, not only exact ones (default true). */
  readonly nearDuplicates?: boolean;
  /** Jaccard similarity of word 5-gram shingles from which two articles are one (default 0.8). */
  readonly nearDupThreshold?: number;
  /** Emit every record, duplicates too, each duplicate naming its survivor in `duplicate_of` (default false). */
  readonly keepDuplicates?: boolean;
  /** Milliseconds one page may take in one pass before it is rejected as `timeout` (default 5000). */
  readonly pageTimeoutMs?: number;
  /** Gather what the HTML run report shows (RunResult.inspection); off by default. */
  readonly inspect?: InspectOptions;
  /** Stops the run: it rejects with the signal's reason, its workers stopped and temporary files removed. */
  readonly signal?: AbortSignal;
  /** Called after every page of each pass, for progress displays. */
  readonly onProgress?: (progress: Readonly<Progress>) => void;
}

export interface Progress {
  /** 1 while learning, 2 while cleaning. */
  pass: 1 | 2;
  pages: number;
  /** Input bytes read so far in this pass (compressed size for gzip inputs). */
  bytes: number;
  /** Input bytes of the whole run, when known (not for standard input). */
  totalBytes: number | null;
  /** performance.now() when the pass started. */
  startedAt: number;
}

/** Default for RunOptions.passCacheBytes. */
export const DEFAULT_PASS_CACHE_BYTES = 16 * 1024 ** 3;

export interface RunResult {
  readonly report: RunReport;
  /** Rejected inputs in source order. */
  readonly rejects: readonly Reject[];
  /** With `inspect`: what the HTML run report shows. */
  readonly inspection: Inspection | null;
}

/**
 * Receives each record's NDJSON line (with its newline), in source order; `record()` parses it, for
 * callers that want the object.
 */
export type EmitLine = (line: Uint8Array, record: () => ArticleRecord) => void | Promise<void>;
