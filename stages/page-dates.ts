/**
 * Stage page dates: where a page's publication date is looked for around its article — the evidence the
 * page states (metadata, URL), its dated title, a date line next to the title or the h1, a byline that
 * labels its date as published, a line that is only a date near the article, then the first date of the
 * body — handed to the dates stage, which ranks them.
 */
import { DATED_LINE_MAX_WORDS, dateLine, findDates, findLineDates, isDateFiller, labelledDate, type FoundDate } from './date-parse.js';
import { findPublicationDates, type DateEvidence, type DatesResult } from './dates.js';
import { countWords } from './normalize.js';
import type { PageType, PageTypeResult } from './page-type.js';
import type { BlockRole, Segmented } from './segment.js';
import { PROSE_CHARS, type Block } from './types.js';

/** What a page states of its dates outside its article, as the prepared page has it. */
export interface DatedPage {
  readonly blocks: readonly Block[];
  /** Publication dates the page states outside its text (HTML metadata, the URL), most reliable first. */
  readonly dateEvidence: readonly DateEvidence[];
  /** HTML: the first plain `<time datetime>`. */
  readonly firstTime: string | null;
  readonly pageType: PageTypeResult | null;
}

/**
 * Page types whose lines date what the page offers or lists — a review, an offer, an event, a price —
 * or, on a documentation page, its last edit, not the page: only what the page states of itself
 * (metadata, the URL) and a date beside its title date one of these.
 */
const DATED_BY_STATEMENTS_ONLY: ReadonlySet<PageType> = new Set(['product', 'service', 'collection', 'documentation']);

/**
 * The page's publication date and the dates its article mentions. `article`: what segmenting found (null:
 * the page has no article, and only what the page states and its bylines and datelines date it).
 * `notAfter`: the crawl date, after which no publication date is believed.
 */
export function pageDates(
  page: DatedPage,
  article: { readonly segmented: Segmented; readonly title: string | null } | null,
  notAfter?: string,
): DatesResult {
  const segmented = article?.segmented ?? null;
  const statedOnly = page.pageType !== null && DATED_BY_STATEMENTS_ONLY.has(page.pageType.type);
  return findPublicationDates(
    {
      evidence: pageEvidence(page.dateEvidence, page.pageType?.type),
      titleDate: segmented?.titleDate ?? null,
      nearTitleDates: segmented?.nearTitleDates.length ? segmented.nearTitleDates : segmented ? datelineNearHeading(page.blocks) : [],
      statedOnly,
      metadataFirst: page.pageType?.type === 'forum',
      firstTime: page.firstTime,
      scan: () => ({ bylines: bylineDates(page.blocks), datelines: articleDateline(page.blocks, segmented?.roles ?? null) }),
      title: article?.title ?? null,
      paragraphs: segmented?.paragraphs ?? [],
    },
    { notAfter },
  );
}

/** Days at most that the page's marked dates (`time` evidence) fall on when they date the page. */
const MARKED_DAYS = 2;

/**
 * Page types whose JSON-LD `WebPage` (or `ItemPage`, `CollectionPage`) `datePublished` is the day the shop's CMS made
 * the page, not a publication: a product or a category is not published as a story is. An article-like item's date
 * still dates the page (a buying guide typed `Article`).
 */
const CMS_DATED_TYPES: ReadonlySet<PageType> = new Set(['product', 'collection']);

/**
 * The page's statements of its date without its marked dates when these fall on more than MARKED_DAYS days: they then
 * mark a list's items (the stories of a sidebar, a product's reviews), not the page. A forum thread's marks date its
 * posts, and its first post dates it. A shop's page drops its JSON-LD dates of items that are not articles.
 */
function pageEvidence(evidence: readonly DateEvidence[], type: PageType | undefined): readonly DateEvidence[] {
  if (type === 'forum') return evidence;
  const stated = type && CMS_DATED_TYPES.has(type) ? evidence.filter((e) => e.from !== 'json-ld' || e.item === 'article') : evidence;
  const days = new Set(stated.filter((e) => e.from === 'time').map((e) => e.value.slice(0, 10)));
  return days.size > MARKED_DAYS ? stated.filter((e) => e.from !== 'time') : stated;
}

/** Blocks after an HTML page's h1 searched for its dateline, which often sits outside the article container. */
const DATELINE_SEARCH_BLOCKS = 6;

/** The first date in a short block just before or after the page's h1, or none. */
function datelineNearHeading(blocks: readonly Block[]): FoundDate[] {
  const h1 = blocks.findIndex((b) => b.headingLevel === 1);
  if (h1 < 0) return [];
  // The two blocks under the h1 before the two over it: over it, a site's header dates the day's edition or a series.
  for (const i of [h1 + 1, h1 + 2, h1 - 1, h1 - 2, ...Array.from({ length: DATELINE_SEARCH_BLOCKS - 2 }, (_, k) => h1 + 3 + k)]) {
    const block = blocks[i];
    if (!block || countWords(block.text, DATED_LINE_MAX_WORDS) > DATED_LINE_MAX_WORDS) continue;
    const found = findDates(block.text)[0] ?? shortYearBesideHeading(block.text);
    if (found) return [found];
  }
  return [];
}

