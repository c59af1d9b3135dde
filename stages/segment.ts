/**
 * Stage segment: pick the page's unique article out of its marked blocks.
 *
 * 1. Template and boilerplate blocks cut the page (or, for HTML, the article container) into runs. The
 *    article is the run that holds the title's dated copy (`Title 19.06.2019`, a general trait of news
 *    pages) or else the run with the most own text; it grows over template gaps into neighbouring runs
 *    that hold prose of their own (an advert or a share box in the middle of an article).
 * 2. The edges are trimmed of what repeats on a few pages only (weak template: rotating teasers,
 *    signatures), lone date lines, contact lines (an e-mail, URL or phone number with a label) and short
 *    repeated links — as long as an article remains.
 * 3. The title is the block before its dated copy, the title the page states (HTML), or a heading or
 *    title-like first block. The dated copy and lone date lines are dropped from the body (their dates go
 *    to the dates stage); a tail of short, unpunctuated lines after the last sentence is dropped.
 *    On an article, a heading or short label over nothing but boilerplate (a box of related links, a share
 *    bar) goes with what it heads, unless the article has many (a guide's headings over product boxes).
 *    A run of prose given twice (a box repeated for each layout) keeps its first copy.
 * 4. Consecutive list items become one list, each item on its own line.
 */
import { dateLine, findDates, type FoundDate } from './date-parse.js';
import type { MarkedBlock } from './template.js';
import { countWords, matchText } from './normalize.js';
import {
  childUnder,
  drop,
  emptyTally,
  isProseBlock,
  LIST_TAGS,
  mapPacked,
  MAX_DEPTH,
  PROSE_CHARS,
  PROSE_LINK_DENSITY,
  type ElementTree,
  type Tally,
} from './types.js';

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
  | 'boilerplate'
  | 'outside'
  | 'weak-template'
  | 'date-line'
  | 'title-date'
  | 'contact'
  | 'signature'
  | 'repeat-link'
  | 'duplicate'
  | 'furniture'
  | 'trailing'
  | 'closing'
  | 'empty-heading';

export interface SegmentOptions {
  /** Only blocks [from, to) may hold the article (the HTML article container). */
  readonly span?: { readonly from: number; readonly to: number };
  /** The title the page states (HTML metadata); its block, if found, leaves the body. */
  readonly statedTitle?: string | null;
  /** Cut what follows the article's prose at the first heading after it (an article, not a list). */
  readonly trailing?: boolean;
  /** The blocks of the element holding most of the container's prose (the article's text, without what sits beside it). */
  readonly core?: ArticleCore | null;
  /**
   * The page is an article: a short line heads what follows it as a heading does when it is a label (`Read more:`
   * over links, a `div.module-title`) or sits past the core in an element of its own.
   */
  readonly article?: boolean;
  /**
   * Drop a body block whose text (DEDUPE_MIN_WORDS words or more) the body already holds: a product page
   * repeats its blurb for the desktop and the mobile layout, or in a sticky bar; a forum's replies quote the
   * posts they answer. Runs after `repeats`, which drops every copy of a post's furniture, not all but one.
   */
  readonly dedupe?: boolean;
  /** The page's own name is part of its content (a product's name over its description): its title block stays in the body. */
  readonly keepTitle?: boolean;
  /** HTML: each element's parent (ElementTree.parent), to tell a section of the article from what follows it. */
  readonly parents?: readonly number[];
  /** A forum thread: short lines whose shape repeats from post to post (`Joined: …`, `Posts: …`, `12 likes`) are its posts' furniture. */
  readonly repeats?: boolean;
  /**
   * An article (HTML): what follows the element that holds its body is not the article (the author's box,
   * related stories, a newsletter form, references), even when it holds prose of its own.
   */
  readonly bodyTree?: ElementTree;
  /**
   * An article or a service page (HTML): blocks that may be its lead (standfirst) when they sit between its title and its
   * body, outside the container or in the element that heads it (`header`): the summary a news page sets under its
   * headline, the line a service page sets under its hero's title.
   */
  readonly lead?: (position: number) => boolean;
}

/**
 * The blocks of the element holding most of the container's prose: the article's own text, without what sits
 * beside it in the container (related stories, teasers, boxes).
 */
export interface ArticleCore {
  readonly from: number;
  readonly to: number;
  /** A block after the core that continues the article: it sits in an element of the same kind as the core (a later section). */
  continues(position: number): boolean;
  /** No element from the core up to the container has a class or id: nothing tells a later section from a footer's blurb. */
  readonly anonymous?: boolean;
}

export interface Segmented {
  readonly title: string | null;
  /** The date of the title's dated copy, if the page has one. */
  readonly titleDate: FoundDate | null;
  /** Lone date lines right before or after the title. */
  readonly nearTitleDates: readonly FoundDate[];
  readonly paragraphs: readonly Paragraph[];
  /**
   * The body in its matching form: its blocks' norms joined by spaces, which is `matchText` of the
   * article text (matching folds the line breaks between paragraphs to spaces), without matching it again.
   */
  readonly bodyNorm: string;
  /** Role of each input block, by position. */
  readonly roles: readonly BlockRole[];
  readonly tally: Tally;
}

