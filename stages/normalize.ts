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
const FOLDED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200c-\u200f\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2010-\u2015\u2212]/g;
const fold = (c: string) => (SINGLE_QUOTES.includes(c) ? "'" : DOUBLE_QUOTES.includes(c) ? '"' : c <= '\u007f' || (c >= '\u200c' && c <= '\u200f') ? '' : '-');

/** Display form: NFC, control characters removed, every whitespace run (non-breaking too) folded to one space, trimmed. */
export function cleanText(text: string): string {
  if (isSettled(text, SETTLED_CLEAN)) return text;
  return text.normalize('NFC').replace(CONTROL, '').replace(SPACE_RUN, ' ').trim();
}

/**
 * Matching form: NFKC, case-folded, typographic quotes and dashes folded to ASCII,
 * whitespace folded. Two blocks that a reader would call "the same text" get the same form.
 */
export function matchText(text: string): string {
  if (isSettled(text, SETTLED_MATCH)) return text.toLowerCase();
  return text.normalize('NFKC').toLowerCase().replace(FOLDED, fold).replace(SPACE_RUN, ' ').trim();
}

/**
 * Both forms of a text that is about to become a block: `clean` is cleanText(text), `norm` is
 * matchText(clean). Most text is settled for both, and one scan says so.
 */
export function textForms(text: string): { clean: string; norm: string } {
  if (isSettled(text, SETTLED_CLEAN | SETTLED_MATCH)) return { clean: text, norm: text.toLowerCase() };
  const clean = cleanText(text);
  return { clean, norm: matchText(clean) };
}

/**
 * Most text is already in display form, and in matching form but for case: one scan over its code
 * units says so, and the normalisations and replacements (most of the cost) are skipped. A code unit is
 * settled when, on its own, no step changes it and it cannot combine with its neighbours: not a mark,
 * a conjoining jamo, a surrogate, whitespace, a control character or a character the match form folds.
 * The class of every BMP code unit is found on first sight (bit flags below; 0 = not yet known).
 */
const SETTLED_KNOWN = 1;
const SETTLED_CLEAN = 2;
const SETTLED_MATCH = 4;
const SETTLED = new Uint8Array(0x10000);
const UNSETTLING = /[\p{M}\s\u0000-\u001f\u007f\u200b-\u200f\u1100-\u11ff]/u;
const FOLDED_ONE = new RegExp(FOLDED.source);

function settledFlags(code: number): number {
  const ch = String.fromCharCode(code);
  if ((code >= 0xd800 && code <= 0xdfff) || UNSETTLING.test(ch)) return SETTLED_KNOWN;
  let flags = SETTLED_KNOWN;
  if (ch.normalize('NFC') === ch) flags |= SETTLED_CLEAN;
  if (ch.normalize('NFKC') === ch && !FOLDED_ONE.test(ch)) flags |= SETTLED_MATCH;
  return flags;
}

/** Whether every code unit of the text is settled for every form in `form` and its spaces are single and inside. */
function isSettled(text: string, form: number): boolean {
  const last = text.length - 1;
  if (last < 0) return true;
  if (text.charCodeAt(0) === 0x20 || text.charCodeAt(last) === 0x20) return false;
  let afterSpace = false;
  for (let i = 0; i <= last; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20) {
      if (afterSpace) return false;
      afterSpace = true;
      continue;
    }
    afterSpace = false;
    let flags = SETTLED[code]!;
    if (flags === 0) SETTLED[code] = flags = settledFlags(code);
    if ((flags & form) !== form) return false;
  }
  return true;
}

const Unit = { Unknown: 0, Letter: 1, Digit: 2, Other: 3 } as const;
type Unit = (typeof Unit)[keyof typeof Unit];
/**
 * The class of every BMP code unit, filled on first sight from the Unicode properties (\p{L}, \p{N}):
 * word scanning runs over every article twice, and a table lookup is several times faster than a
 * Unicode-aware regular expression. Surrogate pairs (astral letters) are classified one by one.
 */
const UNIT_CLASS = new Uint8Array(0x10000);
const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;

function classOf(char: string): Unit {
  return LETTER.test(char) ? Unit.Letter : NUMBER.test(char) ? Unit.Digit : Unit.Other;
}

/** The class of the character at `i` (a whole surrogate pair counts as one; `unitsAt` gives its length). */
function charAt(text: string, i: number): Unit {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return classOf(text.slice(i, i + 2));
  }
  let unit = UNIT_CLASS[code] as Unit;
  if (unit === Unit.Unknown) UNIT_CLASS[code] = unit = classOf(String.fromCharCode(code));
  return unit;
}

function unitsAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/**
 * Calls `onWord(start, end)` for each word (maximal run of letters and digits) of a text, in order,
 * until it returns false.
 */
function forEachWord(text: string, onWord: (start: number, end: number) => boolean | void): void {
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const width = unitsAt(text, i);
    const inWord = charAt(text, i) !== Unit.Other;
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      if (onWord(start, i) === false) return;
      start = -1;
    }
    i += width;
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
 * "2019" and "2020" are the same word to a shingle. No word strings are built.
 */
export function wordHashes(text: string): number[] {
  const hashes: number[] = [];
  let h = 0;
  let inWord = false;
  let lastDigit = false;
  for (let i = 0; i < text.length; ) {
    const width = unitsAt(text, i);
    const unit = charAt(text, i);
    if (unit === Unit.Other) {
      if (inWord) hashes.push(h >>> 0);
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
        for (let j = i; j < i + width; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
        lastDigit = false;
      }
    }
    i += width;
  }
  if (inWord) hashes.push(h >>> 0);
  return hashes;
}
