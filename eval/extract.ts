/**
 * npm run eval -- --dataset PATH [--page-types LIST] [--pages OUT.tsv] [--verbose] [--single] [--bare] [--as-files] [--against-readability]
 *
 * Scores Winnow's extraction as the reference scorer `score.py` does (eval/tokens.ts): word F1 overall
 * and per labelled page type, snippets P/R/F1, pages without output; and in the same run, on the same
 * pages, Readability.js 0.6 on linkedom (its `textContent`). Winnow runs as a user runs it: the compiled
 * package (dist/; the npm script builds it) on the whole dataset as one batch — the NDJSON file, or the
 * page files — with its defaults, so that a merged duplicate predicts its page with the survivor's text.
 * Only the text is scored, not the title. `--page-types LIST` runs Winnow with that option, as a user who
 * wants those types only would (CleanEval's gold, for one, holds articles only: a section front has none).
 * `--pages` writes score.py's per-page file for Winnow;
 * `--verbose` lists Winnow's worst pages; `--single` also runs Winnow on every page alone. `--bare` runs both systems on
 * the pages stripped of class, id, role, microdata, HTML5 sectioning tags and metadata (eval/bare.ts): pages as old
 * sites wrote them. `--as-files` gives both systems an NDJSON set's pages as one HTML file a page, with no URL (each
 * page's own canonical link still names it): a folder of saved pages, as a user's dump may be (eval/as-files.ts);
 * with `--bare`, the bare pages. `--against-readability` compares each record with Readability.js's text, on any set (htmldate's
 * pages have no gold text): how much of each the other holds, and the pages where they disagree most.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ArticleRecord } from '../pipeline/output/record.js';
import type { RunReport } from '../pipeline/report/report.js';
import { PAGE_TYPES, type PageType } from '../stages/page-type.js';
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';
import { asFilesDataset } from './as-files.js';
import { bareDataset } from './bare.js';
import { loadDataset, type EvalDataset } from './datasets.js';
import { agreements, pagesTsv, predictionsOf, scoreDataset, type Agreement, type DatasetScore, type Predictions } from './score.js';
import { countSnippets, mean, noSnippets, snippetScore } from './tokens.js';

const { run } = (await import(new URL('../dist/pipeline/run.js', import.meta.url).href)) as typeof import('../pipeline/run.js');

const USAGE =
  'usage: npm run eval -- --dataset PATH [--page-types LIST] [--pages OUT.tsv] [--verbose] [--single] [--bare] [--as-files] [--against-readability]';
const { values } = toolArgs(USAGE, {
  options: {
    dataset: { type: 'string' },
    'page-types': { type: 'string' },
    pages: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    single: { type: 'boolean', default: false },
    bare: { type: 'boolean', default: false },
    'as-files': { type: 'boolean', default: false },
    'against-readability': { type: 'boolean', default: false },
  },
});
if (!values.dataset) exitWithUsage(USAGE);
const pageTypes = values['page-types']?.split(',').map((t) => t.trim()) ?? null;
if (pageTypes?.some((t) => !(PAGE_TYPES as readonly string[]).includes(t))) {
  exitWithUsage(USAGE, `--page-types: expected a list of ${PAGE_TYPES.join(', ')}`);
}
const written = values.bare || values['as-files'] ? mkdtempSync(join(tmpdir(), 'winnow-eval-')) : null;
process.on('exit', () => written && rmSync(written, { recursive: true, force: true }));
const loaded = await loadDataset(values.dataset);
const bared = written && values.bare ? await bareDataset(loaded, join(written, 'bare')) : loaded;
const dataset = written && values['as-files'] ? await asFilesDataset(bared, join(written, 'files')) : bared;

interface SystemRun {
  readonly name: string;
  readonly predictions: Predictions;
  readonly seconds: number;
}

async function timed<T extends { predictions: Predictions }>(name: string, predict: () => Promise<T>): Promise<SystemRun & T> {
  const started = performance.now();
  const result = await predict();
  return { name, ...result, seconds: (performance.now() - started) / 1000 };
}

/** What Winnow said of the pages' types: the report's count of every page cleaned, and each record's own page's type. */
interface PageTypes {
  readonly counts: RunReport['page_types'];
  readonly ofPage: ReadonlyMap<string, PageType>;
}

/** Winnow on the whole dataset at once, as the CLI runs on the same inputs. */
async function winnowBatch(data: EvalDataset): Promise<{ predictions: Predictions; pageTypes: PageTypes }> {
  const records: ArticleRecord[] = [];
  const { report } = await run({ inputs: data.inputs, pageTypes: pageTypes as PageType[] | null }, (record) => {
    records.push(record);
  });
  // A record's own page (not its duplicates, whose pages may be of another type); text pages have no type.
  const ofPage = new Map(
    records.flatMap(({ page_type: type, ...r }) => (type ? data.pagesOf({ ...r, duplicates: [] }).map((id) => [id, type] as const) : [])),
  );
  return { predictions: predictionsOf(records, data), pageTypes: { counts: report.page_types, ofPage } };
}

