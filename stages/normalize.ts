/**
 * Text normalisation shared by the stages: one form for display, one for matching.
 */

/**
 * Whitespace runs that are not already one plain space: a space followed by more whitespace, or a run
 * starting with any other whitespace (tab, newline, no-break and zero-width spaces). Single spaces between
 * words, by far the most common run, do not match, so folding them costs no replacement.
 */
const SPACE_RUN = / [\s\u200b]+|[\t-\r\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff][\s\u200b]*/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200c-\u200f]/g;
const SINGLE_QUOTES = '\u2018\u2019\u201a\u201b\u2032\u00b4`';
const DOUBLE_QUOTES = '\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb';
/** Control characters, typographic quotes and dashes, found in one scan (they are rare). */
const FOLDED =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200c-\u200f\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2010-\u2015\u2212]/g;
const fold = (c: string) =>
  SINGLE_QUOTES.includes(c) ? "'" : DOUBLE_QUOTES.includes(c) ? '"' : c <= '\u007f' || (c >= '\u200c' && c <= '\u200f') ? '' : '-';

/** Display form: NFC, control characters removed, every whitespace run (non-breaking too) folded to one space, trimmed. */
export function cleanText(text: string): string {
  const settled = settledScan(text);
  if (settled & SETTLED_CLEAN) return settled & NEEDS_SPACE_FOLD ? foldSpaces(text) : text;
  return normalizedClean(text);
}

/** cleanText in full, for text the scan did not find settled. */
function normalizedClean(text: string): string {
  return text.normalize('NFC').replace(CONTROL, '').replace(SPACE_RUN, ' ').trim();
}

/**
 * Matching form: NFKC, case-folded, typographic quotes and dashes folded to ASCII,
 * whitespace folded. Two blocks that a reader would call "the same text" get the same form.
 */
export function matchText(text: string): string {
  const settled = settledScan(text);
  if (settled & (SETTLED_MATCH | SETTLED_NFKC)) return settledMatch(text, settled);
  return text.normalize('NFKC').toLowerCase().replace(FOLDED, fold).replace(SPACE_RUN, ' ').trim();
}

/**
 * Both forms of a text that is about to become a block: `clean` is cleanText(text), `norm` is
 * matchText(clean). Most text is settled for both, and one scan says so.
 */
export function textForms(text: string): { clean: string; norm: string } {
  const settled = settledScan(text);
  if ((settled & SETTLED_CLEAN) === 0) {
    const clean = normalizedClean(text);
    return { clean, norm: matchText(clean) };
  }
  const clean = settled & NEEDS_SPACE_FOLD ? foldSpaces(text) : text;
  return { clean, norm: settled & (SETTLED_MATCH | SETTLED_NFKC) ? settledMatch(clean, settled & ~NEEDS_SPACE_FOLD) : matchText(clean) };
}

/** Whitespace runs folded to one space, trimmed. */
function foldSpaces(text: string): string {
  return text.replace(SPACE_RUN, ' ').trim();
}

/**
 * matchText of a text whose code units but whitespace are all NFKC-stable (`settled`: its scan), in
 * matchText's order: case first (a zero-width space next to Σ makes it final, a space does not), then
 * quotes and dashes (they become other non-space characters), then whitespace.
 */
function settledMatch(text: string, settled: number): string {
  const lower = text.toLowerCase();
  const folded = settled & SETTLED_MATCH ? lower : lower.replace(FOLDED, fold);
  return settled & NEEDS_SPACE_FOLD ? foldSpaces(folded) : folded;
}

/**
 * Most text is already in display form, and in matching form but for case (and, in the matching form,
 * typographic quotes and dashes, or whitespace to fold): one scan over its code units says so, and the
 * normalisations (most of the cost) are skipped. A code unit is settled when, on its own, a form's
 * normalisation does not change it and it cannot combine with its neighbours: not a mark, a conjoining
 * jamo, a surrogate, whitespace or a control character. The class of every BMP code unit is found on
 * first sight (bit flags below; 0 = not yet known).
 */
const SETTLED_KNOWN = 1;
/** NFC leaves it as it is. */
const SETTLED_CLEAN = 2;
/** NFKC leaves it as it is and the matching form does not fold it. */
const SETTLED_MATCH = 4;
/** NFKC leaves it as it is (the matching form may fold it: a typographic quote or dash). */
const SETTLED_NFKC = 8;
/**
 * Whitespace that both forms fold into a run's one space (NFC and NFKC keep it whitespace); not the
 * vertical tab and form feed, which they remove as control characters.
 */
const FOLDED_SPACE = 16;
/** In a scan's result only: some whitespace is not a single space between two other characters. */
const NEEDS_SPACE_FOLD = 32;
const SETTLED = new Uint8Array(0x10000);
const UNSETTLING = /[\p{M}\s\u0000-\u001f\u007f\u200b-\u200f\u1100-\u11ff]/u;
const FOLDED_ONE = new RegExp(FOLDED.source);
const FOLDED_SPACE_ONE = /^(?![\v\f])[\s\u200b]$/;

function settledFlags(code: number): number {
  const ch = String.fromCharCode(code);
  if (FOLDED_SPACE_ONE.test(ch)) return SETTLED_KNOWN | FOLDED_SPACE;
  if ((code >= 0xd800 && code <= 0xdfff) || UNSETTLING.test(ch)) return SETTLED_KNOWN;
  let flags = SETTLED_KNOWN;
  if (ch.normalize('NFC') === ch) flags |= SETTLED_CLEAN;
  if (ch.normalize('NFKC') === ch) flags |= FOLDED_ONE.test(ch) ? SETTLED_NFKC : SETTLED_MATCH | SETTLED_NFKC;
  return flags;
}

