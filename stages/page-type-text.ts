/**
 * What a page's text says of its kind, for the page-type stage: cue words and phrases (shopping, forum,
 * documentation, service and listing talk; "we" and "you"), dates, reading times, prices, phone numbers
 * and bylines. Cues are English, as most of the web is; they are counted in the blocks' matching forms,
 * word by word, without building a string.
 */
import type { Block } from './types.js';

/** log(1 + n), scaled so that the counts pages have (up to a few thousand) fall near 0..1. */
export const logCount = (n: number) => Math.log1p(n) / 8;

/** Cue phrases (one to three words, as blocks' matching forms have them) by what they suggest; English: most of the web. */
const CUES = {
  cart: [
    'add to cart',
    'add to bag',
    'add to basket',
    'add to wishlist',
    'buy now',
    'in stock',
    'out of stock',
    'sold out',
    'free shipping',
    'quantity',
    'sku',
    'checkout',
  ],
  forumTalk: [
    'reply',
    'replies',
    'replied',
    'posts',
    'joined',
    'member',
    'members',
    'quote',
    'views',
    'last post',
    'posted by',
    'thread',
    'upvote',
    'upvotes',
    'votes',
    'permalink',
    'original poster',
    'op',
  ],
  docsTalk: [
    'table of contents',
    'on this page',
    'edit this page',
    'edit on github',
    'parameter',
    'parameters',
    'returns',
    'argument',
    'arguments',
    'example',
    'syntax',
    'install',
    'installation',
    'configuration',
    'deprecated',
    'version',
    'default',
  ],
  serviceTalk: [
    'contact us',
    'quote',
    'estimate',
    'consultation',
    'book a',
    'book an',
    'book now',
    'book online',
    'schedule',
    'call us',
    'call now',
    'call today',
    'our services',
    'our team',
    'our clients',
    'request a',
    'get started',
    'why choose',
    'testimonial',
    'testimonials',
    'pricing',
  ],
  listingTalk: [
    'read more',
    'continue reading',
    'load more',
    'show more',
    'view all',
    'see all',
    'next page',
    'previous page',
    'sort by',
    'filter',
    'result',
    'results',
    'showing',
    'older posts',
    'newer posts',
  ],
  we: ['we', 'our', 'us', "we're", "we've", "we'll"],
  you: ['you', 'your', "you're", "you'll", 'yours'],
} as const;
type Cue = keyof typeof CUES;
/** Cues that say who speaks to whom, read as a share of the words: a business to its customers ("we", "you"), or a writer about others. */
const VOICES = ['we', 'you'] as const satisfies readonly Cue[];
/** Cues read as counts. */
const TALK = ['cart', 'forumTalk', 'docsTalk', 'serviceTalk', 'listingTalk'] as const satisfies readonly Cue[];
const CUE_NAMES = Object.keys(CUES) as Cue[];

/** What a word is to the scan that counts cues: bits, and the cue a single word is (its index + 1) in the low bits. */
const CUE_BITS = 0xff;
const MONTH = 1 << 8;
const TIME_UNIT = 1 << 9;
const AGO = 1 << 10;
const READ = 1 << 11;
const MINUTES = 1 << 12;
/** The first word of a cue of two or three words. */
const PHRASE_START = 1 << 13;

/**
 * FNV-1a over a word's code units: the scan looks words up by hash and builds no strings. Keys are cut to
 * 30 bits, which V8 keeps as small integers: a larger number would be allocated on every lookup.
 */
const FNV_OFFSET = 0x811c9dc5;
const fnvStep = (hash: number, code: number) => Math.imul(hash ^ code, 0x01000193);
const KEY_BITS = 0x3fffffff;
function wordHash(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = fnvStep(hash, word.charCodeAt(i));
  return hash & KEY_BITS;
}
/** The hash of a word (hash `after`) following a word or phrase (hash `before`). */
const followedBy = (before: number, after: number) => Math.imul(before ^ Math.imul(after, 0x9e3779b1), 0x85ebca6b) & KEY_BITS;
const phraseHash = (phrase: string) => phrase.split(' ').map(wordHash).reduce(followedBy);

