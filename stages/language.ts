/**
 * Stage language: the language of the cleaned article body (never of the template), with franc's models
 * (ranked by `rankLanguages`, which gives franc's answer at a fraction of its cost).
 *
 * franc is restricted to DEFAULT_LANGUAGES unless told otherwise: the fewer languages it weighs, the
 * fewer near-identical ones (Scots for English, Bulgarian for Russian) it can pick by mistake. Letters that
 * only some languages of a script use then overrule its ranking (SCRIPT_EVIDENCE): short Russian is often
 * ranked Bulgarian or Macedonian by trigrams, but ы and э occur in Russian and in neither.
 */
import { rankLanguages } from './trigram-rank.js';
import { hasSurrogates, UnitClasses } from './unit-classes.js';
import { drop, emptyTally, type Tally } from './types.js';

/**
 * ISO 639-3 codes weighed by default: the major languages of the web in franc's set, including every
 * language of the former-USSR region that the founding sites publish in.
 */
export const DEFAULT_LANGUAGES: readonly string[] = [
  // Latin script
  'eng',
  'deu',
  'fra',
  'spa',
  'por',
  'ita',
  'nld',
  'pol',
  'ces',
  'slk',
  'slv',
  'hrv',
  'bos',
  'ron',
  'hun',
  'swe',
  'dan',
  'nob',
  'fin',
  'ekk',
  'lvs',
  'lit',
  'cat',
  'glg',
  'tur',
  'azj',
  'uzn',
  'tuk',
  'ind',
  'vie',
  'swh',
  // Cyrillic script
  'rus',
  'ukr',
  'bel',
  'bul',
  'mkd',
  'srp',
  'kaz',
  'kir',
  'tgk',
  'tat',
  'khk',
  // Other scripts (franc maps each of these to one language)
  'arb',
  'pes',
  'urd',
  'heb',
  'ell',
  'hye',
  'kat',
  'hin',
  'ben',
  'tha',
  'cmn',
  'jpn',
  'kor',
];

/** Below this many letters the language is `und`: too little text to tell. */
const MIN_LETTERS = 20;
/** Han, kana and hangul carry a word a character or two: fewer of them say enough. */
const MIN_IDEOGRAPHS = 6;
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/**
 * Characters of the body franc reads first. franc's cost grows with its input, and most texts are told
 * apart within 150 characters; when the best and second language are closer than CLOSE_CALL, it reads
 * SECOND_LOOK_CHARS instead (eval:lang measures both the accuracy and the cost of these choices).
 */
const MAX_CHARS = 150;
const SECOND_LOOK_CHARS = 400;
const CLOSE_CALL = 0.05;

export interface LanguageOptions {
  /** ISO 639-3 codes to choose from; default DEFAULT_LANGUAGES. */
  readonly only?: readonly string[];
}

export interface LanguageResult {
  /** ISO 639-3 code, or `und`. */
  readonly language: string;
  /** How far the best language is ahead of the runner-up, 0..1 (1: the script allows only one). */
  readonly score: number;
  readonly tally: Tally;
}

const LETTER = /\p{L}/u;

/**
 * Letters that say which languages a text can be in: [letters, the languages that use them]. A text with
 * such a letter is in one of those languages; rules are applied in order, each narrowing the candidates.
 */
export const SCRIPT_EVIDENCE: readonly (readonly [RegExp, readonly string[]])[] = [
  [/[ўЎ]/u, ['bel']],
  [/[ӣӯҷҳӢӮҶҲ]/u, ['tgk']],
  [/[әұһӘҰҺ]/u, ['kaz', 'tat']],
  [/[ңөүҢӨҮ]/u, ['kaz', 'kir', 'tat', 'khk']],
  [/[ғқҒҚ]/u, ['kaz', 'tgk', 'uzn']],
  [/[їєґЇЄҐ]/u, ['ukr']],
  [/[іІ]/u, ['ukr', 'bel', 'kaz']],
  [/[ыэЫЭ]/u, ['rus', 'bel', 'kaz', 'kir', 'tat', 'khk']],
  [/[ѓќѕЃЌЅ]/u, ['mkd']],
  [/[ђћЂЋ]/u, ['srp']],
  [/[јљњџЈЉЊЏ]/u, ['mkd', 'srp']],
  [/[əƏ]/u, ['azj']],
  [/[ňŇ]/u, ['tuk']],
  [/[ʻʼ]/u, ['uzn', 'tuk']],
];

/**
 * Letters so frequent in a language that a text of at least the given number of letters without any of
 * them is not in it: Ukrainian without і/ї/є, Bulgarian without ъ, Macedonian without ј, and so on.
 * (Kyrgyz ң/ө/ү are not frequent enough to rule Kyrgyz out: measured on FLORES.)
 */
