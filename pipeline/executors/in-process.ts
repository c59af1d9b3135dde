/**
 * The run on one machine: every step's task in this process, one after another, over a single shard (the
 * inputs as given, streams and page objects included), with the worker pool doing the page work. The
 * steps' files go to a temporary work directory; the pool and the pass cache live from learn to clean, so
 * a page is parsed once. Records go to the caller as write produces them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_NEAR_DUP_THRESHOLD } from '../../stages/dedup.js';
import { PassCache } from '../cache/pass-cache.js';
import { DEFAULT_MAX_PAGE_BYTES, InputSet } from '../input/inputs.js';
import { InspectionBuilder } from '../report/inspection.js';
import type { RunReport } from '../report/report.js';
import { DEFAULT_PASS_CACHE_BYTES, type EmitLine, type RunOptions, type RunResult } from '../run-options.js';
import { STEPS } from '../steps/steps.js';
import { runTask, type Job, type Plan, type RunOutputs, type RunSettings } from '../steps/step.js';
import { TempDir, temporaryError } from '../temp.js';
import type { Reject } from '../types.js';
import { WorkDir } from '../work/layout.js';
import { DEFAULT_PAGE_TIMEOUT_MS, WorkerPool, workerCount } from '../workers/pool.js';

export async function runInProcess(options: RunOptions, emit: EmitLine): Promise<RunResult> {
  const concurrency = workerCount(options.concurrency);
  const settings = settingsOf(options);
  const excluded = new Set((options.exclude ?? []).map((path) => resolve(path)));
  const inputs = new InputSet(options.inputs, { maxPageBytes: settings.maxPageBytes, excluded });
  const plan: Plan = { world: 1, inputs: inputs.labels, settings, shard: () => inputs };
  const passCache = new PassCache(options.passCacheBytes ?? DEFAULT_PASS_CACHE_BYTES, concurrency);
  const pool = new WorkerPool({ size: concurrency, pageTimeoutMs: settings.pageTimeoutMs, cacheFiles: (lane) => passCache.files(lane) });
  const inspection = options.inspect ? new InspectionBuilder(options.inspect) : null;
  const dir = new TempDir('work');
  let result: { report: RunReport; rejects: Reject[] } | null = null;
  const outputs: RunOutputs = {
    records: () => ({ write: emit, commit: async () => undefined, abort: () => undefined }),
    result: async (report, rejectFiles) => {
      const rejects = rejectFiles.flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Reject),
      );
      result = { report, rejects };
    },
  };
  const job: Job = {
    work: new WorkDir(dir.path),
    world: 1,
    plan: () => plan,
    env: {
      workers: () => ({ pool, passCache, concurrency }),
      outputs,
      signal: options.signal,
      onProgress: options.onProgress,
      inspection,
      durable: false,
    },
  };
  try {
    // The plan is the inputs as given, one shard: nothing to list or split.
    for (const step of STEPS) if (step.name !== 'plan') await runTask(step, job, 0);
  } catch (error) {
    // The work directory is a temporary one: a full disk there is the temporary directory's.
    throw noSpace(error) ? temporaryError(noSpace(error)) : error;
  } finally {
    // Workers first: they read the cache's files until they stop.
    await pool.close().finally(() => {
      passCache.close();
      inputs.dispose();
      dir.remove();
    });
  }
  const { report, rejects } = result!;
  return { report, rejects, inspection: inspection?.build() ?? null };
}

export function settingsOf(options: Omit<RunOptions, 'inputs'>): RunSettings {
  return {
    maxPageBytes: options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES,
    languages: options.languages ?? null,
    keepLanguages: options.keepLanguages ?? null,
    minWords: options.minWords ?? 0,
    pageTypes: options.pageTypes ?? null,
    nearDuplicates: options.nearDuplicates ?? true,
    nearDupThreshold: options.nearDupThreshold ?? DEFAULT_NEAR_DUP_THRESHOLD,
    keepDuplicates: options.keepDuplicates ?? false,
    pageTimeoutMs: options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS,
  };
}

/** The error of a full disk, itself or as the cause of `error`. */
function noSpace(error: unknown): NodeJS.ErrnoException | null {
  for (let e = error as NodeJS.ErrnoException | undefined; e; e = e.cause as NodeJS.ErrnoException | undefined)
    if (e.code === 'ENOSPC') return e;
  return null;
}
