/**
 * npm run eval:dates -- --dataset PATH.ndjson[.gz]
 *
 * Publication dates against gold, per page: the exact `YYYY-MM-DD` is a true positive, a wrong date a false
 * positive, no date a false negative (a date where the gold has none is a false positive too). Each page
 * goes through Winnow's stages on its own (decode, blocks, boilerplate, segment, dates). Input: NDJSON
 * objects with `url`, `html` and the gold date, `YYYY-MM-DD…` or null: `expected_date` in the htmldate
 * evaluation set's layout, `published` in WCXB's.
 */
import { InputSet } from '../pipeline/input/inputs.js';
import { cleanPage, preparePage } from '../pipeline/page.js';
import { UNLEARNED } from '../stages/extract.js';
import { pageDates } from '../stages/page-dates.js';
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';

const USAGE = 'usage: npm run eval:dates -- --dataset PATH.ndjson[.gz] [--verbose]';
const { values } = toolArgs(USAGE, { options: { dataset: { type: 'string' }, verbose: { type: 'boolean', default: false } } });
if (!values.dataset) exitWithUsage(USAGE);
let tp = 0;
let fp = 0;
let fn = 0;
let tn = 0;
let pages = 0;
const sources = new Map<string, number>();
const wrong: string[] = [];
const missed: string[] = [];
const inputs = new InputSet([values.dataset], { maxPageBytes: 64 << 20 });
let seconds = 0;
for await (const item of inputs.read()) {
  if (!('page' in item)) continue;
  const expected = goldDate(item.page.meta ?? null);
  if (expected === undefined) throw new Error(`${item.page.source}: no gold date field (expected_date or published)`);
  const started = performance.now();
  let published: string | null = null;
  let from: string | null = null;
  const prepared = preparePage(item.page);
  if ('page' in prepared) {
    const cleaned = cleanPage(prepared.page, UNLEARNED);
    if ('article' in cleaned) ({ published, publishedFrom: from } = cleaned.article);
    else {
      // No article body (a listing, a gallery): the page's own statements still date it, and its bylines unless it
      // is a product, a service or a collection.
      const dates = pageDates(prepared.page, null);
      ({ published, publishedFrom: from } = dates);
    }
  }
  seconds += (performance.now() - started) / 1000;
  pages++;
  const day = published?.slice(0, 10) ?? null;
  if (day && expected && day === expected) tp++;
  else if (day) {
    fp++;
    wrong.push(`${item.page.url} expected ${expected} got ${day} from ${from}`);
  } else if (expected) {
    fn++;
    missed.push(`${item.page.url} expected ${expected}`);
  } else tn++;
  if (from) sources.set(from, (sources.get(from) ?? 0) + 1);
}
inputs.dispose();
const precision = tp / (tp + fp);
const recall = tp / (tp + fn);
console.log(`\n${values.dataset}: ${pages} pages\n`);
console.log('| precision | recall | F1 | pages/s |\n|---|---|---|---|');
console.log(
  `| ${precision.toFixed(3)} | ${recall.toFixed(3)} | ${((2 * precision * recall) / (precision + recall)).toFixed(3)} | ${(pages / seconds).toFixed(0)} |`,
);
console.log(`\ntrue positives ${tp}, false positives ${fp}, false negatives ${fn}, no date expected and none given ${tn}`);
console.log(
  `published_from: ${[...sources]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
if (values.verbose) console.log(`\nwrong dates:\n${wrong.join('\n')}\n\nno date:\n${missed.join('\n')}`);

/** The page's gold publication day: null where the set says it has none, undefined where the line has no gold field. */
function goldDate(meta: Readonly<Record<string, unknown>> | null): string | null | undefined {
  const field = meta && ['expected_date', 'published'].find((name) => name in meta);
  if (!field) return undefined;
  const value = meta[field];
  return typeof value === 'string' && value ? value.slice(0, 10) : null;
}
