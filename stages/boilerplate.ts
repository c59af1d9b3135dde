/**
 * Stage boilerplate (HTML): what a page says about its own blocks, without siblings.
 *
 * A block is boilerplate when an element around it says so — a `nav`, `header`, `footer`, `aside` or
 * `menu`, or a class/id token such as menu, breadcrumb, share, cookie, related, comments — or when most
 * of its text is link text (menus, tag lists, "most read" lists). A hint is ignored on elements that hold
 * most of the page's text (a `<body class="has-sidebar">` says nothing about the article), and a
 * `header` inside an `article` is the article's own header. Teasers of other articles — a linked
 * heading with a line or two of summary in one element — are boilerplate when a page has several.
 */
import { dateLine, findDates, timestampLine } from './date-parse.js';
import { PRODUCT_ONLY_HINTS } from './html-blocks.js';
import type { PageType } from './page-type.js';
import { ancestorIn, isProseBlock, MAX_DEPTH, PROSE_LINK_DENSITY, type Block, type ElementTree } from './types.js';

/** Blocks at least this long are judged as prose even with many links, up to LINK_DENSITY_PROSE. */
const PROSE_WITH_LINKS_CHARS = 200;
const LINK_DENSITY_PROSE = 0.8;
/** Characters of text outside its links from which a list item is judged as prose with links, up to LINK_DENSITY_PROSE. */
const ANNOTATION_CHARS = 20;
/** A hinted element holding more than this share of the page's text is a layout wrapper, not boilerplate. */
const WRAPPER_SHARE = 0.6;
/**
 * A hint word whose elements hold more than this share of the page's text, together, is the site's
 * component vocabulary (a page builder calling every block a `widget`, a forum every post a `comment`),
 * not a sign of boilerplate.
 */
const VOCABULARY_SHARE = 0.4;
/** Characters of unhinted prose before a word's first element from which the page has a story of its own. */
const PROSE_BEFORE_CHARS = 300;
/** Characters of unhinted prose before a hinted element from which a list of posts in it replies to the page's story. */
const STORY_BEFORE_CHARS = 1000;
/** A teaser's summary is shorter than this; a page needs this many teasers before they are boilerplate. */
const TEASER_SUMMARY_CHARS = 300;
const MIN_TEASERS = 3;
/** A caption this long that ends like a sentence is kept as prose. */
const PROSE_CAPTION_CHARS = 80;
/** Share of link text from which a hinted element is a menu, whatever share of the page it holds. */
const MENU_LINK_SHARE = 0.5;
/** Share of the page's prose (`isProseBlock`), and characters of it, from which a hinted element holds the page's text, however many links it has. */
const MENU_PROSE_SHARE = 0.5;
const MENU_PROSE_CHARS = 500;
/** A linked cell this short names its row's item (a film, a product, a file); a table needs this many rows of items to be data. */
const LINKED_CELL_CHARS = 100;
const MIN_DATA_ROWS = 3;

/** An element holding this much of the page's prose holds its text: a wrapper around the story and the menus beside it. */
function holdsProse(chars: number, pageChars: number): boolean {
  return chars >= MENU_PROSE_CHARS && chars > MENU_PROSE_SHARE * pageChars;
}

const NEVER_BOILERPLATE = new Set(['html', 'body', 'main', 'article']);
/** Hints of a site's menus. */
const MENU_HINTS: ReadonlySet<string> = new Set(['nav', 'navbar', 'navigation', 'menu']);
/**
 * Hints whose elements never hold a page's main text, however much of the page they hold: a consent
 * dialog, a modal or a popup (an outdated-browser notice) can outweigh a thread of short posts, or an
 * empty shell's footer.
 */
export const NEVER_CONTENT: ReadonlySet<string> = new Set(['cookie', 'cookies', 'consent', 'modal', 'popup']);

/**
 * Tags whose elements are never a page's wrapper nor its component vocabulary, however much of the page they
 * hold: a footer of legal notes longer than a short page, a sidebar beside a short story, a menu.
 */
const NEVER_WRAPPER_TAGS: ReadonlySet<string> = new Set(['footer', 'nav', 'aside']);

