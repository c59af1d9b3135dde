#!/usr/bin/env node
/**
 * The `winnow` command: a thin layer over `run`. Settings come from flags, then `winnow.config.json`
 * (or `--config FILE`), then defaults (`pipeline/cli/options.ts`). Inputs and outputs are checked before
 * anything is read; the outputs are put in place together at the end. `winnow run`, `step` and `status`
 * run the same steps split into tasks (`run-command.ts`, `step-command.ts`, `status-command.ts`).
 * Exit codes: 0 the run completed (rejects included), 1 a fatal error, 2 bad usage or configuration,
 * 130 / 143 interrupted by SIGINT / SIGTERM.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { ConfigError, effectiveConfig, readConfigFile, type Config } from './config.js';
import { optionLines } from './options.js';
import {
  askedLogFormat,
  checkInputs,
  EXIT,
  parseCommandLine,
  printVersion,
  settingsOptions,
  UsageError,
  type CommandLine,
} from './command-line.js';
import { createLog } from './log.js';
import { runCommand } from './run-command.js';
import { stepCommand } from './step-command.js';
import { statusCommand } from './status-command.js';
import { runLines } from '../run.js';
import { recordJsonSchema } from '../output/record.js';
import { abortAll, commitAll, OutputError, planOutputs, type Output, type OutputRequest } from '../output/outputs.js';
import { renderReportHtml } from '../report/report-html.js';
import { rejectLine, reportText } from '../report/report.js';
import { runCleanups } from '../cleanup.js';
import { MAX_WORKERS } from '../workers/pool.js';

const HELP = `Usage: winnow INPUT... [options]
       winnow schema        print the JSON Schema of the record
       winnow run INPUT... --work DIR --out DIR --tasks N [--executor local|slurm] [options]
       winnow step STEP --work DIR [--rank R]
       winnow status --work DIR

Turns crawled pages into clean, deduplicated records (NDJSON, one per line).

Inputs: files, directories (read recursively, in name order; hidden entries skipped), named pipes and - for
standard input. The format is told from the content and the name, gzipped or not: WARC (response records;
FILE#N), NDJSON/JSONL (one {url, html|text|content, ...} object a line; FILE#N), JSON exports (an array of
such objects, or pretty-printed ones; FILE#N), or a single page (HTML or plain text). A page's site is its
URL host when known, else the directory it sits in.

Options (config key in brackets):
${optionLines(['main']).join('\n')}
Inputs may also come from the config key "inputs" (a list of paths); paths in a config file are relative to it.

Exit codes: 0 run completed (even with rejects), 1 fatal error during the run (a full disk, unbalanced
accounting), 2 bad usage or configuration (nothing is read or written), 130 interrupted (SIGINT),
143 terminated (SIGTERM). Every run checks read = emitted + duplicates + rejected + skipped + filtered.

A run split into tasks (winnow run --help): the same records as winnow INPUT... --out FILE, in
DIR/part-00000.ndjson… whose concatenation is that file. Its options besides those above:
${optionLines(['run', 'step', 'status'], true).join('\n')}`;

const TASK_COMMANDS = { run: runCommand, step: stepCommand, status: statusCommand } as const;

/**
 * Bytecode bytes V8's optimising compiler may inline into one function (V8's default: 920). Every worker
 * optimises the same large stage functions for itself, and again each time a new kind of page deoptimises
 * them; with the default, that compiling takes a large share of a run's CPU. Smaller optimised functions
 * compile faster and run as fast. The flag is process-wide: the command sets it, the library leaves its host's alone.
 */
const INLINED_BYTECODE_BYTES = 200;

async function main(argv: string[]): Promise<number> {
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE_BYTES}`);
  // Until the settings are read, errors are logged in the format the command line asks for.
  const asked = askedLogFormat(argv);
  const command = argv[0];
  if (command === 'run' || command === 'step' || command === 'status') return TASK_COMMANDS[command](argv.slice(1), asked);
  let config: Config;
  let commandLine: CommandLine;
  let configFile: string | null;
  try {
    if (argv[0] === 'schema') {
      if (argv.length > 1) throw new UsageError(`schema takes no arguments (got ${argv.slice(1).join(' ')})`);
      process.stdout.write(JSON.stringify(recordJsonSchema(), null, 2) + '\n');
      return EXIT.ok;
    }
    commandLine = parseCommandLine(argv, 'main');
    if (commandLine.help) return help();
    if (commandLine.version) return printVersion();
    const file = readConfigFile(commandLine.configFile);
    configFile = file.path;
    config = effectiveConfig(file.settings, commandLine.flags);
    if (!commandLine.printConfig) {
      if (config.inputs.length === 0) throw new UsageError('no input given (try winnow --help)');
      checkInputs(config.inputs);
    }
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    createLog(asked, false).error(error instanceof ConfigError ? 'config' : 'usage', error.message, EXIT.usage);
    return EXIT.usage;
  }
  if (commandLine.printConfig) {
    process.stdout.write(JSON.stringify(config, null, 2) + '\n');
    return EXIT.ok;
  }

  const log = createLog(config.logFormat, config.quiet);
  if (config.concurrency > MAX_WORKERS) {
    log.warn(`--concurrency ${config.concurrency} capped at ${MAX_WORKERS} (twice the ${availableParallelism()} cores)`);
    config.concurrency = MAX_WORKERS;
  }
  const requests: OutputRequest[] = [
    { flag: '--out', path: config.out ?? '-' },
    ...(config.report ? [{ flag: '--report', path: config.report }] : []),
    ...(config.rejects ? [{ flag: '--rejects', path: config.rejects }] : []),
    ...(config.reportHtml ? [{ flag: '--report-html', path: config.reportHtml }] : []),
  ];
  let outputs: readonly Output[];
  let excluded: ReadonlySet<string>;
  try {
    ({ outputs, excluded } = planOutputs(requests, config.inputs));
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    log.error('usage', error.message, EXIT.usage);
    return EXIT.usage;
  }
  const output = (flag: string) => outputs.find((o) => o.request.flag === flag)!;
  try {
    const records = output('--out');
    const { report, rejects, inspection } = await runLines(
      {
        inputs: config.inputs,
        exclude: [...excluded],
        concurrency: config.concurrency,
        ...settingsOptions(config),
        inspect: config.reportHtml ? { pages: config.reportHtmlPages } : undefined,
        onProgress: log.progress,
      },
      (line) => records.write(line),
    );
    const text = (s: string) => Buffer.from(s);
    if (config.rejects) await output('--rejects').write(text(rejects.map(rejectLine).join('')));
    if (config.report) await output('--report').write(text(reportText(report)));
    if (config.reportHtml && inspection)
      await output('--report-html').write(text(renderReportHtml({ report, rejects, inspection, inputs: config.inputs })));
    await commitAll(outputs);
    log.rejects(rejects);
    log.done(report, config.out, configFile);
    return EXIT.ok;
  } catch (error) {
    abortAll(outputs);
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return EXIT.ok;
    log.error('fatal', (error as Error).message ?? String(error), EXIT.fatal);
    return EXIT.fatal;
  }
}

function help(): number {
  process.stdout.write(HELP + '\n');
  return EXIT.ok;
}

// `winnow … | head`: the reader is gone; stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  runCleanups();
  process.exit(EXIT.ok);
});

process.exitCode = await main(process.argv.slice(2));
