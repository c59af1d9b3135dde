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
 * (most of them came out `forum`). And once more stripped of its class and id names, sectioning tags and
 * metadata (`bareHtml`, as `npm run eval -- --bare` strips it): pages written before sites named their
 * parts and declared their type are typed from their URL, text and structure, not as whatever lacks
 * metadata. Deterministic: the folds come from a fixed seed and training from zero weights, so every run
 * writes the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { FEATURE_NAMES, PAGE_TYPES } from '../stages/page-type.js';
import { readExamples } from './page-type-examples.js';
import { confusionOf, crossValidate, train, type Copy } from './page-type-training.js';
import { exitWithUsage, toolArgs } from './tool-args.js';

const USAGE = 'usage: npx tsx scripts/train-page-type.ts DATASET.ndjson.gz [--folds K] [--out FILE] [--no-write]';
const { values, positionals } = toolArgs(USAGE, {
  allowPositionals: true,
  options: {
    folds: { type: 'string', default: '5' },
    out: { type: 'string', default: 'stages/page-type-model.json' },
    'no-write': { type: 'boolean', default: false },
  },
});
if (positionals.length !== 1) exitWithUsage(USAGE);

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
const { examples, featureMs } = await readExamples(positionals[0]!);
const pages = examples.filter((e) => e.copy === 'given').length;
console.log(
  `${pages} pages prepared in ${((performance.now() - started) / 1000).toFixed(1)} s; features ${((featureMs * 1000) / pages).toFixed(0)} µs a page`,
);
const predicted = crossValidate(examples, k);
const folds = `${k}-fold cross-validation, folds by registrable domain (${new Set(examples.map((e) => e.site)).size} domains)`;
const COPIES: readonly [Copy, string][] = [
  ['given', 'pages with their URL'],
  ['no-url', 'the same pages without a URL'],
  ['bare', 'the same pages bare (with their URL)'],
];
for (const [copy, what] of COPIES)
  report(
    `${folds}, ${what}`,
    confusionOf(examples, predicted, (e) => e.copy === copy),
  );
if (!values['no-write']) {
  const model = train(examples);
  writeFileSync(values.out, JSON.stringify(model, null, 1) + '\n');
  console.log(`\n${values.out}: ${FEATURE_NAMES.length} features, ${PAGE_TYPES.length} types`);
}
