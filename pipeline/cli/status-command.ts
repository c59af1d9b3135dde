/**
 * `winnow status --work DIR`: where a run split into tasks is, from its completion markers alone: per
 * step, its tasks done, running, failed and pending, what the done ones kept and dropped, their longest
 * time and largest memory; then the tasks that failed, and those whose process is gone without a word
 * (killed). `--log-format json` prints the same as one JSON object.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { addTally, emptyTally, type Tally } from '../../stages/types.js';
import { planSummary, readRequest } from '../steps/plan.js';
import { STEPS } from '../steps/steps.js';
import { WorkDir } from '../work/layout.js';
import { isDone, taskStatus, type TaskStatus } from '../work/markers.js';
import { EXIT, parseCommandLine, printVersion, UsageError } from './command-line.js';
import { ConfigError, effectiveConfig, type Config } from './config.js';
import { createLog } from './log.js';
import { optionLines } from './options.js';

const HELP = `Usage: winnow status --work DIR

Says where the run in DIR is, from its completion markers: each step's tasks done, running, failed and
pending, what they kept and dropped; the tasks that failed and why.

Options:
${optionLines(['status']).join('\n')}`;

interface StepStatus {
  readonly step: string;
  readonly tasks: number;
  readonly done: number;
  readonly running: number;
  readonly failed: number;
  readonly pending: number;
  readonly tally: Tally;
  /** The longest task, in seconds, and the largest peak memory of a task's process, in MB (done tasks). */
  readonly seconds: number;
  readonly peakRssMb: number;
}

export async function statusCommand(argv: readonly string[], asked: Config['logFormat']): Promise<number> {
  let config: Config;
  let work: WorkDir;
  try {
    const commandLine = parseCommandLine(argv, 'status', false);
    if (commandLine.help) {
      process.stdout.write(HELP + '\n');
      return EXIT.ok;
    }
    if (commandLine.version) return printVersion();
    if (commandLine.positionals.length) throw new UsageError(`status: takes no arguments (got ${commandLine.positionals.join(' ')})`);
    config = effectiveConfig({}, commandLine.flags);
    if (!config.work) throw new UsageError('status: --work DIR is required');
    work = new WorkDir(resolve(config.work));
    if (!existsSync(work.request)) throw new UsageError(`status: --work ${config.work}: no run there`);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    createLog(asked, false).error('usage', error.message, EXIT.usage);
    return EXIT.usage;
  }

  const request = readRequest(work);
  const steps: StepStatus[] = [];
  const problems: { step: string; rank: number; status: TaskStatus }[] = [];
  for (const step of STEPS) {
    const tasks = step.tasks(request.tasks);
    const counts = { done: 0, running: 0, failed: 0, pending: 0 };
    const tally = emptyTally();
    let seconds = 0;
    let peakRssMb = 0;
    for (let rank = 0; rank < tasks; rank++) {
      const status = taskStatus(work, step.name, rank);
      if (status.state === 'done') {
        counts.done++;
        addTally(tally, status.marker.tally);
        seconds = Math.max(seconds, status.marker.seconds);
        peakRssMb = Math.max(peakRssMb, status.marker.peakRssMb);
      } else if (status.state === 'stopped' || status.state === 'failed') {
        counts.failed++;
        problems.push({ step: step.name, rank, status });
      } else counts[status.state]++;
    }
    steps.push({ step: step.name, tasks, ...counts, tally, seconds, peakRssMb });
  }
  const plan = isDone(work, 'plan', 0) ? planSummary(work) : null;
  const complete = steps.every((s) => s.done === s.tasks);

  if (config.logFormat === 'json') {
    const failures = problems.map(({ step, rank, status }) => ({ step, rank, ...status }));
    process.stdout.write(JSON.stringify({ work: work.root, request, plan, complete, steps, failures }, null, 2) + '\n');
    return EXIT.ok;
  }
  const lines = [
    `run in ${work.root}: ${request.inputs.length} input${request.inputs.length > 1 ? 's' : ''}, ${request.tasks} task${request.tasks > 1 ? 's' : ''} a step, output ${request.out}`,
    plan
      ? `plan: ${plan.files} files, ${megabytes(plan.bytes)} in ${plan.shards.length} shards of ${megabytes(Math.min(...plan.shards.map((s) => s.bytes)))} to ${megabytes(Math.max(...plan.shards.map((s) => s.bytes)))}`
      : 'plan: not made yet',
    '',
    table([
      ['step', 'tasks', 'done', 'running', 'failed', 'pending', 'longest', 'memory', 'kept', 'dropped'],
      ...steps.map((s) => [
        s.step,
        String(s.tasks),
        String(s.done),
        String(s.running),
        String(s.failed),
        String(s.pending),
        s.done ? `${s.seconds.toFixed(1)} s` : '',
        s.done ? `${s.peakRssMb} MB` : '',
        s.done ? String(s.tally.kept) : '',
        Object.entries(s.tally.dropped)
          .map(([why, n]) => `${why} ${n}`)
          .join(', '),
      ]),
    ]),
    ...problems.map(({ step, rank, status }) =>
      status.state === 'failed'
        ? `failed: ${step} ${rank} on ${status.marker.host} (pid ${status.marker.pid}): ${status.marker.error}`
        : status.state === 'stopped'
          ? `stopped: ${step} ${rank} on ${status.marker.host} (pid ${status.marker.pid}, started ${status.marker.started}): its process is gone (killed?)`
          : '',
    ),
    complete ? `complete: the outputs are in ${request.out}` : 'not complete: the same winnow run again runs the tasks not done',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return EXIT.ok;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Columns padded to their widest cell: the first and the last to the left, the figures between to the right. */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const last = widths.length - 1;
  return rows
    .map((row) =>
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : c === last ? cell : cell.padStart(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
