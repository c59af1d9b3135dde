/**
 * Completion markers: a task is done when, and only when, its `done` marker exists. The marker is written
 * (to a temporary sibling, then renamed) after the task's outputs are in place, so a task stopped at any
 * moment leaves no marker and is run again; a rerun skips the tasks that have one. `running` says an
 * attempt started (where, and as which process), `failed` why one failed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Tally } from '../../stages/types.js';
import { alive } from '../output/files.js';
import { type WorkDir, type StepName } from './layout.js';

export interface Attempt {
  readonly host: string;
  readonly pid: number;
  /** ISO time the attempt started. */
  readonly started: string;
}

export interface DoneMarker extends Attempt {
  readonly seconds: number;
  /** The peak resident memory of the task's process so far, in MB: the task's own when it ran alone. */
  readonly peakRssMb: number;
  /** What the task kept and dropped, in the step's unit. */
  readonly tally: Tally;
}

export interface FailedMarker extends Attempt {
  readonly error: string;
}

export type TaskStatus =
  | { readonly state: 'done'; readonly marker: DoneMarker }
  | { readonly state: 'failed'; readonly marker: FailedMarker }
  | { readonly state: 'running'; readonly marker: Attempt }
  /** A `running` marker of this host whose process is gone: killed before it could say so. */
  | { readonly state: 'stopped'; readonly marker: Attempt }
  | { readonly state: 'pending' };

export function thisAttempt(): Attempt {
  return { host: hostname(), pid: process.pid, started: new Date().toISOString() };
}

export function isDone(work: WorkDir, step: StepName, rank: number): boolean {
  return existsSync(work.marker(step, rank, 'done'));
}

/** Writes a marker atomically (the file appears whole or not at all). */
export function writeMarker(
  work: WorkDir,
  step: StepName,
  rank: number,
  state: 'done' | 'running' | 'failed',
  marker: DoneMarker | Attempt | FailedMarker,
): void {
  mkdirSync(work.markers(step), { recursive: true });
  const path = work.marker(step, rank, state);
  const temp = `${path}.${hostname()}-${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(marker) + '\n');
  renameSync(temp, path);
}

export function removeMarker(work: WorkDir, step: StepName, rank: number, state: 'running' | 'failed'): void {
  rmSync(work.marker(step, rank, state), { force: true });
}

/** What the markers say of task `rank` of `step`. */
export function taskStatus(work: WorkDir, step: StepName, rank: number): TaskStatus {
  const read = <T>(state: 'done' | 'running' | 'failed'): T | null => {
    try {
      return JSON.parse(readFileSync(work.marker(step, rank, state), 'utf8')) as T;
    } catch {
      return null;
    }
  };
  const done = read<DoneMarker>('done');
  if (done) return { state: 'done', marker: done };
  const running = read<Attempt>('running');
  if (running) return { state: running.host === hostname() && !alive(running.pid) ? 'stopped' : 'running', marker: running };
  const failed = read<FailedMarker>('failed');
  if (failed) return { state: 'failed', marker: failed };
  return { state: 'pending' };
}

/** The ranks of `step` among 0..tasks-1 without a `done` marker. */
export function pendingRanks(work: WorkDir, step: StepName, tasks: number): number[] {
  let done: Set<string>;
  try {
    done = new Set(readdirSync(work.markers(step)).filter((name) => name.endsWith('.done')));
  } catch {
    done = new Set();
  }
  return Array.from({ length: tasks }, (_, rank) => rank).filter((rank) => !done.has(`${rank}.done`));
}