/** What the boilerplate stage makes of a page's blocks: each one's reason (undefined: not boilerplate) and, for a hint, the element that gave it. */
export interface Judgement {
  readonly reasons: readonly (string | undefined)[];
  readonly by: readonly (number | undefined)[];
}

/** For every block: why it is boilerplate on this page, or undefined. */
export function boilerplateReasons(blocks: readonly Block[], tree: ElementTree): (string | undefined)[] {
  return [...judgeBlocks(blocks, tree).reasons];
}

/**
 * Judge a page's blocks. The page-wide part (text sizes, teasers, vocabulary) does not depend on `spared`:
 * `again` judges the same page with the hints of `spared` elements ignored, without computing it again.
 * On an `article` page, the blocks of a thread of comments its markup does not name (`threadLists`) are boilerplate
 * (`thread`), as the comments a class names are; a thread spared is the page's text again.
 */
export function judgeBlocks(
  blocks: readonly Block[],
  tree: ElementTree,
  type: PageType | null = null,
): Judgement & { again(spared: ReadonlySet<number>): Judgement } {
  const sums = subtreeSums(blocks, tree);
  const { size, links, prose, headings } = sums;
  const threads = type === 'article' ? threadOfBlocks(blocks, tree) : null;
  const total = size[0] ?? 0;
  // A menu stays a menu however much of the page it holds: mostly links, without most of the page's prose or its
  // main heading (h1), it is not the page's wrapper (a form around a shop's grid of linked products) or vocabulary.
  const menus = new Set<number>();
  for (let e = 1; e < size.length; e++) {
    if (tree.hint[e] && size[e]! > 0 && links[e]! >= MENU_LINK_SHARE * size[e]! && !holdsProse(prose[e]!, prose[0]!) && headings[e] === 0)
      menus.add(e);
  }
  const wrappers = wrapperElements(blocks, tree, sums, type === 'article');
  const tableLinks = dataTableLinks(blocks, tree);
  const teasers = teaserElements(blocks, tree);
  const vocabulary = vocabularyHints(blocks, tree, total);
  // On a product page its reviews are boilerplate however much of the page they fill; elsewhere they are not.
  for (const hint of PRODUCT_ONLY_HINTS) {
    if (type === 'product') vocabulary.delete(hint);
    else vocabulary.add(hint);
  }
  const judge = (spared: ReadonlySet<number>): Judgement => {
    const reasons: (string | undefined)[] = [];
    const by: (number | undefined)[] = [];
    blocks.forEach((block, i) => {
      const [judged, element] = judgeBlock(block, tree, spared, teasers, vocabulary, type === 'product', menus, wrappers);
      const reason = judged === 'links' && tableLinks.has(i) ? undefined : judged;
      const thread = threads?.[i] ?? -1;
      const inThread = reason === undefined && thread > 0 && !spared.has(thread);
      reasons.push(inThread ? 'thread' : reason);
      by.push(inThread ? thread : element);
    });
    return { reasons, by };
  };
  return { ...judge(new Set()), again: judge };
}

function judgeBlock(
  block: Block,
  tree: ElementTree,
  spared: ReadonlySet<number>,
  teasers: ReadonlySet<number>,
  vocabulary: ReadonlySet<string>,
  product: boolean,
  menus: ReadonlySet<number>,
  wrappers: ReadonlySet<number>,
): [reason: string | undefined, by: number | undefined] {
  if (block.element !== undefined && teasers.has(tree.parent[block.element]!)) return ['teaser', undefined];
  let e = block.element ?? -1;
  for (let depth = 0; e > 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) {
    const hint = tree.hint[e];
    if (!hint || spared.has(e) || NEVER_BOILERPLATE.has(tree.tag[e]!)) continue;
    if (
      !NEVER_CONTENT.has(hint) &&
      !NEVER_WRAPPER_TAGS.has(tree.tag[e]!) &&
      !menus.has(e) &&
      (vocabulary.has(hint) || (wrappers.has(e) && !(product && PRODUCT_ONLY_HINTS.has(hint))))
    )
      continue;
    if (tree.tag[e] === 'header' && insideArticle(tree, e)) continue;
    if ((hint === 'figcaption' || hint === 'caption') && isProseCaption(block.text)) continue;
    return [`hint:${hint}`, e];
  }
  const links = block.linkDensity ?? 0;
  const long = block.text.length >= PROSE_WITH_LINKS_CHARS || isAnnotatedLink(block);
  return [links >= (long ? LINK_DENSITY_PROSE : PROSE_LINK_DENSITY) ? 'links' : undefined, undefined];
}

