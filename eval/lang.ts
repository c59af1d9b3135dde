/**
 * npm run eval:lang -- --dataset PATH/flores200-devtest [--limit N]
 *
 * Accuracy of Winnow's language stage on FLORES-200 devtest — single sentences and 50-, 100- and
 * 300-character snippets (consecutive sentences joined, cut at a word boundary) — per language and on
 * average over the 16 languages, and in the same run franc alone (all its languages, no letter evidence).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { franc } from 'franc';
import { detectLanguage } from '../stages/language.js';
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';

const USAGE = 'usage: npm run eval:lang -- --dataset PATH/flores200-devtest [--limit N]';
const { values } = toolArgs(USAGE, { options: { dataset: { type: 'string' }, limit: { type: 'string', default: '1012' } } });
if (!values.dataset) exitWithUsage(USAGE);
/** FLORES file prefix → the ISO 639-3 code franc answers with. */
const CODE: Record<string, string> = { zho: 'cmn' };
const files = readdirSync(values.dataset)
  .filter((f) => f.endsWith('.devtest'))
  .sort();
if (files.length === 0) {
  console.error(`${values.dataset}: no FLORES *.devtest files (give the flores200-devtest folder)`);
  process.exit(2);
}
const LENGTHS = ['sentence', 50, 100, 300] as const;

function snippets(sentences: string[], length: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i++) {
    let text = sentences[i]!;
    for (let j = i + 1; text.length < length && j < sentences.length; j++) text += ' ' + sentences[j]!;
    const cut = text.slice(0, length);
    const space = cut.lastIndexOf(' ');
    out.push(space > length * 0.6 ? cut.slice(0, space) : cut);
  }
  return out;
}

const table: { lang: string; winnow: number[]; franc: number[] }[] = [];
let chars = 0;
let seconds = 0;
for (const file of files) {
  const prefix = file.split('_')[0]!;
  const expected = CODE[prefix] ?? prefix;
  const sentences = readFileSync(join(values.dataset, file), 'utf8').trim().split('\n').slice(0, Number(values.limit));
  const row = { lang: file.replace('.devtest', ''), winnow: [] as number[], franc: [] as number[] };
  for (const length of LENGTHS) {
    const texts = length === 'sentence' ? sentences : snippets(sentences, length);
    const started = performance.now();
    const winnowRight = texts.filter((t) => detectLanguage(t).language === expected).length;
    seconds += (performance.now() - started) / 1000;
    chars += texts.reduce((s, t) => s + t.length, 0);
    row.winnow.push(winnowRight / texts.length);
    row.franc.push(texts.filter((t) => franc(t, { minLength: 1 }) === expected).length / texts.length);
  }
  table.push(row);
}
const pct = (x: number) => (x * 100).toFixed(1);
console.log(`\n${values.dataset}: ${files.length} languages\n`);
console.log(`| language | ${LENGTHS.map((l) => `winnow ${l}`).join(' | ')} | ${LENGTHS.map((l) => `franc ${l}`).join(' | ')} |`);
console.log(`|---|${LENGTHS.map(() => '---|').join('')}${LENGTHS.map(() => '---|').join('')}`);
for (const row of table) console.log(`| ${row.lang} | ${row.winnow.map(pct).join(' | ')} | ${row.franc.map(pct).join(' | ')} |`);
const mean = (k: 'winnow' | 'franc', i: number) => table.reduce((s, r) => s + r[k][i]!, 0) / table.length;
console.log(
  `| **average** | ${LENGTHS.map((_, i) => `**${pct(mean('winnow', i))}**`).join(' | ')} | ${LENGTHS.map((_, i) => pct(mean('franc', i))).join(' | ')} |`,
);
console.log(`\nwinnow language stage: ${(chars / seconds / 1e6).toFixed(2)} M chars/s on one core`);
