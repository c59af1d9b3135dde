/**
 * The local executor: every task not yet done as a process of this machine (`winnow step`), the tasks of
 * a step N at a time, a step once the one before it is done. A task that fails (or is killed) stops the
 * run after the tasks of its step that are running end; its log is `DIR/logs/STEP-RANK.log`.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from '../cleanup.js';
import { STEPS } from '../steps/steps.js';
import { pendingRanks } from '../work/markers.js';
import { stepCommand, unfinished, type ExecutorOptions, type TaskFailure } from './executor.js';

export async function runLocally({ work, world, concurrency, say }: ExecutorOptions): Promise<TaskFailure[]> {
  const logs = work.executorDir('logs');
  mkdirSync(logs, { recursive: true });
  for (const step of STEPS) {
    const pending = pendingRanks(work, step.name, step.tasks(world));
    if (pending.length === 0) continue;
    const atOnce = Math.min(world, pending.length);
    const threads = concurrency ?? Math.max(1, Math.floor(availableParallelism() / atOnce));
    const started = performance.now();
    const failed: TaskFailure[] = [];
    const queue = [...pending];
    const worker = async () => {
      for (let rank = queue.shift(); rank !== undefined && failed.length === 0; rank = queue.shift()) {
        const log = join(logs, `${step.name}-${rank}.log`);
        const ended = await runProcess(stepCommand(step.name, work, threads, rank), log);
        if (ended !== 0) failed.push({ step: step.name, rank, why: `${ended}; see ${log}` });
      }
    };
    await Promise.all(Array.from({ length: atOnce }, worker));
    if (failed.length) return failed;
    say(
      `${step.name}: ${pending.length} task${pending.length > 1 ? 's' : ''} done in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return unfinished(work, world);
}

/** Runs a command with its standard error to `log`; 0, or how it ended. */
function runProcess([command, ...args]: string[], log: string): Promise<0 | string> {
  const fd = openSync(log, 'w');
  const child = spawn(command!, args, { stdio: ['ignore', 'ignore', fd] });
  closeSync(fd);
  // This run stopped (SIGINT, SIGTERM): its tasks stop too.
  const forget = onCleanup(() => child.kill('SIGTERM'));
  return new Promise((resolve) => {
    child.once('error', (error) => {
      forget();
      resolve(`could not start: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      forget();
      resolve(code === 0 ? 0 : signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  });
}
