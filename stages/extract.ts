/**
 * Stage extract: a page's main content, from an ordered list of named attempts (as Readability and
 * trafilatura fall back when a result is too thin), the first good enough kept, else the best:
 *
 * 1. `article` — the site's learned template and the page's own signals: boilerplate marks (HTML), the
 *    container that holds the content, segmenting inside it.
 * 2. `article-alone` — the page's own signals only, when learning left no prose and that prose repeats
 *    on a few pages only: one article crawled several times on a small site, not its template.
 *    Also, when the learned attempts left nothing of a page that may be an article, the attempts above run
 *    again on the page alone, kept if most of what they give is the page's own, without the site's template
 *    (see `extract`); an `article` result so is named `article-alone`, the others keep their names.
 * 3. `article-unhinted` (HTML) — when they find little prose and the page has more under elements whose
 *    class or tag calls them boilerplate (an `article-header` wrapping the whole story, a shop's `form`
 *    around the product): the hints of the element that drops the most prose, and of its ancestors, are
 *    ignored, as a hint must never remove the page's main text.
 * 4. `listing` (HTML) — when the article attempts find little prose on a page whose type is not `article`:
 *    the page is a list (search results, a category, a forum index, a product grid) whose items are links
 *    and teasers, and those are its content inside the container. A short article's related links are not.
 *    On an `article` page it is tried only when the article attempt found lines but no prose (a post of a few
 *    short lines, a roll of links with their notes), and kept only if it holds every one of those lines: it
 *    reads the post's own items around them, where the prose the unhinted attempt spared was a side column's.
 *    On a page typed `collection` or `listing` it is tried even after the article found prose (a category's
 *    blurb beside its grid), and kept when it adds a grid: much more text, lines that carry figures (prices,
 *    ratings) or, on a `listing`, read as headlines, not trailing the prose as an article's related stories
 *    do unless, on a `collection`, they outweigh it several times (a shop's grid under its blurb). A page typed
 *    `listing` whose article attempt found an article's prose and whose listing adds no grid is an article
 *    mistyped (an old page without the metadata that says so): its article is segmented as an article's is. So is
 *    one the model deems may be an article whose listing spans most of the page and outweighs the story several
 *    times: that grid is the page's menus, teasers and footer around the story, not a list beside a blurb.
 *
 * A page is `no-article` only when every attempt finds nothing, or when what they found is a scrap beside a wall of
 * other pages' teasers (`teaserFront`): a section front or home page read as an article.
 */
import { judgeBlocks, mostHintedProse, NEVER_CONTENT, type Judgement } from './boilerplate.js';
import {
  articleContainer,
  isOwn,
  isOwnProse,
  postSignature,
  postSignatures,
  proseCore,
  upToHeading,
  withEarlierPost,
  type Container,
} from './container.js';
import { isPublisherLine } from './publisher-lines.js';
import { segment, type BlockRole, type Segmented } from './segment.js';
import {
  markBoilerplate,
  markTemplate,
  reclaimOwnCopies,
  STRONG_SUPPORT_CAP,
  strongSupport,
  withVerdict,
  type MarkedBlock,
  type SiteView,
} from './template.js';
import type { PageType, PageTypeResult } from './page-type.js';
import {
  commonAncestor,
  drop,
  emptyTally,
  isProseBlock,
  isProseText,
  mapPacked,
  MAX_DEPTH,
  proseLength,
  PROSE_CHARS,
  PROSE_LINK_DENSITY,
  SENTENCE_END,
  type Block,
  type ElementTree,
  type Tally,
} from './types.js';

/** What extraction needs of a prepared page. */
export interface PageContent {
  readonly blocks: readonly Block[];
  /** HTML only: the elements holding the blocks. */
  readonly tree: ElementTree | null;
  /** HTML: the title the page states (og:title, h1, `<title>`). */
  readonly statedTitle: string | null;
  /** HTML: what kind of page it is (stages/page-type.ts). */
  readonly pageType?: PageTypeResult | null;
}

export const ATTEMPTS = ['article', 'article-alone', 'article-unhinted', 'listing'] as const;
export type AttemptName = (typeof ATTEMPTS)[number];

export interface Extraction {
  readonly attempt: AttemptName;
  readonly blocks: readonly MarkedBlock[];
  readonly segmented: Segmented;
  readonly tallies: { readonly template: Tally; readonly boilerplate?: Tally; readonly segment: Tally };
  /** HTML: why the boilerplate stage dropped each block (undefined: it did not). */
  readonly boilerplate: readonly (string | undefined)[] | null;
  /** HTML: the container the attempt segmented. */
  readonly span: Container | null;
}

/** A site view that knows nothing: every block is the page's own. */
export const UNLEARNED: SiteView = { pages: 1, support: () => 1 };

