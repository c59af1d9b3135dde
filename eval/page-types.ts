/**
 * npm run eval:page-types -- --dataset WCXB.ndjson.gz [--folds K]
 *
 * Word F1 of Winnow's extraction with every page typed by a page-type model that never saw its site. The
 * shipped model (stages/page-type-model.json) is trained on the WCXB dev split, so `npm run eval` on that
 * split types each page with a model that learned it: the figure is in-sample for the typing. Here the
 * pages are cut into the training script's K folds (by registrable domain, the same fixed seed); for each
 * fold a model is trained on the other folds, put into a copy of the compiled package in place of the
 * shipped one, and that copy runs on the fold's pages as one batch. The shipped package runs on the same
 * batches, so the two columns differ by the model only. Scored as `npm run eval` scores (score.py's metric).
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleRecord } from '../pipeline/output/record.js';
import { readExamples } from '../scripts/page-type-examples.js';
import { foldsBySite, train } from '../scripts/page-type-training.js';
import { loadDataset, ndjsonTextLines, type EvalPage } from './datasets.js';
import { packageWithModel } from './model-package.js';
import { predictionsOf, scoreDataset } from './score.js';
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'usage: npm run eval:page-types -- --dataset WCXB.ndjson.gz [--folds K]';
const { values } = toolArgs(USAGE, { options: { dataset: { type: 'string' }, folds: { type: 'string', default: '5' } } });
const k = Number(values.folds);
if (!values.dataset) exitWithUsage(USAGE);
if (!(Number.isInteger(k) && k >= 2)) exitWithUsage(USAGE, `--folds: expected a whole number of at least 2, not ${values.folds}`);

const work = mkdtempSync(join(tmpdir(), 'winnow-eval-page-types-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const started = performance.now();
const { examples } = await readExamples(values.dataset);
// Three examples a page in line order; a page's fold is its examples' (they share a site).
const folds = foldsBySite(examples, k);
const foldOfLine = examples.flatMap((e, i) => (e.copy === 'given' ? [folds[i]!] : []));
console.log(`${foldOfLine.length} pages prepared in ${((performance.now() - started) / 1000).toFixed(1)} s`);

/** The dataset's non-blank lines, fold by fold, in one NDJSON file a fold (written as read: the set is never held). */
const foldFiles = Array.from({ length: k }, (_, f) => join(work, `fold-${f}.ndjson`));
{
  const outputs = foldFiles.map((file) => createWriteStream(file));
  let line = 0;
  for await (const text of ndjsonTextLines(values.dataset)) {
    const output = outputs[foldOfLine[line++]!]!;
    if (!output.write(`${text}\n`)) await once(output, 'drain');
  }
  await Promise.all(outputs.map((output) => new Promise((resolve) => output.end(resolve))));
}

/** The records the package in `dir` gives on one fold's pages, as a batch. */
async function recordsOf(dir: string, file: string): Promise<ArticleRecord[]> {
  const { run } = (await import(join(dir, 'dist/pipeline/run.js'))) as typeof import('../pipeline/run.js');
  const records: ArticleRecord[] = [];
  await run({ inputs: [file] }, (record) => {
    records.push(record);
  });
  return records;
}

/** Every page with its gold, gathered from the folds (the set is not read a third time). */
const pages: EvalPage[] = [];
const shipped = new Map<string, string>();
const outOfFold = new Map<string, string>();
for (let f = 0; f < k; f++) {
  const foldData = await loadDataset(foldFiles[f]!);
  pages.push(...foldData.pages);
  const model = train(examples.filter((_, i) => folds[i] !== f));
  const copy = await packageWithModel(model, ROOT, join(work, `package-${f}`));
  for (const [id, text] of predictionsOf(await recordsOf(copy, foldFiles[f]!), foldData)) outOfFold.set(id, text);
  rmSync(copy, { recursive: true, force: true });
  for (const [id, text] of predictionsOf(await recordsOf(ROOT, foldFiles[f]!), foldData)) shipped.set(id, text);
  console.log(`fold ${f + 1} of ${k}: ${foldData.pages.length} pages`);
}

const [inSample, heldOut] = [shipped, outOfFold].map((predictions) => scoreDataset(pages, predictions));
const fixed = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(4));
console.log(`\n${values.dataset}: word F1, each page typed by the shipped model or by its fold's (${k} folds by registrable domain)\n`);
console.log('| page type | pages | shipped model (saw every page) | model of the fold that did not see the page |');
console.log('|---|---|---|---|');
console.log(`| all | ${inSample!.pages} | ${fixed(inSample!.wordF1)} | ${fixed(heldOut!.wordF1)} |`);
inSample!.byType.forEach((type, t) =>
  console.log(`| ${type.pageType} | ${type.pages} | ${fixed(type.f1)} | ${fixed(heldOut!.byType[t]!.f1)} |`),
);
console.log(`\npages without output: ${inSample!.pages - inSample!.predicted} / ${heldOut!.pages - heldOut!.predicted}`);
