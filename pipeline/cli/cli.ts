#!/usr/bin/env node
/**
 * The `winnow` command: a thin layer over `run`. Settings come from flags, then `winnow.config.json`
 * (or `--config FILE`), then defaults (`pipeline/cli/options.ts`). Inputs and outputs are checked before
 * anything is read; the outputs are put in place together at the end.
 * Exit codes: 0 the run completed (rejects included), 1 a fatal error, 2 bad usage or configuration,
 * 130 / 143 interrupted by SIGINT / SIGTERM.
 */
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, effectiveConfig, readConfigFile, validateSettings, type Config } from './config.js';
import { optionLines, parseArgsOptions, settingsOfFlags } from './options.js';
import { createLog } from './log.js';
import { runLines } from '../run.js';
import { recordJsonSchema } from '../output/record.js';
import { abortAll, commitAll, OutputError, planOutputs, type Output, type OutputRequest } from '../output/outputs.js';
import { renderReportHtml } from '../report/report-html.js';
import { runCleanups } from '../cleanup.js';
import { MAX_WORKERS } from '../workers/pool.js';

export const EXIT = { ok: 0, fatal: 1, usage: 2 } as const;

const HELP = `Usage: winnow INPUT... [options]
       winnow schema        print the JSON Schema of the record

Turns crawled pages into clean, deduplicated records (NDJSON, one per line).

Inputs: files, directories (read recursively, in name order; hidden entries skipped), named pipes and - for
standard input. The format is told from the content and the name, gzipped or not: WARC (response records;
FILE#N), NDJSON/JSONL (one {url, html|text|content, ...} object a line; FILE#N), JSON exports (an array of
such objects, or pretty-printed ones; FILE#N), or a single page (HTML or plain text). A page's site is its
URL host when known, else the directory it sits in.

Options (config key in brackets):
${optionLines().join('\n')}
Inputs may also come from the config key "inputs" (a list of paths); paths in a config file are relative to it.

Exit codes: 0 run completed (even with rejects), 1 fatal error during the run (a full disk, unbalanced
accounting), 2 bad usage or configuration (nothing is read or written), 130 interrupted (SIGINT),
143 terminated (SIGTERM). Every run checks read = emitted + duplicates + rejected + skipped + filtered.`;

class UsageError extends Error {}

interface CommandLine {
  readonly flags: Partial<Config>;
  readonly configFile: string | null;
  readonly printConfig: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

function parseCommandLine(argv: string[]): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: parseArgsOptions() });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const given = settingsOfFlags(values);
  if (positionals.length) given['inputs'] = positionals;
  let flags: Partial<Config>;
  try {
    flags = validateSettings(given, null);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    flags,
    configFile: typeof values['config'] === 'string' ? values['config'] : null,
    printConfig: values['print-config'] === true,
    help: values['help'] === true,
    version: values['version'] === true,
  };
}

/** An input that does not exist is a mistake in the command, not a reject. */
function checkInputs(inputs: readonly string[]): void {
  for (const input of inputs) {
    if (input === '-') continue;
    try {
      statSync(input);
    } catch (error) {
      throw new UsageError(
        `${input}: no such file or directory${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '' : ` (${(error as NodeJS.ErrnoException).code})`}`,
      );
    }
  }
}

async function main(argv: string[]): Promise<number> {
  // Until the settings are read, errors are logged in the format the command line asks for.
  const asked = argv.some((arg, i) => arg === '--log-format=json' || (arg === '--log-format' && argv[i + 1] === 'json')) ? 'json' : 'text';
  let config: Config;
  let commandLine: CommandLine;
  let configFile: string | null;
  try {
    if (argv[0] === 'schema') {
      if (argv.length > 1) throw new UsageError(`schema takes no arguments (got ${argv.slice(1).join(' ')})`);
      process.stdout.write(JSON.stringify(recordJsonSchema(), null, 2) + '\n');
      return EXIT.ok;
    }
    commandLine = parseCommandLine(argv);
    if (commandLine.help || commandLine.version) return helpOrVersion(commandLine.help);
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
        maxPageBytes: config.maxPageBytes,
        languages: config.languages,
        keepLanguages: config.keepLanguages,
        minWords: config.minWords,
        pageTypes: config.pageTypes,
        nearDuplicates: config.nearDup,
        nearDupThreshold: config.nearDupThreshold,
        keepDuplicates: config.keepDuplicates,
        pageTimeoutMs: config.pageTimeout,
        inspect: config.reportHtml ? { pages: config.reportHtmlPages } : undefined,
        onProgress: log.progress,
      },
      (line) => records.write(line),
    );
    const text = (s: string) => Buffer.from(s);
    if (config.rejects) await output('--rejects').write(text(rejects.map((r) => JSON.stringify(r) + '\n').join('')));
    if (config.report) await output('--report').write(text(JSON.stringify(report, null, 2) + '\n'));
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

function helpOrVersion(help: boolean): number {
  if (help) process.stdout.write(HELP + '\n');
  else {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(pkg.version + '\n');
  }
  return EXIT.ok;
}

// `winnow … | head`: the reader is gone; stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  runCleanups();
  process.exit(EXIT.ok);
});

process.exitCode = await main(process.argv.slice(2));