/** Characters of prose (blocks of PROSE_CHARS or more) below which an article attempt is too thin to stop at. */
const THIN_PROSE_CHARS = 500;
/** A list shorter than this is a menu left on an empty page, not a listing. */
const MIN_LISTING_CHARS = 100;
/** A listing kept over an article with prose is this much longer: it adds a grid, not a few stray lines. */
const GRID_GAIN = 1.2;
/**
 * Share of the lines a listing adds to an article with prose that must carry a digit: a grid's items
 * show a price, a rating or a count, a menu's or a filter's links do not.
 */
const GRID_NUMBERED_SHARE = 0.3;
/**
 * Share of the added text that may follow the article's last line: an article's related stories trail
 * it, while a page's items surround its prose or precede the blurb at its foot.
 */
const GRID_TRAILING_SHARE = 0.5;
/** Share of a list page's added lines that must be distinct for them to be headlines, which need no figures. */
const HEADLINE_DISTINCT_SHARE = 0.5;
/** Share of those lines that must read as a phrase (HEADLINE_WORDS or more), where a menu's links are a word or two. */
const HEADLINE_PHRASE_SHARE = 0.3;
const HEADLINE_WORDS = 5;
/** A shop category's grid this many times the article's text is the page's content under a short blurb, wherever it stands. */
const GRID_OUTWEIGHS = 4;

export function extract(page: PageContent, site: SiteView): Extraction {
  // What the page says of its own blocks does not depend on the site: judged once for every attempt.
  const judged = page.tree ? judgeBlocks(page.blocks, page.tree, page.pageType?.type ?? null) : null;
  const learned = readPage(page, site, judged);
  if (site === UNLEARNED || learned.segmented.paragraphs.length > 0 || !mayBeArticle(page)) return learned;
  // Learning left nothing of a page that may be an article: on a thin one, labels common to the site's other pages
  // (a heading, a share button) can outvote its few own lines. Read alone, it is kept when what that gives is mostly
  // the page's own text, without those labels. A list page whose items are the site's other pages' teasers is a
  // front, and stays empty.
  const alone = readPage(page, UNLEARNED, judged);
  if (ownShare(alone, site) < OWN_SHARE) return learned;
  const kept = withoutTemplate(alone, page, site);
  return kept.attempt === 'article' ? { ...kept, attempt: 'article-alone' } : kept;
}

/** The reading segmented again in its container with the blocks learning calls the site's template dropped. */
function withoutTemplate(reading: Extraction, page: PageContent, site: SiteView): Extraction {
  if (!page.tree || !reading.span) return reading;
  const strong = strongSupport(site.pages);
  const blocks = mapPacked(reading.blocks, (b) => {
    const support = site.support(b.hash);
    return b.verdict === 'template' || support < strong ? b : Object.assign({}, b, { support, verdict: 'template' as const });
  });
  const segmented = segmentAs(page.tree, page.statedTitle, blocks, reading.span, reading.attempt, page.pageType?.type, reading.boilerplate);
  return { ...reading, blocks, segmented, tallies: { ...reading.tallies, segment: segmented.tally } };
}

/** Share of the text read alone that must be in blocks learning calls the page's own (on no other page of its site). */
const OWN_SHARE = 0.5;

function ownShare(extraction: Extraction, site: SiteView): number {
  let own = 0;
  let all = 0;
  extraction.segmented.roles.forEach((role, i) => {
    if (role !== 'body') return;
    const block = extraction.blocks[i]!;
    all += block.text.length;
    if (site.support(block.hash) < 2) own += block.text.length;
  });
  return all ? own / all : 0;
}

/** The boilerplate stage's judgement of an HTML page, which an attempt can ask again with some hints ignored. */
type PageJudgement = ReturnType<typeof judgeBlocks>;

