#!/usr/bin/env node
/**
 * The `winnow` command: a thin layer over `run`.
 * Exit codes: 0 the run completed (rejects included), 1 a fatal error, 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { AtomicFile, writeFileAtomic } from './atomic.js';
import { DEFAULT_MAX_PAGE_BYTES } from './inputs.js';
import { DEFAULT_PAGE_TIMEOUT_MS, run } from './run.js';
import { recordJsonSchema } from './record.js';
import { ttyProgress } from './progress.js';
import { runCleanups } from './cleanup.js';
import { DEFAULT_NEAR_DUP_THRESHOLD } from '../stages/dedup.js';

const HELP = `Usage: winnow INPUT... [options]
       winnow schema        print the JSON Schema of the record

Turns crawled pages into clean, deduplicated article records (NDJSON, one per line).

Inputs: files, directories (read recursively, in name order; hidden entries skipped) and - for standard
input. The format is told from the content, gzipped or not: WARC (response records; FILE#N), NDJSON/JSONL
(one {url, html|text|content, ...} object a line; FILE#N), or a single page (HTML or plain text).
A page's site is its URL host when known, else the directory it sits in.

Options:
  -o, --out FILE          write records to FILE (atomically) instead of stdout
      --report FILE       write the run report (JSON): totals, rejects by reason, per-stage and per-site counts
      --rejects FILE      write one NDJSON line per rejected input: {source, reason, detail, offset?, excerpt?}
  -c, --concurrency N     worker threads (default: number of cores, here ${availableParallelism()}); output does not depend on it
      --languages LIST    comma-separated ISO 639-3 codes the language detector may choose from
                          (default: the built-in list of ${'~'}55 major web languages)
      --max-page-bytes N  reject pages larger than N bytes (default ${DEFAULT_MAX_PAGE_BYTES})
      --near-dup-threshold X
                          Jaccard similarity (0..1] of word 5-gram shingles from which two articles are
                          one record (default ${DEFAULT_NEAR_DUP_THRESHOLD})
      --no-near-dup       merge exact duplicates only
      --keep-duplicates   emit every record; duplicates name their survivor in duplicate_of
      --page-timeout MS   reject a page that takes longer than MS milliseconds in one pass as
                          timeout (default ${DEFAULT_PAGE_TIMEOUT_MS})
  -q, --quiet             no progress line and no summary on stderr (progress shows on a TTY only)
  -h, --help              show this help
  -v, --version           show the version

Exit codes: 0 run completed (even with rejects), 1 fatal error, 2 bad usage.
Every run checks read = emitted + duplicates + rejected + skipped before it exits.`;

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      report: { type: 'string' },
      rejects: { type: 'string' },
      concurrency: { type: 'string', short: 'c' },
      languages: { type: 'string' },
      'max-page-bytes': { type: 'string' },
      'near-dup-threshold': { type: 'string' },
      'no-near-dup': { type: 'boolean', default: false },
      'keep-duplicates': { type: 'boolean', default: false },
      'page-timeout': { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  const positiveInt = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} needs a positive whole number, got "${value}"`);
    return n;
  };
  const languages = values.languages?.split(',').map((code) => code.trim()).filter(Boolean);
  if (languages?.some((code) => !/^[a-z]{3}$/.test(code))) throw new UsageError(`--languages takes ISO 639-3 codes such as eng,rus,deu`);
  const threshold = values['near-dup-threshold'] === undefined ? undefined : Number(values['near-dup-threshold']);
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1)) {
    throw new UsageError(`--near-dup-threshold needs a number in (0, 1], got "${values['near-dup-threshold']}"`);
  }
  return {
    ...values,
    nearDupThreshold: threshold,
    inputs: positionals,
    concurrency: positiveInt('concurrency', values.concurrency),
    maxPageBytes: positiveInt('max-page-bytes', values['max-page-bytes']),
    pageTimeoutMs: positiveInt('page-timeout', values['page-timeout']),
    languages,
  };
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && argv[0] === 'schema') {
    process.stdout.write(JSON.stringify(recordJsonSchema(), null, 2) + '\n');
    return 0;
  }
  let args;
  try {
    args = parseCommandLine(argv);
    if (!args.help && !args.version && args.inputs.length === 0) throw new UsageError('no input given (try winnow --help)');
  } catch (error) {
    process.stderr.write(`winnow: ${(error as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (args.version) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(pkg.version + '\n');
    return 0;
  }

  let out: AtomicFile | null = null;
  const progress = !args.quiet && process.stderr.isTTY ? ttyProgress(process.stderr) : null;
  try {
    out = args.out ? new AtomicFile(args.out) : null;
    const { report, rejects } = await run(
      {
        inputs: args.inputs,
        concurrency: args.concurrency,
        maxPageBytes: args.maxPageBytes,
        languages: args.languages,
        nearDuplicates: !args['no-near-dup'],
        nearDupThreshold: args.nearDupThreshold,
        keepDuplicates: args['keep-duplicates'],
        pageTimeoutMs: args.pageTimeoutMs,
        onProgress: progress?.update,
      },
      (record) => {
        const line = JSON.stringify(record) + '\n';
        if (out) out.write(line);
        else return writeStdout(line);
      },
    );
    progress?.clear();
    out?.commit();
    if (args.rejects) writeFileAtomic(args.rejects, rejects.map((r) => JSON.stringify(r) + '\n').join(''));
    if (args.report) writeFileAtomic(args.report, JSON.stringify(report, null, 2) + '\n');
    if (!args.quiet) {
      const t = report.totals;
      process.stderr.write(
        `winnow: read ${t.read}, emitted ${t.emitted}, duplicates ${t.duplicates}, rejected ${t.rejected}, skipped ${t.skipped}` +
          (args.out ? ` -> ${args.out}` : '') +
          '\n',
      );
    }
    return 0;
  } catch (error) {
    progress?.clear();
    out?.abort();
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    process.stderr.write(`winnow: ${(error as Error).message ?? error}\n`);
    return 1;
  }
}

// `winnow … | head`: the reader is gone; stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  runCleanups();
  process.exit(0);
});

function writeStdout(line: string): Promise<void> | void {
  if (process.stdout.write(line)) return;
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

process.exitCode = await main(process.argv.slice(2));
