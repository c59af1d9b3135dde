/**
 * What the executors of a run split into tasks share: how a task is started (`winnow step`, the same
 * command on every executor), and what they report.
 */
import { fileURLToPath } from 'node:url';
import { STEPS } from '../steps/steps.js';
import type { StepName, WorkDir } from '../work/layout.js';
import { pendingRanks, taskStatus } from '../work/markers.js';

export interface ExecutorOptions {
  readonly work: WorkDir;
  /** Shards of the run. */
  readonly world: number;
  /** Worker threads of each task; null: the executor's default. */
  readonly concurrency: number | null;
  /** Says how the run goes (a step done, jobs submitted). */
  readonly say: (message: string) => void;
}

/** A task that is not done after the executor ran it, and why. */
export interface TaskFailure {
  readonly step: StepName;
  readonly rank: number;
  readonly why: string;
}

const SOURCE = import.meta.url.endsWith('.ts');
const CLI = fileURLToPath(new URL(SOURCE ? '../cli/cli.ts' : '../cli/cli.js', import.meta.url));

/** The command line of `winnow step` for a task of `step` (its rank given by `--rank` or the environment). */
export function stepCommand(step: StepName, work: WorkDir, concurrency: number, rank: number | null = null): string[] {
  return [
    process.execPath,
    // Run from the sources (tests, tsx): the TypeScript loader this process has.
    ...(SOURCE ? process.execArgv : []),
    CLI,
    'step',
    step,
    '--work',
    work.root,
    ...(rank === null ? [] : ['--rank', String(rank)]),
    '--concurrency',
    String(concurrency),
  ];
}

/** The tasks of every step that are not done, with what their markers say. */
export function unfinished(work: WorkDir, world: number): TaskFailure[] {
  return STEPS.flatMap((step) =>
    pendingRanks(work, step.name, step.tasks(world)).map((rank) => {
      const status = taskStatus(work, step.name, rank);
      const why =
        status.state === 'failed'
          ? `failed on ${status.marker.host}: ${status.marker.error}`
          : status.state === 'running' || status.state === 'stopped'
            ? `started on ${status.marker.host} (pid ${status.marker.pid}) and never finished`
            : 'not run';
      return { step: step.name, rank, why };
    }),
  );
}
