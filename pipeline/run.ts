/**
 * The run: two passes over the inputs, then dedup and ordered output.
 *
 * Pass 1 (learn): every page is decoded and split into blocks; only hashes reach SiteStats, and the
 *   prepared page goes to the pass cache on disk.
 * Pass 2 (clean): every page is cleaned with its site's statistics, from the pass cache when it has the
 *   page (a file pass 1 read as one page is then not read again), else read and parsed again; the
 *   workers build and validate each record, which is appended to a spill file while a small index entry
 *   (source, exact key, LSH band keys, length, date, position) stays in memory.
 * Then dedup decides on the index, and the survivors are written in source order with their duplicates
 * spliced in. Output therefore depends on the inputs only, not on timing or concurrency.
 */
import { compareSources, dedup, DEFAULT_NEAR_DUP_THRESHOLD } from '../stages/dedup.js';
import { shingleJaccard } from '../stages/fingerprint.js';
import { DEFAULT_MAX_PAGE_BYTES, InputSet } from './input/inputs.js';
import { excerptOf } from './input/bytes.js';
import { DEFAULT_PAGE_TIMEOUT_MS, MAX_WORKERS, WorkerPool } from './workers/pool.js';
import { Feeder } from './workers/feeder.js';
import type { CleanResult, RecordFilters } from './workers/work.js';
import { PassCache } from './cache/pass-cache.js';
import { ArticleIndex } from './output/article-index.js';
import { Spill } from './output/spill.js';
import { withDuplicates, type ArticleRecord } from './output/record.js';
import { ReportBuilder, type RunReport } from './report/report.js';
import { InspectionBuilder, type InspectOptions, type Inspection } from './report/inspection.js';
import { SiteStatsBuilder, type SiteStats } from './site-stats.js';
import { sourceOf, type Reject, type RunInput } from './types.js';
import { drop, type Tally } from '../stages/types.js';
import type { PageType } from '../stages/page-type.js';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

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

/** Pages handed to the worker pool at once, per worker. */
const PAGES_IN_FLIGHT_PER_WORKER = 32;
/** Bytes of pages in flight at most (a single larger page still goes, alone). */
const BYTES_IN_FLIGHT = 64 * 1024 * 1024;

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

/** Run Winnow; `emit` receives every record, in source order, after validation. */
export function run(options: RunOptions, emit: (record: ArticleRecord) => void | Promise<void>): Promise<RunResult> {
  return runLines(options, (_line, record) => emit(record()));
}

/** Run Winnow; `emit` receives every record's NDJSON line, in source order, after validation. */
export async function runLines(options: RunOptions, emit: EmitLine): Promise<RunResult> {
  const concurrency = Math.min(Math.max(1, options.concurrency ?? availableParallelism()), MAX_WORKERS);
  const excluded = new Set((options.exclude ?? []).map((path) => resolve(path)));
  const inputs = new InputSet(options.inputs, { maxPageBytes: options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES, excluded });
  try {
    return await runPasses(inputs, options, concurrency, emit);
  } finally {
    inputs.dispose();
  }
}

async function runPasses(inputs: InputSet, options: RunOptions, concurrency: number, emit: EmitLine): Promise<RunResult> {
  const report = new ReportBuilder(inputs.labels);
  const passCache = new PassCache(options.passCacheBytes ?? DEFAULT_PASS_CACHE_BYTES, concurrency);
  const pool = new WorkerPool({
    size: concurrency,
    pageTimeoutMs: options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS,
    cacheFiles: (lane) => passCache.files(lane),
  });
  const totalBytes = options.onProgress ? await inputs.totalBytes() : null;
  const progress = (pass: 1 | 2) => {
    const state: Progress = { pass, pages: 0, bytes: 0, totalBytes, startedAt: performance.now() };
    return {
      state,
      // Without a display, bytes are not counted: a page pass 2 need not read would be asked its size.
      onBytes: options.onProgress
        ? (n: number) => {
            state.bytes += n;
          }
        : undefined,
      page: () => {
        state.pages++;
        options.onProgress?.(state);
      },
    };
  };
  const feeder = new Feeder(concurrency * PAGES_IN_FLIGHT_PER_WORKER, concurrency, BYTES_IN_FLIGHT, options.signal);

  try {
    // Pass 1: learn which blocks repeat on each site.
    const builder = new SiteStatsBuilder();
    const timedOut = new Map<string, string>();
    let stats: SiteStats;
    try {
      const learning = progress(1);
      let ordinal = 0;
      for await (const item of inputs.read(learning.onBytes)) {
        if (!('page' in item)) continue;
        const page = item.page;
        const pageOrdinal = ordinal++;
        await feeder.feed(page.bytes.length, async () => {
          const result = await pool.run({ kind: 'learn', page });
          learning.page();
          if ('failure' in result) {
            if (result.failure === 'timeout') timedOut.set(page.source, result.detail);
          } else if ('learned' in result) {
            const { site, pageHash, signature, blockHashes } = result.learned;
            builder.addPage(site, pageHash, signature, blockHashes);
          }
          passCache.put(pageOrdinal, page.source, 'learned' in result ? result.learned.cached : null);
        });
      }
      await feeder.idle();
      stats = builder.build();
    } finally {
      builder.dispose();
    }
    pool.setStats(stats.snapshot());

    // Pass 2: clean every page; spill articles, keep an index.
    const sitePages = (site: string) => stats.view(site).pages;
    return await cleanAndWrite(inputs, pool, passCache, feeder, progress(2), timedOut, sitePages, report, options, emit);
  } finally {
    // Workers first: they read the cache's files until they stop.
    await pool.close().finally(() => passCache.close());
  }
}

