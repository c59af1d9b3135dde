/**
 * The encoding of a page that declares none and is not UTF-8: the single-byte encoding (of those the
 * web uses) in which a sample of its text reads as a language the language stage knows.
 *
 * Each candidate reads the sample in two steps, the cheap one first. Implausible characters: a byte the
 * encoding leaves undefined (U+FFFD, a C1 control), a word whose letters are of two scripts, a symbol
 * between two letters (³ for ł), a capital right after a small letter (KOI8-R read as windows-1251 swaps
 * the cases). Readings with about the fewest of them go on to franc's models (trigramFit): the closest
 * fit wins; readings about as close are told apart by fewer implausible characters, then by fewer
 * letters the closest language's model lacks, then by the order of CANDIDATES. Greek and Thai have no
 * trigram models (franc tells them by their script): their readings count as a middling fit, better
 * than a reading that no language's model is near. Every candidate's letters are of a script the
 * language stage covers (Latin, Cyrillic, Greek, Hebrew, Arabic, Thai).
 */
import { isAscii } from 'node:buffer';
import { expressions } from 'franc/expressions.js';
import { decodeAs } from './encodings.js';
import { DEFAULT_LANGUAGES } from './language.js';
import { trigramFit } from './trigram-rank.js';

/**
 * The Encoding Standard's single-byte encodings for the scripts the language stage covers (its
 * ISO-8859-1, -9 and -11 are windows-1252, -1254 and -874), roughly the more common on the web first:
 * the first of equally good readings wins. Left out: windows-1258 (Vietnamese: its combining tone marks make
 * Latin text read as plausible), IBM866 and x-mac-cyrillic (not web encodings), ISO-8859-16 (Node's
 * TextDecoder lacks it).
 */
export const CANDIDATES: readonly string[] = [
  'windows-1252',
  'windows-1251',
  'windows-1250',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'koi8-r',
  'koi8-u',
  'windows-874',
  'iso-8859-2',
  'iso-8859-4',
  'iso-8859-5',
  'iso-8859-6',
  'iso-8859-7',
  'iso-8859-8',
  'iso-8859-13',
  'iso-8859-15',
  'iso-8859-3',
  'iso-8859-10',
  'iso-8859-14',
];

/** Bytes of text the readings are judged on. */
const SAMPLE_BYTES = 4096;
/** Bytes of the sample the models read (one character each): as telling as all of it, and a fifth of the cost. */
const FIT_BYTES = 512;
/** Readings with at most this share of the sample's words more implausible characters than the fewest go on to the models. */
const PLAUSIBLE_SHARE = 0.05;
/** Fits closer than this to the closest are as good as it. */
const FIT_TIE = 0.005;
/** The fit given a reading in a script franc tells without a model: real text fits its model closer, gibberish farther. */
const SCRIPT_ONLY_DISTANCE = 0.9;

/** The candidate whose reading of the page's text is the most plausible; the first when no text beyond ASCII tells. */
export function guessSingleByteEncoding(bytes: Uint8Array): string {
  const sample = textSample(bytes);
  if (sample.length === 0) return CANDIDATES[0]!;
  const readings = CANDIDATES.map((encoding) => ({ encoding, ...implausibleCharacters(sample, byteKinds(encoding)) }));
  const fewest = Math.min(...readings.map((r) => r.implausible));
  const words = Math.max(...readings.map((r) => r.words));
  const plausible = readings.filter((r) => r.implausible <= fewest + PLAUSIBLE_SHARE * words);
  if (plausible.length === 1) return plausible[0]!.encoding;
  // Readings that decode the sample alike (Latin encodings of French text, mostly) share one fit.
  const fits = new Map<string, LanguageFit>();
  const fitted = plausible.map((r) => {
    const text = decodeAs(sample.subarray(0, FIT_BYTES), r.encoding);
    let fit = fits.get(text);
    if (!fit) fits.set(text, (fit = languageFit(text)));
    return { ...r, ...fit };
  });
  const closest = Math.min(...fitted.map((r) => r.distance));
  return fitted.filter((r) => r.distance <= closest + FIT_TIE).reduce((a, b) => (fewerOddities(b, a) ? b : a)).encoding;
}

/** Between readings that fit about as well: fewer implausible characters, then fewer letters foreign to the language. */
function fewerOddities(a: { implausible: number; foreignLetters: number }, b: { implausible: number; foreignLetters: number }): boolean {
  return a.implausible < b.implausible || (a.implausible === b.implausible && a.foreignLetters < b.foreignLetters);
}

interface LanguageFit {
  readonly distance: number;
  readonly foreignLetters: number;
}

function languageFit(text: string): LanguageFit {
  const fit = trigramFit(text, DEFAULT_LANGUAGES);
  return fit ?? { distance: SCRIPT_ONLY_DISTANCE, foreignLetters: 0 };
}

const LT = 0x3c;
const GT = 0x3e;
const SPACE = 0x20;

/**
 * Up to SAMPLE_BYTES of the page's text outside markup (tags, comments, scripts, styles), from the runs
 * between tags that have a byte beyond ASCII (the bytes the readings differ on), a space after each.
 */
function textSample(bytes: Uint8Array): Uint8Array {
  const page = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sample = Buffer.alloc(SAMPLE_BYTES);
  let length = 0;
  for (let p = 0; p < page.length && length < SAMPLE_BYTES;) {
    const lt = page.indexOf(LT, p);
    const runEnd = lt < 0 ? page.length : lt;
    if (!isAscii(page.subarray(p, runEnd))) {
      length += page.copy(sample, length, p, Math.min(runEnd, p + SAMPLE_BYTES - length));
      if (length < SAMPLE_BYTES) sample[length++] = SPACE;
    }
    p = lt < 0 ? page.length : afterMarkup(page, lt);
  }
  return sample.subarray(0, length);
}

