/**
 * The work directory: where each step's tasks put what they write, and the markers that say which tasks
 * are done. On storage every task can reach (a cluster's shared file system), or a temporary directory for
 * a run in one process.
 *
 * ```
 * DIR/request.json            what `winnow run` was asked: inputs, settings, tasks, output directory
 * DIR/STEP/RANK/              task RANK of STEP's outputs, renamed into place when the task succeeds
 * DIR/STEP/RANK.tmp-HOST-PID/ a task's outputs while it runs (an attempt that was killed leaves one)
 * DIR/markers/STEP/RANK.done  the task succeeded: what it kept and dropped (written last)
 * DIR/markers/STEP/RANK.running, RANK.failed   an attempt under way, or the error of one that failed
 * DIR/logs/, DIR/slurm/       what the executors keep: task logs, sbatch scripts, submitted jobs
 * ```
 */
import { join } from 'node:path';
import { hostname } from 'node:os';

/** The steps of a run, in order. */
export const STEP_NAMES = ['plan', 'learn', 'merge-stats', 'clean', 'dedup', 'join', 'write', 'report'] as const;
export type StepName = (typeof STEP_NAMES)[number];

export type MarkerState = 'done' | 'running' | 'failed';

export class WorkDir {
  /** `root`: an absolute path. */
  constructor(readonly root: string) {}

  get request(): string {
    return join(this.root, 'request.json');
  }

  /** A succeeded task's directory. */
  task(step: StepName, rank: number): string {
    return join(this.root, step, String(rank));
  }

  /** A file a succeeded task wrote. */
  file(step: StepName, rank: number, name: string): string {
    return join(this.task(step, rank), name);
  }

  /** The directory a task attempt in this process writes to until it succeeds. */
  attempt(step: StepName, rank: number): string {
    return `${this.task(step, rank)}${ATTEMPT_INFIX}${hostname()}-${process.pid}`;
  }

  /** Whether a directory name in `stepDir` is an attempt of task `rank`. */
  static isAttemptOf(name: string, rank: number): boolean {
    return name.startsWith(`${rank}${ATTEMPT_INFIX}`);
  }

  stepDir(step: StepName): string {
    return join(this.root, step);
  }

  markers(step: StepName): string {
    return join(this.root, 'markers', step);
  }

  marker(step: StepName, rank: number, state: MarkerState): string {
    return join(this.markers(step), `${rank}.${state}`);
  }

  /** An executor's own files (task logs, scripts). */
  executorDir(name: 'logs' | 'slurm'): string {
    return join(this.root, name);
  }
}

const ATTEMPT_INFIX = '.tmp-';
