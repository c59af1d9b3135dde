/**
 * `winnow step STEP --work DIR [--rank R]`: one task of a run split into tasks, as an executor runs it.
 * The rank defaults to Slurm's array task id, else Kubernetes' completion index. Exit 0 when the task is
 * done (now, or before), 1 when it failed (its `failed` marker says why), 2 on bad usage.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { STEPS } from '../steps/steps.js';
import { readRequest } from '../steps/plan.js';
import { runTaskHere } from '../executors/task-process.js';
import { WorkDir, STEP_NAMES } from '../work/layout.js';
import { EXIT, parseCommandLine, printVersion, UsageError } from './command-line.js';
import { ConfigError, effectiveConfig } from './config.js';
import { createLog } from './log.js';
import { optionLines } from './options.js';
import type { Config } from './config.js';

const HELP = `Usage: winnow step STEP --work DIR [--rank R] [options]

Runs task R of step STEP of the run in DIR (which winnow run --dry-run, or winnow run, planned), if its
completion marker does not say it is done. Steps, in order: ${STEP_NAMES.join(', ')}.
Each task of a step needs every task of the step before it done.

Options:
${optionLines(['step']).join('\n')}`;

export async function stepCommand(argv: readonly string[], asked: Config['logFormat']): Promise<number> {
  let config: Config;
  let work: WorkDir;
  let rank: number;
  let step;
  try {
    const commandLine = parseCommandLine(argv, 'step', false);
    if (commandLine.help) {
      process.stdout.write(HELP + '\n');
      return EXIT.ok;
    }
    if (commandLine.version) return printVersion();
    config = effectiveConfig({}, commandLine.flags);
    const [name, ...extra] = commandLine.positionals;
    step = STEPS.find((s) => s.name === name);
    if (!step)
      throw new UsageError(`step: ${name === undefined ? 'no step given' : `${name} is not a step`} (steps: ${STEP_NAMES.join(', ')})`);
    if (extra.length) throw new UsageError(`step: one step at a time (got ${commandLine.positionals.join(' ')})`);
    if (!config.work) throw new UsageError('step: --work DIR is required');
    work = new WorkDir(resolve(config.work));
    if (!existsSync(work.request)) throw new UsageError(`step: --work ${config.work}: no run there (winnow run plans one)`);
    const world = readRequest(work).tasks;
    const given = commandLine.rank ?? process.env['SLURM_ARRAY_TASK_ID'] ?? process.env['JOB_COMPLETION_INDEX'];
    if (given === undefined) throw new UsageError('step: --rank R is required (or $SLURM_ARRAY_TASK_ID, $JOB_COMPLETION_INDEX)');
    rank = Number(given);
    const tasks = step.tasks(world);
    if (!Number.isInteger(rank) || rank < 0 || rank >= tasks)
      throw new UsageError(`step: rank ${JSON.stringify(given)} is not a task of ${step.name} (0 to ${tasks - 1})`);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    createLog(asked, false).error('usage', error.message, EXIT.usage);
    return EXIT.usage;
  }
  const log = createLog(config.logFormat, config.quiet);
  try {
    const outcome = await runTaskHere(work, step, rank, config.concurrency);
    log.info(`${step.name} ${rank}: ${outcome === 'done' ? 'done' : 'already done'}`);
    return EXIT.ok;
  } catch (error) {
    log.error('fatal', `${step.name} ${rank}: ${(error as Error).message ?? String(error)}`, EXIT.fatal);
    return EXIT.fatal;
  }
}