/** The attempts in order on one reading of the site (learned, or UNLEARNED). */
function readPage(page: PageContent, site: SiteView, judged: PageJudgement | null): Extraction {
  const article = attempt(page, site, 'article', judged ?? undefined);
  let best = article;
  let prose = proseChars(best);
  if (prose >= THIN_PROSE_CHARS) {
    // A category's blurb is prose enough to stop at, yet the grid of products beside it is the page's content too.
    if (!page.tree || !judged || !isListType(page.pageType?.type)) return best;
    const listing = attempt(page, site, 'listing', judged);
    // Not when the page may be an article and that grid is most of the page around its story: a story read link by link.
    if (addsGrid(listing, best, page.pageType?.type) && !(mayBeArticle(page) && pageAroundStory(listing, best, page))) return listing;
    // A list page with an article's prose and no grid beside it is an article: what follows the story goes as an
    // article's does, even where that leaves less of the page than the first reading.
    return page.pageType?.type === 'listing' ? asArticle(page, best) : best;
  }
  if (prose === 0 && site !== UNLEARNED && fewCopies(best)) {
    const alone = attempt(page, UNLEARNED, 'article-alone', judged ?? undefined);
    const aloneProse = proseChars(alone);
    if (aloneProse > 0) [best, prose] = [alone, aloneProse];
  }
  if (!page.tree || !judged) return best;
  if (prose < THIN_PROSE_CHARS) {
    // Only prose the hints hold back that outweighs what was found can be the page's main text.
    const hinted = mostHintedProse(page.blocks, page.tree, judged, page.pageType?.type === 'product');
    if (hinted.chars > prose) {
      const learned = best.attempt === 'article-alone' ? UNLEARNED : site;
      const unhinted = attempt(page, learned, 'article-unhinted', judged.again(hinted.chain));
      const unhintedProse = proseChars(unhinted);
      if (unhintedProse > prose) [best, prose] = [unhinted, unhintedProse];
    }
  }
  const shortPost = page.pageType?.type === 'article' ? shortLines(article) : null;
  if (prose < THIN_PROSE_CHARS && (page.pageType?.type !== 'article' || shortPost)) {
    const listing = attempt(page, best.attempt === 'article-alone' ? UNLEARNED : site, 'listing', judged);
    const listed = textChars(listing);
    const kept = new Set(lines(listing));
    const holdsPost = !shortPost || shortPost.every((line) => kept.has(line));
    // A short post's lines held by a listing that is most of the page are the post read with every menu around it.
    if (
      listed >= MIN_LISTING_CHARS &&
      listed > textChars(best) &&
      holdsPost &&
      !(mayBeArticle(page) && ((prose > 0 && wholePage(listing, page)) || (shortPost !== null && pageAroundStory(listing, best, page))))
    ) {
      best = listing;
    }
  }
  return best;
}

/** What a front's article attempts find beside its teasers is shorter than this: less than a paragraph of prose. */
const FRONT_FOUND_CHARS = 500;
/** A front opens with this many characters of teasers or more before what was found: its top stories. */
const FRONT_LEADING_TEASER_CHARS = 1000;
/** A front's teasers outweigh what was found at least this many times. */
const FRONT_TEASERS_OVER_FOUND = 12;

/** A page that is a front of other pages' teasers: its teaser blocks (a title and a summary are two), and the characters found beside them. */
export interface TeaserFront {
  readonly teaserBlocks: number;
  readonly found: number;
}

/**
 * A section front or home page read as an article: a wall of teasers (a linked headline over a short summary, each
 * another page's lead) that opens the page, and beside it a scrap the article attempts found, less than a paragraph
 * that the teasers outweigh many times over (a quote box, a promo, one blurb in a shape the teaser rule does not
 * know). The scrap is not the page's article; the page has none of its own. An article opens with its own text, and
 * the teasers of related stories follow it, however many there are. Null but for a page typed `article` read by an
 * article attempt (a list page's `listing` attempt keeps its teasers as its content).
 */
export function teaserFront(extraction: Extraction, type: PageType | undefined): TeaserFront | null {
  const reasons = extraction.boilerplate;
  if (type !== 'article' || extraction.attempt === 'listing' || !reasons) return null;
  const found = textChars(extraction);
  if (found >= FRONT_FOUND_CHARS) return null;
  const firstFound = extraction.segmented.roles.indexOf('body');
  let teaserBlocks = 0;
  let teaserChars = 0;
  let leadingChars = 0;
  reasons.forEach((reason, i) => {
    if (reason !== 'teaser') return;
    const chars = extraction.blocks[i]!.text.length;
    teaserBlocks++;
    teaserChars += chars;
    if (firstFound < 0 || i < firstFound) leadingChars += chars;
  });
  return leadingChars >= FRONT_LEADING_TEASER_CHARS && teaserChars >= FRONT_TEASERS_OVER_FOUND * found ? { teaserBlocks, found } : null;
}

/**
 * The page-type model gives `article` at least this share of the winning type's probability: the page may be an
 * article as well as the list the model prefers (an old page without the names and metadata that say which).
 */
const ARTICLE_UNCERTAIN_SHARE = 0.45;

/** The page's type is `article`, or the model is unsure between `article` and the type it chose. */
function mayBeArticle(page: PageContent): boolean {
  const result = page.pageType;
  return !!result && result.scores.article >= ARTICLE_UNCERTAIN_SHARE * result.scores[result.type];
}

/**
 * The listing attempt found no element that holds a list: its container is the whole page, every menu and footer
 * link of it. On a page that may be an article and whose article attempts found some prose, that is a short
 * story's page read link by link, not a list page's grid.
 */
function wholePage(listing: Extraction, page: PageContent): boolean {
  return !!listing.span && listing.span.from === 0 && listing.span.to === page.blocks.length;
}

/** A listing attempt's container holding this share of the page's blocks or more is most of the page, not a list in it. */
const MOST_OF_PAGE = 0.6;
/** A listing this many times the story's text or more adds the page's menus and footers around it, not items of it. */
const PAGE_OVER_STORY = 2;

