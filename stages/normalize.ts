/**
 * Text normalisation shared by the stages: one form for display, one for matching.
 */

const SPACE_RUN = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/gu;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u00b4`]/gu;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/gu;
const DASHES = /[\u2010-\u2015\u2212]/gu;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200c-\u200f]/gu;

/** Display form: NFC, control characters removed, every whitespace run (non-breaking too) folded to one space, trimmed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(CONTROL, '').replace(SPACE_RUN, ' ').trim();
}

/**
 * Matching form: NFKC, case-folded, typographic quotes and dashes folded to ASCII,
 * whitespace folded. Two blocks that a reader would call "the same text" get the same form.
 */
export function matchText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(CONTROL, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(SPACE_RUN, ' ')
    .trim();
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Words (letters and digits runs) of a text, in order. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}