/** Winnow on every page alone: nothing to learn from siblings. */
async function winnowEachPage(data: EvalDataset): Promise<{ predictions: Predictions }> {
  const predictions = new Map<string, string>();
  for await (const { page, url, html } of data.htmlPages()) {
    await run({ inputs: [{ url, html, source: page.id }], concurrency: 1, pageTypes: pageTypes as PageType[] | null }, (record) => {
      predictions.set(page.id, record.text);
    });
  }
  return { predictions };
}

/** Readability.js's `textContent` of every page it finds an article in (paragraphs glued, as the DOM gives them). */
async function readability(data: EvalDataset): Promise<{ predictions: Predictions }> {
  const predictions = new Map<string, string>();
  for await (const { page, html } of data.htmlPages()) {
    try {
      const { document } = parseHTML(html);
      const article = new Readability(document as never).parse();
      if (article) predictions.set(page.id, article.textContent ?? '');
    } catch {
      // a page Readability.js fails on has no output
    }
  }
  return { predictions };
}

const batch = await timed('winnow (one batch)', () => winnowBatch(dataset));
const systems: SystemRun[] = [batch];
if (values.single) systems.push(await timed('winnow (each page alone)', () => winnowEachPage(dataset)));
systems.push(await timed('readability.js 0.6 (linkedom, textContent)', () => readability(dataset)));
const scores = systems.map((s) => scoreDataset(dataset.pages, s.predictions));
const winnow = scores[0]!;

const fixed = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
const pageCount = dataset.pages.length;
console.log(
  `\n${values.dataset} (${dataset.kind}, ${pageCount} pages${values.bare ? ', bare markup' : ''}${values['as-files'] && dataset !== bared ? ', as files without URLs' : ''}${pageTypes ? `; Winnow keeps ${pageTypes.join(', ')} pages only` : ''})\n`,
);
console.log('| system | word F1 | snippets P | snippets R | snippets F1 | pages without output | pages/s |');
console.log('|---|---|---|---|---|---|---|');
systems.forEach((system, i) => {
  const s = scores[i]!;
  console.log(
    `| ${system.name} | ${fixed(s.wordF1)} | ${fixed(s.snippets?.precision)} | ${fixed(s.snippets?.recall)} | ${fixed(s.snippets?.f1)} | ${s.pages - s.predicted} | ${(pageCount / system.seconds).toFixed(1)} |`,
  );
});

if (winnow.byType.length > 1) {
  console.log(`\nWord F1 by page type\n\n| page type | pages | ${systems.map((s) => s.name).join(' | ')} |`);
  console.log(`|---|---|${systems.map(() => '---|').join('')}`);
  winnow.byType.forEach((type, t) =>
    console.log(`| ${type.pageType} | ${type.pages} | ${scores.map((s) => fixed(s.byType[t]!.f1)).join(' | ')} |`),
  );
}

/** Sites listed one by one at most: a few portals, not a thousand domains. */
const MAX_SITE_ROWS = 20;
const sites = [...new Set(dataset.pages.map((p) => p.site))];
if (winnow.wordF1 !== null && sites.length > 1 && sites.length <= MAX_SITE_ROWS) {
  console.log(`\nWord F1 per site\n\n| site | pages | ${systems.map((s) => s.name).join(' | ')} |`);
  console.log(`|---|---|${systems.map(() => '---|').join('')}`);
  for (const site of sites) {
    const pages = dataset.pages.filter((p) => p.site === site);
    console.log(`| ${site} | ${pages.length} | ${systems.map((s) => fixed(scoreDataset(pages, s.predictions).wordF1)).join(' | ')} |`);
  }
}

printPageTypes(batch.pageTypes);
if (values.pages) writeFileSync(values.pages, pagesTsv(winnow.perPage));

/** Winnow's page types: how many pages of each, and where the set labels its pages, how many records agree. */
function printPageTypes({ counts, ofPage }: PageTypes): void {
  const classified = Object.values(counts).reduce((a, b) => a + b, 0);
  const shares = (Object.entries(counts) as [PageType, number][]).sort(([, a], [, b]) => b - a);
  console.log(`\nPage types (every page Winnow cleaned: ${classified})\n`);
  console.log(shares.map(([type, n]) => `${type} ${n} (${((100 * n) / classified).toFixed(1)}%)`).join(', '));
  const labelled = dataset.pages.filter((p) => p.pageType !== null && ofPage.has(p.id));
  if (labelled.length === 0) return;
  const agree = labelled.filter((p) => ofPage.get(p.id) === p.pageType).length;
  console.log(
    `records whose page_type is their page's label: ${agree} of ${labelled.length} (${(agree / labelled.length).toFixed(3)}; on the set the model was trained on, this is not a measure of it: see scripts/train-page-type.ts)`,
  );
}
if (values.verbose) printWorst(winnow, systems);