/**
 * The listing attempt's container is most of the page and its text outweighs the article attempt's story several
 * times: on a page that may be an article, the story read with every menu, teaser and footer link around it (an old
 * page without the names that mark them), not a list page's grid beside its blurb. A list of items inside the story
 * (a reading list's linked titles) adds less than the story holds.
 */
function pageAroundStory(listing: Extraction, story: Extraction, page: PageContent): boolean {
  return (
    !!listing.span &&
    listing.span.to - listing.span.from >= MOST_OF_PAGE * page.blocks.length &&
    textChars(listing) >= PAGE_OVER_STORY * textChars(story)
  );
}

/**
 * Learning left no prose, and the page's prose repeats on fewer pages than a large site's template
 * would: copies of one article (with different comments or menus) on a site of few pages.
 */
function fewCopies(extraction: Extraction): boolean {
  const proseSupport = Math.max(0, ...extraction.blocks.filter((b) => b.text.length >= PROSE_CHARS).map((b) => b.support));
  return proseSupport >= 2 && proseSupport < STRONG_SUPPORT_CAP;
}

/** One attempt; `judged` is the boilerplate stage's judgement of an HTML page (undefined for a text page). */
function attempt(page: PageContent, site: SiteView, name: AttemptName, judged: Judgement | undefined): Extraction {
  const reasons = judged?.reasons;
  const template = markTemplate(page.blocks, site);
  if (!page.tree || !reasons) {
    const blocks = reclaimOwnCopies(template.blocks, null);
    const segmented = segment(blocks);
    return {
      attempt: name,
      blocks,
      segmented,
      tallies: { template: template.tally, segment: segmented.tally },
      boilerplate: null,
      span: null,
    };
  }
  const type = page.pageType?.type;
  let blocks = reclaimOwnCopies(markBoilerplate(template.blocks, reasons), page.tree);
  if (type === 'product') blocks = reclaimLabels(blocks, page.tree);
  const boilerplate = emptyTally();
  blocks.forEach((b, i) => {
    if (b.verdict === 'boilerplate') drop(boilerplate, reasons[i]!);
    else if (b.verdict !== 'template') boilerplate.kept++;
  });
  const listItem = (b: MarkedBlock, i: number) => b.verdict === 'boilerplate' && (reasons[i] === 'links' || reasons[i] === 'teaser');
  // A list's items vote for the element that holds them as half their length, as text repeated on a few pages does.
  const voters = name === 'listing' ? blocks.map((b, i) => (listItem(b, i) ? withVerdict(b, 'weak') : b)) : blocks;
  const voted = articleContainer(voters, page.tree);
  // A product's name and buy box often sit in a column of their own, beside the description that wins the vote.
  let span =
    type === 'product'
      ? upToHeading(voted, blocks, page.tree)
      : type === 'forum' && name !== 'listing'
        ? withEarlierPost(voted, blocks, page.tree)
        : voted;
  if (type === 'forum' && name !== 'listing') [blocks, span] = repliesAsComments(blocks, page.tree, reasons, span);
  if (name === 'listing') blocks = blocks.map((b, i) => (i >= span.from && i < span.to && listItem(b, i) ? withVerdict(b, 'content') : b));
  if (type === 'service') blocks = spareNamedCopy(blocks, page.tree, judged, span);
  else if (name !== 'listing') blocks = spareWidgetSections(blocks, page.tree, judged, span);
  blocks = blocks.map((b, i, all) => (i >= span.from && i < span.to && isPublisherLine(all, i) ? withVerdict(b, 'boilerplate') : b));
  if (name !== 'listing') blocks = spareInlineLinks(blocks, page.tree, reasons, span);
  blocks = spareSectionHeadings(blocks, page.tree, judged, span);
  const segmented = segmentAs(page.tree, page.statedTitle, blocks, span, name, type, reasons);
  return {
    attempt: name,
    blocks,
    segmented,
    tallies: { template: template.tally, boilerplate, segment: segmented.tally },
    boilerplate: reasons,
    span,
  };
}

/** An attempt's marked blocks in its container, segmented as a page of `type` is. */
function segmentAs(
  tree: ElementTree,
  statedTitle: string | null,
  blocks: readonly MarkedBlock[],
  span: Container,
  name: AttemptName,
  type: PageType | undefined,
  reasons: readonly (string | undefined)[] | null,
): Segmented {
  // Its lead: the article's own text outside the container, or in the element heading the article.
  // A picture's caption under the headline is not its lead, however long it runs.
  const leadable = (i: number) =>
    (blocks[i]!.verdict === 'content'
      ? reasons?.[i] === undefined
      : blocks[i]!.verdict === 'boilerplate' && reasons?.[i] === 'hint:header') && !inFigure(tree, blocks[i]!.element);
  return segment(blocks, {
    span,
    // A service page's sections (its process, its offers, its FAQ) each stand beside the longest one, all the page's copy.
    core: name === 'listing' || type === 'service' ? null : proseCore(span, blocks, tree, type === 'article'),
    statedTitle,
    trailing: name !== 'listing',
    article: type === 'article',
    dedupe: type === 'product' || type === 'forum',
    keepTitle: type === 'product',
    repeats: type === 'forum',
    // On a list page the article attempt is its blurb, and the sections under it are the grid the listing attempt weighs.
    parents: isListType(type) ? undefined : tree.parent,
    ...(type === 'article' && name !== 'listing' ? { bodyTree: tree } : {}),
    ...((type === 'article' || type === 'service') && name !== 'listing' ? { lead: leadable } : {}),
  });
}