/**
 * The SETTLED_CLEAN, SETTLED_MATCH and SETTLED_NFKC flags every code unit but folded whitespace has, with
 * NEEDS_SPACE_FOLD when some whitespace is more than a single space inside the text.
 */
function settledScan(text: string): number {
  const last = text.length - 1;
  let settled = SETTLED_CLEAN | SETTLED_MATCH | SETTLED_NFKC;
  let afterSpace = true;
  for (let i = 0; i <= last; i++) {
    const code = text.charCodeAt(i);
    let flags = SETTLED[code]!;
    if (flags === 0) SETTLED[code] = flags = settledFlags(code);
    if (flags & FOLDED_SPACE) {
      if (code !== 0x20 || afterSpace || i === last) settled |= NEEDS_SPACE_FOLD;
      afterSpace = true;
      continue;
    }
    afterSpace = false;
    settled &= flags | NEEDS_SPACE_FOLD;
    if ((settled & (SETTLED_CLEAN | SETTLED_NFKC)) === 0) return 0;
  }
  return settled;
}

const Unit = { Unknown: 0, Letter: 1, Digit: 2, Other: 3 } as const;
type Unit = (typeof Unit)[keyof typeof Unit];
/** The table entry of a high surrogate: the class is its pair's (astral letters), found when met. */
const HIGH_SURROGATE = 4;
/**
 * The class of every BMP code unit, filled on first sight from the Unicode properties (\p{L}, \p{N}):
 * word scanning runs over every article several times, and a table lookup is several times faster than a
 * Unicode-aware regular expression. A lone surrogate is neither letter nor digit.
 */
const UNIT_CLASS = new Uint8Array(0x10000).fill(HIGH_SURROGATE, 0xd800, 0xdc00).fill(Unit.Other, 0xdc00, 0xe000);
const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;

function classOf(char: string): Unit {
  return LETTER.test(char) ? Unit.Letter : NUMBER.test(char) ? Unit.Digit : Unit.Other;
}

/** Whether the high surrogate at `i` starts a surrogate pair. */
function startsPair(text: string, i: number): boolean {
  return i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
}

/** The class of the character at `i` when the table has no class for its code unit (`entry`): unseen, or a high surrogate. */
function classAt(text: string, i: number, entry: number): Unit {
  if (entry === HIGH_SURROGATE) return startsPair(text, i) ? classOf(text.slice(i, i + 2)) : Unit.Other;
  const code = text.charCodeAt(i);
  return (UNIT_CLASS[code] = classOf(String.fromCharCode(code)));
}

/**
 * Calls `onWord(start, end)` for each word (maximal run of letters and digits) of a text, in order,
 * until it returns false.
 */
function forEachWord(text: string, onWord: (start: number, end: number) => boolean | void): void {
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    let unit = UNIT_CLASS[text.charCodeAt(i)]!;
    let pair = false;
    if (unit === Unit.Unknown || unit === HIGH_SURROGATE) {
      pair = unit === HIGH_SURROGATE && startsPair(text, i);
      unit = classAt(text, i, unit);
    }
    if (unit !== Unit.Other) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (onWord(start, i) === false) return;
      start = -1;
    }
    if (pair) i++;
  }
  if (start >= 0) onWord(start, text.length);
}

/** Words (letters and digits runs) of a text, in order. */
export function words(text: string): string[] {
  const found: string[] = [];
  forEachWord(text, (start, end) => {
    found.push(text.slice(start, end));
  });
  return found;
}

/** How many words a text has. */
export function wordCount(text: string): number {
  let count = 0;
  forEachWord(text, () => {
    count++;
  });
  return count;
}

/**
 * How many words a text has, counting no further than `stopAfter` + 1: "is this line short?" asked of
 * every block must not cost a full count of every long paragraph.
 */
export function countWords(text: string, stopAfter: number): number {
  let count = 0;
  forEachWord(text, () => ++count <= stopAfter);
  return count;
}

/**
 * FNV-1a hashes (32 bits) of the words of a text, each run of digits inside a word read as one `0`:
 * "2019" and "2020" are the same word to a shingle. No word strings are built. A typed array, not a
 * number[]: half of all uint32 values are beyond a small integer, and an array that holds some as
 * doubles and some not changes its element kind from one text to the next, which sends the optimised
 * code of its readers back to the interpreter.
 */
export function wordHashes(text: string): Uint32Array {
  // Words are separated by at least one character: at most one word per two characters (rounded up).
  const hashes = new Uint32Array((text.length + 1) >>> 1);
  let count = 0;
  let h = 0;
  let inWord = false;
  let lastDigit = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let unit = UNIT_CLASS[code]!;
    let pair = false;
    if (unit === Unit.Unknown || unit === HIGH_SURROGATE) {
      pair = unit === HIGH_SURROGATE && startsPair(text, i);
      unit = classAt(text, i, unit);
    }
    if (unit === Unit.Other) {
      if (inWord) hashes[count++] = h;
      inWord = false;
    } else {
      if (!inWord) {
        h = 0x811c9dc5;
        inWord = true;
        lastDigit = false;
      }
      if (unit === Unit.Digit) {
        if (!lastDigit) h = Math.imul(h ^ 0x30, 0x01000193);
        lastDigit = true;
      } else {
        h = Math.imul(h ^ code, 0x01000193);
        if (pair) h = Math.imul(h ^ text.charCodeAt(i + 1), 0x01000193);
        lastDigit = false;
      }
    }
    if (pair) i++;
  }
  if (inWord) hashes[count++] = h;
  return hashes.subarray(0, count);
}