export const EXPECTED_LETTERS: readonly (readonly [RegExp, string, number])[] = [
  [/[іїєІЇЄ]/u, 'ukr', 40],
  [/[іўІЎ]/u, 'bel', 60],
  [/[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u, 'kaz', 40],
  [/[әөүҗңһӘӨҮҖҢҺ]/u, 'tat', 40],
  [/[ӣӯҷҳғқӢӮҶҲҒҚ]/u, 'tgk', 40],
  [/[ъЪ]/u, 'bul', 40],
  [/[ѓќѕјљњџЃЌЅЈЉЊЏ]/u, 'mkd', 40],
  [/[ђћјљњџЂЋЈЉЊЏ]/u, 'srp', 40],
  [/[əƏ]/u, 'azj', 40],
];
const CYRILLIC_OR_LATIN_LETTER = /[\p{Script=Cyrillic}\p{Script=Latin}]/gu;

/**
 * The character classes the evidence reads, by bit: SCRIPT_EVIDENCE's, then EXPECTED_LETTERS', then one
 * for Cyrillic or Latin letters. Every page asks all of them of its sample, so each BMP code unit's
 * classes are found once (on first sight) and a sample is read in one pass; a sample with surrogates
 * (astral letters) is read with the expressions themselves.
 */
const CLASSES = [...SCRIPT_EVIDENCE.map(([letters]) => letters), ...EXPECTED_LETTERS.map(([letters]) => letters), CYRILLIC_OR_LATIN_LETTER];
const EXPECTED_BIT = SCRIPT_EVIDENCE.length;
const CYRILLIC_OR_LATIN_BIT = CLASSES.length - 1;
const CLASSES_OF_UNIT = new UnitClasses(CLASSES);

/** Which of the evidence's classes occur in a text (bit i: CLASSES[i]), and how many Cyrillic or Latin letters it has. */
export function letterClasses(text: string): { present: number; cyrillicOrLatin: number } {
  let present = 0;
  let cyrillicOrLatin = 0;
  if (hasSurrogates(text)) {
    // `search`, not `test`: it ignores (and keeps) a global expression's position.
    CLASSES.forEach((letters, bit) => {
      if (text.search(letters) >= 0) present |= 1 << bit;
    });
    return { present, cyrillicOrLatin: text.match(CYRILLIC_OR_LATIN_LETTER)?.length ?? 0 };
  }
  for (let i = 0; i < text.length; i++) {
    const bits = CLASSES_OF_UNIT.of(text.charCodeAt(i));
    present |= bits;
    cyrillicOrLatin += (bits >>> CYRILLIC_OR_LATIN_BIT) & 1;
  }
  return { present, cyrillicOrLatin };
}

/** The languages a text's letters allow or rule out: [allowed or null, excluded]. */
function letterEvidence(text: string): { allowed: Set<string> | null; excluded: Set<string> } {
  const { present, cyrillicOrLatin } = letterClasses(text);
  let allowed: Set<string> | null = null;
  SCRIPT_EVIDENCE.forEach(([, languages], bit) => {
    if ((present & (1 << bit)) === 0) return;
    const next: Set<string> = new Set(allowed ? languages.filter((l) => allowed!.has(l)) : languages);
    if (next.size > 0) allowed = next;
  });
  const excluded = new Set<string>();
  EXPECTED_LETTERS.forEach(([, language, minimum], j) => {
    if (cyrillicOrLatin >= minimum && (present & (1 << (EXPECTED_BIT + j))) === 0) excluded.add(language);
  });
  return { allowed, excluded };
}

function hasLetters(text: string, count: number): boolean {
  let seen = 0;
  for (const ch of text) if (LETTER.test(ch) && ++seen >= count) return true;
  return false;
}

/** franc's ranking of a sample among the candidates its letters allow. */
function rank(sample: string, candidates: readonly string[]): [string, number][] {
  const { allowed, excluded } = letterEvidence(sample);
  const narrowed = candidates.filter((l) => (!allowed || allowed.has(l)) && !excluded.has(l));
  return rankLanguages(sample, narrowed.length ? narrowed : candidates);
}

export function detectLanguage(text: string, options: LanguageOptions = {}): LanguageResult {
  const tally = emptyTally();
  // The script is told from the sample: scanning a long article for ideographs would cost more than franc.
  const sample = text.slice(0, MAX_CHARS);
  if (!hasLetters(text, IDEOGRAPHIC.test(sample) ? MIN_IDEOGRAPHS : MIN_LETTERS)) {
    drop(tally, 'too-short');
    return { language: 'und', score: 0, tally };
  }
  let [best, runnerUp] = rank(sample, options.only ?? DEFAULT_LANGUAGES);
  // A close call on a long text: read more of it before deciding.
  if (best && runnerUp && best[1] - runnerUp[1] < CLOSE_CALL && text.length > sample.length) {
    [best, runnerUp] = rank(text.slice(0, SECOND_LOOK_CHARS), options.only ?? DEFAULT_LANGUAGES);
  }
  if (!best || best[0] === 'und') {
    drop(tally, 'undetermined');
    return { language: 'und', score: 0, tally };
  }
  tally.kept++;
  const score = runnerUp ? best[1] - runnerUp[1] : 1;
  return { language: best[0], score: Math.round(score * 1000) / 1000, tally };
}