/** The element, or one around it, is a figure or its caption. */
function inFigure(tree: ElementTree, element: number | undefined): boolean {
  for (let e = element ?? 0, depth = 0; e > 0 && depth < MAX_DEPTH; e = tree.parent[e]!, depth++) {
    const tag = tree.tag[e];
    // A figcaption's hint is its tag's; a caption named by its class has the hint `caption`.
    if (tag === 'figure' || tag === 'figcaption' || tree.hint[e] === 'caption') return true;
  }
  return false;
}

/**
 * The article attempt of a page typed `listing` segmented again as an article's: what comes before segmenting
 * (marks, the container) is the same for both types.
 */
function asArticle(page: PageContent, extraction: Extraction): Extraction {
  if (!page.tree || !extraction.span) return extraction;
  const segmented = segmentAs(
    page.tree,
    page.statedTitle,
    extraction.blocks,
    extraction.span,
    extraction.attempt,
    'article',
    extraction.boilerplate,
  );
  return { ...extraction, segmented, tallies: { ...extraction.tallies, segment: segmented.tally } };
}

/** A label (`Brand`, `Weight:`) is at most this long (characters). */
const LABEL_CHARS = 40;
/** Share of a table's blocks that are the page's own from which the whole table is. */
const OWN_TABLE_SHARE = 0.5;
/** Ancestors looked at for a block's table. */
const TABLE_DEPTH = 6;

/**
 * A product's specification rows pair a label, the same on every product of the site (learned as template), with
 * this product's value: in the same row (parent element), a short template block right before an own block is
 * the page's own label, so that the rows vote for the element that holds them.
 */
function reclaimLabels(blocks: MarkedBlock[], tree: ElementTree): MarkedBlock[] {
  const own = (b: MarkedBlock | undefined) => !!b && (b.verdict === 'content' || b.verdict === 'weak' || b.verdict === 'repeat');
  // A table or a definition list that is mostly this product's own: its rows' labels and shared values are its own too.
  const tables = new Map<number, { own: number; all: number }>();
  const tableOf = blocks.map((b) => {
    for (let e = b.element ?? 0, depth = 0; e > 0 && depth < TABLE_DEPTH; e = tree.parent[e]!, depth++) {
      if (tree.tag[e] === 'table' || tree.tag[e] === 'dl') return e;
    }
    return -1;
  });
  blocks.forEach((b, i) => {
    const t = tableOf[i]!;
    if (t < 0) return;
    const counts = tables.get(t) ?? { own: 0, all: 0 };
    counts.all++;
    if (own(b)) counts.own++;
    tables.set(t, counts);
  });
  return blocks.map((b, i) => {
    if (b.verdict !== 'template' || b.text.length > LABEL_CHARS || b.element === undefined) return b;
    const table = tables.get(tableOf[i]!);
    if (table && table.own >= OWN_TABLE_SHARE * table.all) return withVerdict(b, 'repeat');
    const value = blocks[i + 1];
    if (!own(value) || value!.element === undefined || b.element === value!.element) return b;
    return tree.parent[b.element] === tree.parent[value!.element] ? withVerdict(b, 'repeat') : b;
  });
}

/** A paragraph this long (characters), mostly not links, is a service page's own copy whatever its class says. */
const SERVICE_COPY_CHARS = 40;
/** A copyright notice is the site's, wherever it sits. */
const COPYRIGHT = /©|\(c\)|all rights reserved/i;

/**
 * Page builders name the sections of a service page's own copy `cta`, `banner`, `header`, `menu` (a tab
 * of FAQ answers): inside the container, a paragraph that only a class or id word calls boilerplate is
 * kept. A tag's hint (nav, footer, aside, form), a consent dialog's and a copyright notice still go.
 */
function spareNamedCopy(blocks: MarkedBlock[], tree: ElementTree, judged: Judgement, span: Container): MarkedBlock[] {
  return blocks.map((b, i) => {
    const by = judged.by[i];
    if (i < span.from || i >= span.to || b.verdict !== 'boilerplate' || by === undefined) return b;
    const hint = tree.hint[by];
    if (hint === undefined || tree.tag[by] === hint || NEVER_CONTENT.has(hint)) return b;
    const copy = b.text.length >= SERVICE_COPY_CHARS && (b.linkDensity ?? 0) < PROSE_LINK_DENSITY && !COPYRIGHT.test(b.text);
    return copy ? withVerdict(b, 'content') : b;
  });
}

