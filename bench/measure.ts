/**
 * What the benchmarks measure and how they print it: the compiled `winnow` as a child process (wall time,
 * CPU time of all its threads, peak RSS), Readability.js on linkedom in this process (one core), and the
 * table comparing them.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export const ROOT = new URL('..', import.meta.url).pathname;

export interface Row {
  name: string;
  pages: number;
  mb: number;
  seconds: number;
  /** CPU time (user + system) of all the row's threads, in seconds. */
  cpuSeconds: number;
  rssMb: number | null;
}

function duSize(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + duSize(join(path, name)), 0);
}

/**
 * Runs `winnow INPUT` (outputs under `dir`, named after the row); pages are those read, skips excluded. `cli`: the
 * compiled command to run, this checkout's unless another build's is given.
 */
export function runWinnow(
  name: string,
  input: string,
  dir: string,
  extra: string[] = [],
  cli = join(ROOT, 'dist/pipeline/cli/cli.js'),
): Row {
  const usageFile = join(dir, `${name}.usage.json`);
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      join(ROOT, 'bench/usage.mjs'),
      cli,
      input,
      '--quiet',
      '--out',
      join(dir, `${name}.ndjson`),
      '--report',
      join(dir, `${name}.report.json`),
      ...extra,
    ],
    { env: { ...process.env, WINNOW_USAGE_FILE: usageFile }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`winnow failed on ${name} (exit ${child.status})`);
  const report = JSON.parse(readFileSync(join(dir, `${name}.report.json`), 'utf8')) as { totals: { read: number; skipped: number } };
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuMicros: number };
  return {
    name,
    pages: report.totals.read - report.totals.skipped,
    mb: duSize(input) / 1e6,
    seconds,
    cpuSeconds: usage.cpuMicros / 1e6,
    rssMb: usage.maxRssKb / 1024,
  };
}

/** At most `limit` of `items`, taken at an even step from the first, so that they spread over all of them. */
export function spread<T>(items: readonly T[], limit: number): T[] {
  return items.filter((_, i) => i % Math.max(1, Math.floor(items.length / limit)) === 0).slice(0, limit);
}

/**
 * `limit` pages' HTML, spread over the input: files of a directory in name order, or the `html` fields of
 * an NDJSON file's lines (only the chosen lines are parsed).
 */
export function htmlSample(path: string, limit: number): string[] {
  if (statSync(path).isDirectory()) {
    const names = readdirSync(path, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.html?$/i.test(name))
      .sort();
    return spread(names, limit).map((name) => readFileSync(join(path, name), 'utf8'));
  }
  const bytes = readFileSync(path);
  const lines = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim());
  return spread(lines, limit)
    .map((line) => (JSON.parse(line) as { html?: unknown }).html)
    .filter((html): html is string => typeof html === 'string');
}

/** Readability.js on linkedom over `pages` (HTML texts already in memory), one after another on this thread. */
export function runReadability(pages: readonly string[]): Row {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const html of pages) {
    const { document } = parseHTML(html);
    new Readability(document as never).parse();
  }
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  const mb = pages.reduce((s, t) => s + Buffer.byteLength(t), 0) / 1e6;
  return {
    name: 'readability.js 0.6 (linkedom, 1 core)',
    pages: pages.length,
    mb,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssMb: null,
  };
}

/** Each row of `round()` run `rounds` times, the rows taking turns; each row's fastest round. */
export function fastestOf(rounds: number, round: () => Row[]): Row[] {
  let rows = round();
  for (let r = 1; r < rounds; r++) rows = round().map((row, i) => (row.seconds < rows[i]!.seconds ? row : rows[i]!));
  if (rounds > 1) console.log(`fastest of ${rounds} rounds per row\n`);
  return rows;
}

const pagesPerSecond = (r: Row) => r.pages / r.seconds;
/** A row's CPU time a page, in µs. */
export const cpuPerPage = (r: Row) => (r.cpuSeconds / r.pages) * 1e6;

export function printTable(rows: readonly Row[]): void {
  console.log('| input | pages | MB | seconds | pages/s | MB/s | CPU µs a page | peak RSS |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.pages} | ${r.mb.toFixed(0)} | ${r.seconds.toFixed(1)} | ${pagesPerSecond(r).toFixed(0)} | ${(r.mb / r.seconds).toFixed(1)} | ${cpuPerPage(r).toFixed(0)} | ${r.rssMb === null ? '—' : `${r.rssMb.toFixed(0)} MB`} |`,
    );
  }
}

/** Winnow's row against Readability.js's: pages/s, and the most pages/s Winnow's CPU time a page allows with every core busy. */
export function printComparison(winnow: Row, baseline: Row): void {
  console.log(
    `\nHTML: winnow ${(pagesPerSecond(winnow) / pagesPerSecond(baseline)).toFixed(1)}× the pages/s of Readability.js (full pipeline: template learning, dates, language, dedup)`,
  );
  const ceiling = availableParallelism() / (cpuPerPage(winnow) / 1e6) / pagesPerSecond(baseline);
  console.log(
    `CPU time a page: winnow ${cpuPerPage(winnow).toFixed(0)} µs (all threads), Readability.js ${cpuPerPage(baseline).toFixed(0)} µs; with all ${availableParallelism()} cores busy all the time, winnow would be at most ${ceiling.toFixed(1)}× Readability.js's pages/s`,
  );
}
