/**
 * Text normalisation shared by the stages: one form for display, one for matching.
 */

const SPACE_RUN = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/gu;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200c-\u200f]/gu;
const SINGLE_QUOTES = '\u2018\u2019\u201a\u201b\u2032\u00b4`';
const DOUBLE_QUOTES = '\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb';
/** Control characters, typographic quotes and dashes, found in one scan (they are rare). */
const FOLDED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200c-\u200f\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2010-\u2015\u2212]/gu;
const fold = (c: string) => (SINGLE_QUOTES.includes(c) ? "'" : DOUBLE_QUOTES.includes(c) ? '"' : c <= '\u007f' || (c >= '\u200c' && c <= '\u200f') ? '' : '-');

/** Display form: NFC, control characters removed, every whitespace run (non-breaking too) folded to one space, trimmed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(CONTROL, '').replace(SPACE_RUN, ' ').trim();
}

/**
 * Matching form: NFKC, case-folded, typographic quotes and dashes folded to ASCII,
 * whitespace folded. Two blocks that a reader would call "the same text" get the same form.
 */
export function matchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(FOLDED, fold).replace(SPACE_RUN, ' ').trim();
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Words (letters and digits runs) of a text, in order. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

const WORD_STICKY = /[\p{L}\p{N}]+/guy;
const NOT_WORD = /[^\p{L}\p{N}]+/guy;

/**
 * How many words a text has, counting no further than `stopAfter` + 1: "is this line short?" asked of
 * every block must not cost a full word list of every long paragraph. (For a full count, `words` is faster.)
 */
export function countWords(text: string, stopAfter: number): number {
  let count = 0;
  let at = 0;
  while (at < text.length && count <= stopAfter) {
    NOT_WORD.lastIndex = at;
    if (NOT_WORD.test(text)) at = NOT_WORD.lastIndex;
    if (at >= text.length) break;
    WORD_STICKY.lastIndex = at;
    if (!WORD_STICKY.test(text)) break;
    at = WORD_STICKY.lastIndex;
    count++;
  }
  return count;
}