const WEB_ADDRESS = /https?:\/\/|www\./i;
/** A link card ends with the host it leads to: `Title (youtube.com)`. */
const LINK_CARD_HOST = /\((?:[\p{L}\d-]+\.)+\p{L}{2,}\)$/u;
/** Links strung on a separator (`Home ✦ Shop ✦ Cart`, `A | B | C`): a menu on one line. */
const LINK_RUN = /(?:\s[^\p{L}\p{N}\s]\s.*){2}/u;

/** A pasted address or a link card (`Title (youtube.com)`, `Home ✦ Shop ✦ Cart`): a link shown, not a line of the story. */
function isLinkCard(text: string): boolean {
  return WEB_ADDRESS.test(text) || LINK_CARD_HOST.test(text) || LINK_RUN.test(text);
}

/**
 * A link-dense paragraph that stands alone between two paragraphs of the page's own text, all three children of
 * one element, and whose links lead off the site (or nowhere: a named anchor), is a line of the story (an
 * address, a reference, an event's page), not navigation: a menu sits in an element of its own with no story
 * on both sides of it, or links within the site. So is a whole list of such lines there (`linkedLists`).
 */
function spareInlineLinks(
  blocks: MarkedBlock[],
  tree: ElementTree,
  reasons: readonly (string | undefined)[],
  span: Container,
): MarkedBlock[] {
  const own = (b: MarkedBlock | undefined) => !!b && isOwn(b) && b.kind !== 'table-cell';
  const copies = new Map<number, number>();
  for (const b of blocks) copies.set(b.hash, (copies.get(b.hash) ?? 0) + 1);
  // Dropped for its links alone, leading off the site, and said once on the page (not a button).
  const linksOffSite = (i: number) =>
    blocks[i]!.verdict === 'boilerplate' &&
    reasons[i] === 'links' &&
    (blocks[i]!.ownLinkDensity ?? 0) < PROSE_LINK_DENSITY &&
    copies.get(blocks[i]!.hash) === 1;
  const sparedItems = linkedLists(blocks, span, tree, (i) => own(blocks[i]), linksOffSite);
  return blocks.map((b, i) => {
    if (sparedItems.has(i)) return withVerdict(b, 'content');
    if (i <= span.from || i + 1 >= span.to || !linksOffSite(i)) return b;
    // A lone list item or table cell is one of a list's references (whole lists are judged by `linkedLists`,
    // where an item may show its address: a source list's); a lone pasted address is a link card.
    if (b.kind === 'table-cell' || b.kind === 'list-item' || isLinkCard(b.text)) return b;
    return flankedBy(blocks, tree, i, own) ? withVerdict(b, 'content') : b;
  });
}

/**
 * The blocks of every list inside the span whose items all qualify (`linksOffSite`) and that stands between two
 * blocks of the page's own text, all three in one element: a changelog's entries under their headings, each a
 * link to its change. A list with an item that does not qualify, or at the span's edge, is not one.
 */
function linkedLists(
  blocks: readonly MarkedBlock[],
  span: Container,
  tree: ElementTree,
  own: (i: number) => boolean,
  linksOffSite: (i: number) => boolean,
): Set<number> {
  const parentOf = (b: MarkedBlock | undefined) => parentElement(tree, b);
  const items = new Set<number>();
  for (let i = span.from + 1; i + 1 < span.to; i++) {
    const list = parentOf(blocks[i]);
    if (blocks[i]!.kind !== 'list-item' || list < 0 || !linksOffSite(i)) continue;
    let end = i + 1;
    while (end < span.to && parentOf(blocks[end]) === list && linksOffSite(end)) end++;
    const around = tree.parent[list]!;
    const enclosed = end < span.to && own(i - 1) && own(end) && parentOf(blocks[i - 1]) === around && parentOf(blocks[end]) === around;
    if (around >= 0 && enclosed) for (let j = i; j < end; j++) items.add(j);
    // The list's other items follow a block of the same list, so none of them starts a list that qualifies.
    i = end - 1;
  }
  return items;
}

/**
 * `widget` names a component of a page builder or an editor (Elementor's, CKEditor's, a review site's product
 * box), not what it holds: inside the container, widgets that each hold a paragraph of prose, two or more of
 * them, are the article's own sections (a plant guide's profiles, a roundup's picks). Their prose, headings and
 * labels are kept; their links (`Read our full review`, `Buy now`) still go. One widget with prose is a box
 * beside the story.
 */
