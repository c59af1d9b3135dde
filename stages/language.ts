/**
 * Stage language: the language of the cleaned article body (never of the template), with franc.
 *
 * franc is restricted to DEFAULT_LANGUAGES unless told otherwise: the fewer languages it weighs, the
 * fewer near-identical ones (Scots for English, Bulgarian for Russian) it can pick by mistake.
 */
import { francAll } from 'franc';
import { drop, emptyTally, type Tally } from './types.js';

/**
 * ISO 639-3 codes weighed by default: the major languages of the web in franc's set, including every
 * language of the former-USSR region that the founding sites publish in.
 */
export const DEFAULT_LANGUAGES: readonly string[] = [
  // Latin script
  'eng', 'deu', 'fra', 'spa', 'por', 'ita', 'nld', 'pol', 'ces', 'slk', 'slv', 'hrv', 'bos', 'ron', 'hun',
  'swe', 'dan', 'nob', 'fin', 'ekk', 'lvs', 'lit', 'cat', 'glg', 'tur', 'azj', 'uzn', 'tuk', 'ind', 'vie', 'swh',
  // Cyrillic script
  'rus', 'ukr', 'bel', 'bul', 'mkd', 'srp', 'kaz', 'kir', 'tgk', 'tat', 'khk',
  // Other scripts (franc maps each of these to one language)
  'arb', 'pes', 'urd', 'heb', 'ell', 'hye', 'kat', 'hin', 'ben', 'tha', 'cmn', 'jpn', 'kor',
];

/** Below this many letters the language is `und`: too little text to tell. */
export const MIN_LETTERS = 20;
/** Characters of the body franc reads (it reads at most 2048 itself); its accuracy is 99% from 300. */
export const MAX_CHARS = 1000;

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

function hasLetters(text: string, count: number): boolean {
  let seen = 0;
  for (const ch of text) if (LETTER.test(ch) && ++seen >= count) return true;
  return false;
}

export function detectLanguage(text: string, options: LanguageOptions = {}): LanguageResult {
  const tally = emptyTally();
  if (!hasLetters(text, MIN_LETTERS)) {
    drop(tally, 'too-short');
    return { language: 'und', score: 0, tally };
  }
  const ranked = francAll(text.slice(0, MAX_CHARS), { only: [...(options.only ?? DEFAULT_LANGUAGES)], minLength: 1 });
  const [best, runnerUp] = ranked;
  if (!best || best[0] === 'und') {
    drop(tally, 'undetermined');
    return { language: 'und', score: 0, tally };
  }
  tally.kept++;
  const score = runnerUp ? best[1] - runnerUp[1] : 1;
  return { language: best[0], score: Math.round(score * 1000) / 1000, tally };
}
