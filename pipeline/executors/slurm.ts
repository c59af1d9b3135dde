/**
 * The Slurm executor: one sbatch script per step in `DIR/slurm/STEP.sbatch`, each step submitted as a job
 * array of its tasks not yet done, named `winnow-STEP`, depending (`afterok`) on the step submitted before
 * it; then it waits, polling `squeue`, and says which tasks failed. A step whose tasks are all done is not
 * submitted. The completion markers, not Slurm's job states, say what is done: a job cancelled with its
 * dependency never satisfied (a task before it failed) leaves its tasks pending for the next run.
 * Array task ids are ranks: a run of more tasks than the cluster's MaxArraySize needs it raised.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STEPS } from '../steps/steps.js';
import type { StepName } from '../work/layout.js';
import { isDone, pendingRanks } from '../work/markers.js';
import { stepCommand, unfinished, type ExecutorOptions, type TaskFailure } from './executor.js';

export interface SlurmOptions {
  readonly partition: string | null;
  readonly time: string | null;
  readonly cpus: number;
  readonly mem: string | null;
  /** Write the scripts and say what would be submitted; submit nothing. */
  readonly dryRun: boolean;
}

/** How often the queue is asked whether the jobs are still there. */
const POLL_MS = 1000;

interface Submitted {
  readonly step: StepName;
  readonly job: string;
  readonly ranks: readonly number[];
}

/** A failure of Slurm itself (sbatch refused a job, squeue is missing): the run cannot go on. */
export class SlurmError extends Error {
  override readonly name = 'SlurmError';
}

export async function runOnSlurm(options: ExecutorOptions, slurm: SlurmOptions): Promise<TaskFailure[]> {
  const { work, world, say } = options;
  const dir = work.executorDir('slurm');
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const concurrency = options.concurrency ?? slurm.cpus;
  for (const step of STEPS) writeFileSync(script(dir, step.name), sbatchScript(step.name, options, slurm, concurrency));

  const jobsFile = join(dir, 'jobs.json');
  if (!slurm.dryRun && existsSync(jobsFile)) {
    const earlier = JSON.parse(readFileSync(jobsFile, 'utf8')) as Submitted[];
    const queued = queue(earlier.map((s) => s.job));
    if (queued.length)
      throw new SlurmError(
        `jobs of an earlier run in ${work.root} are still queued or running (${[...new Set(queued.map((q) => q.job))].join(', ')}): wait for them, or scancel them, then run again`,
      );
  }

  const submitted: Submitted[] = [];
  for (const step of STEPS) {
    const ranks = pendingRanks(work, step.name, step.tasks(world));
    if (ranks.length === 0) continue;
    const previous = submitted[submitted.length - 1];
    const args = [
      '--parsable',
      `--array=${arrayOf(ranks)}`,
      ...(previous ? [`--dependency=afterok:${slurm.dryRun ? `$JOB_${previous.step.replace('-', '_')}` : previous.job}`] : []),
      script(dir, step.name),
    ];
    if (slurm.dryRun) {
      say(`would run: JOB_${step.name.replace('-', '_')}=$(sbatch ${args.join(' ')})`);
      submitted.push({ step: step.name, job: '', ranks });
      continue;
    }
    const job = sbatch(args);
    submitted.push({ step: step.name, job, ranks });
    writeFileSync(jobsFile, JSON.stringify(submitted));
    say(`${step.name}: job ${job}, ${ranks.length} task${ranks.length > 1 ? 's' : ''} (winnow-${step.name})`);
  }
  if (slurm.dryRun || submitted.length === 0) return slurm.dryRun ? [] : unfinished(work, world);

  const ids = submitted.map((s) => s.job);
  const reported = new Set<StepName>();
  for (;;) {
    const queued = queue(ids);
    // A job whose dependency failed waits forever unless the cluster cancels it (kill_invalid_depend): cancel it.
    const stuck = queued.filter((q) => q.reason === 'DependencyNeverSatisfied').map((q) => q.job);
    if (stuck.length) execFileSync('scancel', [...new Set(stuck)]);
    for (const s of submitted) {
      if (reported.has(s.step) || queued.some((q) => q.job === s.job)) continue;
      reported.add(s.step);
      const left = s.ranks.filter((rank) => !isDone(work, s.step, rank)).length;
      say(left ? `${s.step}: job ${s.job} ended, ${left} task${left > 1 ? 's' : ''} not done` : `${s.step}: job ${s.job} done`);
    }
    if (queued.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return unfinished(work, world).map((failure) => {
    const job = submitted.find((s) => s.step === failure.step)?.job;
    return job ? { ...failure, why: `${failure.why}; see ${join(dir, 'logs', `${failure.step}-${failure.rank}.${job}.log`)}` } : failure;
  });
}

function script(dir: string, step: StepName): string {
  return join(dir, `${step}.sbatch`);
}

function sbatchScript(step: StepName, { work }: ExecutorOptions, slurm: SlurmOptions, concurrency: number): string {
  const directives = [
    `--job-name=winnow-${step}`,
    `--output=${join(work.executorDir('slurm'), 'logs', `${step}-%a.%A.log`)}`,
    `--chdir=${process.cwd()}`,
    '--ntasks=1',
    `--cpus-per-task=${slurm.cpus}`,
    ...(slurm.partition ? [`--partition=${slurm.partition}`] : []),
    ...(slurm.time ? [`--time=${slurm.time}`] : []),
    ...(slurm.mem ? [`--mem=${slurm.mem}`] : []),
  ];
  return [
    '#!/bin/sh',
    ...directives.map((d) => `#SBATCH ${d}`),
    `# Task $SLURM_ARRAY_TASK_ID of step ${step} of the run in ${work.root}. winnow run submits it as an array`,
    '# of the tasks not yet done: sbatch --array=RANKS [--dependency=afterok:JOB_OF_THE_STEP_BEFORE] THIS_FILE',
    `exec ${stepCommand(step, work, concurrency).map(shellQuote).join(' ')}`,
    '',
  ].join('\n');
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `0-3,5,7-9`: the ranks as Slurm's array ranges. */
function arrayOf(ranks: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ranks.length;) {
    let j = i;
    while (j + 1 < ranks.length && ranks[j + 1] === ranks[j]! + 1) j++;
    parts.push(j === i ? String(ranks[i]) : `${ranks[i]}-${ranks[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function sbatch(args: readonly string[]): string {
  let out: string;
  try {
    out = execFileSync('sbatch', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    throw new SlurmError(
      `sbatch ${args.join(' ')}: ${e.code === 'ENOENT' ? 'sbatch not found (is Slurm installed here?)' : (e.stderr ?? e.message).trim()}`,
    );
  }
  return out.trim().split(';')[0]!;
}

/** The jobs' array tasks still in the queue: their job's id, and why a pending one waits. */
function queue(jobs: readonly string[]): { job: string; reason: string }[] {
  let out: string;
  try {
    out = execFileSync('squeue', ['-h', '-j', jobs.join(','), '-o', '%F %r'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    // Jobs long gone from the controller's memory are "invalid": nothing of them is queued.
    if (e.stderr?.includes('Invalid job id')) return [];
    throw new SlurmError(`squeue: ${e.code === 'ENOENT' ? 'not found (is Slurm installed here?)' : (e.stderr ?? e.message).trim()}`);
  }
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [job, reason] = line.trim().split(/\s+/);
      return { job: job!, reason: reason ?? '' };
    });
}