/** Single words by hash: their cue and bits. */
const LEXICON = new Map<number, number>();
/** Phrases of two or three words by hash: their cue's index. */
const PHRASE_CUES = new Map<number, number>();
const addBits = (words: readonly string[], bits: number) => {
  for (const word of words) LEXICON.set(wordHash(word), (LEXICON.get(wordHash(word)) ?? 0) | bits);
};
CUE_NAMES.forEach((cue, index) => {
  for (const phrase of CUES[cue]) {
    if (phrase.includes(' ')) {
      PHRASE_CUES.set(phraseHash(phrase), index);
      addBits([phrase.split(' ')[0]!], PHRASE_START);
    } else addBits([phrase], index + 1);
  }
});
addBits(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'], MONTH);
addBits(['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'], MONTH);
addBits(['minute', 'minutes', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years'], TIME_UNIT);
addBits(['ago'], AGO);
addBits(['read'], READ);
addBits(['min', 'mins', 'minute', 'minutes'], MINUTES);

/** A currency amount: "$12.99", "€ 5", "12,50 €", "300 zł". */
const PRICE = /[$€£¥₹]\s?\d|\d\s?(?:€|zł|руб|₽|(?:kr|usd|eur|gbp|chf)\b)/gi;
/** A phone number: "(555) 123-4567", "555.123.4567". */
const PHONE = /\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g;
/** A byline: "By Jane Smith", "Author: J. Smith" (case matters). */
const BYLINE = /(?:\bBy|\bBY|\bAuthor:?|\bWritten by)\s+\p{Lu}[\p{Ll}.]+(?:\s+\p{Lu}\.)?\s+\p{Lu}\p{Ll}+/gu;
export const TEXT_FEATURES = [
  ...TALK.map((cue) => `text:${cue}` as const),
  ...VOICES.map((cue) => `voice:${cue}` as const),
  'text:date',
  'text:reading-time',
  'text:price',
  'text:phone',
  'text:byline',
] as const;
export type TextFeature = (typeof TEXT_FEATURES)[number];

export function textFeatures(blocks: readonly Block[]): Record<TextFeature, number> {
  const counts = new CueCounts();
  let price = 0;
  let phone = 0;
  let byline = 0;
  for (const block of blocks) {
    counts.scan(block.norm);
    price += matches(PRICE, block.text);
    phone += matches(PHONE, block.text);
    byline += matches(BYLINE, block.text);
  }
  const cue = (name: Cue) => counts.cues[CUE_NAMES.indexOf(name)]!;
  const words = Math.max(1, counts.words);
  return {
    ...(Object.fromEntries(TALK.map((name) => [`text:${name}`, logCount(cue(name))])) as Record<`text:${(typeof TALK)[number]}`, number>),
    ...(Object.fromEntries(VOICES.map((name) => [`voice:${name}`, Math.min((cue(name) / words) * 10, 1)])) as Record<
      `voice:${(typeof VOICES)[number]}`,
      number
    >),
    'text:date': logCount(counts.dates),
    'text:reading-time': logCount(counts.readingTimes),
    'text:price': logCount(price),
    'text:phone': logCount(phone),
    'text:byline': logCount(byline),
  };
}

/** What number a word is, when it is all digits. */
const NumberKind = { None: 0, Day: 1, TwoDigits: 2, Year: 3, Other: 4 } as const;
type NumberKind = (typeof NumberKind)[keyof typeof NumberKind];

function numberKind(length: number, value: number): NumberKind {
  if (length === 1 && value >= 1) return NumberKind.Day;
  if (length === 2) return value >= 1 && value <= 31 ? NumberKind.Day : NumberKind.TwoDigits;
  if (length === 4 && value >= 1900 && value <= 2099) return NumberKind.Year;
  return NumberKind.Other;
}

/**
 * Counts cue words and phrases, dates ("march 5", "5 march", an ISO date's three numbers, "3 days ago")
 * and reading times ("5 min read") in a block's matching form (lower-cased), word by word, building no
 * strings: a word is a run of ASCII letters, digits and apostrophes, or of other non-ASCII characters.
 */
class CueCounts {
  readonly cues = new Uint32Array(CUE_NAMES.length);
  words = 0;
  dates = 0;
  readingTimes = 0;
  // The two words before the current one in its block (phrases and dates do not cross blocks).
  private seen = 0;
  private hash1 = 0;
  private bits1 = 0;
  private number1: NumberKind = NumberKind.None;
  private hash2 = 0;
  private bits2 = 0;
  private number2: NumberKind = NumberKind.None;

  scan(text: string): void {
    this.seen = 0;
    let hash = FNV_OFFSET;
    let length = 0;
    let digits = 0;
    let value = 0;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 0x20;
      const isDigit = code >= 0x30 && code <= 0x39;
      if (isDigit || (code >= 0x61 && code <= 0x7a) || code === 0x27 || code >= 0x80) {
        hash = fnvStep(hash, code);
        length++;
        if (isDigit && digits < 6) value = value * 10 + code - 0x30;
        if (isDigit) digits++;
        continue;
      }
      if (length === 0) continue;
      this.word(hash & KEY_BITS, digits === length ? numberKind(length, value) : NumberKind.None);
      hash = FNV_OFFSET;
      length = digits = value = 0;
    }
  }

  private word(hash: number, number: NumberKind): void {
    this.words++;
    const bits = LEXICON.get(hash) ?? 0;
    if (bits & CUE_BITS) this.cues[(bits & CUE_BITS) - 1]!++;
    if (this.seen >= 1) {
      const phrase =
        (this.bits1 & PHRASE_START ? PHRASE_CUES.get(followedBy(this.hash1, hash)) : undefined) ??
        (this.seen >= 2 && this.bits2 & PHRASE_START ? PHRASE_CUES.get(followedBy(followedBy(this.hash2, this.hash1), hash)) : undefined);
      if (phrase !== undefined) this.cues[phrase]!++;
      const isDate =
        (bits & MONTH && this.number1 === NumberKind.Day) ||
        (number === NumberKind.Day && this.bits1 & MONTH) ||
        (bits & AGO && this.bits1 & TIME_UNIT && this.number2 !== NumberKind.None) ||
        (number !== NumberKind.None && number !== NumberKind.Year && this.number1 !== NumberKind.None && this.number2 === NumberKind.Year);
      if (isDate) this.dates++;
      if (bits & READ && this.bits1 & MINUTES) this.readingTimes++;
    }
    this.hash2 = this.hash1;
    this.bits2 = this.bits1;
    this.number2 = this.number1;
    this.hash1 = hash;
    this.bits1 = bits;
    this.number1 = number;
    this.seen++;
  }
}

function matches(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text)) n++;
  return n;
}
