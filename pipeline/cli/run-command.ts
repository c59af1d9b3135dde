/**
 * `winnow run INPUT... --work DIR --out OUTDIR --tasks N [--executor local|slurm]`: the run split into
 * tasks. It writes what it was asked into DIR (or checks that a run already there was asked the same),
 * then has the executor run every task not yet done; running it again with the same DIR finishes a run
 * that stopped. Exit 0 when every task is done (OUTDIR then holds the parts, report.json and
 * rejects.ndjson), 1 when a task failed, 2 on bad usage, a DIR of another run or an input changed since
 * the plan.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { relative, resolve } from 'node:path';
import { settingsOf } from '../executors/in-process.js';
import { runLocally } from '../executors/local.js';
import { runOnSlurm, SlurmError } from '../executors/slurm.js';
import type { ExecutorOptions, TaskFailure } from '../executors/executor.js';
import { onCleanup } from '../cleanup.js';
import { alive } from '../output/files.js';
import { RESULT_FILES } from '../output/part-files.js';
import type { RunReport } from '../report/report.js';
import { checkUnchanged, InputChangedError, plannedShard, readRequest, type RunRequest } from '../steps/plan.js';
import { WorkDir } from '../work/layout.js';
import { isDone, pendingRanks } from '../work/markers.js';
import { STEPS } from '../steps/steps.js';
import { checkInputs, EXIT, parseCommandLine, printVersion, settingsOptions, UsageError } from './command-line.js';
import { ConfigError, effectiveConfig, readConfigFile, type Config } from './config.js';
import { createLog } from './log.js';
import { optionLines } from './options.js';

const HELP = `Usage: winnow run INPUT... --work DIR --out OUTDIR --tasks N [--executor local|slurm] [options]

Runs Winnow as steps split into N tasks each — plan, learn, merge-stats, clean, dedup, join, write,
report — over a work directory DIR that every task can reach. OUTDIR gets part-00000.ndjson …
part-(N-1).ndjson, whose concatenation is the output of winnow INPUT... --out FILE with the same options,
and report.json and rejects.ndjson, the same as --report and --rejects give. Run it again with the same
--work to finish a run that stopped: the tasks already done are not run again. Inputs are files and
directories (standard input and pipes can be read by one process only: run winnow on one machine).

Options:
${optionLines(['run']).join('\n')}`;

export async function runCommand(argv: readonly string[], asked: Config['logFormat']): Promise<number> {
  let config: Config;
  let configFile: string | null;
  let dryRun: boolean;
  let concurrencyGiven: boolean;
  try {
    const commandLine = parseCommandLine(argv, 'run');
    if (commandLine.help) {
      process.stdout.write(HELP + '\n');
      return EXIT.ok;
    }
    if (commandLine.version) return printVersion();
    const file = readConfigFile(commandLine.configFile);
    configFile = file.path;
    config = effectiveConfig(file.settings, commandLine.flags);
    dryRun = commandLine.dryRun;
    concurrencyGiven = commandLine.flags.concurrency !== undefined || file.settings.concurrency !== undefined;
    if (commandLine.printConfig) {
      process.stdout.write(JSON.stringify(config, null, 2) + '\n');
      return EXIT.ok;
    }
    checkRunInputs(config.inputs);
    if (!config.work) throw new UsageError('run: --work DIR is required: a directory every task can reach');
    if (!config.out)
      throw new UsageError('run: --out DIR is required: a new or empty directory for the parts, report.json and rejects.ndjson');
    if (config.tasks === null) throw new UsageError('run: --tasks N is required');
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    createLog(asked, false).error(error instanceof ConfigError ? 'config' : 'usage', error.message, EXIT.usage);
    return EXIT.usage;
  }

  const log = createLog(config.logFormat, config.quiet);
  const work = new WorkDir(resolve(config.work));
  const request: RunRequest = {
    cwd: process.cwd(),
    inputs: config.inputs,
    settings: settingsOf(settingsOptions(config)),
    tasks: config.tasks,
    out: resolve(config.out),
  };
  let unlock: () => void;
  try {
    prepare(work, request);
    unlock = lock(work);
    if (isDone(work, 'plan', 0)) for (let shard = 0; shard < request.tasks; shard++) checkUnchanged(plannedShard(work, shard), work);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof InputChangedError)) throw error;
    log.error('usage', error.message, EXIT.usage);
    return EXIT.usage;
  }

  const options: ExecutorOptions = {
    work,
    world: request.tasks,
    concurrency: concurrencyGiven ? config.concurrency : null,
    say: (message) => log.info(message),
  };
  let failures: TaskFailure[];
  try {
    failures =
      config.executor === 'slurm'
        ? await runOnSlurm(options, {
            partition: config.slurmPartition,
            time: config.slurmTime,
            cpus: config.slurmCpus,
            mem: config.slurmMem,
            dryRun,
          })
        : dryRun
          ? dryRunLocally(options)
          : await runLocally(options);
  } catch (error) {
    if (!(error instanceof SlurmError)) throw error;
    log.error('fatal', error.message, EXIT.fatal);
    return EXIT.fatal;
  } finally {
    unlock();
  }
  if (dryRun) return EXIT.ok;
  if (failures.length) {
    log.error('fatal', failed(failures, work), EXIT.fatal);
    return EXIT.fatal;
  }
  const report = JSON.parse(readFileSync(resolve(request.out, RESULT_FILES.report), 'utf8')) as RunReport;
  log.done(report, config.out, configFile);
  return EXIT.ok;
}

function checkRunInputs(inputs: readonly string[]): void {
  if (inputs.length === 0) throw new UsageError('run: no input given (try winnow run --help)');
  if (inputs.includes('-'))
    throw new UsageError('run: - (standard input) can be read by one process only: run winnow INPUT... on one machine to read it');
  checkInputs(inputs);
  for (const input of inputs) {
    const info = statSync(input);
    if (!info.isFile() && !info.isDirectory())
      throw new UsageError(
        `run: ${input}: not a file or a directory; a pipe or a device can be read by one process only: run winnow on one machine`,
      );
  }
}

/**
 * Makes DIR a run of `request`: a new DIR gets the request (and OUTDIR must be new or empty); a DIR with a
 * request must have been asked the same.
 */
