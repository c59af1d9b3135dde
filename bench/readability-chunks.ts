/**
 * npx tsx bench/readability-chunks.ts INPUT [--pages N] [--chunk N]
 *
 * Readability.js's speed over a long run, a chunk at a time: N pages of INPUT (a directory of HTML files
 * or an NDJSON file of `{ url, html }` lines; default 3000, spread over all, as the bench takes them) on
 * linkedom in one process, printing each chunk's pages/s, CPU time over wall time (above 1: V8's helper
 * threads) and the heap after it. Its pages/s in `npm run bench` is the mean over such chunks, and they
 * differ several times over as its heap fills and is collected: this shows how much.
 */
import { htmlSample, runReadability } from './measure.js';
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';

const USAGE = 'usage: npx tsx bench/readability-chunks.ts INPUT [--pages N] [--chunk N]';
const { values, positionals } = toolArgs(USAGE, {
  allowPositionals: true,
  options: { pages: { type: 'string', default: '3000' }, chunk: { type: 'string', default: '250' } },
});
const input = positionals[0];
if (!input) exitWithUsage(USAGE);
const pages = htmlSample(input, Number(values.pages));
const chunk = Number(values.chunk);
console.log('| pages | pages/s | CPU ÷ wall | heap after |');
console.log('|---|---|---|---|');
for (let start = 0; start < pages.length; start += chunk) {
  const row = runReadability(pages.slice(start, start + chunk));
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  console.log(
    `| ${start}–${start + row.pages} | ${(row.pages / row.seconds).toFixed(0)} | ${(row.cpuSeconds / row.seconds).toFixed(1)} | ${heapMb.toFixed(0)} MB |`,
  );
}
