/**
 * The run: the steps of `pipeline/steps/` over the inputs, in this process (`executors/in-process.ts`).
 *
 * learn (pass 1): every page is decoded and split into blocks; only hashes reach the site statistics
 *   (merge-stats counts them), and the prepared page goes to the pass cache on disk.
 * clean (pass 2): every page is cleaned with its site's statistics, from the pass cache when it has the
 *   page (a file pass 1 read as one page is then not read again), else read and parsed again; the
 *   workers build and validate each record, which is spilled while a small entry stays in memory.
 * dedup and join decide on fingerprints (texts are read back only to verify near-duplicate candidates),
 * write puts the survivors out in source order with their duplicates spliced in, and report merges the
 * counts. Output therefore depends on the inputs only, not on timing or concurrency.
 */
import { runInProcess } from './executors/in-process.js';
import type { ArticleRecord } from './output/record.js';
import type { EmitLine, RunOptions, RunResult } from './run-options.js';

export { AccountingError } from './report/report.js';

export { DEFAULT_PASS_CACHE_BYTES, type EmitLine, type Progress, type RunOptions, type RunResult } from './run-options.js';

/** Run Winnow; `emit` receives every record, in source order, after validation. */
export function run(options: RunOptions, emit: (record: ArticleRecord) => void | Promise<void>): Promise<RunResult> {
  return runLines(options, (_line, record) => emit(record()));
}

/** Run Winnow; `emit` receives every record's NDJSON line, in source order, after validation. */
export function runLines(options: RunOptions, emit: EmitLine): Promise<RunResult> {
  return runInProcess(options, emit);
}
