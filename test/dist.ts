/**
 * The compiled pipeline, for tests that run it in-process: what ships, and its workers start without a
 * TypeScript loader. `npm test` builds it first.
 */
import { join } from 'node:path';
import { ROOT } from './helpers.js';
import type { RunOptions, RunResult } from '../pipeline/run.js';
import type { ArticleRecord } from '../pipeline/output/record.js';

export const dist = {
  run: (await import(join(ROOT, 'dist/pipeline/run.js'))) as typeof import('../pipeline/run.js'),
  index: (await import(join(ROOT, 'dist/pipeline/index.js'))) as typeof import('../pipeline/index.js'),
  pool: (await import(join(ROOT, 'dist/pipeline/workers/pool.js'))) as typeof import('../pipeline/workers/pool.js'),
};

export async function runRecords(options: RunOptions): Promise<{ records: ArticleRecord[] } & RunResult> {
  const records: ArticleRecord[] = [];
  const result = await dist.run.run(options, (record) => {
    records.push(record);
  });
  return { records, ...result };
}
