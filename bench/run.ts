/**
 * npm run bench -- [--pages N] [--text DIR] [--baseline-pages N] [--rounds N] [--lean] [--keep DIR]
 *
 * Generates a synthetic crawl of N pages (bench/crawl.ts) from the sentences of the text files in DIR
 * (default: the project's fixtures), its HTML pages as heavy as real crawled pages (bench/real-weight.ts;
 * `--lean`: the earlier sessions' light pages, to compare with their tables), writes it as a text dump, HTML files, NDJSON and WARC.gz, and runs
 * the compiled `winnow` on each as a child process, printing pages/s, MB/s, CPU time a page (all threads)
 * and peak RSS. In the same run, on the same HTML pages, it times Readability.js on linkedom (one core) as
 * the baseline, and Winnow on the HTML pages with near-duplicate detection off, to show what
 * fingerprinting and clustering cost. The last lines compare the HTML row with the baseline: pages/s, and
 * the most pages/s Winnow's CPU time a page allows with every core busy all the time.
 * With `--rounds N` every row runs N times, the rows taking turns, and the table shows each row's fastest
 * round: on a machine whose speed drifts, both sides of the comparison then get its fast moments.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { syntheticCrawl, writeCrawl } from './crawl.js';

const ROOT = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '10000' },
    text: { type: 'string', default: join(ROOT, 'fixtures') },
    'baseline-pages': { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '1' },
    keep: { type: 'string' },
    lean: { type: 'boolean', default: false },
  },
});
const pages = Number(values.pages);

function sentencesIn(dir: string): string[] {
  const out: string[] = [];
  const visit = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) visit(full);
      else if (/\.(txt|devtest)$/.test(name)) {
        for (const line of readFileSync(full, 'utf8').split(/\n+|(?<=[.!?])\s+/)) {
          if (line.trim().split(/\s+/).length >= 6) out.push(line.trim());
        }
      }
    }
  };
  visit(dir);
  return out;
}

function duSize(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + duSize(join(path, name)), 0);
}

interface Row {
  name: string;
  pages: number;
  mb: number;
  seconds: number;
  /** CPU time (user + system) of all the row's threads, in seconds. */
  cpuSeconds: number;
  rssMb: number | null;
}

function runWinnow(name: string, input: string, dir: string, extra: string[] = []): Row {
  const usageFile = join(dir, `${name}.usage.json`);
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--import', join(ROOT, 'bench/usage.mjs'), join(ROOT, 'dist/pipeline/cli.js'), input, '--quiet', '--out', join(dir, `${name}.ndjson`), '--report', join(dir, `${name}.report.json`), ...extra],
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

function runReadability(htmlDir: string, limit: number): Row {
  const files: string[] = [];
  for (const site of readdirSync(htmlDir).sort()) for (const name of readdirSync(join(htmlDir, site)).sort()) files.push(join(htmlDir, site, name));
  const sample = files.filter((_, i) => i % Math.max(1, Math.floor(files.length / limit)) === 0).slice(0, limit);
  const texts = sample.map((f) => readFileSync(f, 'utf8'));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const html of texts) {
    const { document } = parseHTML(html);
    new Readability(document as never).parse();
  }
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  const mb = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / 1e6;
  return { name: 'readability.js 0.6 (linkedom, 1 core)', pages: sample.length, mb, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssMb: null };
}

const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'winnow-bench-'));
try {
  const sentences = sentencesIn(values.text);
  if (sentences.length < 50) throw new Error(`${values.text}: too few sentences (${sentences.length}) to build articles`);
  const started = performance.now();
  const shape = values.lean ? 'lean' : 'real';
  const files = await writeCrawl(dir, syntheticCrawl(pages, sentences), shape);
  console.log(
    `synthetic crawl: ${files.pages} pages (${shape === 'real' ? 'as heavy as real pages' : 'lean'}), ${Math.ceil(pages / 200)} sites, ${sentences.length} source sentences, written in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(`machine: ${availableParallelism()} cores, node ${process.version}; winnow uses every core\n`);

  const round = (): Row[] => [
    runWinnow('text dump', files.text, dir),
    runWinnow('HTML files', files.html, dir),
    runWinnow('NDJSON', files.ndjson, dir),
    runWinnow('WARC.gz', files.warc, dir),
    runWinnow('HTML files, --no-near-dup', files.html, dir, ['--no-near-dup']),
    runReadability(files.html, Number(values['baseline-pages'])),
  ];
  const rounds = Math.max(1, Number(values.rounds));
  let rows = round();
  for (let r = 1; r < rounds; r++) rows = round().map((row, i) => (row.seconds < rows[i]!.seconds ? row : rows[i]!));
  if (rounds > 1) console.log(`fastest of ${rounds} rounds per row\n`);
  const baseline = rows[5]!;

  const pagesPerSecond = (r: Row) => r.pages / r.seconds;
  const cpuPerPage = (r: Row) => (r.cpuSeconds / r.pages) * 1e6;
  console.log('| input | pages | MB | seconds | pages/s | MB/s | CPU µs a page | peak RSS |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.pages} | ${r.mb.toFixed(0)} | ${r.seconds.toFixed(1)} | ${pagesPerSecond(r).toFixed(0)} | ${(r.mb / r.seconds).toFixed(1)} | ${cpuPerPage(r).toFixed(0)} | ${r.rssMb === null ? '—' : `${r.rssMb.toFixed(0)} MB`} |`);
  }
  const html = rows[1]!;
  const noNearDup = rows[4]!;
  console.log(`\nHTML: winnow ${(pagesPerSecond(html) / pagesPerSecond(baseline)).toFixed(1)}× the pages/s of Readability.js (full pipeline: template learning, dates, language, dedup)`);
  // What the cores can give at most: Winnow's pages/s if every core spent all its time on it.
  const ceiling = availableParallelism() / (cpuPerPage(html) / 1e6) / pagesPerSecond(baseline);
  console.log(`CPU time a page: winnow ${cpuPerPage(html).toFixed(0)} µs (all threads), Readability.js ${cpuPerPage(baseline).toFixed(0)} µs; with all ${availableParallelism()} cores busy all the time, winnow would be at most ${ceiling.toFixed(1)}× Readability.js's pages/s`);
  console.log(`near-duplicate detection adds ${(((html.seconds - noNearDup.seconds) / noNearDup.seconds) * 100).toFixed(0)}% to the HTML run`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
