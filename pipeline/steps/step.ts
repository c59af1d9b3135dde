/**
 * A run is a short list of named steps — plan, learn, merge-stats, clean, dedup, join, write, report —
 * each split into tasks. A task is a function of (work directory, rank, world size): it reads what the
 * steps before it left in the work directory, writes its own outputs into a directory of its own, and
 * counts what it kept and dropped. `runTask` puts the outputs in place and leaves a completion marker
 * only when the task succeeded, so a task stopped at any moment is simply run again.
 *
 * Executors decide where tasks run: all in this process with its worker pool (one machine), as local
 * processes, or as Slurm job arrays. The steps do not know which.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PageType } from '../../stages/page-type.js';
import type { Tally } from '../../stages/types.js';
import type { InputSet } from '../input/inputs.js';
import type { PassCache } from '../cache/pass-cache.js';
import type { WorkerPool } from '../workers/pool.js';
import type { InspectionBuilder } from '../report/inspection.js';
import type { RunReport } from '../report/report.js';
import type { ArticleRecord } from '../output/record.js';
import type { Progress } from '../run-options.js';
import { WorkDir, type StepName } from '../work/layout.js';
import { isDone, removeMarker, thisAttempt, writeMarker } from '../work/markers.js';
import { onCleanup } from '../cleanup.js';

/** The settings that decide a run's output: every task of a run uses the same. */
export interface RunSettings {
  readonly maxPageBytes: number;
  /** ISO 639-3 codes the language stage chooses from; null: the stage's own list. */
  readonly languages: readonly string[] | null;
  readonly keepLanguages: readonly string[] | null;
  readonly minWords: number;
  /** The page types kept; null keeps all. */
  readonly pageTypes: readonly PageType[] | null;
  readonly nearDuplicates: boolean;
  readonly nearDupThreshold: number;
  readonly keepDuplicates: boolean;
  readonly pageTimeoutMs: number;
}

/** What the run reads: its inputs split into `world` shards, contiguous in source order. */
export interface Plan {
  readonly world: number;
  /** The inputs as given: sources and the report's inputs are named after them. */
  readonly inputs: readonly string[];
  readonly settings: RunSettings;
  /** The pages of a shard; the same set each time it is asked (both passes read it). */
  shard(shard: number): InputSet;
}

/** The worker threads of the page work, and the pass cache that keeps pass 1's pages for pass 2 (null: none). */
export interface PageWorkers {
  readonly pool: WorkerPool;
  readonly passCache: PassCache | null;
  readonly concurrency: number;
}

/** Where the write step's records of one shard go, in source order. */
export interface RecordSink {
  write(line: Uint8Array, record: () => ArticleRecord): void | Promise<void>;
  /** All records written: put them in place. */
  commit(): Promise<void>;
  abort(): void;
}

/** Where the run's results go: the records, shard by shard, then the report and the rejects. */
export interface RunOutputs {
  records(shard: number): RecordSink;
  /** The merged report, and the files of rejects (NDJSON lines, each sorted) whose concatenation is the run's. */
  result(report: RunReport, rejectFiles: readonly string[]): Promise<void>;
}

/** What an executor gives the tasks it runs. */
export interface TaskEnvironment {
  /** The page work's threads (created on first use; a run in one process keeps them, and the pass cache, from learn to clean). */
  readonly workers: () => PageWorkers;
  readonly outputs: RunOutputs;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Readonly<Progress>) => void;
  /** What the HTML report shows, gathered by clean and write (a run in one process only). */
  readonly inspection: InspectionBuilder | null;
  /** Flush each task's files to the disk itself before its marker: a node may be lost at any moment. */
  readonly durable: boolean;
}

/** A run as its tasks see it: where its files are, how many shards, and the plan (read when needed). */
export interface Job {
  readonly work: WorkDir;
  readonly world: number;
  readonly plan: () => Plan;
  readonly env: TaskEnvironment;
}

export interface TaskContext extends Job {
  readonly rank: number;
  /** The task's own directory: everything it writes into the work directory goes here. */
  readonly out: string;
}

export interface Step {
  readonly name: StepName;
  /** The step's number of tasks in a run of `world` shards. */
  readonly tasks: (world: number) => number;
  /** One task: reads what earlier steps left, writes into `out`, and says what it kept and dropped. */
  readonly run: (task: TaskContext) => Promise<Tally>;
}

/** Tasks the step has: one per shard, or a single one. */
export const perShard = (world: number) => world;
export const single = () => 1;

/**
 * Runs task `rank` of `step` unless its marker says it is done: its outputs are written to an attempt
 * directory, renamed into place, and only then marked done. An attempt that fails is marked failed and
 * its directory removed; one that is killed leaves no marker, and the next attempt clears what it left.
 */
export async function runTask(step: Step, job: Job, rank: number): Promise<'done' | 'skipped'> {
  const { work } = job;
  if (isDone(work, step.name, rank)) return 'skipped';
  clearEarlierAttempts(work, step.name, rank);
  const attempt = thisAttempt();
  writeMarker(work, step.name, rank, 'running', attempt);
  removeMarker(work, step.name, rank, 'failed');
  const out = work.attempt(step.name, rank);
  mkdirSync(out, { recursive: true });
  const started = performance.now();
  // Stopped by SIGINT or SIGTERM (scancel): nothing of the attempt stays, and the markers say so.
  const forget = onCleanup(() => {
    rmSync(out, { recursive: true, force: true });
    writeMarker(work, step.name, rank, 'failed', { ...attempt, error: 'stopped by a signal' });
    removeMarker(work, step.name, rank, 'running');
  });
  try {
    const tally = await step.run({ ...job, rank, out });
    const final = work.task(step.name, rank);
    if (job.env.durable) syncFiles(out);
    renameSync(out, final);
    if (job.env.durable) syncFile(dirname(final));
    writeMarker(work, step.name, rank, 'done', {
      ...attempt,
      seconds: Math.round(performance.now() - started) / 1000,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      tally,
    });
    removeMarker(work, step.name, rank, 'running');
    return 'done';
  } catch (error) {
    rmSync(out, { recursive: true, force: true });
    writeMarker(work, step.name, rank, 'failed', { ...attempt, error: (error as Error).message ?? String(error) });
    removeMarker(work, step.name, rank, 'running');
    throw error;
  } finally {
    forget();
  }
}

/** The outputs of attempts that did not finish: an attempt directory, or a task directory renamed but not marked. */
function clearEarlierAttempts(work: WorkDir, step: StepName, rank: number): void {
  const dir = work.stepDir(step);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names)
    if (name === String(rank) || WorkDir.isAttemptOf(name, rank)) rmSync(join(dir, name), { recursive: true, force: true });
}

function syncFiles(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncFiles(path);
    else syncFile(path);
  }
  syncFile(dir);
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