/** Words Readability.js's text must have for the page to be compared: under it, it found no article either. */
const AGAINST_MIN_WORDS = 150;
/** A share under this is a disagreement: one of the two lost or added a part of the page. */
const AGAINST_LOW_SHARE = 0.6;
/** Pages listed each way. */
const AGAINST_ROWS = 15;
if (values['against-readability']) printAgreements(batch, systems[systems.length - 1]!);

/** Winnow's records against Readability.js's text, both ways: the means, and the pages where each holds least of the other. */
function printAgreements(winnowRun: SystemRun & { readonly pageTypes: PageTypes }, readabilityRun: SystemRun): void {
  const rows = agreements(dataset.pages, winnowRun.predictions, readabilityRun.predictions, AGAINST_MIN_WORDS);
  if (rows.length === 0) return;
  const share = (pick: (a: Agreement) => number) =>
    `mean ${mean(rows.map(pick)).toFixed(3)}, under ${AGAINST_LOW_SHARE} on ${rows.filter((a) => pick(a) < AGAINST_LOW_SHARE).length} pages`;
  console.log(`\n${winnowRun.name} against ${readabilityRun.name}: ${rows.length} pages where it has ${AGAINST_MIN_WORDS} words or more\n`);
  console.log(`- Readability.js's words in Winnow's record: ${share((a) => a.otherInOwn)}`);
  console.log(`- Winnow's words in Readability.js's text: ${share((a) => a.ownInOther)}`);
  const list = (title: string, pick: (a: Agreement) => number) => {
    console.log(`\n${title}\n\n| page | Winnow's type | Readability.js words | Winnow words | theirs in Winnow's | Winnow's in theirs |`);
    console.log('|---|---|---|---|---|---|');
    for (const a of [...rows].sort((x, y) => pick(x) - pick(y)).slice(0, AGAINST_ROWS))
      console.log(
        `| ${a.page.id} | ${winnowRun.pageTypes.ofPage.get(a.page.id) ?? ''} | ${a.otherWords} | ${a.ownWords} | ${fixed(a.otherInOwn)} | ${fixed(a.ownInOther)} |`,
      );
  };
  list("Where Winnow's record holds least of Readability.js's text (lost text, or Readability.js's extras)", (a) => a.otherInOwn);
  list("Where Readability.js's text holds least of Winnow's record (kept boilerplate, or Readability.js's losses)", (a) => a.ownInOther);
}

/** Winnow's 15 worst pages: by word F1 where there is gold text, else by snippets missed or leaked. */
function printWorst(score: DatasetScore, runs: readonly SystemRun[]): void {
  const readabilityRun = runs[runs.length - 1]!;
  if (score.perPage.length) {
    const other = new Map(scoreDataset(dataset.pages, readabilityRun.predictions).perPage.map((s) => [s.page.id, s.word.f1]));
    console.log(
      `\nWorst pages for ${runs[0]!.name}\n\n| page | type | P | R | F1 | ${readabilityRun.name} F1 |\n|---|---|---|---|---|---|`,
    );
    for (const s of [...score.perPage].sort((a, b) => a.word.f1 - b.word.f1).slice(0, 15))
      console.log(
        `| ${s.page.id} | ${s.page.pageType ?? ''} | ${fixed(s.word.precision)} | ${fixed(s.word.recall)} | ${fixed(s.word.f1)} | ${fixed(other.get(s.page.id))} |`,
      );
    return;
  }
  const predictions = runs[0]!.predictions;
  const errors = dataset.pages.map((page) => {
    const counts = noSnippets();
    countSnippets(counts, predictions.get(page.id) ?? '', page.with, page.without);
    return { page, counts, f1: snippetScore(counts)?.f1 ?? 1 };
  });
  console.log(`\nWorst pages for ${runs[0]!.name} (snippets)\n\n| page | output | with missed | without found |\n|---|---|---|---|`);
  for (const { page, counts } of errors.sort((a, b) => a.f1 - b.f1).slice(0, 15))
    console.log(`| ${page.id} | ${predictions.has(page.id) ? 'yes' : 'no'} | ${counts.falseNegatives} | ${counts.falsePositives} |`);
}