function spareWidgetSections(blocks: MarkedBlock[], tree: ElementTree, judged: Judgement, span: Container): MarkedBlock[] {
  // The story's last paragraph of its own: an appeal or a notice boxed after it is not a section of it.
  let storyEnd = span.to - 1;
  while (storyEnd >= span.from && !isOwnProse(blocks[storyEnd]!)) storyEnd--;
  const widgetOf = (i: number): number => {
    const by = judged.by[i];
    return blocks[i]!.verdict === 'boilerplate' && by !== undefined && tree.hint[by] === 'widget' ? by : -1;
  };
  const sectionProse = (i: number) => widgetOf(i) >= 0 && isProseBlock(blocks[i]!) && SENTENCE_END.test(blocks[i]!.text);
  // Widgets past it that hold more prose than the story's own are where the page keeps its text (a
  // roundup's picks after a two-paragraph intro).
  let ownChars = 0;
  let afterChars = 0;
  const after = new Set<number>();
  for (let i = span.from; i < span.to; i++) {
    if (i <= storyEnd && isOwnProse(blocks[i]!)) ownChars += blocks[i]!.text.length;
    else if (i > storyEnd && sectionProse(i)) {
      afterChars += blocks[i]!.text.length;
      after.add(widgetOf(i));
    }
  }
  const end = after.size >= 2 && afterChars > ownChars ? span.to : storyEnd;
  const withProse = new Set<number>();
  for (let i = span.from; i < end; i++) if (sectionProse(i)) withProse.add(widgetOf(i));
  if (withProse.size < 2) return blocks;
  return blocks.map((b, i) =>
    i >= span.from && i < end && withProse.has(widgetOf(i)) && (b.linkDensity ?? 0) < PROSE_LINK_DENSITY ? withVerdict(b, 'content') : b,
  );
}

/**
 * A heading between two paragraphs of the story, all three children of one element, heads a section of it,
 * whatever its own class or id says: editors name a section's anchor after the table of contents that links
 * to it (`h3#nav_results`), and a box's title sits over the box, not over the story's next paragraph.
 */
function spareSectionHeadings(blocks: MarkedBlock[], tree: ElementTree, judged: Judgement, span: Container): MarkedBlock[] {
  let spared: MarkedBlock[] | null = null;
  for (let i = span.from + 1; i + 1 < span.to; i++) {
    const b = blocks[i]!;
    if (b.verdict !== 'boilerplate' || !b.headingLevel || b.element === undefined || judged.by[i] !== b.element) continue;
    if ((b.linkDensity ?? 0) > 0 || !flankedBy(blocks, tree, i, isOwnProse)) continue;
    (spared ??= blocks.slice())[i] = withVerdict(b, 'content');
  }
  return spared ?? blocks;
}

/** The blocks on both sides of block `i` pass `test` and are children of its parent element. */
function flankedBy(blocks: readonly MarkedBlock[], tree: ElementTree, i: number, test: (b: MarkedBlock) => boolean): boolean {
  const parent = parentElement(tree, blocks[i]);
  const [before, after] = [blocks[i - 1], blocks[i + 1]];
  return (
    parent >= 0 &&
    !!before &&
    !!after &&
    test(before) &&
    test(after) &&
    parentElement(tree, before) === parent &&
    parentElement(tree, after) === parent
  );
}

/** The element holding the element that holds a block (-1: none). */
function parentElement(tree: ElementTree, b: MarkedBlock | undefined): number {
  return b?.element === undefined ? -1 : tree.parent[b.element]!;
}

/** Pages whose content is a list of items (a shop's category, an index), even under a blurb of prose. */
function isListType(type: PageType | undefined): boolean {
  return type === 'collection' || type === 'listing';
}

/**
 * What `listing` adds to `article` is a grid of items: long enough, mostly lines with figures, not trailing.
 * On a page typed `listing` (a news section, a blog's index) the items may be headlines without figures:
 * distinct lines, many of them phrases, unlike a shop grid's repeated badges ("New", "Sale") or a menu's
 * one-word links. On a page typed `collection` a grid that outweighs the article by far is the shop's
 * products under its category's blurb, even though it follows that blurb.
 */
function addsGrid(listing: Extraction, article: Extraction, type: PageType | undefined): boolean {
  const known = new Set(lines(article));
  const all = lines(listing);
  const added = all.filter((line) => !known.has(line));
  if (added.length === 0 || textChars(listing) < GRID_GAIN * textChars(article)) return false;
  if (!(type === 'listing' && headlines(added)) && added.filter((line) => /\d/.test(line)).length < GRID_NUMBERED_SHARE * added.length) {
    return false;
  }
  if (type === 'collection' && textChars(listing) >= GRID_OUTWEIGHS * textChars(article)) return true;
  const lastKnown = all.findLastIndex((line) => known.has(line));
  return chars(all.slice(lastKnown + 1)) < GRID_TRAILING_SHARE * chars(added);
}

/** Lines that read as a list of headlines: mostly distinct, many of them phrases rather than a word or two. */
function headlines(added: readonly string[]): boolean {
  if (new Set(added).size < HEADLINE_DISTINCT_SHARE * added.length) return false;
  const phrases = added.filter((line) => line.split(/\s+/).filter(Boolean).length >= HEADLINE_WORDS).length;
  return phrases >= HEADLINE_PHRASE_SHARE * added.length;
}

