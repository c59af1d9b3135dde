#!/usr/bin/env node
/**
 * The `winnow` command: a thin layer over `run`. Settings come from flags, then `winnow.config.json`
 * (or `--config FILE`), then defaults (`pipeline/cli/config.ts`).
 * Exit codes: 0 the run completed (rejects included), 1 a fatal error, 2 bad usage or configuration,
 * 130 / 143 interrupted by SIGINT / SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { AtomicFile, writeFileAtomic } from '../output/atomic.js';
import { ConfigError, DEFAULT_CONFIG_FILE, effectiveConfig, readConfigFile, validateSettings, type Config } from './config.js';
import { DEFAULT_MAX_PAGE_BYTES } from '../input/inputs.js';
import { createLog } from './log.js';
import { DEFAULT_PAGE_TIMEOUT_MS, runLines } from '../run.js';
import { recordJsonSchema } from '../output/record.js';
import { renderReportHtml } from '../report/report-html.js';
import { DEFAULT_INSPECT_PAGES } from '../report/inspection.js';
import { runCleanups } from '../cleanup.js';
import { DEFAULT_NEAR_DUP_THRESHOLD } from '../../stages/dedup.js';

export const EXIT = { ok: 0, fatal: 1, usage: 2 } as const;

const HELP = `Usage: winnow INPUT... [options]
       winnow schema        print the JSON Schema of the record

Turns crawled pages into clean, deduplicated article records (NDJSON, one per line).

Inputs: files, directories (read recursively, in name order; hidden entries skipped) and - for standard
input. The format is told from the content, gzipped or not: WARC (response records; FILE#N), NDJSON/JSONL
(one {url, html|text|content, ...} object a line; FILE#N), or a single page (HTML or plain text).
A page's site is its URL host when known, else the directory it sits in.

Options (config key in brackets):
  -o, --out FILE          write records to FILE (atomically) instead of stdout [out]
      --report FILE       write the run report (JSON): totals, rejects by reason, per-stage and per-site counts [report]
      --report-html FILE  write the run report as one self-contained HTML page: counts, histograms, the
                          template blocks each site taught, duplicate clusters, pages block by block [reportHtml]
      --report-html-pages N
                          pages the HTML report shows block by block: the first N read (default ${DEFAULT_INSPECT_PAGES}) [reportHtmlPages]
      --rejects FILE      write one NDJSON line per rejected input: {source, reason, detail, offset?, excerpt?} [rejects]
  -c, --concurrency N     worker threads (default: number of cores, here ${availableParallelism()}); output does not depend on it [concurrency]
      --languages LIST    comma-separated ISO 639-3 codes the language detector may choose from
                          (default: the built-in list of ${'~'}55 major web languages) [languages]
      --max-page-bytes N  reject pages larger than N bytes (default ${DEFAULT_MAX_PAGE_BYTES}) [maxPageBytes]
      --near-dup-threshold X
                          Jaccard similarity (0..1] of word 5-gram shingles from which two articles are
                          one record (default ${DEFAULT_NEAR_DUP_THRESHOLD}) [nearDupThreshold]
      --no-near-dup       merge exact duplicates only [nearDup: false]
      --keep-duplicates   emit every record; duplicates name their survivor in duplicate_of [keepDuplicates]
      --page-timeout MS   reject a page that takes longer than MS milliseconds in one pass as
                          timeout (default ${DEFAULT_PAGE_TIMEOUT_MS}) [pageTimeout]
  -q, --quiet             no progress and no summary on stderr (progress shows on a TTY only) [quiet]
      --log-format FMT    text (default) or json: one JSON object a line on stderr — progress every second,
                          a warning per reject, done, error [logFormat]
      --config FILE       read settings from FILE (default: ${DEFAULT_CONFIG_FILE} if present; flags win)
      --print-config      print the effective configuration as JSON and exit
  -h, --help              show this help
  -v, --version           show the version
Inputs may also come from the config key "inputs" (a list of paths); paths in a config file are relative to it.

Exit codes: 0 run completed (even with rejects), 1 fatal error (unwritable output, unbalanced accounting),
2 bad usage or configuration, 130 interrupted (SIGINT), 143 terminated (SIGTERM).
Every run checks read = emitted + duplicates + rejected + skipped before it exits.`;

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
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        report: { type: 'string' },
        'report-html': { type: 'string' },
        'report-html-pages': { type: 'string' },
        rejects: { type: 'string' },
        concurrency: { type: 'string', short: 'c' },
        languages: { type: 'string' },
        'max-page-bytes': { type: 'string' },
        'near-dup-threshold': { type: 'string' },
        'no-near-dup': { type: 'boolean' },
        'keep-duplicates': { type: 'boolean' },
        'page-timeout': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'log-format': { type: 'string' },
        config: { type: 'string' },
        'print-config': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  // Numbers stay strings when they are not numbers, so that validation can quote them.
  const numeric = (value: string | undefined) => (value !== undefined && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value);
  const settings: Record<string, unknown> = {
    inputs: positionals.length ? positionals : undefined,
    out: values.out,
    report: values.report,
    reportHtml: values['report-html'],
    reportHtmlPages: numeric(values['report-html-pages']),
    rejects: values.rejects,
    concurrency: numeric(values.concurrency),
    languages: values.languages?.split(',').map((code) => code.trim()).filter(Boolean),
    maxPageBytes: numeric(values['max-page-bytes']),
    nearDupThreshold: numeric(values['near-dup-threshold']),
    nearDup: values['no-near-dup'] ? false : undefined,
    keepDuplicates: values['keep-duplicates'] || undefined,
    pageTimeout: numeric(values['page-timeout']),
    quiet: values.quiet || undefined,
    logFormat: values['log-format'],
  };
  const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  let flags: Partial<Config>;
  try {
    flags = validateSettings(given, null);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    flags,
    configFile: values.config ?? null,
    printConfig: values['print-config'],
    help: values.help,
    version: values.version,
  };
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && argv[0] === 'schema') {
    process.stdout.write(JSON.stringify(recordJsonSchema(), null, 2) + '\n');
    return EXIT.ok;
  }
  // Until the settings are read, errors are logged in the format the command line asks for.
  const asked = argv.some((arg, i) => arg === '--log-format=json' || (arg === '--log-format' && argv[i + 1] === 'json')) ? 'json' : 'text';
  let config: Config;
  let commandLine: CommandLine;
  try {
    commandLine = parseCommandLine(argv);
    if (commandLine.help || commandLine.version) return helpOrVersion(commandLine.help);
    config = effectiveConfig(readConfigFile(commandLine.configFile), commandLine.flags);
    if (!commandLine.printConfig && config.inputs.length === 0) throw new UsageError('no input given (try winnow --help)');
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
  let out: AtomicFile | null = null;
  try {
    out = config.out ? new AtomicFile(config.out) : null;
    const { report, rejects, inspection } = await runLines(
      {
        inputs: config.inputs,
        concurrency: config.concurrency,
        maxPageBytes: config.maxPageBytes,
        languages: config.languages,
        nearDuplicates: config.nearDup,
        nearDupThreshold: config.nearDupThreshold,
        keepDuplicates: config.keepDuplicates,
        pageTimeoutMs: config.pageTimeout,
        inspect: config.reportHtml ? { pages: config.reportHtmlPages } : undefined,
        onProgress: log.progress,
      },
      (line) => {
        if (out) out.write(line);
        else return writeStdout(line);
      },
    );
    out?.commit();
    if (config.rejects) writeFileAtomic(config.rejects, rejects.map((r) => JSON.stringify(r) + '\n').join(''));
    if (config.report) writeFileAtomic(config.report, JSON.stringify(report, null, 2) + '\n');
    if (config.reportHtml && inspection) writeFileAtomic(config.reportHtml, renderReportHtml({ report, rejects, inspection, inputs: config.inputs }));
    log.rejects(rejects);
    log.done(report.totals, config.out);
    return EXIT.ok;
  } catch (error) {
    out?.abort();
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

function writeStdout(line: Uint8Array): Promise<void> | void {
  if (process.stdout.write(line)) return;
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

process.exitCode = await main(process.argv.slice(2));
