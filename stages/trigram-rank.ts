/**
 * franc's ranking (`francAll(sample, { only, minLength: 1 })`), computed from franc's own language
 * models and script expressions, with less work per call. franc builds an object of trigram counts,
 * sorts it, filters its language table and then looks every trigram up once per language; the language
 * stage calls it on every page, where it was a tenth of the run's CPU. Here the trigrams of a script
 * are indexed once (trigram → rank in each language's model), so a sample costs one lookup per distinct
 * trigram. The result is franc's, to the last digit: test/stages/trigram-rank.test.ts compares the two on
 * real and random text.
 */
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';

/** franc's constants: the longest sample it reads, and the distance of a trigram missing from a model. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

/** One script's models: its languages in franc's order, and per trigram its rank in each (-1: absent). */
interface ScriptModels {
  readonly languages: readonly string[];
  readonly ranks: ReadonlyMap<string, Int16Array>;
}

const scriptModels = new Map<string, ScriptModels>();

function modelsOf(script: string): ScriptModels {
  let models = scriptModels.get(script);
  if (models) return models;
  const byLanguage = (data as Record<string, Record<string, string>>)[script]!;
  const languages = Object.keys(byLanguage);
  const ranks = new Map<string, Int16Array>();
  languages.forEach((language, index) => {
    byLanguage[language]!.split('|').forEach((trigram, rank) => {
      let row = ranks.get(trigram);
      if (!row) ranks.set(trigram, (row = new Int16Array(languages.length).fill(-1)));
      if (row[index] === -1) row[index] = rank; // a trigram listed twice keeps its first rank, as in franc
    });
  });
  scriptModels.set(script, (models = { languages, ranks }));
  return models;
}

const SCRIPTS = Object.entries(expressions as Record<string, RegExp>);

/** The script most of the sample's characters belong to, as franc counts them (first wins a tie). */
function topScript(value: string): [string | undefined, number] {
  let top: string | undefined;
  let topShare = -1;
  for (const [script, expression] of SCRIPTS) {
    expression.lastIndex = 0;
    // A script none of whose characters occur needs no count (and no array of matches).
    const share = expression.test(value) ? (value.match(expression)!.length / value.length || 0) : 0;
    expression.lastIndex = 0;
    if (share > topShare) {
      topShare = share;
      top = script;
    }
  }
  return [top, topShare];
}

/** trigram-utils' cleaning: ASCII punctuation and digits to spaces, whitespace collapsed, lower case. */
function cleaned(value: string): string {
  return value.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Each distinct trigram of ` cleaned ` with its count. */
function trigramCounts(value: string): Map<string, number> {
  const padded = ` ${cleaned(value)} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const trigram = padded.slice(i, i + 3);
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  return counts;
}

/** Languages with franc's normalised score (1 = best), best first; `[['und', 1]]` when none can be told. */
export function rankLanguages(sample: string, only: readonly string[]): [string, number][] {
  if (!sample) return [['und', 1]];
  const value = sample.slice(0, MAX_LENGTH);
  const [script, share] = topScript(value);
  if (!script || !(script in (data as object))) {
    // A script with one language (Greek, Hebrew, ...): franc answers it directly.
    if (!script || share === 0 || (only.length > 0 && !only.includes(script))) return [['und', 1]];
    return [[script, 1]];
  }
  const { languages, ranks } = modelsOf(script);
  const candidates = only.length ? languages.flatMap((language, index) => (only.includes(language) ? [index] : [])) : languages.map((_, index) => index);
  if (candidates.length === 0) return [['und', 1]];
  const distances = new Float64Array(candidates.length);
  for (const [trigram, count] of trigramCounts(value)) {
    const row = ranks.get(trigram);
    for (let c = 0; c < candidates.length; c++) {
      const rank = row ? row[candidates[c]!]! : -1;
      distances[c]! += rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1);
    }
  }
  const ranked = candidates.map((index, c): [string, number] => [languages[index]!, distances[c]!]).sort((a, b) => a[1] - b[1]);
  const min = ranked[0]![1];
  const max = value.length * MAX_DIFFERENCE - min;
  for (const entry of ranked) entry[1] = 1 - (entry[1] - min) / max || 0;
  return ranked;
}