/** Longest title accepted when nothing but its shape says it is one. */
const MAX_TITLE_CHARS = 300;
/** A signature or byline line has at most this many words. */
const MAX_SIGNATURE_WORDS = 8;
/** A repeated body block this long (words) is a copy of the layout, not a refrain. */
const DEDUPE_MIN_WORDS = 3;
/** How far into the article the stated title's own block is looked for. */
const TITLE_SEARCH_BLOCKS = 6;

/** Text that ends as a sentence or a label does; emoji after the stop (`… bekommen... 🦁`) do not unmake it. */
const TERMINAL = /[.!?…:;"»”')\]][\s\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]*$/u;
const CONTACT_TOKEN = /\S+@\S+\.\p{L}{2,}|(?:https?:\/\/|www\.)\S+|\+?\d[\d\s().-]{6,}\d/gu;

/** A signature gives this many contact lines at most (an e-mail, a phone, a fax, a web address...). */
const MAX_TAIL_CONTACTS = 5;
/** Contact lines are short: a label and an address or number. */
const MAX_CONTACT_CHARS = 200;

export function isContactLine(text: string): boolean {
  if (text.length > MAX_CONTACT_CHARS || !CONTACT_TOKEN.test(text)) return false;
  CONTACT_TOKEN.lastIndex = 0;
  return countWords(text.replace(CONTACT_TOKEN, ' '), 2) <= 2;
}

const isProse = (b: MarkedBlock) => b.text.length >= PROSE_CHARS;
const isSplitter = (b: MarkedBlock) => b.verdict === 'template' || b.verdict === 'boilerplate';
const ownProse = (b: MarkedBlock) => isProse(b) && (b.verdict === 'content' || b.verdict === 'repeat');

/**
 * Blocks that may be cut from an article's edge, and the role they get. A short block repeated on the
 * page (a "Share" or "Back" link at top and bottom) is cut at the end only: at the start, the second
 * occurrence of a teaser's title is this page's own title.
 */
function edgeRole(b: MarkedBlock, atEnd: boolean): BlockRole | null {
  if (dateLine(b.text) || isDatedLabel(b.text)) return 'date-line';
  if (isContactLine(b.text)) return 'contact';
  if (b.verdict === 'weak') return 'weak-template';
  if (atEnd && b.verdict === 'repeat' && !isProse(b)) return 'repeat-link';
  return null;
}

/** A short line that carries a date: "5 April 2013 Last updated at 13:25 GMT", "Posted on 3 May 2020 by Ann". */
function isDatedLabel(text: string): boolean {
  return countWords(text, MAX_SIGNATURE_WORDS + 2) <= MAX_SIGNATURE_WORDS + 2 && !TERMINAL.test(text) && findDates(text).length > 0;
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
  return isContactLine(b.text) || (countWords(b.text, MAX_SIGNATURE_WORDS) <= MAX_SIGNATURE_WORDS && !TERMINAL.test(b.text));
}

const HEADING_CLASS_WORDS = new Set(['title', 'headline', 'heading', 'head', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Words of a heading-like label at most. */
const MAX_LABEL_WORDS = 6;

/**
 * A short line that heads what follows it without a heading tag: an element named as a title (`div.module-title`,
 * `div.h3`), or a label that ends with a colon (`Read more:`, `More on this:`) over links.
 */
function isLabelHeading(b: MarkedBlock, next: MarkedBlock | undefined): boolean {
  if (b.kind !== 'paragraph' || countWords(b.text, MAX_LABEL_WORDS + 1) > MAX_LABEL_WORDS) return false;
  // A label that introduces links (`Read more:` over a list of stories); one over the article's own lines is its text.
  if (b.text.endsWith(':')) return !next || isSplitter(next);
  if (TERMINAL.test(b.text)) return false;
  return headingClass(b);
}

/** The block's element is named as a title (`div.module-title`, `div.h3`). */
function headingClass(b: MarkedBlock): boolean {
  const label = (b.path ?? '').split('>').pop() ?? '';
  const words = label
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.slice(1).some((w) => HEADING_CLASS_WORDS.has(w));
}

/** A paragraph of the article's prose: long, ending like a sentence, mostly not links. */
function isProseParagraph(b: MarkedBlock): boolean {
  return b.kind !== 'heading' && b.text.length >= PROSE_CHARS && TERMINAL.test(b.text) && (b.linkDensity ?? 0) < 0.3;
}

/** A block that ends like a sentence and is long enough to be one. */
function isSentence(b: MarkedBlock): boolean {
  return TERMINAL.test(b.text) && countWords(b.text, MAX_SIGNATURE_WORDS) > MAX_SIGNATURE_WORDS;
}

function looksLikeTitle(b: MarkedBlock, next: MarkedBlock | undefined): boolean {
  if (b.kind === 'heading') return true;
  if (!next || b.kind === 'list-item' || b.text.length > MAX_TITLE_CHARS) return false;
  return countWords(b.text, 2) >= 2 && !/[.,;:]$/u.test(b.text) && !dateLine(b.text);
}

/** How far into the article the date line that opens its prose is looked for (past a few teasers). */
const OPENING_SEARCH_BLOCKS = 24;

/**
 * The first date line among the article's first blocks that has the article's own prose right after it and a
 * heading-like line right before it (that line may sit just outside the range, learned as template: the
 * title of a page other pages list as a teaser); -1 if none. A teaser's date line has its title after it.
 */
function openingDateLine(blocks: readonly MarkedBlock[], from: number, to: number): number {
  // From the block before the range: a date line at its edge is trimmed off it.
  for (let i = Math.max(from - 1, 1); i < Math.min(to - 1, from + OPENING_SEARCH_BLOCKS); i++) {
    const b = blocks[i]!;
    if (!(dateLine(b.text) || isDatedLabel(b.text))) continue;
    if (ownProse(blocks[i + 1]!) && looksLikeTitle(blocks[i - 1]!, b) && !dateLine(blocks[i - 1]!.text)) return i;
  }
  return -1;
}

export function segment(blocks: readonly MarkedBlock[], options: SegmentOptions = {}): Segmented {
  const span = options.span ?? { from: 0, to: blocks.length };
  const roles: BlockRole[] = mapPacked(blocks, (b, i) =>
    i < span.from || i >= span.to
      ? 'outside'
      : b.verdict === 'template'
        ? 'template'
        : b.verdict === 'boilerplate'
          ? 'boilerplate'
          : 'outside',
  );
  const tally = emptyTally();
  const empty = () => ({
    title: options.statedTitle ?? null,
    titleDate: null,
    nearTitleDates: [],
    paragraphs: [],
    bodyNorm: '',
    roles,
    tally: finish(tally, roles),
  });

  // 1. Runs between splitters, inside the span.
  const runs: [number, number][] = [];
  for (let i = span.from; i < span.to;) {
    while (i < span.to && isSplitter(blocks[i]!)) i++;
    const start = i;
    while (i < span.to && !isSplitter(blocks[i]!)) i++;
    if (i > start) runs.push([start, i]);
  }

  let anchor = -1;
  let titleDate: FoundDate | null = null;
  for (let i = Math.max(0, span.from - 1); i + 1 < span.to && anchor < 0; i++) {
    if (isSplitter(blocks[i + 1]!)) continue;
    titleDate = titleDateOf(blocks[i]!, blocks[i + 1]);
    if (titleDate) anchor = i;
  }

  const ownText = ([from, to]: [number, number]) =>
    blocks.slice(from, to).reduce((sum, b) => sum + (b.verdict === 'weak' ? b.text.length / 2 : b.text.length), 0);
  let chosen = anchor < 0 ? -1 : runs.findIndex(([from, to]) => anchor + 1 >= from && anchor + 1 < to);
  if (chosen < 0) chosen = runs.reduce((best, r, k) => (best < 0 || ownText(r) > ownText(runs[best]!) ? k : best), -1);
  if (chosen < 0) return empty();
  let first = chosen;
  let last = chosen;
  if (options.span) {
    // The span is the article's container: all of it is the article, but where the article starts at its dated title.
    last = runs.length - 1;
    if (anchor < 0) first = 0;
  } else {
    const hasOwnProse = ([from, to]: [number, number]) => blocks.slice(from, to).some(ownProse);
    while (last + 1 < runs.length && hasOwnProse(runs[last + 1]!)) last++;
    while (first - 1 >= 0 && anchor < 0 && hasOwnProse(runs[first - 1]!)) first--;
  }

  // 2. The article range, trimmed at its edges.
  let from = runs[first]![0];
  let to = runs[last]![1];
  if (anchor >= 0 && anchor >= from - 1) from = anchor;
  else from += trimmable(blocks, from, to, 1, roles);
  to -= trimmable(blocks, from, to, -1, roles);

  // 3. Title, dated copy, lone dates and tail.
  let title: string | null = null;
  const nearTitleDates: FoundDate[] = [];
  let bodyFrom = from;
  let opening: number;
  if (anchor === from) {
    title = blocks[from]!.text;
    roles[from] = 'title';
    roles[from + 1] = 'title-date';
    bodyFrom = from + 2;
  } else if (options.statedTitle) {
    title = options.statedTitle;
    const norm = matchText(title);
    for (let i = from; i < Math.min(to, from + TITLE_SEARCH_BLOCKS); i++) {
      if (blocks[i]!.norm === norm || blocks[i]!.headingLevel === 1) {
        if (opensBefore(blocks, from, i, to, options.parents)) break;
        roles[i] = 'title';
        bodyFrom = i + 1;
        break;
      }
    }
  } else if ((opening = openingDateLine(blocks, from, to)) >= 0) {
    // A text without a dated title copy: its title is the heading-like line over the date line that opens
    // its prose, though other pages show that line as a teaser; what comes before it is not the article.
    title = blocks[opening - 1]!.text;
    for (let i = from; i < opening - 1; i++) roles[i] = 'outside';
    roles[opening - 1] = 'title';
    bodyFrom = opening;
  } else if (from < to && looksLikeTitle(blocks[from]!, blocks[from + 1])) {
    title = blocks[from]!.text;
    roles[from] = 'title';
    bodyFrom = from + 1;
  }
  if (options.keepTitle) {
    const kept = roles.findIndex((role, i) => i >= from && i < bodyFrom && role === 'title');
    if (kept >= 0) {
      roles[kept] = 'body';
      bodyFrom = kept;
    }
  }
  const body: MarkedBlock[] = [];
  let seenBody = false;
  for (let i = bodyFrom; i < to; i++) {
    const b = blocks[i]!;
    if (isSplitter(b)) continue;
    const lone = dateLine(b.text) ?? (!seenBody && isDatedLabel(b.text) ? findDates(b.text)[0]! : null);
    if (lone) {
      roles[i] = 'date-line';
      if (!seenBody && title) nearTitleDates.push(lone);
      continue;
    }
    if (roles[i] === 'title') continue;
    roles[i] = 'body';
    seenBody = true;
    body.push(b);
  }
  if (body.length === 0) {
    // A page of one statement and nothing under it (a link post, a photo's caption as its heading): the statement is its content.
    const headline = blocks.findIndex((b, i) => i >= from && i < to && roles[i] === 'title' && b.text.length >= PROSE_CHARS);
    if (headline >= 0) {
      roles[headline] = 'body';
      body.push(blocks[headline]!);
    }
  }
  if (options.lead && body.length > 0) {
    const leads = leadBlocks(blocks, body[0]!.position, roles, options.statedTitle ?? null, options.lead);
    for (const i of leads) roles[i] = 'body';
    body.unshift(...leads.map((i) => blocks[i]!));
  }
  const before = blocks[from - 1];
  const loneBefore = title && before && !isSplitter(before) ? dateLine(before.text) : null;
  if (loneBefore) nearTitleDates.push(loneBefore);

  // On an article, a short line past the core in an element of its own (a box's title, a share prompt, a byline
  // under the story, a note) opens what follows the article as a heading does; a table or a paragraph of prose there
  // may still be the article's, unless nothing around the core has a name to tell the article's sections by.
  const outside = (b: MarkedBlock) =>
    options.article === true &&
    !!options.core &&
    b.position >= options.core.to &&
    !options.core.continues(b.position) &&
    b.kind !== 'table-cell' &&
    (!isProse(b) || options.core.anonymous === true);
  // Where the article's last section, one the trailing cut let run to the end, begins (a block's position), or -1.
  let sectionFrom = -1;
  if (options.span && options.trailing) {
    // After the article's last paragraph of prose, a heading opens what follows the article (related stories, the author, comments).
    // Past the core, a paragraph is the article's only where it continues the core (a later section of the same kind): a
    // teaser's summary or a box's blurb beside the article does not hold the cut back.
    let lastProse = -1;
    const core = options.core;
    for (let k = 0; k < body.length; k++) {
      const b = body[k]!;
      if (isProseParagraph(b) && (!core || b.position < core.to || core.continues(b.position))) lastProse = k;
    }
    const heading =
      lastProse < 0
        ? -1
        : body.findIndex(
            (b, k) =>
              k > lastProse &&
              (b.kind === 'heading' || outside(b) || (options.article === true && isLabelHeading(b, blocks[b.position + 1]))),
          );
    // A label line always opens what follows; a heading may open one more section of the article.
    const cut = heading > 0 && body[heading]!.kind === 'heading' ? sectionEnd(blocks, body, heading, lastProse, options.parents) : heading;
    if (cut > 0) for (const b of body.splice(cut)) roles[b.position] = 'trailing';
    if (cut === -1 && heading > 0) sectionFrom = body[heading]!.position;
  }

  if (options.bodyTree) {
    const end = bodyEnd(body, options.bodyTree);
    if (end > 0) for (const b of body.splice(end)) roles[b.position] = 'trailing';
    const boxed = boxEnd(body, options.bodyTree);
    if (boxed > 0) for (const b of body.splice(boxed)) roles[b.position] = 'closing';
  }

  if (sectionFrom >= 0) {
    // The article's last section ends where a line outside the article's core does (a share bar, a sign-up prompt).
    const cut = body.findIndex((b) => b.position > sectionFrom && outside(b));
    if (cut > 0) for (const b of body.splice(cut)) roles[b.position] = 'trailing';
  }

  if (options.span && options.article) {
    // One or two such boxes (related stories, a share bar) end or interrupt an article; a list of products
    // or places has a heading over each of its boxes, and those headings are its items.
    const empty = body.flatMap((_, k) => (headsNothing(blocks, body, k, options.parents) ? [k] : []));
    if (empty.length <= MAX_EMPTY_HEADINGS) {
      for (const k of empty.reverse()) {
        roles[body[k]!.position] = 'empty-heading';
        body.splice(k, 1);
      }
    }
  }

  if (options.repeats) {
    const shapes = body.map((b) => lineShape(b.text));
    const counts = new Map<string, number>();
    for (const shape of shapes) counts.set(shape, (counts.get(shape) ?? 0) + 1);
    const furniture = (b: MarkedBlock, shape: string) =>
      counts.get(shape)! >= MIN_REPEATS &&
      countWords(b.text, MAX_REPEAT_WORDS + 1) <= MAX_REPEAT_WORDS &&
      (!TERMINAL.test(b.text) || b.text.endsWith(':'));
    for (let k = body.length - 1; k >= 0; k--) {
      if (!furniture(body[k]!, shapes[k]!)) continue;
      roles[body[k]!.position] = 'furniture';
      body.splice(k, 1);
    }
  }

  for (const k of layoutCopies(body).reverse()) {
    roles[body[k]!.position] = 'duplicate';
    body.splice(k, 1);
  }

  if (options.dedupe) {
    const seen = new Set<string>();
    for (let k = 0; k < body.length; k++) {
      const b = body[k]!;
      if (countWords(b.text, DEDUPE_MIN_WORDS) < DEDUPE_MIN_WORDS) continue;
      if (!seen.has(b.norm)) {
        seen.add(b.norm);
        continue;
      }
      roles[b.position] = 'duplicate';
      body.splice(k--, 1);
    }
  }

  // A tail of short, unpunctuated lines after the last sentence: signature, byline, links.
  let tail = body.length;
  while (tail > 0 && isTailLine(body[tail - 1]!)) tail--;
  // Many contact lines are a directory the article gives (departments and their addresses), not a signature.
  const directory = body.slice(tail).filter((b) => isContactLine(b.text)).length > MAX_TAIL_CONTACTS;
  if (tail < body.length && tail > 0 && isSentence(body[tail - 1]!) && !directory) {
    for (const b of body.splice(tail)) roles[b.position] = isContactLine(b.text) ? 'contact' : 'signature';
  }

  // A loop, not map + filter: Array#map's result reaches the optimised code holey or packed (see mapPacked).
  const norms: string[] = [];
  for (const b of body) if (b.norm) norms.push(b.norm);
  const bodyNorm = norms.join(' ');
  return { title, titleDate, nearTitleDates, paragraphs: toParagraphs(body), bodyNorm, roles, tally: finish(tally, roles) };
}

/** How far before the body its title is looked for, to find a lead between them. */
const LEAD_SEARCH_BLOCKS = 30;
/** Share of a lead's text in links from which it is a line of links, not a lead. */
const LEAD_LINK_DENSITY = 0.3;

/**
 * The lead of an article (its standfirst, deck or excerpt): paragraphs of prose between its title (the block
 * taken for it, an h1, or the block that states the page's title) and the first block of its body, that the
 * container left out or the article's header held. Positions, in order.
 */
function leadBlocks(
  blocks: readonly MarkedBlock[],
  bodyStart: number,
  roles: readonly BlockRole[],
  statedTitle: string | null,
  leadable: (position: number) => boolean,
): number[] {
  const stated = statedTitle ? matchText(statedTitle) : null;
  let title = -1;
  for (let i = bodyStart - 1; i >= Math.max(0, bodyStart - LEAD_SEARCH_BLOCKS) && title < 0; i--) {
    const b = blocks[i]!;
    if (roles[i] === 'title' || b.headingLevel === 1 || (stated !== null && b.norm === stated)) title = i;
  }
  const leads: number[] = [];
  const seen = new Set<string>();
  for (let i = title + 1; title >= 0 && i < bodyStart; i++) {
    const b = blocks[i]!;
    if (roles[i] === 'title' || !leadable(i) || seen.has(b.norm)) continue;
    if ((b.kind !== 'paragraph' && b.kind !== 'heading') || b.text.length < PROSE_CHARS) continue;
    // A dated line under the title is its byline or its review note (`Reviewed by … on December 9, 2024.`), not its lead.
    if ((b.linkDensity ?? 0) >= LEAD_LINK_DENSITY || !TERMINAL.test(b.text) || findDates(b.text).length > 0) continue;
    seen.add(b.norm);
    leads.push(i);
  }
  return leads;
}

/**
 * The article's prose opens before the block taken for its title at `title`: a paragraph of prose before
 * it sits in the same element as the body after it (a section's h1 or a table of contents repeating the
 * title, not the title over the story).
 */
function opensBefore(
  blocks: readonly MarkedBlock[],
  from: number,
  title: number,
  to: number,
  parents: readonly number[] | undefined,
): boolean {
  if (!parents) return false;
  const parentOf = (b: MarkedBlock) => (b.element === undefined ? -1 : parents[b.element]!);
  let next = title + 1;
  while (next < to && isSplitter(blocks[next]!)) next++;
  if (next >= to) return false;
  const body = parentOf(blocks[next]!);
  for (let i = from; i < title; i++) {
    const b = blocks[i]!;
    if (!isSplitter(b) && isProseParagraph(b) && parentOf(b) === body) return true;
  }
  return false;
}

/** A section after the article's last paragraph has this many blocks at least (its heading too) before it may be the article's. */
const MIN_SECTION_BLOCKS = 3;

/**
 * Where the body ends, given the first heading after its last paragraph of prose (`heading`, `lastProse`:
 * indices into `body`); -1 for nowhere. That heading opens what follows the article (related stories, the
 * author, comments) unless it opens one more section of the article: one of a few blocks at least, whose
 * heading sits beside that last paragraph (the same parent element) or beside an earlier section heading
 * of its level — a table of figures, a list of steps, a conclusion in bullets. Such a section runs on up to
 * a heading of its rank or above that the page's hints drop (a "See also" or "Related" heading).
 */
function sectionEnd(
  blocks: readonly MarkedBlock[],
  body: readonly MarkedBlock[],
  heading: number,
  lastProse: number,
  parents: readonly number[] | undefined,
): number {
  const h = body[heading]!;
  if (!parents || h.element === undefined || body.length - heading < MIN_SECTION_BLOCKS) return heading;
  const parent = parents[h.element];
  const parentOf = (b: MarkedBlock) => (b.element === undefined ? -1 : parents[b.element]);
  const beside =
    parentOf(body[lastProse]!) === parent ||
    body.slice(0, lastProse).some((b) => b.kind === 'heading' && b.headingLevel === h.headingLevel && parentOf(b) === parent);
  if (!beside) return heading;
  const level = h.headingLevel ?? 6;
  for (let i = h.position + 1; i <= body[body.length - 1]!.position; i++) {
    const b = blocks[i]!;
    if (isSplitter(b) && b.kind === 'heading' && (b.headingLevel ?? 6) <= level) return body.findIndex((k) => k.position > i);
  }
  return -1;
}

/**
 * The body's layout copies, in order: a paragraph of prose given again next to the same neighbour as its first copy
 * (a box for the mobile and the desktop layout). One paragraph said again among other lines (a post's teaser over the
 * post) is not one, nor is a table's value repeated down its rows.
 */
function layoutCopies(body: readonly MarkedBlock[]): number[] {
  const firstAt = new Map<string, number>();
  body.forEach((b, k) => firstAt.has(b.norm) || firstAt.set(b.norm, k));
  const copies: number[] = [];
  for (let k = 1; k < body.length; k++) {
    const b = body[k]!;
    const i = firstAt.get(b.norm)!;
    if (i === k || !isProse(b) || b.kind === 'table-cell') continue;
    const next = k + 1 < body.length && i + 1 < k && body[k + 1]!.norm === body[i + 1]!.norm;
    const before = i > 0 && body[k - 1]!.norm === body[i - 1]!.norm;
    if (next || before) copies.push(k);
  }
  return copies;
}

/** Headings over nothing an article has at most before they are the headings of its items. */
const MAX_EMPTY_HEADINGS = 2;
/** Words of a heading at most, for a heading that heads nothing. */
const MAX_HEADING_WORDS = 12;

/**
 * The body's `k`th block is a heading or a short label over nothing but boilerplate: a box's title whose links,
 * teasers or buttons were dropped (`Read more`, `Related stories`, `Share this article`), or a heading whose
 * section holds no kept block before the next heading of its rank or the body's end. Only past the body's first
 * paragraph of prose: the article's own head (its title over a byline) is left alone.
 */
function headsNothing(
  blocks: readonly MarkedBlock[],
  body: readonly MarkedBlock[],
  k: number,
  parents: readonly number[] | undefined,
): boolean {
  const b = body[k]!;
  const heading = b.kind === 'heading';
  if (heading ? countWords(b.text, MAX_HEADING_WORDS + 1) > MAX_HEADING_WORDS || b.text.endsWith('.') : !isShortLine(b)) return false;
  // A linked heading is a teaser's title, its summary or date dropped as boilerplate.
  if ((b.linkDensity ?? 0) >= PROSE_LINK_DENSITY) return false;
  const next = blocks[b.position + 1];
  if (!next || !isSplitter(next)) return false;
  if (!body.slice(0, k).some(isProseParagraph)) return false;
  // A box: the closest element around the label that holds other blocks holds nothing but boilerplate.
  if (parents && b.element !== undefined) {
    const inside = (x: MarkedBlock | undefined, e: number) => within(parents, x?.element ?? 0, e);
    for (let e = parents[b.element]!, depth = 0; e > 0 && depth < MAX_DEPTH; e = parents[e]!, depth++) {
      const before = inside(blocks[b.position - 1], e);
      if (!before && !inside(next, e)) continue;
      let from = b.position;
      let to = b.position + 1;
      while (from > 0 && inside(blocks[from - 1], e)) from--;
      while (to < blocks.length && inside(blocks[to], e)) to++;
      if (blocks.slice(from, to).every((x) => x === b || isSplitter(x))) return true;
      break;
    }
  }
  // A section without kept blocks: the next one is a heading of its rank or above, or there is none. A short line
  // there heads it when it reads as a label (`Read more:`, `Enjoyed this story?`) or is named as a title.
  if (!heading && !/[:?]$/u.test(b.text) && !headingClass(b)) return false;
  const following = body[k + 1];
  if (!following) return true;
  if (following.kind !== 'heading') return false;
  return !heading || (following.headingLevel ?? 6) <= (b.headingLevel ?? 6);
}

/** A short line that may label what follows it (`Read more:`, `Related stories`, `Share this article?`), not a sentence. */
function isShortLine(b: MarkedBlock): boolean {
  if (b.kind !== 'paragraph' || /[.,;]$/u.test(b.text)) return false;
  // A lone word without a label's colon is a fragment between buttons (`or`), not a box's title.
  const words = countWords(b.text, MAX_LABEL_WORDS + 1);
  return words <= MAX_LABEL_WORDS && (words > 1 || /[:?]$/u.test(b.text));
}

/** Share of the body's prose that the element holding the article's body holds at least. */
const BODY_SHARE = 0.7;
/** A body with less prose than this (characters) is left whole. */
const MIN_BODY_PROSE = 400;
/** `element` is `ancestor` or lies inside it (MAX_DEPTH ancestors looked at). */
function within(parents: readonly number[], element: number, ancestor: number): boolean {
  for (let e = element, depth = 0; e > 0 && depth < MAX_DEPTH; e = parents[e]!, depth++) if (e === ancestor) return true;
  return false;
}

/**
 * The deepest element holding BODY_SHARE of the body's prose (-1 when the body has under MIN_BODY_PROSE
 * characters of it), and that prose's length.
 */
function textHolder(body: readonly MarkedBlock[], tree: ElementTree): { holder: number; total: number } {
  const prose = new Map<number, number>();
  let total = 0;
  for (const b of body) {
    if (b.kind === 'heading' || !isProseBlock(b) || b.element === undefined) continue;
    total += b.text.length;
    for (let e = b.element, depth = 0; e > 0 && depth < MAX_DEPTH; e = tree.parent[e]!, depth++) {
      prose.set(e, (prose.get(e) ?? 0) + b.text.length);
    }
  }
  if (total < MIN_BODY_PROSE) return { holder: -1, total };
  // The elements holding that share form one chain from the root down: its deepest has the most ancestors.
  let holder = -1;
  let holderDepth = -1;
  for (const [e, chars] of prose) {
    if (chars < BODY_SHARE * total) continue;
    let depth = 0;
    for (let a = e; a > 0 && depth <= MAX_DEPTH; a = tree.parent[a]!) depth++;
    if (depth > holderDepth) [holder, holderDepth] = [e, depth];
  }
  return { holder, total };
}

/**
 * Where the article's text ends in `body` (an article's HTML body), or -1. The deepest element holding
 * BODY_SHARE of the body's prose holds the article's text; what the body has after that element's last
 * block sits beside it, where sites put what follows an article (the author's box, related stories with
 * their summaries, a newsletter form, sources), even when it holds prose of its own. It is cut when it
 * opens a section of its own (a heading or a short label line) and none of its blocks has the tag path
 * of a block before it: an article whose sections sit in sibling elements of one kind goes on.
 */
function bodyEnd(body: readonly MarkedBlock[], tree: ElementTree): number {
  const { holder } = textHolder(body, tree);
  if (holder === -1) return -1;
  const end = body.findLastIndex((b) => within(tree.parent, b.element ?? 0, holder)) + 1;
  if (end === 0 || end === body.length) return -1;
  const after = body.slice(end);
  if (!after.some((b) => b.kind === 'heading' || (b.kind === 'paragraph' && isTailLine(b)))) return -1;
  const paths = new Set(body.slice(0, end).map((b) => b.path));
  return after.some((b) => b.kind !== 'heading' && paths.has(b.path)) ? -1 : end;
}

/** Tags of a box that may close an article inside the element holding its text (a promotion, a newsletter or app prompt, a note). */
const BOX_TAGS: ReadonlySet<string> = new Set(['div', 'section', 'aside']);
/** Share of the body's prose that boxes closing it may hold at most. */
const BOX_SHARE = 0.2;
/** Blocks the closing boxes hold at most: a recipe card, an FAQ, footnotes or a last section run longer. */
const MAX_BOX_BLOCKS = 6;

/**
 * Where the article's text ends inside the element holding it (`bodyEnd`'s holder), or -1: the paragraphs that
 * are that element's own children run first; named boxes (a `div`, `section` or `aside` with a class or id)
 * that follow the last of them, to the body's end, are what sites close an article with (a newsletter or app
 * prompt, a plea for support, a licence note), unless one of their blocks has the tag path of a block before
 * them (an article whose sections are boxes of one kind) or they hold much of the body's prose.
 */
function boxEnd(body: readonly MarkedBlock[], tree: ElementTree): number {
  const { holder, total } = textHolder(body, tree);
  if (holder === -1) return -1;
  const childOf = (b: MarkedBlock): number => childUnder(tree, b.element, holder);
  const boxed = (b: MarkedBlock): boolean => {
    const box = childOf(b);
    return box > 0 && tree.named[box]! && BOX_TAGS.has(tree.tag[box]!);
  };
  const lastOwn = body.findLastIndex((b) => childOf(b) > 0 && !boxed(b) && isProseBlock(b));
  if (lastOwn < 0 || lastOwn === body.length - 1) return -1;
  const after = body.slice(lastOwn + 1);
  if (after.length > MAX_BOX_BLOCKS || !after.every(boxed)) return -1;
  // Footnotes and a box of further reading are lists; a last section or an extension of the story holds paragraphs.
  const inList = (b: MarkedBlock): boolean => {
    for (let e = b.element ?? -1, depth = 0; e > 0 && e !== holder && depth < MAX_DEPTH; e = tree.parent[e]!, depth++) {
      if (LIST_TAGS.has(tree.tag[e]!)) return true;
    }
    return false;
  };
  if (after.some((b) => b.kind === 'list-item' || inList(b)) || after.filter(isProseParagraph).length > 1) return -1;
  const paths = new Set(body.slice(0, lastOwn + 1).map((b) => b.path));
  if (after.some((b) => b.kind !== 'heading' && paths.has(b.path))) return -1;
  const boxProse = after.filter((b) => b.kind !== 'heading' && isProseBlock(b)).reduce((n, b) => n + b.text.length, 0);
  if (boxProse > BOX_SHARE * total) return -1;
  return lastOwn + 1;
}

/**
 * How many blocks can be cut from one edge of [from, to) (`step` 1: the start, -1: the end). Weak template
 * is cut only when what remains is still an article (two blocks or more, one of them prose): an article
 * crawled on a few pages is all weak. Date lines, contact lines and repeated links are never article.
 */
function trimmable(blocks: readonly MarkedBlock[], from: number, to: number, step: 1 | -1, roles: BlockRole[]): number {
  const scan = (weakToo: boolean) => {
    const cut: [number, BlockRole | null][] = [];
    for (let i = step === 1 ? from : to - 1; i >= from && i < to; i += step) {
      const b = blocks[i]!;
      if (isSplitter(b)) {
        cut.push([i, null]);
        continue;
      }
      const role = edgeRole(b, step === -1);
      if (!role || (role === 'weak-template' && !weakToo)) break;
      cut.push([i, role]);
    }
    return cut;
  };
  let cut = scan(true);
  const kept = (step === 1 ? blocks.slice(from + cut.length, to) : blocks.slice(from, to - cut.length)).filter((b) => !isSplitter(b));
  if (kept.length < 2 || !kept.some(isProse)) cut = scan(false);
  for (const [i, role] of cut) if (role) roles[i] = role;
  return cut.length;
}

function toParagraphs(body: readonly MarkedBlock[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  /** The lines of the list the last paragraph is, while list items follow each other. */
  let list: string[] | null = null;
  for (const b of body) {
    if (b.kind === 'list-item' && list) list.push(b.text);
    else if (b.kind === 'list-item') paragraphs.push({ kind: 'list', lines: (list = [b.text]) });
    else {
      list = null;
      paragraphs.push({ kind: b.kind === 'table-cell' ? 'paragraph' : b.kind, lines: [b.text] });
    }
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

/** Times a line's shape recurs in a thread before it is its posts' furniture. */
const MIN_REPEATS = 3;
/** Words of a repeated line at most (a label and a value). */
const MAX_REPEAT_WORDS = 6;

/** A line's shape: lower case, numbers and month or day names folded, so `Posts: 4032` and `Posts: 158` match. */
function lineShape(text: string): string {
  return text
    .toLowerCase()
    .replace(/\d[\d,.:]*/g, '#')
    .replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/g, 'M')
    .replace(/\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/g, 'D');
}
