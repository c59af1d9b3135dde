/**
 * The library API: `for await (const record of winnow({ inputs: ['crawl.warc.gz'] })) …`.
 * The CLI is a thin layer over `run`; `winnow` is the same run as an async iterable of records, in
 * source order, each validated against RecordSchema. The generator's return value is the run's report
 * and rejects.
 */
import { run, type RunOptions, type RunResult } from './run.js';
import type { ArticleRecord } from './record.js';

export { RecordSchema, SCHEMA_VERSION, type ArticleRecord } from './record.js';
export { run, AccountingError, type RunOptions, type RunResult, type Progress } from './run.js';
export type { RunReport } from './report.js';
export type { Reject } from './types.js';

/** Records buffered ahead of a slow consumer before the run waits for it. */
const AHEAD = 64;

export async function* winnow(options: RunOptions): AsyncGenerator<ArticleRecord, RunResult, undefined> {
  const ready: ArticleRecord[] = [];
  let wake: (() => void) | null = null;
  const paused: { resume: (() => void) | null } = { resume: null };
  let outcome: { result: RunResult } | { error: unknown } | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  void run(options, async (record) => {
    ready.push(record);
    notify();
    if (ready.length >= AHEAD) await new Promise<void>((resolve) => (paused.resume = resolve));
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
    if (outcome) {
      const finished = outcome as { result: RunResult } | { error: unknown };
      if ('error' in finished) throw finished.error;
      return finished.result;
    }
    await new Promise<void>((resolve) => (wake = resolve));
  }
}
