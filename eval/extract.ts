/**
 * npm run eval -- --dataset PATH [--verbose] [--single]
 *
 * Token-level precision/recall/F1 of Winnow's extraction (title + text) against gold text, macro-averaged
 * over pages, and in the same run on the same pages the same figures and pages/second for
 * Readability.js on linkedom. `--single` also runs Winnow on every page alone (no siblings to learn from).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { run } from '../pipeline/run.js';
import type { ArticleRecord } from '../pipeline/output/record.js';
import { loadDataset, type EvalPage } from './datasets.js';
import { mean, score, type Score } from './tokens.js';

const { values } = parseArgs({
  options: { dataset: { type: 'string' }, verbose: { type: 'boolean', default: false }, single: { type: 'boolean', default: false } },
});
if (!values.dataset) {
  console.error('usage: npm run eval -- --dataset PATH [--verbose] [--single]');
  process.exit(2);
}
const dataset = loadDataset(values.dataset);
const pages = dataset.pages;

async function winnowBatch(files: string[]): Promise<Map<string, ArticleRecord>> {
  const bySource = new Map<string, ArticleRecord>();
  // Every page is scored on its own extraction: duplicates are kept, not merged into a survivor.
  await run({ inputs: files, keepDuplicates: true }, (record) => {
    bySource.set(record.source, record);
  });
  return bySource;
}

const extractedText = (record: ArticleRecord | undefined) => (record ? `${record.title ?? ''}\n${record.text}` : '');

interface System {
  name: string;
  scores: Score[];
  seconds: number;
}

const systems: System[] = [];

let started = performance.now();
const batch = await winnowBatch(pages.map((p) => p.file));
systems.push({
  name: 'winnow (batch)',
  scores: pages.map((p) => score(extractedText(batch.get(p.file)), p.gold)),
  seconds: (performance.now() - started) / 1000,
});

if (values.single) {
  started = performance.now();
  const scores: Score[] = [];
  for (const page of pages) scores.push(score(extractedText((await winnowBatch([page.file])).get(page.file)), page.gold));
  systems.push({ name: 'winnow (each page alone)', scores, seconds: (performance.now() - started) / 1000 });
}

started = performance.now();
const readabilityScores = pages.map((page) => score(readabilityText(page), page.gold));
systems.push({ name: 'readability.js 0.6 (linkedom)', scores: readabilityScores, seconds: (performance.now() - started) / 1000 });

function readabilityText(page: EvalPage): string {
  try {
    const { document } = parseHTML(readFileSync(page.file, 'utf8'));
    const article = new Readability(document as never).parse();
    return article ? `${article.title ?? ''}\n${article.textContent ?? ''}` : '';
  } catch {
    return '';
  }
}

const pct = (x: number) => x.toFixed(3);
console.log(`\n${values.dataset} (${dataset.kind}, ${pages.length} pages)\n`);
console.log('| system | precision | recall | F1 | pages/s |');
console.log('|---|---|---|---|---|');
for (const s of systems) {
  const m = mean(s.scores);
  console.log(`| ${s.name} | ${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f1)} | ${(pages.length / s.seconds).toFixed(1)} |`);
}

const sites = [...new Set(pages.map((p) => p.site))];
if (sites.length < pages.length) {
  console.log(
    `\nF1 per site\n\n| site | pages | ${systems.map((s) => s.name).join(' | ')} |\n|---|---|${systems.map(() => '---|').join('')}`,
  );
  for (const site of sites) {
    const idx = pages.flatMap((p, i) => (p.site === site ? [i] : []));
    console.log(`| ${site} | ${idx.length} | ${systems.map((s) => pct(mean(idx.map((i) => s.scores[i]!)).f1)).join(' | ')} |`);
  }
}

if (values.verbose) {
  const winnow = systems[0]!;
  const worst = pages
    .map((p, i) => ({ p, s: winnow.scores[i]!, r: readabilityScores[i]! }))
    .sort((a, b) => a.s.f1 - b.s.f1)
    .slice(0, 15);
  console.log('\nWorst pages for winnow (batch)\n\n| page | P | R | F1 | readability F1 |\n|---|---|---|---|---|');
  for (const { p, s, r } of worst) console.log(`| ${p.name} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${pct(r.f1)} |`);
}