/**
 * Words (a date's numbers count as words) of a block beside the h1 whose date with a two-digit year dates the page: a
 * category or an author's name and the date (`Party, 30.10.23`). In a longer line the same shape is a version's.
 */
const SHORT_YEAR_LINE_WORDS = 8;

function shortYearBesideHeading(text: string): FoundDate | undefined {
  return countWords(text, SHORT_YEAR_LINE_WORDS) <= SHORT_YEAR_LINE_WORDS ? findLineDates(text)[0] : undefined;
}

/** A byline is a short line; a longer one with a date is prose that mentions one. */
const BYLINE_MAX_WORDS = 20;

/** The first date a short line labels as published, anywhere on the page. */
function bylineDates(blocks: readonly Block[]): FoundDate[] {
  for (const [i, block] of blocks.entries()) {
    if (block.text.length > 400 || countWords(block.text, BYLINE_MAX_WORDS) > BYLINE_MAX_WORDS) continue;
    const found = labelledDate(block.text, blocks[i + 1]?.text);
    if (found) return [found];
  }
  return [];
}

/** Blocks before the article (or its h1) and after its last paragraph searched for a lone date line. */
const DATELINE_LEAD_BLOCKS = 5;
const DATELINE_TAIL_BLOCKS = 5;
/** Without an article: blocks after the h1 searched. */
const DATELINE_AFTER_H1_BLOCKS = 10;

/**
 * The first line that is only a date ("12.01.2017", "Samstag, 5. Oktober 2013") in the article's region:
 * from a few blocks before its h1 or first paragraph to a few after its last. A date line belongs to
 * what it precedes: before the article, one with prose between it and the article is the date of that
 * prose (a teaser); after the article, one followed by more prose is the next teaser's.
 * `roles` null: the page has no article, and the region is the h1 and the blocks after it.
 */
function articleDateline(blocks: readonly Block[], roles: readonly BlockRole[] | null): FoundDate[] {
  const h1 = blocks.findIndex((b) => b.headingLevel === 1);
  const firstBody = roles ? roles.findIndex((role) => role === 'title' || role === 'body') : -1;
  // The boxes closing the article's text hold its dateline as often as its first lines do.
  const lastBody = roles ? Math.max(roles.lastIndexOf('body'), roles.lastIndexOf('closing')) : -1;
  const starts = [h1, firstBody].filter((i) => i >= 0);
  if (starts.length === 0) return [];
  const start = Math.min(...starts);
  const from = Math.max(0, start - DATELINE_LEAD_BLOCKS);
  const to = lastBody >= 0 ? lastBody + DATELINE_TAIL_BLOCKS : h1 + DATELINE_AFTER_H1_BLOCKS;
  for (let i = from; i <= to && i < blocks.length; i++) {
    const text = blocks[i]!.text;
    // A line segmenting set apart as a date line ("Home | By Ann Lee | 30 September 2018") dates the article too.
    const found =
      text.length <= 80
        ? (dateLine(text) ?? leadingDate(text) ?? (roles?.[i] === 'date-line' ? (findDates(text)[0] ?? null) : null))
        : null;
    if (!found) continue;
    if (i < start && blocks.slice(i + 1, start).some(isProse)) continue;
    if (lastBody >= 0 && i > lastBody && isProse(blocks[i + 1])) continue;
    return [found];
  }
  return [];
}

/** Prose, as a teaser's text is: a block long enough to be sentences, links or not. */
const isProse = (block: Block | undefined) => block !== undefined && block.text.length >= PROSE_CHARS;

/** A dateline may carry a little more after its date: "02.02.2022 10:16 - Sport", "13 juin 2019, par Attac". */
const LEADING_DATE_MAX_WORDS = 10;
/** Characters before the date: at most a weekday ("Mittwoch, "). */
const LEADING_DATE_MAX_OFFSET = 12;

/**
 * The date a short line starts with, or null. What comes before it may only be what a date line allows (a weekday,
 * `am`, `le`): a label there says whose date it is ("Joined: Mon Jul 24, 2017", a forum member's), and a number is a
 * post's ("#2 2019-02-24").
 */
function leadingDate(text: string): FoundDate | null {
  if (countWords(text, LEADING_DATE_MAX_WORDS) > LEADING_DATE_MAX_WORDS) return null;
  const first = findLineDates(text)[0];
  return first && first.index <= LEADING_DATE_MAX_OFFSET && isDateFiller(text.slice(0, first.index)) ? first : null;
}