/** Where the markup at `lt` ends: past a comment, a script or style element with its content, or a tag. */
function afterMarkup(page: Buffer, lt: number): number {
  if (nameAt(page, lt + 1, '!--')) {
    const close = page.indexOf('-->', lt + 2, 'latin1');
    return close < 0 ? page.length : close + 3;
  }
  const raw = ['script', 'style'].find((name) => nameAt(page, lt + 1, name) && isTagNameEnd(page[lt + 1 + name.length]));
  const from = raw ? closingTag(page, raw, lt) : lt + 1;
  const gt = from < 0 ? -1 : page.indexOf(GT, from);
  return gt < 0 ? page.length : gt + 1;
}

/** Whether `name` (lowercase ASCII) is at `at`, in any case. */
function nameAt(page: Buffer, at: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if ((page[at + i]! | 0x20) !== (name.charCodeAt(i) | 0x20)) return false;
  return true;
}

const isTagNameEnd = (c: number | undefined) =>
  c === undefined || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === SPACE || c === 0x2f || c === GT;

/** Where `</name`, in any case, is after `from`; -1 if nowhere. */
function closingTag(page: Buffer, name: string, from: number): number {
  for (let at = page.indexOf('</', from, 'latin1'); at >= 0; at = page.indexOf('</', at + 2, 'latin1')) {
    if (nameAt(page, at + 2, name)) return at;
  }
  return -1;
}

/** What a byte reads as in an encoding, as bits. */
const UNDEFINED = 1;
const LETTER = 2;
const UPPER = 4;
const LOWER = 8;
/** A symbol or a digit beyond ASCII (³, ๖; ¿ is punctuation): not part of a word's spelling. */
const SYMBOL = 16;
/** Apostrophes, hyphens, the soft hyphen and the middle dot: they join letters of one word. */
const JOINER = 32;

interface ByteKinds {
  /** Per byte: its bits. */
  readonly kind: Uint8Array;
  /** Per byte that reads as a letter: its script (an index into franc's script expressions), or -1. */
  readonly script: Int8Array;
}

const SCRIPT_EXPRESSIONS = Object.values(expressions).map((e) => new RegExp(e.source, e.flags.replace('g', '')));
const kindsOf = new Map<string, ByteKinds>();

function byteKinds(encoding: string): ByteKinds {
  let kinds = kindsOf.get(encoding);
  if (kinds) return kinds;
  const chars = decodeAs(
    Uint8Array.from({ length: 256 }, (_, b) => b),
    encoding,
  );
  const kind = new Uint8Array(256);
  const script = new Int8Array(256).fill(-1);
  for (let b = 0; b < 256; b++) {
    const ch = chars[b]!;
    const code = ch.charCodeAt(0);
    if (code === 0xfffd || (code >= 0x80 && code <= 0x9f)) kind[b] = UNDEFINED;
    else if (/[\p{L}\p{M}]/u.test(ch)) {
      kind[b] = LETTER | (/\p{Lu}/u.test(ch) ? UPPER : 0) | (/\p{Ll}/u.test(ch) ? LOWER : 0);
      script[b] = SCRIPT_EXPRESSIONS.findIndex((e) => e.test(ch));
    } else if (/[’‘ʼ\u00ad·‐‑]/.test(ch)) kind[b] = JOINER;
    else if (b >= 0x80 && /[\p{S}\p{N}]/u.test(ch)) kind[b] = SYMBOL;
  }
  kindsOf.set(encoding, (kinds = { kind, script }));
  return kinds;
}

/**
 * How many implausible characters the sample has read through `kinds`: undefined bytes, symbols between
 * letters, and words (with a byte beyond ASCII) whose letters mix scripts or have a capital after a small
 * letter, one each; and how many such words there are.
 */
function implausibleCharacters(sample: Uint8Array, { kind, script }: ByteKinds): { implausible: number; words: number } {
  let implausible = 0;
  let words = 0;
  let wordScript = -1;
  let wordBeyondAscii = false;
  let oddWord = false;
  let symbolAfterLetter = false;
  let previous = 0;
  for (let i = 0; i <= sample.length; i++) {
    const byte = i < sample.length ? sample[i]! : SPACE;
    const bits = kind[byte]!;
    if (bits & LETTER) {
      if (symbolAfterLetter) implausible++;
      symbolAfterLetter = false;
      const s = script[byte]!;
      if (s >= 0 && wordScript >= 0 && s !== wordScript) oddWord = true;
      if (s >= 0) wordScript = s;
      if ((bits & UPPER) !== 0 && (previous & LOWER) !== 0) oddWord = true;
      if (byte >= 0x80) wordBeyondAscii = true;
    } else if (bits & SYMBOL) {
      symbolAfterLetter = (previous & LETTER) !== 0;
      wordBeyondAscii = true;
    } else if (!(bits & JOINER)) {
      if (bits & UNDEFINED) implausible++;
      if (wordBeyondAscii) {
        words++;
        if (oddWord) implausible++;
      }
      wordScript = -1;
      wordBeyondAscii = oddWord = symbolAfterLetter = false;
    }
    previous = bits;
  }
  return { implausible, words };
}