function prepare(work: WorkDir, request: RunRequest): void {
  if (existsSync(work.request)) {
    const earlier = readRequest(work);
    const differ = (Object.keys(request) as (keyof RunRequest)[]).filter(
      (key) => JSON.stringify(earlier[key]) !== JSON.stringify(request[key]),
    );
    if (differ.length)
      throw new UsageError(
        `run: --work ${work.root} holds a run with other ${differ.map((key) => WHAT[key]).join(', ')}: give a new --work directory (or what that run was given)`,
      );
  } else {
    if (request.out === work.root || !relative(work.root, request.out).startsWith('..'))
      throw new UsageError(`run: --out ${request.out} is in the work directory; give a directory of its own`);
    if (existsSync(request.out)) {
      if (!statSync(request.out).isDirectory()) throw new UsageError(`run: --out ${request.out}: is not a directory`);
      if (readdirSync(request.out).length) throw new UsageError(`run: --out ${request.out}: not empty; give a new or empty directory`);
    }
    mkdirSync(work.root, { recursive: true });
    const temp = `${work.request}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(request, null, 2) + '\n');
    renameSync(temp, work.request);
  }
  mkdirSync(request.out, { recursive: true });
}

const WHAT: Record<keyof RunRequest, string> = {
  cwd: 'working directory',
  inputs: 'inputs',
  settings: 'settings',
  tasks: '--tasks',
  out: '--out',
};

/** One `winnow run` at a time per work directory; the lock of a process of this host that is gone is taken over. */
function lock(work: WorkDir): () => void {
  const path = resolve(work.root, 'run.lock');
  const mine = JSON.stringify({ host: hostname(), pid: process.pid });
  for (;;) {
    try {
      writeFileSync(path, mine, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { host: string; pid: number } | null;
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as { host: string; pid: number };
      } catch {
        holder = null;
      }
      if (holder && (holder.host !== hostname() || alive(holder.pid)))
        throw new UsageError(`run: another winnow run (pid ${holder.pid} on ${holder.host}) is working in ${work.root}`);
      rmSync(path, { force: true });
    }
  }
  const forget = onCleanup(() => rmSync(path, { force: true }));
  return () => {
    rmSync(path, { force: true });
    forget();
  };
}

function dryRunLocally({ work, world, say }: ExecutorOptions): TaskFailure[] {
  for (const step of STEPS) {
    const ranks = pendingRanks(work, step.name, step.tasks(world));
    if (ranks.length)
      say(
        `would run: ${step.name}, ${ranks.length} task${ranks.length > 1 ? 's' : ''} (winnow step ${step.name} --work ${work.root} --rank R)`,
      );
  }
  return [];
}

function failed(failures: readonly TaskFailure[], work: WorkDir): string {
  const listed = failures.slice(0, 5).map((f) => `${f.step} ${f.rank}: ${f.why}`);
  if (failures.length > 5) listed.push(`and ${failures.length - 5} more`);
  return `${failures.length} task${failures.length > 1 ? 's' : ''} not done (${listed.join('; ')}); winnow status --work ${work.root} says more, and the same winnow run again goes on from there`;
}
