/**
 * franc's ranking (`francAll(sample, { only, minLength: 1 })`), computed from franc's own language
 * models and script expressions, with less work per call. franc builds an object of trigram counts,
 * sorts it, filters its language table and then looks every trigram up once per language; the language
 * stage calls it on every page. Here the trigrams of a script
 * are indexed once per list of candidate languages (trigram → rank in each candidate's model), so a
 * sample costs one lookup per distinct trigram. The result is franc's, to the last digit:
 * test/stages/trigram-rank.test.ts compares the two on real and random text.
 */
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';
import { mapPacked } from './types.js';
import { hasSurrogates, UnitClasses } from './unit-classes.js';

/** franc's constants: the longest sample it reads, and the distance of a trigram missing from a model. */
const MAX_LENGTH = 2048;

/** Every ISO 639-3 code franc can answer: the languages of its trigram models and of its one-language scripts. */
export const KNOWN_LANGUAGES: readonly string[] = [
  ...new Set([
    ...Object.values(data).flatMap((byLanguage) => Object.keys(byLanguage)),
    ...Object.keys(expressions).filter((key) => /^[a-z]{3}$/.test(key)),
  ]),
].sort();
const MAX_DIFFERENCE = 300;

/**
 * The letters of a script's models, numbered: a trigram of three such letters is one small integer
 * (a Smi, so Map lookups need no string hashing), and a letter outside the alphabet says at once that
 * a trigram is in no model of the script.
 */
interface Alphabet {
  /** Per UTF-16 code unit: its number in the alphabet, or -1. */
  readonly index: Int16Array;
  readonly size: number;
}

const alphabets = new Map<string, Alphabet>();

function alphabetOf(script: string): Alphabet {
  let alphabet = alphabets.get(script);
  if (alphabet) return alphabet;
  const index = new Int16Array(0x10000).fill(-1);
  let size = 0;
  for (const model of Object.values(data[script]!)) {
    for (let i = 0; i < model.length; i++) {
      const code = model.charCodeAt(i);
      if (code !== 0x7c && index[code] === -1) index[code] = size++;
    }
  }
  alphabets.set(script, (alphabet = { index, size }));
  return alphabet;
}

/** The number of a trigram of alphabet letters (a, b, c: their numbers). */
const trigramId = (a: number, b: number, c: number, size: number) => (a * size + b) * size + c;

/**
 * The models of one script restricted to the candidate languages of a call, as one flat table: per
 * trigram a row of its rank in each candidate's model (-1: absent). Rows of a few dozen 16-bit ranks are
 * one or two cache lines, so a trigram costs one Map lookup and a short contiguous read.
 */
interface CandidateTable {
  /** The candidates, in franc's order of the script's languages. */
  readonly languages: readonly string[];
  readonly alphabet: Alphabet;
  /** Row of each trigram (by `trigramId`) that some candidate's model has. */
  readonly rowOf: ReadonlyMap<number, number>;
  readonly ranks: Int16Array;
  /** Scratch for one call: how often the sample has each row's trigram (zero between calls). */
  readonly rowCounts: Int32Array;
}

/** Tables kept: one per (script, `only` list); the language stage uses a handful. */
const MAX_TABLES = 64;
const tables = new Map<string, CandidateTable>();

function tableFor(script: string, only: readonly string[]): CandidateTable {
  const key = `${script}:${only.join(',')}`;
  let table = tables.get(key);
  if (table) return table;
  const byLanguage = data[script]!;
  const alphabet = alphabetOf(script);
  const idOf = (trigram: string) =>
    trigramId(
      alphabet.index[trigram.charCodeAt(0)]!,
      alphabet.index[trigram.charCodeAt(1)]!,
      alphabet.index[trigram.charCodeAt(2)]!,
      alphabet.size,
    );
  const languages = Object.keys(byLanguage).filter((language) => only.length === 0 || only.includes(language));
  // Each candidate's model: its trigrams' ids, best rank first.
  const models = mapPacked(languages, (language) => mapPacked(byLanguage[language]!.split('|'), idOf));
  const rowOf = new Map<number, number>();
  for (const model of models) for (const id of model) if (!rowOf.has(id)) rowOf.set(id, rowOf.size);
  const ranks = new Int16Array(rowOf.size * languages.length).fill(-1);
  models.forEach((model, column) => {
    model.forEach((id, rank) => {
      const at = rowOf.get(id)! * languages.length + column;
      if (ranks[at] === -1) ranks[at] = rank; // a trigram listed twice keeps its first rank, as in franc
    });
  });
  if (tables.size >= MAX_TABLES) tables.clear();
  tables.set(key, (table = { languages, alphabet, rowOf, ranks, rowCounts: new Int32Array(rowOf.size) }));
  return table;
}

const SCRIPTS = Object.entries(expressions);
/**
 * The scripts whose expression matches each code unit. franc counts a script's matches with a global
 * expression; apart from surrogate pairs every match is one code unit, so the counts are sums of bits.
 */
const SCRIPTS_OF_UNIT = new UnitClasses(SCRIPTS.map(([, expression]) => expression));
const scriptCounts = new Int32Array(SCRIPTS.length);

/** Matches of each script's expression in a text without surrogates, into `scriptCounts`. */
function countScripts(value: string): void {
  scriptCounts.fill(0);
  for (let i = 0; i < value.length; i++) {
    for (let bits = SCRIPTS_OF_UNIT.of(value.charCodeAt(i)); bits !== 0; bits &= bits - 1) scriptCounts[31 - Math.clz32(bits & -bits)]!++;
  }
}