/**
 * The lines an article attempt found when none of them is prose and at least one is not a heading (a post of a few
 * short lines, the note under a roll of links); null when it found prose, or only headings, or nothing.
 */
function shortLines(extraction: Extraction): string[] | null {
  if (proseChars(extraction) > 0 || !extraction.segmented.paragraphs.some((p) => p.kind !== 'heading')) return null;
  return lines(extraction);
}

/** Characters of the result's prose lines. */
function proseChars(extraction: Extraction): number {
  let chars = 0;
  for (const p of extraction.segmented.paragraphs) for (const line of p.lines) if (isProseText(line)) chars += proseLength(line);
  return chars;
}

function lines(extraction: Extraction): string[] {
  return extraction.segmented.paragraphs.flatMap((p) => p.lines);
}

function chars(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + line.length, 0);
}

function textChars(extraction: Extraction): number {
  return chars(lines(extraction));
}

/** Where a block ended up, as the HTML report colours it. */
export type BlockClass = 'article' | 'template' | 'boilerplate' | 'other';

/** One row per block: what the stages made of it, and why. */
export interface BlockExplanation {
  readonly text: string;
  readonly path: string | undefined;
  /** Distinct pages of the site carrying the block. */
  readonly support: number;
  readonly verdict: MarkedBlock['verdict'];
  readonly role: BlockRole;
  readonly class: BlockClass;
  readonly reason: string;
}

export function explain(extraction: Extraction, site: SiteView): BlockExplanation[] {
  const { blocks, segmented, boilerplate } = extraction;
  return blocks.map((b, i) => {
    const role = segmented.roles[i]!;
    const [cls, reason] = classify(b, role, boilerplate?.[i], site.pages);
    return { text: b.text, path: b.path, support: b.support, verdict: b.verdict, role, class: cls, reason };
  });
}

/** The colour a block gets in the report, and the reason shown with it. */
function classify(b: MarkedBlock, role: BlockRole, boilerplateReason: string | undefined, sitePages: number): [BlockClass, string] {
  const onPages = `on ${b.support} of ${sitePages} pages of the site`;
  if (role === 'title') return ['article', 'the title'];
  if (role === 'body') return ['article', b.support > 1 ? `article body; also ${onPages}, kept as this page's own` : 'article body'];
  if (b.verdict === 'template') return ['template', `site template: ${onPages}`];
  if (role === 'weak-template') return ['template', `repeated ${onPages}, trimmed at the article's edge`];
  if (b.verdict === 'boilerplate') return ['boilerplate', `boilerplate: ${boilerplateReason ?? 'page structure'}`];
  return ['other', OTHER_REASONS[role] ?? role];
}

const OTHER_REASONS: Partial<Record<BlockRole, string>> = {
  outside: 'outside the article',
  'date-line': 'a date line next to the title (read as the date)',
  'title-date': "the title's dated copy (read as the date)",
  contact: 'contact details after the article',
  signature: 'a signature after the article',
  'repeat-link': 'a repeated link after the article',
  duplicate: "a copy of a block the article already holds (a layout's second copy, a reply's quote of a post)",
  furniture: "a short line whose shape repeats from post to post (a forum post's author, date or counts)",
  closing: "a box closing the element that holds the article's text (a plea for support, a prompt, an author's box, a note)",
  'empty-heading': 'a heading or label over nothing but boilerplate (a box of links or buttons)',
  trailing:
    'after the article: what a heading past its last paragraph opens, or what follows the element holding its text (related stories, the author, comments)',
};

const COMMENT_HINTS = new Set(['hint:comment', 'hint:comments']);

/**
 * A thread's replies that its markup calls comments, set as its first post is (the same named element around the same
 * paragraph tag), are its posts: on a forum page they are content, and the container reaches down to the last one.
 */
function repliesAsComments(
  blocks: MarkedBlock[],
  tree: ElementTree,
  reasons: readonly (string | undefined)[],
  span: Container,
): [MarkedBlock[], Container] {
  const signatures = postSignatures(span, blocks);
  if (signatures.size === 0) return [blocks, span];
  const replies: number[] = [];
  let prose = false;
  for (let i = span.to; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.verdict !== 'boilerplate' || !COMMENT_HINTS.has(reasons[i] ?? '') || !signatures.has(postSignature(b) ?? '')) continue;
    replies.push(i);
    if (isProseBlock(b)) prose = true;
  }
  if (!prose) return [blocks, span];
  const last = replies[replies.length - 1]!;
  const reply = new Set(replies);
  const out = blocks.map((b, i) => (reply.has(i) ? withVerdict(b, 'content') : b));
  return [out, { element: commonAncestor(tree, span.element, blocks[last]!.element ?? 0), from: span.from, to: last + 1 }];
}
