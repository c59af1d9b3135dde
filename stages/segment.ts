/**
 * Stage segment: pick the page's unique article out of its marked blocks.
 *
 * 1. Template blocks cut the page into runs; the article is the run that holds the title's dated copy
 *    (`Title 19.06.2019`, a general signal of news pages) or else the run with the most own text.
 * 2. The run's edges are trimmed of what repeats on a few pages only (weak template: rotating teasers,
 *    signatures), lone date lines, contact lines (an e-mail, URL or phone number with a label) and short
 *    repeated links — as long as an article remains.
 * 3. The title is the block before its dated copy, else a heading or a title-like first block.
 *    The dated copy and lone date lines are dropped from the body (their dates go to the dates stage);
 *    a short, unpunctuated last line after the final paragraph is a signature and is dropped.
 * 4. Consecutive list items become one list, each item on its own line.
 */
import { dateLine, type FoundDate } from './date-parse.js';
import type { MarkedBlock } from './template.js';
import { words } from './normalize.js';
import { drop, emptyTally, type Tally } from './types.js';

export type ParagraphKind = 'paragraph' | 'heading' | 'list' | 'preformatted';

export interface Paragraph {
  readonly kind: ParagraphKind;
  /** One line per list item; a single line otherwise. */
  readonly lines: readonly string[];
}

/** What became of each block, for reports and debugging. */
export type BlockRole =
  | 'title'
  | 'body'
  | 'template'
  | 'outside'
  | 'weak-template'
  | 'date-line'
  | 'title-date'
  | 'contact'
  | 'signature'
  | 'repeat-link';

export interface Segmented {
  readonly title: string | null;
  /** The date of the title's dated copy, if the page has one. */
  readonly titleDate: FoundDate | null;
  /** Lone date lines right before or after the title. */
  readonly nearTitleDates: readonly FoundDate[];
  readonly paragraphs: readonly Paragraph[];
  /** Role of each input block, by position. */
  readonly roles: readonly BlockRole[];
  readonly tally: Tally;
}

/** A block this long (characters) is prose, not a link or label. */
export const PROSE_CHARS = 80;
/** Longest title accepted when nothing but its shape says it is one. */
export const MAX_TITLE_CHARS = 300;
/** A signature or byline line has at most this many words. */
export const MAX_SIGNATURE_WORDS = 8;

