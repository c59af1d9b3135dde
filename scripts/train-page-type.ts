/**
 * npx tsx scripts/train-page-type.ts DATASET.ndjson.gz [--folds K] [--out FILE] [--no-write]
 *
 * Trains the page-type stage's model (multinomial logistic regression on `features()`) on a labelled
 * NDJSON set (`html`, `url`, `page_type`: the WCXB dev split), measures it by K-fold cross-validation
 * (default 5; folds by registrable domain, so that no site is both trained on and tested, balanced by
 * type) and writes the model trained on every page to `stages/page-type-model.json` (or FILE; not at all
 * with --no-write). Only `html` and `url` are read as the pipeline reads a page, through the same
 * `preparePage`; the label is read for training and scoring only.
 *
 * Every page is also learned without its URL (nor the date in it): a page saved to disk without a
 * canonical link has none, and a model that never saw such a page reads the missing URL as a signal
 * (most of them came out `forum`). Deterministic: the folds come from a fixed seed and training from
 * zero weights, so every run writes the same bytes.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { prepareWithTypeInput } from '../pipeline/page.js';
import { FEATURE_NAMES, features, PAGE_TYPES, type PageType } from '../stages/page-type.js';
import { confusionOf, crossValidate, domainOf, train, type Example } from './page-type-training.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    folds: { type: 'string', default: '5' },
    out: { type: 'string', default: 'stages/page-type-model.json' },
    'no-write': { type: 'boolean', default: false },
  },
});
if (positionals.length !== 1) {
  console.error('usage: npx tsx scripts/train-page-type.ts DATASET.ndjson.gz [--folds K] [--out FILE] [--no-write]');
  process.exit(2);
}

/** Milliseconds spent in `features()`, for the cost a page. */
let featureMs = 0;

async function readExamples(path: string): Promise<Example[]> {
  const examples: Example[] = [];
  const input = createReadStream(path).pipe(createGunzip());
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    if (!text.trim()) continue;
    line++;
    const page = JSON.parse(text) as { url: string | null; html: string; page_type: string };
    const label = PAGE_TYPES.indexOf(page.page_type as PageType);
    if (label < 0) throw new Error(`line ${line}: unknown page_type ${page.page_type}`);
    const { prepared, typeInput } = prepareWithTypeInput({
      source: `${path}#${line}`,
      url: page.url,
      directory: '',
      body: page.html,
      contentType: 'text/html; charset=utf-8',
      fetchedAt: null,
    });
    if (!('page' in prepared) || !typeInput) throw new Error(`line ${line}: not prepared as an HTML page`);
    const started = performance.now();
    const values = features(typeInput);
    featureMs += performance.now() - started;
    const site = domainOf(prepared.page.site);
    examples.push({ x: Float64Array.from(FEATURE_NAMES, (name) => values[name]), label, site, withUrl: true });
    const withoutUrl = features({ ...typeInput, url: null, dateEvidence: typeInput.dateEvidence.filter((d) => d.from !== 'url') });
    examples.push({ x: Float64Array.from(FEATURE_NAMES, (name) => withoutUrl[name]), label, site, withUrl: false });
  }
  return examples;
}

function report(what: string, confusion: number[][]): void {
  const total = confusion.flat().reduce((a, b) => a + b, 0);
  const correct = confusion.reduce((s, row, i) => s + row[i]!, 0);
  const recalls = PAGE_TYPES.map((_, i) => confusion[i]![i]! / confusion[i]!.reduce((a, b) => a + b, 0));
  console.log(
    `\n${what}: accuracy ${(correct / total).toFixed(3)} (${correct} of ${total}), mean recall over types ${(recalls.reduce((a, b) => a + b, 0) / recalls.length).toFixed(3)}\n`,
  );
  console.log('| type | pages | precision | recall | F1 |\n|---|---|---|---|---|');
  PAGE_TYPES.forEach((type, i) => {
    const predicted = confusion.reduce((s, row) => s + row[i]!, 0);
    const precision = predicted ? confusion[i]![i]! / predicted : 0;
    const recall = recalls[i]!;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    console.log(
      `| ${type} | ${confusion[i]!.reduce((a, b) => a + b, 0)} | ${precision.toFixed(3)} | ${recall.toFixed(3)} | ${f1.toFixed(3)} |`,
    );
  });
  console.log(
    `\nConfusion (rows: labelled, columns: predicted)\n\n| | ${PAGE_TYPES.join(' | ')} |\n|---|${PAGE_TYPES.map(() => '---|').join('')}`,
  );
  PAGE_TYPES.forEach((type, i) => console.log(`| ${type} | ${confusion[i]!.join(' | ')} |`));
}

const k = Number(values.folds);
const started = performance.now();
const examples = await readExamples(positionals[0]!);
console.log(
  `${examples.length / 2} pages prepared in ${((performance.now() - started) / 1000).toFixed(1)} s; features ${((featureMs * 1000) / (examples.length / 2)).toFixed(0)} µs a page`,
);
const predicted = crossValidate(examples, k);
const folds = `${k}-fold cross-validation, folds by registrable domain (${new Set(examples.map((e) => e.site)).size} domains)`;
report(
  `${folds}, pages with their URL`,
  confusionOf(examples, predicted, (e) => e.withUrl === true),
);
report(
  `${folds}, the same pages without a URL`,
  confusionOf(examples, predicted, (e) => e.withUrl === false),
);
if (!values['no-write']) {
  const model = train(examples);
  writeFileSync(values.out, JSON.stringify(model, null, 1) + '\n');
  console.log(`\n${values.out}: ${FEATURE_NAMES.length} features, ${PAGE_TYPES.length} types`);
}
