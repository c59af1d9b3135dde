/**
 * franc's ranking (`francAll(sample, { only, minLength: 1 })`), computed from franc's own language
 * models and script expressions, with less work per call. franc builds an object of trigram counts,
 * sorts it, filters its language table and then looks every trigram up once per language; the language
 * stage calls it on every page, where it was a tenth of the run's CPU. Here the trigrams of a script
 * are indexed once per list of candidate languages (trigram → rank in each candidate's model), so a
 * sample costs one lookup per distinct trigram. The result is franc's, to the last digit:
 * test/stages/trigram-rank.test.ts compares the two on real and random text.
 */
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';

/** franc's constants: the longest sample it reads, and the distance of a trigram missing from a model. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

/**
 * The models of one script restricted to the candidate languages of a call, as one flat table: per
 * trigram a row of its rank in each candidate's model (-1: absent). Rows of a few dozen 16-bit ranks are
 * one or two cache lines, so a trigram costs one Map lookup and a short contiguous read.
 */
interface CandidateTable {
  /** The candidates, in franc's order of the script's languages. */
  readonly languages: readonly string[];
  readonly rowOf: ReadonlyMap<string, number>;
  readonly ranks: Int16Array;
}

/** Tables kept: one per (script, `only` list); the language stage uses a handful. */
const MAX_TABLES = 64;
const tables = new Map<string, CandidateTable>();

function tableFor(script: string, only: readonly string[]): CandidateTable {
  const key = `${script}:${only.join(',')}`;
  let table = tables.get(key);
  if (table) return table;
  const byLanguage = (data as Record<string, Record<string, string>>)[script]!;
  const languages = Object.keys(byLanguage).filter((language) => only.length === 0 || only.includes(language));
  const rowOf = new Map<string, number>();
  languages.forEach((language) => byLanguage[language]!.split('|').forEach((trigram) => rowOf.has(trigram) || rowOf.set(trigram, rowOf.size)));
  const ranks = new Int16Array(rowOf.size * languages.length).fill(-1);
  languages.forEach((language, column) => {
    byLanguage[language]!.split('|').forEach((trigram, rank) => {
      const at = rowOf.get(trigram)! * languages.length + column;
      if (ranks[at] === -1) ranks[at] = rank; // a trigram listed twice keeps its first rank, as in franc
    });
  });
  if (tables.size >= MAX_TABLES) tables.clear();
  tables.set(key, (table = { languages, rowOf, ranks }));
  return table;
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
  const table = tableFor(script, only);
  if (table.languages.length === 0) return [['und', 1]];
  const distance = distances(trigramCounts(value), table);
  // Candidates by distance; the sort is stable, so ties keep franc's order of the script's languages.
  const order = Array.from(distance.keys()).sort((a, b) => distance[a]! - distance[b]!);
  const min = distance[order[0]!]!;
  const max = value.length * MAX_DIFFERENCE - min;
  return order.map((c): [string, number] => [table.languages[c]!, 1 - (distance[c]! - min) / max || 0]);
}

/**
 * franc's distance of the sample's trigrams to each candidate's model. On its own function: inside
 * `rankLanguages` the loop was compiled on-stack, and that code left again at every call (V8 deoptimised
 * it 500 times in a 10k-page run, each time finishing the call in the interpreter).
 */
function distances(counts: ReadonlyMap<string, number>, { languages, rowOf, ranks }: CandidateTable): Float64Array {
  const width = languages.length;
  const distance = new Float64Array(width);
  for (const [trigram, count] of counts) {
    const row = rowOf.get(trigram);
    if (row === undefined) {
      for (let c = 0; c < width; c++) distance[c]! += MAX_DIFFERENCE;
      continue;
    }
    for (let c = 0, at = row * width; c < width; c++, at++) {
      const rank = ranks[at]!;
      distance[c]! += rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1);
    }
  }
  return distance;
}