/** The same counts as franc takes them, for text with surrogates (astral letters match as pairs). */
function countScriptsByExpression(value: string): void {
  SCRIPTS.forEach(([, expression], s) => {
    expression.lastIndex = 0;
    scriptCounts[s] = value.match(expression)?.length ?? 0;
    expression.lastIndex = 0;
  });
}

/** The script most of the sample's characters belong to, as franc counts them (first wins a tie). */
function topScript(value: string): [string | undefined, number] {
  if (hasSurrogates(value)) countScriptsByExpression(value);
  else countScripts(value);
  let top: string | undefined;
  let topShare = -1;
  for (let s = 0; s < SCRIPTS.length; s++) {
    const share = scriptCounts[s]! / value.length || 0;
    if (share > topShare) {
      topShare = share;
      top = SCRIPTS[s]![0];
    }
  }
  return [top, topShare];
}

/** trigram-utils' cleaning: ASCII punctuation and digits to spaces, whitespace collapsed, lower case. */
function cleaned(value: string): string {
  return value
    .replace(/[\u0021-\u0040]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
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
  const distance = distances(` ${cleaned(value)} `, table);
  // Candidates by distance; the sort is stable, so ties keep franc's order of the script's languages.
  const order = Array.from(distance.keys()).sort((a, b) => distance[a]! - distance[b]!);
  const min = distance[order[0]!]!;
  const max = value.length * MAX_DIFFERENCE - min;
  return order.map((c): [string, number] => [table.languages[c]!, 1 - (distance[c]! - min) / max || 0]);
}

export interface TrigramFit {
  /** The candidate whose model is closest: franc's first language. */
  readonly language: string;
  /** franc's distance to that model per distinct trigram of the sample, as a share of the most it can be: 0 when every trigram is at its rank in the model, 1 when none is in it. */
  readonly distance: number;
  /** Letters (and marks) of the sample beyond ASCII that occur in no trigram of that model. */
  readonly foreignLetters: number;
}

/**
 * How well a sample reads as the closest candidate language: a measure that, unlike franc's scores,
 * can be compared between samples (a text and a wrong decoding of its bytes). null when the sample's
 * script has no trigram models (Greek, Thai: franc tells those by their script alone).
 */
export function trigramFit(sample: string, only: readonly string[]): TrigramFit | null {
  const value = sample.slice(0, MAX_LENGTH);
  const [script] = topScript(value);
  if (!script || !(script in (data as object))) return null;
  const table = tableFor(script, only);
  if (table.languages.length === 0) return null;
  const padded = ` ${cleaned(value)} `;
  const distance = distances(padded, table);
  const trigrams = rowsSeen.length + absentIds.size + absentTrigrams.size;
  let best = 0;
  for (let c = 1; c < distance.length; c++) if (distance[c]! < distance[best]!) best = c;
  const language = table.languages[best]!;
  return {
    language,
    distance: distance[best]! / (trigrams * MAX_DIFFERENCE),
    foreignLetters: foreignLetters(padded, modelLetters(script, language)),
  };
}

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const lettersOfModel = new Map<string, ReadonlySet<number>>();

/** The code units of a language's model trigrams. */
function modelLetters(script: string, language: string): ReadonlySet<number> {
  const key = `${script}:${language}`;
  let letters = lettersOfModel.get(key);
  if (!letters) {
    const model = data[script]![language]!;
    lettersOfModel.set(key, (letters = new Set(Array.from(model, (ch) => ch.charCodeAt(0)))));
  }
  return letters;
}

function foreignLetters(text: string, letters: ReadonlySet<number>): number {
  let foreign = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 && !letters.has(code) && LETTER_OR_MARK.test(text[i]!)) foreign++;
  }
  return foreign;
}

/** Scratch for one call: the rows the sample's trigrams fall in, and its distinct trigrams in no model. */
const rowsSeen: number[] = [];
const absentIds = new Set<number>();
const absentTrigrams = new Set<string>();

/**
 * franc's distance of the trigrams of `padded` (cleaned, with a space each side) to each candidate's
 * model: per distinct trigram, |its count - its rank - 1| in a model that has it, MAX_DIFFERENCE in one
 * that does not. On its own function: inside `rankLanguages` the loop was compiled on-stack, and that
 * code left again at every call (V8 deoptimised it 500 times in a 10k-page run).
 */
function distances(padded: string, { languages, alphabet, rowOf, ranks, rowCounts }: CandidateTable): Float64Array {
  const { index, size } = alphabet;
  rowsSeen.length = 0;
  absentIds.clear();
  absentTrigrams.clear();
  let b = index[padded.charCodeAt(0)]!;
  let c = index[padded.charCodeAt(1)]!;
  for (let i = 0; i + 3 <= padded.length; i++) {
    const a = b;
    b = c;
    c = index[padded.charCodeAt(i + 2)]!;
    if (a < 0 || b < 0 || c < 0) {
      absentTrigrams.add(padded.slice(i, i + 3));
      continue;
    }
    const id = trigramId(a, b, c, size);
    const row = rowOf.get(id);
    if (row === undefined) absentIds.add(id);
    else if (rowCounts[row]!++ === 0) rowsSeen.push(row);
  }
  const width = languages.length;
  const distance = new Float64Array(width).fill((absentIds.size + absentTrigrams.size) * MAX_DIFFERENCE);
  for (const row of rowsSeen) {
    const count = rowCounts[row]!;
    rowCounts[row] = 0;
    for (let column = 0, at = row * width; column < width; column++, at++) {
      const rank = ranks[at]!;
      distance[column]! += rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1);
    }
  }
  return distance;
}