const TERMINAL = /[.!?…:;"»”')\]]$/u;
const CONTACT_TOKEN = /\S+@\S+\.\p{L}{2,}|(?:https?:\/\/|www\.)\S+|\+?\d[\d\s().-]{6,}\d/gu;

export function isContactLine(text: string): boolean {
  if (!CONTACT_TOKEN.test(text)) return false;
  CONTACT_TOKEN.lastIndex = 0;
  return words(text.replace(CONTACT_TOKEN, ' ')).length <= 2;
}

const isProse = (b: MarkedBlock) => b.text.length >= PROSE_CHARS;

/**
 * Blocks that may be cut from an article's edge, and the role they get. A short block repeated on the
 * page (a "Share" or "Back" link at top and bottom) is cut at the end only: at the start, the second
 * occurrence of a teaser's title is this page's own title.
 */
function edgeRole(b: MarkedBlock, atEnd: boolean): BlockRole | null {
  if (dateLine(b.text)) return 'date-line';
  if (isContactLine(b.text)) return 'contact';
  if (b.verdict === 'weak') return 'weak-template';
  if (atEnd && b.verdict === 'repeat' && !isProse(b)) return 'repeat-link';
  return null;
}

/** The dated copy of a title: `next` is `title` followed (or preceded) by nothing but a date. */
function titleDateOf(title: MarkedBlock, next: MarkedBlock | undefined): FoundDate | null {
  if (!next || next.norm.length <= title.norm.length || title.norm.length < 2) return null;
  if (next.norm.startsWith(title.norm)) return dateLine(next.norm.slice(title.norm.length));
  if (next.norm.endsWith(title.norm)) return dateLine(next.norm.slice(0, next.norm.length - title.norm.length));
  return null;
}

/** A line that may end an article without belonging to it: short, not a sentence, not a list item. */
function isTailLine(b: MarkedBlock): boolean {
  if (b.kind === 'list-item') return false;
  return isContactLine(b.text) || (words(b.text).length <= MAX_SIGNATURE_WORDS && !TERMINAL.test(b.text));
}

/** A block that ends like a sentence and is long enough to be one. */
function isSentence(b: MarkedBlock): boolean {
  return TERMINAL.test(b.text) && words(b.text).length > MAX_SIGNATURE_WORDS;
}

function looksLikeTitle(b: MarkedBlock, next: MarkedBlock | undefined): boolean {
  if (b.kind === 'heading') return true;
  if (!next || b.kind === 'list-item' || b.text.length > MAX_TITLE_CHARS) return false;
  return words(b.text).length >= 2 && !/[.,;:]$/u.test(b.text) && !dateLine(b.text);
}

export function segment(blocks: readonly MarkedBlock[]): Segmented {
  const roles: BlockRole[] = blocks.map((b) => (b.verdict === 'template' ? 'template' : 'outside'));
  const tally = emptyTally();

  // 1. Runs between template blocks.
  const runs: [number, number][] = [];
  let start = -1;
  blocks.forEach((b, i) => {
    if (b.verdict === 'template') {
      if (start >= 0) runs.push([start, i]);
      start = -1;
    } else if (start < 0) start = i;
  });
  if (start >= 0) runs.push([start, blocks.length]);

  let anchor = -1;
  let titleDate: FoundDate | null = null;
  for (let i = 0; i + 1 < blocks.length && anchor < 0; i++) {
    if (blocks[i + 1]!.verdict === 'template') continue;
    titleDate = titleDateOf(blocks[i]!, blocks[i + 1]);
    if (titleDate) anchor = i;
  }

  const ownText = ([from, to]: [number, number]) =>
    blocks.slice(from, to).reduce((sum, b) => sum + (b.verdict === 'weak' ? b.text.length / 2 : b.text.length), 0);
  let run = runs.find(([from, to]) => anchor + 1 >= from && anchor + 1 < to);
  if (!run) run = runs.reduce<[number, number] | undefined>((best, r) => (!best || ownText(r) > ownText(best) ? r : best), undefined);
  if (!run) return { title: null, titleDate: null, nearTitleDates: [], paragraphs: [], roles, tally: finish(tally, roles) };

  // 2. The span: from the title (when its dated copy marks it) or the trimmed run start, to the trimmed run end.
  let [from, to] = run;
  if (anchor >= 0 && anchor >= from - 1) from = anchor;
  else from += trimmable(blocks, from, to, 1, roles);
  to -= trimmable(blocks, from, to, -1, roles);

  // 3. Title, dated copy, lone dates and signature.
  let title: string | null = null;
  const nearTitleDates: FoundDate[] = [];
  let bodyFrom = from;
  if (anchor === from) {
    title = blocks[from]!.text;
    roles[from] = 'title';
    roles[from + 1] = 'title-date';
    bodyFrom = from + 2;
  } else if (from < to && looksLikeTitle(blocks[from]!, blocks[from + 1])) {
    title = blocks[from]!.text;
    roles[from] = 'title';
    bodyFrom = from + 1;
  }
  const body: MarkedBlock[] = [];
  for (let i = bodyFrom; i < to; i++) {
    const b = blocks[i]!;
    const lone = dateLine(b.text);
    if (lone) {
      roles[i] = 'date-line';
      if (i - bodyFrom < 2 && title) nearTitleDates.push(lone);
      continue;
    }
    roles[i] = 'body';
    body.push(b);
  }
  const before = blocks[from - 1];
  const loneBefore = title && before && before.verdict !== 'template' ? dateLine(before.text) : null;
  if (loneBefore) nearTitleDates.push(loneBefore);
  // A tail of short, unpunctuated lines after the last sentence: signature, byline, links.
  let tail = body.length;
  while (tail > 0 && isTailLine(body[tail - 1]!)) tail--;
  if (tail < body.length && tail > 0 && isSentence(body[tail - 1]!)) {
    for (const b of body.splice(tail)) roles[b.position] = isContactLine(b.text) ? 'contact' : 'signature';
  }

  return { title, titleDate, nearTitleDates, paragraphs: toParagraphs(body), roles, tally: finish(tally, roles) };
}

/**
 * How many blocks can be cut from one edge of [from, to) (`step` 1: the start, -1: the end).
 * Only when what remains is still an article: two blocks or more, one of them prose.
 */
function trimmable(blocks: readonly MarkedBlock[], from: number, to: number, step: 1 | -1, roles: BlockRole[]): number {
  let cut = 0;
  const cutRoles: BlockRole[] = [];
  for (let i = step === 1 ? from : to - 1; i >= from && i < to; i += step) {
    const role = edgeRole(blocks[i]!, step === -1);
    if (!role) break;
    cutRoles.push(role);
    cut++;
  }
  const remaining = step === 1 ? blocks.slice(from + cut, to) : blocks.slice(from, to - cut);
  if (cut === 0 || remaining.length < 2 || !remaining.some(isProse)) return 0;
  cutRoles.forEach((role, k) => (roles[step === 1 ? from + k : to - 1 - k] = role));
  return cut;
}

function toParagraphs(body: readonly MarkedBlock[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const b of body) {
    const previous = paragraphs[paragraphs.length - 1];
    if (b.kind === 'list-item' && previous?.kind === 'list') {
      paragraphs[paragraphs.length - 1] = { kind: 'list', lines: [...previous.lines, b.text] };
    } else if (b.kind === 'list-item') paragraphs.push({ kind: 'list', lines: [b.text] });
    else if (b.kind === 'table-cell') paragraphs.push({ kind: 'paragraph', lines: [b.text] });
    else paragraphs.push({ kind: b.kind, lines: [b.text] });
  }
  return paragraphs;
}

function finish(tally: Tally, roles: readonly BlockRole[]): Tally {
  for (const role of roles) {
    if (role === 'title' || role === 'body') tally.kept++;
    else drop(tally, role);
  }
  return tally;
}
