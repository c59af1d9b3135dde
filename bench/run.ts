/**
 * npm run bench -- [--pages N] [--text DIR] [--baseline-pages N] [--rounds N] [--lean] [--keep DIR]
 *
 * Generates a synthetic crawl of N pages (bench/crawl.ts) from the sentences of the text files in DIR
 * (default: the project's fixtures), its HTML pages as heavy as real crawled pages (bench/real-weight.ts;
 * `--lean`: light pages of an article and its site's parts only), writes it as a text dump,
 * HTML files, NDJSON and WARC.gz, and runs the compiled `winnow` on each as a child process, printing
 * pages/s, MB/s, CPU time a page (all threads) and peak RSS. In the same run, on the same HTML pages, it times Readability.js on linkedom (one core) as
 * the baseline, and Winnow on the HTML pages with near-duplicate detection off, to show what
 * fingerprinting and clustering cost. The last lines compare the HTML row with the baseline: pages/s, and
 * the most pages/s Winnow's CPU time a page allows with every core busy all the time.
 * With `--rounds N` every row runs N times, the rows taking turns, and the table shows each row's fastest
 * round: on a machine whose speed drifts, both sides of the comparison then get its fast moments.
 * `--keep DIR` writes the crawl (and the rows' outputs) in DIR and leaves it there; a later run with the
 * same DIR, --pages, --text and shape times that crawl again instead of writing it anew.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawlIn } from './crawl.js';
import { fastestOf, htmlSample, printComparison, printTable, ROOT, runReadability, runWinnow, type Row } from './measure.js';
import { toolArgs } from '../scripts/tool-args.js';

const USAGE = 'usage: npm run bench -- [--pages N] [--text DIR] [--baseline-pages N] [--rounds N] [--lean] [--keep DIR]';
const { values } = toolArgs(USAGE, {
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

const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'winnow-bench-'));
try {
  const sentences = sentencesIn(values.text);
  if (sentences.length < 50) throw new Error(`${values.text}: too few sentences (${sentences.length}) to build articles`);
  const started = performance.now();
  const shape = values.lean ? 'lean' : 'real';
  const files = await crawlIn(dir, pages, sentences, shape);
  const made = files.reused ? `kept from an earlier run in ${dir}` : `written in ${((performance.now() - started) / 1000).toFixed(0)} s`;
  console.log(
    `synthetic crawl: ${files.pages} pages (${shape === 'real' ? 'as heavy as real pages' : 'lean'}), ${Math.ceil(pages / 200)} sites, ${sentences.length} source sentences, ${made}`,
  );
  console.log(`machine: ${availableParallelism()} cores, node ${process.version}; winnow uses every core\n`);

  // Read once: the rounds time Readability.js on the same pages, already in memory.
  const baselinePages = htmlSample(files.html, Number(values['baseline-pages']));
  const rows = fastestOf(Math.max(1, Number(values.rounds)), () => [
    runWinnow('text dump', files.text, dir),
    runWinnow('HTML files', files.html, dir),
    runWinnow('NDJSON', files.ndjson, dir),
    runWinnow('WARC.gz', files.warc, dir),
    runWinnow('HTML files, --no-near-dup', files.html, dir, ['--no-near-dup']),
    runReadability(baselinePages),
  ]);
  printTable(rows);
  const [, html, , , noNearDup, baseline] = rows as [unknown, Row, unknown, unknown, Row, Row];
  printComparison(html, baseline);
  console.log(
    `near-duplicate detection adds ${(((html.seconds - noNearDup.seconds) / noNearDup.seconds) * 100).toFixed(0)}% to the HTML run`,
  );
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