async function cleanAndWrite(
  inputs: InputSet,
  pool: WorkerPool,
  passCache: PassCache,
  feeder: Feeder,
  cleaning: { onBytes: ((n: number) => void) | undefined; page: () => void },
  timedOut: ReadonlyMap<string, string>,
  sitePages: (site: string) => number,
  report: ReportBuilder,
  options: RunOptions,
  emit: EmitLine,
): Promise<RunResult> {
  const filters: RecordFilters = {
    keepLanguages: options.keepLanguages ?? null,
    minWords: options.minWords ?? 0,
    pageTypes: options.pageTypes ?? null,
  };
  const spill = new Spill('articles');
  const index = new ArticleIndex();
  const rejects: Reject[] = [];
  const inspection = options.inspect ? new InspectionBuilder(options.inspect) : null;
  const rejectInput = (reject: Reject) => {
    rejects.push(reject);
    report.reject(reject.source, reject.reason);
    inspection?.addRejected(reject.source, `${reject.reason}: ${reject.detail}`);
  };
  /** `bytes`: the page's bytes, for the excerpt of a reject. */
  const accept = (source: string, bytes: () => Uint8Array, result: CleanResult) => {
    report.addTallies(result.tallies);
    if (result.pageType) report.pageType(result.pageType);
    inspection?.addPage(source, result, sitePages);
    if ('reject' in result) return rejectInput({ ...result.reject, excerpt: excerptOf(bytes()) });
    if ('filtered' in result) return report.filter(source, result.filtered.filter);
    const { record, attempt, warnings, ...entry } = result.cleaned;
    report.attempt(attempt);
    for (const warning of warnings) report.warning(warning);
    const site = report.site(entry.site, sitePages(entry.site));
    site.read++;
    site.template_blocks += result.tallies.template?.dropped['template'] ?? 0;
    index.add({ ...entry, spilled: spill.append(record.json), duplicatesAt: record.duplicatesAt });
  };

  try {
    let ordinal = 0;
    // A page pass 1 prepared and the pass cache kept (a file that is one page, an NDJSON line) is not read again.
    for await (const item of inputs.read(cleaning.onBytes, (source) => passCache.has(ordinal, source))) {
      const source = sourceOf(item);
      report.count(source, 'read');
      if ('reject' in item) {
        rejectInput(item.reject);
        continue;
      }
      if ('skip' in item) {
        report.skip(source, item.skip.reason);
        continue;
      }
      const bytes = 'page' in item ? () => item.page.bytes : item.unread.reread;
      const pageOrdinal = ordinal++;
      const timeout = timedOut.get(source);
      if (timeout) {
        rejectInput({ source, reason: 'timeout', detail: timeout, excerpt: excerptOf(bytes()) });
        continue;
      }
      const cleanOptions = {
        languages: options.languages,
        explain: inspection?.claimPage() ?? false,
        templateBlocks: inspection !== null,
        filters,
      };
      const cached = passCache.take(pageOrdinal, source);
      // With its prepared page at hand, the worker needs neither the page's bytes nor its fields.
      const from = cached ? { cached } : 'page' in item ? { page: item.page } : null;
      if (!from) throw new Error(`${source}: the pass cache lost a page it said it had`);
      await feeder.feed('page' in item ? item.page.bytes.length : item.unread.heldBytes, async () => {
        const result = await pool.run({ kind: 'clean', from, options: cleanOptions });
        cleaning.page();
        if ('failure' in result) rejectInput({ source, reason: result.failure, detail: result.detail, excerpt: excerptOf(bytes()) });
        else accept(source, bytes, result as CleanResult);
      });
    }
    await feeder.idle();

    // Dedup on the index (texts are read back only to verify near-duplicate candidates), then write in source order.
    const textOf = (i: number): string => (JSON.parse(spill.read(index.at(i).spilled).toString()) as ArticleRecord).text;
    const decisions = dedup(index.count, (i) => index.at(i), {
      nearDuplicates: options.nearDuplicates ?? true,
      threshold: options.nearDupThreshold ?? DEFAULT_NEAR_DUP_THRESHOLD,
      estimate: (i, j) => index.estimate(i, j),
      similarity: (i, j) => shingleJaccard(textOf(i), textOf(j)),
    });
    const order = Int32Array.from({ length: index.count }, (_, i) => i).sort((a, b) => compareSources(index.source(a), index.source(b)));
    const dedupTally: Tally = { kept: 0, dropped: {} };
    for (const i of order) {
      const survivorOf = decisions.survivor[i]!;
      const survivor = survivorOf === i;
      if (survivor) dedupTally.kept++;
      else drop(dedupTally, `${decisions.kind(i)}-duplicate`);
      if (!survivor) inspection?.addDuplicate(index.source(i), index.source(survivorOf));
      if (!survivor && !options.keepDuplicates) {
        report.count(index.source(i), 'duplicates');
        continue;
      }
      const entry = index.at(i);
      const line = withDuplicates(
        spill.read(entry.spilled),
        entry.duplicatesAt,
        decisions.absorbed(i).map((j) => index.source(j)),
        survivor ? null : index.source(survivorOf),
      );
      const record = () => JSON.parse(line.toString()) as ArticleRecord;
      report.count(entry.source, 'emitted');
      report.site(entry.site, sitePages(entry.site)).emitted++;
      if (inspection) inspection.addRecord(record());
      await emit(line, record);
    }
    report.addTallies({ dedup: dedupTally });
  } finally {
    spill.close();
    index.close();
  }

  const imbalance = report.imbalance();
  if (imbalance) throw new AccountingError(imbalance);
  rejects.sort((a, b) => compareSources(a.source, b.source));
  return { report: report.build(), rejects, inspection: inspection?.build() ?? null };
}

export class AccountingError extends Error {
  override readonly name = 'AccountingError';
}
