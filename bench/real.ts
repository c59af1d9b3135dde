/**
 * npm run bench:real -- INPUT [--baseline-pages N] [--rounds N]
 *
 * Winnow and Readability.js on real pages rather than the synthetic crawl: INPUT is a directory of HTML
 * files (walked recursively) or an NDJSON file, gzipped or not, of `{ url, html }` lines, such as
 * `../shared/datasets/dates/htmldate-dev.ndjson.gz` (800 pages of 800 sites). Winnow runs on INPUT as
 * it is (all cores, full pipeline); Readability.js on linkedom, on one core, on N of the same pages
 * (default 1000, spread over all), their HTML already in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fastestOf, htmlSample, printComparison, printTable, runReadability, runWinnow, type Row } from './measure.js';
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';

const USAGE = 'usage: npm run bench:real -- INPUT [--baseline-pages N] [--rounds N]';
const { values, positionals } = toolArgs(USAGE, {
  allowPositionals: true,
  options: { 'baseline-pages': { type: 'string', default: '1000' }, rounds: { type: 'string', default: '1' } },
});
const input = positionals[0];
if (!input) exitWithUsage(USAGE);

const dir = mkdtempSync(join(tmpdir(), 'winnow-bench-real-'));
try {
  const sample = htmlSample(input, Number(values['baseline-pages']));
  console.log(`${input}: Readability.js on ${sample.length} of its pages\n`);
  const rows = fastestOf(Math.max(1, Number(values.rounds)), () => [runWinnow('winnow', input, dir), runReadability(sample)]);
  printTable(rows);
  const [winnow, baseline] = rows as [Row, Row];
  printComparison(winnow, baseline);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