/**
 * A list item that says something of its own about its link ("Zip to Zip Moving: 4.58 out of 5 stars",
 * "Canvas (for lecture recordings and announcements)"): judged as prose with links. An archive's or a
 * related list's items add a date to their links, not words.
 */
function isAnnotatedLink(block: Block): boolean {
  if (block.kind !== 'list-item') return false;
  const ownChars = (1 - (block.linkDensity ?? 0)) * block.text.length;
  return ownChars >= ANNOTATION_CHARS && findDates(block.text).length === 0;
}

/**
 * The element whose class or tag hint drops the most prose (`isProseBlock`), with its ancestors (`chain`, empty when hints drop no prose): what to spare when the article
 * attempts found too little.
 */
export function mostHintedProse(
  blocks: readonly Block[],
  tree: ElementTree,
  judged: Judgement,
  product = false,
): { chain: Set<number>; chars: number } {
  const dropped = new Map<number, number>();
  judged.by.forEach((by, i) => {
    const block = blocks[i]!;
    if (by === undefined || !isProseBlock(block)) return;
    // A product's reviews are never its description, however little else the page says.
    if (product && PRODUCT_ONLY_HINTS.has(tree.hint[by]!)) return;
    // Nor is a footer's prose (the site's blurb, its newsletter), a menu's (a campaign banner in the navigation bar) or a
    // consent dialog's the page's text, on a page that has little.
    if (hintedAround(tree, by, (hint) => hint === 'footer' || MENU_HINTS.has(hint) || NEVER_CONTENT.has(hint))) return;
    dropped.set(by, (dropped.get(by) ?? 0) + block.text.length);
  });
  let most: number | undefined;
  for (const [e, chars] of dropped) if (most === undefined || chars > dropped.get(most)!) most = e;
  const chain = new Set<number>();
  for (let e = most ?? 0, depth = 0; e > 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) chain.add(e);
  return { chain, chars: most === undefined ? 0 : dropped.get(most)! };
}

/**
 * A caption that tells part of the story in a sentence of its own, as some sites write theirs, rather than
 * naming who is pictured or who took the photo.
 */
