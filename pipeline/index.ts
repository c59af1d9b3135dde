/**
 * The library API: `for await (const record of winnow({ inputs: ['crawl.warc.gz'] })) …`.
 * The CLI is a thin layer over `run`; `winnow` is the same run as an async iterable of records, in
 * source order, each validated against RecordSchema. The run's report and rejects are the generator's
 * return value and, for `for await` loops, the promise `result`.
 */
import { run, type RunOptions, type RunResult } from './run.js';
import type { ArticleRecord } from './output/record.js';

export { RecordSchema, SCHEMA_VERSION, type ArticleRecord } from './output/record.js';
export { run, AccountingError, type RunOptions, type RunResult, type Progress } from './run.js';
export type { RunReport } from './report/report.js';
export { renderReportHtml, type ReportPage } from './report/report-html.js';
export type { Inspection, InspectOptions } from './report/inspection.js';
export type { Reject, RunInput, PageObject } from './types.js';
export { PAGE_TYPES, type PageType, type PageTypeResult } from '../stages/page-type.js';

/** Records buffered ahead of a slow consumer before the run waits for it. */
const AHEAD = 64;

/** The records of a run; `result` settles when the iteration has finished (or failed). */
export type WinnowRun = AsyncGenerator<ArticleRecord, RunResult, undefined> & { readonly result: Promise<RunResult> };

export function winnow(options: RunOptions): WinnowRun {
  let settle!: { resolve: (result: RunResult) => void; reject: (error: unknown) => void };
  const result = new Promise<RunResult>((resolve, reject) => (settle = { resolve, reject }));
  // A caller who only iterates sees a failure thrown by the loop; `result` must not crash the process too.
  result.catch(() => undefined);
  const records = (async function* () {
    try {
      const finished = yield* iterate(options);
      settle.resolve(finished);
      return finished;
    } catch (error) {
      settle.reject(error);
      throw error;
    } finally {
      // Left early (`break`): the run was stopped; there is no result. (No effect once settled.)
      settle.reject(new Error('the iteration stopped before the run finished'));
    }
  })();
  return Object.assign(records, { result });
}

async function* iterate(options: RunOptions): AsyncGenerator<ArticleRecord, RunResult, undefined> {
  const ready: ArticleRecord[] = [];
  let wake: (() => void) | null = null;
  const paused: { resume: (() => void) | null } = { resume: null };
  let outcome: { result: RunResult } | { error: unknown } | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  // The caller leaving the loop stops the run, which then removes its temporary files and stops its workers.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  void run({ ...options, signal }, async (record) => {
    ready.push(record);
    notify();
    if (ready.length >= AHEAD) await new Promise<void>((resolve) => (paused.resume = resolve));
    signal.throwIfAborted();
  }).then(
    (result) => {
      outcome = { result };
      notify();
    },
    (error: unknown) => {
      outcome = { error };
      notify();
    },
  );
  try {
    for (;;) {
      if (ready.length > 0) {
        const record = ready.shift()!;
        if (ready.length < AHEAD) {
          paused.resume?.();
          paused.resume = null;
        }
        yield record;
        continue;
      }
      if (outcome) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    if (!outcome) {
      stop.abort(new Error('the caller stopped iterating'));
      paused.resume?.();
    }
  }
  const finished = outcome as { result: RunResult } | { error: unknown };
  if ('error' in finished) throw finished.error;
  return finished.result;
}