function isProseCaption(text: string): boolean {
  return text.length >= PROSE_CAPTION_CHARS && /[.!?…"»”')\]]$/u.test(text) && !/©|\(c\)/i.test(text);
}

/** A block's hints when no element above it has one. */
const NO_HINTS: readonly string[] = [];

/**
 * Hint words whose elements together hold more than VOCABULARY_SHARE of the page's text, unless the page
 * tells a story of its own before the first of them (PROSE_BEFORE_CHARS of prose): comments under an
 * article and reviews under a product stay what they are however long they run, where a forum's posts
 * or a page builder's widgets are the page from its start.
 */
function vocabularyHints(blocks: readonly Block[], tree: ElementTree, total: number): Set<string> {
  const chars = new Map<string, number>();
  const first = new Map<string, number>();
  // Most blocks have no hinted ancestor: their lists are made only when a hint is met.
  const hintsOf = blocks.map((block, i): readonly string[] => {
    let hints: string[] | null = null;
    let applied: string[] | null = null;
    for (let e = block.element ?? 0, depth = 0; e > 0 && depth < MAX_DEPTH; e = tree.parent[e]!, depth++) {
      const hint = tree.hint[e];
      if (!hint) continue;
      // An article's or main's class words are never applied (NEVER_BOILERPLATE): they leave its prose the page's own.
      if (!NEVER_BOILERPLATE.has(tree.tag[e]!)) (applied ??= []).push(hint);
      if (hints?.includes(hint)) continue;
      (hints ??= []).push(hint);
      chars.set(hint, (chars.get(hint) ?? 0) + block.text.length);
      if (!first.has(hint)) first.set(hint, i);
    }
    const kept = applied;
    return hints && kept ? hints.filter((hint) => kept.includes(hint)) : NO_HINTS;
  });
  const widespread = new Set([...chars].filter(([, n]) => n > total * VOCABULARY_SHARE).map(([hint]) => hint));
  // Prose before each block that no other hint claims (a widespread one does not count: it is everywhere).
  const proseBefore = new Array<number>(blocks.length + 1).fill(0);
  blocks.forEach((block, i) => {
    const own = isProseBlock(block) && hintsOf[i]!.every((h) => widespread.has(h));
    proseBefore[i + 1] = proseBefore[i]! + (own ? block.text.length : 0);
  });
  return new Set([...widespread].filter((hint) => proseBefore[first.get(hint)!]! < PROSE_BEFORE_CHARS));
}

/** A list needs this many posts to be a thread. */
const MIN_THREAD_POSTS = 3;
/** Share of a thread's items that are posts. */
const THREAD_POST_SHARE = 0.6;
/** Characters of text outside links a post holds at least, in the elements it wraps. */
const POST_OWN_CHARS = 30;
/** Tags of the elements a list of posts is made of. */
const POST_TAGS: ReadonlySet<string> = new Set(['li', 'article', 'div', 'section']);

/** A post's time stamp is among the first blocks of its element: its title, its author's line. */
const STAMP_WITHIN_BLOCKS = 3;
/** Characters of a time stamp's line at most (its words are counted by `timestampLine`). */
const STAMP_MAX_CHARS = 200;

/** For each block, the thread (threadLists, stampedThreads) it is part of, or -1; null when the page has none. */
function threadOfBlocks(blocks: readonly Block[], tree: ElementTree): number[] | null {
  const threads = new Set([...threadLists(blocks, tree), ...stampedThreads(blocks, tree)]);
  if (threads.size === 0) return null;
  return blocks.map((block) => ancestorIn(tree, block.element, threads));
}

/**
 * Unnamed lists (`ol`, `ul`, neither they nor their items with a class or id) that are threads of comments under a
 * story, for an article page whose markup does not name its parts: MIN_THREAD_POSTS items or more, and most of them
 * posts — an item of two blocks or more, no heading among them, with POST_OWN_CHARS of its own text in a `div` it
 * wraps (the author's line and the comment's text, each in a box of its own) — after PROSE_BEFORE_CHARS of the page's
 * prose outside any list. An article's lists hold their text in their items (`li`, `li>p`, a step's number in a box
 * beside it), and a list of reviewed products or books heads each item with its name.
 */
function threadLists(blocks: readonly Block[], tree: ElementTree): Set<number> {
  interface Item {
    blocks: number;
    own: number;
    headed: boolean;
  }
  const lists = new Map<number, Map<number, Item>>();
  const firstBlock = new Map<number, number>();
  const proseBefore: number[] = [];
  let prose = 0;
  blocks.forEach((block, i) => {
    let inList = false;
    let boxed = false;
    for (let e = block.element ?? 0, depth = 0; e > 0 && depth < MAX_DEPTH; e = tree.parent[e]!, depth++) {
      const list = tree.parent[e]!;
      if (tree.tag[e] === 'div') boxed = true;
      if (tree.tag[e] !== 'li' || list < 0 || (tree.tag[list] !== 'ol' && tree.tag[list] !== 'ul')) continue;
      inList = true;
      if (tree.named[list] || tree.named[e]) continue;
      const items = lists.get(list) ?? new Map<number, Item>();
      lists.set(list, items);
      if (!firstBlock.has(list)) firstBlock.set(list, i);
      const item = items.get(e) ?? { blocks: 0, own: 0, headed: false };
      items.set(e, item);
      item.blocks++;
      if (boxed) item.own += block.text.length * (1 - (block.linkDensity ?? 0));
      item.headed ||= block.kind === 'heading';
    }
    proseBefore.push(prose);
    if (!inList && isProseBlock(block)) prose += block.text.length;
  });
  const threads = new Set<number>();
  for (const [list, items] of lists) {
    if (proseBefore[firstBlock.get(list)!]! < PROSE_BEFORE_CHARS) continue;
    const posts = [...items.values()].filter((item) => item.blocks >= 2 && !item.headed && item.own >= POST_OWN_CHARS).length;
    if (posts >= MIN_THREAD_POSTS && posts >= THREAD_POST_SHARE * items.size) threads.add(list);
  }
  return threads;
}

/**
 * Unnamed elements whose children are a thread's posts, each opened by a time stamp: a short line that dates it to
 * the minute beside its author's name (`timestampLine`, not a bare `dateLine`: "Racha 3/14/2021 at 3:33pm", "by ann
 * ( 123 ) on Friday December 19, 2025 @08:08PM") among the first STAMP_WITHIN_BLOCKS blocks of MIN_THREAD_POSTS
 * children or more, after PROSE_BEFORE_CHARS of the page's prose (an element that opens with the story, its byline
 * stamped, is not its comments). A post folded under its title or shown without its stamp counts when it is an
 * element of the same tag as the stamped ones; posts (two blocks or more, POST_OWN_CHARS of text outside links) are
 * THREAD_POST_SHARE of the children that hold text. Whatever tags and boxes a comment system uses, its posts open
 * with who wrote them and when; a story's paragraphs, its steps or products do not open with the minute, and a
 * timeline dates its entries without a name.
 */
function stampedThreads(blocks: readonly Block[], tree: ElementTree): Set<number> {
  const n = tree.parent.length;
  const first = new Array<number>(n).fill(-1);
  const count = new Array<number>(n).fill(0);
  const own = new Array<number>(n).fill(0);
  const proseBefore: number[] = [];
  let prose = 0;
  blocks.forEach((block, i) => {
    proseBefore.push(prose);
    if (isProseBlock(block)) prose += block.text.length;
    const chars = block.text.length * (1 - (block.linkDensity ?? 0));
    for (let e = block.element ?? 0, depth = 0; e > 0 && depth < MAX_DEPTH; e = tree.parent[e]!, depth++) {
      if (first[e] === -1) first[e] = i;
      count[e]!++;
      own[e]! += chars;
    }
  });
  const stamped = new Map<number, Set<number>>();
  blocks.forEach((block, i) => {
    if (block.text.length > STAMP_MAX_CHARS || !timestampLine(block.text) || dateLine(block.text)) return;
    for (let u = block.element ?? 0, depth = 0; u > 0 && depth < MAX_DEPTH; u = tree.parent[u]!, depth++) {
      if (i - first[u]! >= STAMP_WITHIN_BLOCKS) break;
      const c = tree.parent[u]!;
      if (c <= 0) break;
      const units = stamped.get(c) ?? new Set<number>();
      stamped.set(c, units.add(u));
    }
  });
  const children = new Map<number, number[]>();
  for (let e = 1; e < n; e++) {
    const c = tree.parent[e]!;
    if (count[e] === 0 || !stamped.has(c)) continue;
    const kids = children.get(c) ?? [];
    if (kids.push(e) === 1) children.set(c, kids);
  }
  const threads = new Set<number>();
  for (const [c, units] of stamped) {
    if (units.size < MIN_THREAD_POSTS || tree.named[c]) continue;
    if (proseBefore[first[c]!]! < PROSE_BEFORE_CHARS) continue;
    const tags = new Set([...units].map((u) => tree.tag[u]));
    const kids = children.get(c) ?? [];
    const posts = kids.filter(
      (e) => !tree.named[e] && (units.has(e) || tags.has(tree.tag[e])) && count[e]! >= 2 && own[e]! >= POST_OWN_CHARS,
    ).length;
    if (posts >= MIN_THREAD_POSTS && posts >= THREAD_POST_SHARE * kids.length) threads.add(c);
  }
  return threads;
}

/**
 * Elements that hold a teaser: a linked heading plus at most two short summary blocks. Empty unless
 * the page has MIN_TEASERS of them (one linked heading over a short post is a permalink, not a list).
 */
function teaserElements(blocks: readonly Block[], tree: ElementTree): Set<number> {
  const units = new Map<number, { headings: number; others: number; long: boolean; heading: number; body: string }>();
  for (const block of blocks) {
    if (block.element === undefined) continue;
    const parent = tree.parent[block.element]!;
    const unit = units.get(parent) ?? { headings: 0, others: 0, long: false, heading: 0, body: '' };
    if (block.kind === 'heading' && (block.linkDensity ?? 0) >= PROSE_LINK_DENSITY) {
      unit.headings++;
      unit.heading = block.hash;
    } else {
      unit.others++;
      unit.long ||= block.text.length >= TEASER_SUMMARY_CHARS;
      unit.body += `${block.hash},`;
    }
    units.set(parent, unit);
  }
  // Teasers head each story with its own title. Units that share one linked title over texts of their own are a
  // thread's posts (a forum's "Re: …" over every reply), not a list of other pages; copies of one unit (a layout's
  // cards for each screen size) are still teasers.
  const bodies = new Map<number, Set<string>>();
  for (const u of units.values()) {
    if (u.headings !== 1) continue;
    const seen = bodies.get(u.heading) ?? new Set<string>();
    bodies.set(u.heading, seen.add(u.body));
  }
  const teasers: number[] = [];
  for (const [element, u] of units)
    if (u.headings === 1 && u.others <= 2 && !u.long && bodies.get(u.heading)!.size < MIN_TEASERS) teasers.push(element);
  return new Set(teasers.length >= MIN_TEASERS ? teasers : []);
}

/**
 * Blocks that are a data table's linked cells: short cells, mostly link, in a table with MIN_DATA_ROWS rows or
 * more that pair such a cell with one that says something not linked (a film's linked title beside its year
 * and synopsis, a product's name beside its price). Link density reads such a cell as a menu entry. A layout
 * table's menu cell sits in one row beside the page's text, not in rows of items.
 */
function dataTableLinks(blocks: readonly Block[], tree: ElementTree): Set<number> {
  const rowOf = (block: Block): number => {
    let e = block.element ?? -1;
    for (let depth = 0; e > 0 && depth < MAX_DEPTH && tree.tag[e] !== 'td' && tree.tag[e] !== 'th'; depth++) e = tree.parent[e]!;
    const row = e > 0 ? tree.parent[e]! : -1;
    return row > 0 && tree.tag[row] === 'tr' ? row : -1;
  };
  const tableOf = (row: number): number => {
    let table = tree.parent[row]!;
    for (let depth = 0; table > 0 && depth < 2 && tree.tag[table] !== 'table'; depth++) table = tree.parent[table]!;
    return table;
  };
  const rows = new Map<number, { linked: number[]; said: boolean }>();
  blocks.forEach((block, i) => {
    if (block.kind !== 'table-cell') return;
    const row = rowOf(block);
    if (row < 0) return;
    const r = rows.get(row) ?? { linked: [], said: false };
    if ((block.linkDensity ?? 0) < PROSE_LINK_DENSITY) r.said = true;
    else if (block.text.length <= LINKED_CELL_CHARS) r.linked.push(i);
    rows.set(row, r);
  });
  const tables = new Map<number, { items: number; linked: number[] }>();
  for (const [row, r] of rows) {
    const table = tableOf(row);
    const t = tables.get(table) ?? { items: 0, linked: [] };
    if (r.said && r.linked.length > 0) t.items++;
    t.linked.push(...r.linked);
    tables.set(table, t);
  }
  return new Set([...tables.values()].filter((t) => t.items >= MIN_DATA_ROWS).flatMap((t) => t.linked));
}

/** Under each element (the root, id 0, holds them all): characters of text, of link text and of prose (`isProseBlock`), main headings (h1) and blocks. */
interface SubtreeSums {
  readonly size: readonly number[];
  readonly links: readonly number[];
  readonly prose: readonly number[];
  readonly headings: readonly number[];
  readonly blocks: readonly number[];
}

function subtreeSums(blocks: readonly Block[], tree: ElementTree): SubtreeSums {
  const n = tree.parent.length;
  const count = new Array<number>(n).fill(0);
  const size = new Array<number>(n).fill(0);
  const links = new Array<number>(n).fill(0);
  const prose = new Array<number>(n).fill(0);
  const headings = new Array<number>(n).fill(0);
  for (const block of blocks) {
    const chars = block.text.length;
    const linkChars = chars * (block.linkDensity ?? 0);
    const proseChars = isProseBlock(block) ? chars : 0;
    const heading = block.headingLevel === 1 ? 1 : 0;
    const add = (e: number) => {
      size[e]! += chars;
      links[e]! += linkChars;
      prose[e]! += proseChars;
      headings[e]! += heading;
      count[e]!++;
    };
    let e = block.element ?? 0;
    for (let depth = 0; e >= 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) add(e);
    if (e >= 0) add(0); // the chain was cut: still count the block in the root
  }
  return { size, links, prose, headings, blocks: count };
}

/** Whether the element or one of its ancestors has a hint that `test` accepts. */
function hintedAround(tree: ElementTree, element: number, test: (hint: string) => boolean): boolean {
  for (let e = element, depth = 0; e > 0 && depth < MAX_DEPTH; e = tree.parent[e]!, depth++) {
    const hint = tree.hint[e];
    if (hint !== undefined && test(hint)) return true;
  }
  return false;
}

function insideArticle(tree: ElementTree, element: number): boolean {
  for (let e = tree.parent[element]!, depth = 0; e > 0 && depth < MAX_DEPTH; e = tree.parent[e]!, depth++) {
    if (tree.tag[e] === 'article') return true;
  }
  return false;
}

/**
 * Hinted elements whose hint says nothing of them, as they are the page's wrapper:
 * - one holding more than WRAPPER_SHARE of the page's text (a `div.page.has-sidebar`); but not, on an article,
 *   one that comes after STORY_BEFORE_CHARS of the page's unhinted prose and holds a list of posts (`postHolders`): a
 *   comment section that outgrew the story above it;
 * - one that holds most of the page's prose (`holdsProse`) and opens before PROSE_BEFORE_CHARS of prose of the page's
 *   own: a CMS's field around the story (`div.meta-field`), where a box after the story is a box.
 */
function wrapperElements(blocks: readonly Block[], tree: ElementTree, sums: SubtreeSums, article: boolean): Set<number> {
  const { size, prose } = sums;
  const posts = article ? postHolders(tree, sums) : new Set<number>();
  const wrappers = new Set<number>();
  let before = 0;
  const seen = new Set<number>();
  for (const block of blocks) {
    let hinted = false;
    for (let e = block.element ?? 0, depth = 0; e > 0 && depth < MAX_DEPTH; e = tree.parent[e]!, depth++) {
      if (!tree.hint[e]) continue;
      hinted = true;
      if (seen.has(e)) continue;
      seen.add(e);
      const outgrown = before >= STORY_BEFORE_CHARS && posts.has(e);
      if ((size[e]! > WRAPPER_SHARE * size[0]! && !outgrown) || (before < PROSE_BEFORE_CHARS && holdsProse(prose[e]!, prose[0]!)))
        wrappers.add(e);
    }
    if (!hinted && isProseBlock(block)) before += block.text.length;
  }
  return wrappers;
}

/**
 * Elements holding a list of posts: MIN_THREAD_POSTS children or more of one tag (`li`, `article`, `div`,
 * `section`) each wrapping two blocks or more with POST_OWN_CHARS of text outside links (an author's line and
 * what they wrote), named or not; and every element around such a list.
 */
function postHolders(tree: ElementTree, { size, links, blocks }: SubtreeSums): Set<number> {
  const units = new Map<string, number>();
  const holders = new Set<number>();
  for (let e = 1; e < tree.parent.length; e++) {
    const list = tree.parent[e]!;
    if (list <= 0 || !POST_TAGS.has(tree.tag[e]!) || blocks[e]! < 2 || size[e]! - links[e]! < POST_OWN_CHARS) continue;
    const key = `${list} ${tree.tag[e]!}`;
    const found = (units.get(key) ?? 0) + 1;
    units.set(key, found);
    if (found !== MIN_THREAD_POSTS) continue;
    for (let u = list, depth = 0; u > 0 && depth < MAX_DEPTH && !holders.has(u); u = tree.parent[u]!, depth++) holders.add(u);
  }
  return holders;
}
