/**
 * Stage container (HTML): the element that holds the article.
 *
 * Every block votes for all its ancestors: own text counts for its length, text that repeats on a few
 * pages for half, template and boilerplate against; the element with the best total is the tightest one
 * that holds the article and little else. Votes alone can settle on part of the article: a headline
 * and its standfirst outvote a body whose paragraphs sit among related-story boxes and share bars, a
 * lead paragraph sits in a column of its own. So the container is the smallest element that holds both
 * the vote's winner and the page's prose — the deepest element holding PROSE_SHARE of the characters of
 * its own paragraphs (`isProseBlock`), a menu's blurbs aside. A site header's mega menu above the page's
 * heading does not vote for it either. The article is the range of blocks under it (a subtree's blocks are
 * contiguous in document order).
 */
import type { ArticleCore } from './segment.js';
import type { MarkedBlock } from './template.js';
import { ancestorIn, childUnder, commonAncestor, isProseBlock, LIST_TAGS, MAX_DEPTH, type ElementTree } from './types.js';

export interface Container {
  readonly element: number;
  /** Blocks [from, to) lie under the element. */
  readonly from: number;
  readonly to: number;
}

/** What a block says about the elements around it: positive for article text, negative for the rest. */
function blockVote(block: MarkedBlock): number {
  const length = block.text.length;
  switch (block.verdict) {
    case 'template':
    case 'boilerplate':
      return -length;
    case 'weak':
      // Repeated on a few pages only: a rotating teaser, or an article crawled twice. Half a vote.
      return length / 2;
    default:
      return length;
  }
}

/** Share of the page's prose the container holds at least. */
const PROSE_SHARE = 0.9;
/** A page with less prose than this (a list, a product) is left to the votes. */
const MIN_PROSE_CHARS = 400;

export function articleContainer(blocks: readonly MarkedBlock[], tree: ElementTree): Container {
  const n = tree.parent.length;
  const page = pageProse(blocks, tree);
  const votes = new Array<number>(n).fill(0);
  const first = new Array<number>(n).fill(-1);
  const last = new Array<number>(n).fill(-1);
  blocks.forEach((block, i) => {
    // A site header's mega menu is not the page's text: its blurbs and labels do not vote (its links vote against it).
    const vote = page.header.has(i) ? Math.min(0, blockVote(block)) : blockVote(block);
    let e = block.element ?? 0;
    for (let depth = 0; e >= 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) {
      votes[e]! += vote;
      if (first[e] === -1) first[e] = i;
      last[e] = i;
    }
  });
  let voted = 0;
  // Ties go to the later element in document order: a descendant that holds all of its parent's votes.
  for (let e = 1; e < n; e++) if (first[e] !== -1 && votes[e]! >= votes[voted]!) voted = e;
  if (first[voted] === -1) return { element: 0, from: 0, to: blocks.length };
  const holder = proseHolder(blocks, tree, page, { from: first[voted]!, to: last[voted]! + 1 });
  const best = holder === null ? voted : commonAncestor(tree, voted, holder);
  return { element: best, from: first[best]!, to: last[best]! + 1 };
}

/**
 * The blurb menus (blurbMenus, whatever share of the page's prose they hold) that end before the page's main
 * heading (its first h1), and their blocks: a site header's mega menu, each entry a title and a line of
 * description, above the page's own text, which a page without class or id names does not name as such. Its
 * blurbs can hold more prose than a short story, and its titles and blurbs outvote the story's paragraphs
 * when the story sits in a sibling of the header: the vote goes to the whole page. A menu past the heading (a
 * list of linked questions with their answers, a box of linked summaries) may be the page's. None when the
 * page has no h1.
 */
function headerMenus(
  blocks: readonly MarkedBlock[],
  tree: ElementTree,
  menus: ReadonlySet<number>,
): { menus: Set<number>; blocks: Set<number> } {
  const heading = blocks.findIndex((b) => b.headingLevel === 1 && b.verdict !== 'template');
  const found = { menus: new Set<number>(), blocks: new Set<number>() };
  // A menu holds no h1 and its blocks are contiguous: one holding a block before the heading ends before it.
  for (let i = 0; i < heading; i++) {
    const menu = ancestorIn(tree, blocks[i]!.element, menus);
    if (menu <= 0) continue;
    found.menus.add(menu);
    found.blocks.add(i);
  }
  return found;
}

/**
 * The page's own prose per element (`prose`), per block (`own`: isOwnProse), its menus (blurbMenus: those holding
 * less than BLURB_MENU_PROSE_SHARE of the prose, and its header menus) and its header menus' blocks (headerMenus).
 */
interface PageProse {
  readonly prose: readonly number[];
  readonly own: readonly boolean[];
  readonly menus: ReadonlySet<number>;
  readonly header: ReadonlySet<number>;
}

function pageProse(blocks: readonly MarkedBlock[], tree: ElementTree): PageProse {
  const prose = new Array<number>(tree.parent.length).fill(0);
  const own = blocks.map(isOwnProse);
  blocks.forEach((block, i) => {
    if (!own[i]) return;
    for (let e = block.element ?? 0, depth = 0; e >= 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) prose[e]! += block.text.length;
  });
  const blurbs = blurbMenus(blocks, tree, own);
  const header = headerMenus(blocks, tree, blurbs);
  // Elsewhere, a menu holds less than BLURB_MENU_PROSE_SHARE of the page's prose.
  const menus = new Set([...blurbs].filter((e) => prose[e]! <= BLURB_MENU_PROSE_SHARE * prose[0]!));
  for (const e of header.menus) menus.add(e);
  return { prose, own, menus, header: header.blocks };
}

/**
 * The deepest element holding PROSE_SHARE of the page's own prose, a menu's blurbs aside (outside the blocks
 * `voted` spans); null when the page has little.
 */
function proseHolder(
  blocks: readonly MarkedBlock[],
  tree: ElementTree,
  page: PageProse,
  voted: { from: number; to: number },
): number | null {
  const prose = page.prose.slice();
  blocks.forEach((block, i) => {
    if (!page.own[i] || (i >= voted.from && i < voted.to) || ancestorIn(tree, block.element, page.menus) <= 0) return;
    for (let e = block.element ?? 0, depth = 0; e >= 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) prose[e]! -= block.text.length;
  });
  if (prose[0]! < MIN_PROSE_CHARS) return null;
  // The elements holding that share form one chain from the root down; the last in document order is its end.
  let holder = 0;
  for (let e = 1; e < prose.length; e++) if (prose[e]! >= PROSE_SHARE * prose[0]!) holder = e;
  return holder;
}

/** A menu (other than a header's) holds less than this share of the page's prose; at least BLURB_MENU_PROSE_BLOCKS prose blocks. */
const BLURB_MENU_PROSE_SHARE = 0.25;
const BLURB_MENU_PROSE_BLOCKS = 2;
/** Share of a menu's blocks that are mostly links (link density at least this, too). */
const BLURB_MENU_LINKED_SHARE = 0.5;

/**
 * A mega menu's blurbs (a line under each entry) are prose by their length, yet not the page's text: an
 * element whose blocks are mostly links, holding BLURB_MENU_PROSE_BLOCKS prose blocks or more (`own`, per block:
 * isOwnProse) but not the page's main heading (h1), may be such a menu.
 */
function blurbMenus(blocks: readonly MarkedBlock[], tree: ElementTree, own: readonly boolean[]): Set<number> {
  const n = tree.parent.length;
  const count = new Array<number>(n).fill(0);
  const linked = new Array<number>(n).fill(0);
  const proseBlocks = new Array<number>(n).fill(0);
  const headed = new Array<boolean>(n).fill(false);
  blocks.forEach((block, i) => {
    if (block.verdict === 'template') return;
    for (let e = block.element ?? 0, depth = 0; e >= 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) {
      count[e]!++;
      if ((block.linkDensity ?? 0) >= BLURB_MENU_LINKED_SHARE) linked[e]!++;
      if (block.headingLevel === 1) headed[e] = true;
      if (own[i]) proseBlocks[e]!++;
    }
  });
  const menus = new Set<number>();
  for (let e = 1; e < n; e++) {
    if (!headed[e] && proseBlocks[e]! >= BLURB_MENU_PROSE_BLOCKS && linked[e]! >= BLURB_MENU_LINKED_SHARE * count[e]!) menus.add(e);
  }
  return menus;
}

/** Share of the container's prose an element's own paragraphs hold to be the core of an unnamed page. */
const SIBLING_SHARE = 0.5;
/** Paragraphs of prose that element holds at least: two or three are a short note over the page's other sections. */
const MIN_CORE_BLOCKS = 4;
/** Share of the container's own prose that its core holds. */
const CORE_SHARE = 0.67;

/**
 * The deepest element under the container holding CORE_SHARE of the container's own prose: the article's
 * text itself, without the related stories, teasers and boxes that sit beside it in the same container.
 * A block after it continues the article when an element around it has the core's own tag and class or id
 * (the article's next section, a CMS's next text block). Null when the container has little prose.
 * Of a `story` (an article) on a page without names, the core may be narrower (storyCore).
 */
export function proseCore(span: Container, blocks: readonly MarkedBlock[], tree: ElementTree, story = false): ArticleCore | null {
  const prose = new Map<number, number>();
  const proseBlocks = new Map<number, number>();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const label = new Map<number, string>();
  let total = 0;
  for (let i = span.from; i < span.to; i++) {
    const block = blocks[i]!;
    if (block.verdict === 'template' || block.verdict === 'boilerplate') continue;
    const labels = (block.path ?? '').split('>');
    const isProse = isProseBlock(block);
    if (isProse) total += block.text.length;
    for (let e = block.element ?? 0, depth = 0; e >= 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) {
      if (!first.has(e)) first.set(e, i);
      last.set(e, i);
      if (depth < labels.length && !label.has(e)) label.set(e, labels[labels.length - 1 - depth]!);
      if (isProse) {
        prose.set(e, (prose.get(e) ?? 0) + block.text.length);
        proseBlocks.set(e, (proseBlocks.get(e) ?? 0) + 1);
      }
      if (e === span.element) break;
    }
  }
  if (total < MIN_PROSE_CHARS) return null;
  let core = span.element;
  // One long paragraph is not the article's text: the core holds two of them or more.
  for (const [e, chars] of prose) if (chars >= CORE_SHARE * total && proseBlocks.get(e)! >= 2 && e > core) core = e;
  const from = first.get(core) ?? span.from;
  const to = (last.get(core) ?? span.to - 1) + 1;
  if (label.get(core) === undefined) return { from, to, continues: () => true };
  // Of a page whose elements carry no class or id, a bare tag (`div`) says nothing: with no name on the core, on the
  // container or between them, every block would continue a `div` core, and nothing past the core continues it.
  const anonymous = unnamedUpTo(core, span.element, tree);
  const ownParagraphs = anonymous && story ? storyCore(span, blocks, tree, { element: core, from, to, total, first, last }) : null;
  if (ownParagraphs) return ownParagraphs;
  const kind = anonymous ? null : label.get(core)!;
  const continues = (position: number): boolean => {
    if (kind === null) return false;
    for (let e = blocks[position]!.element ?? 0, depth = 0; e >= 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) {
      if (e === span.element) return false;
      if (label.get(e) === kind) return true;
    }
    return false;
  };
  return { from, to, continues, anonymous };
}

/** The core proseCore found, and where the container's blocks sit. */
interface CoreFound {
  readonly element: number;
  readonly from: number;
  readonly to: number;
  /** Characters of the container's own prose. */
  readonly total: number;
  readonly first: ReadonlyMap<number, number>;
  readonly last: ReadonlyMap<number, number>;
}

/**
 * On an article page without names, where comments, reviews or a footer's notes hold prose enough to keep the core
 * wide, the story's paragraphs are still siblings: the core is the unnamed element whose own paragraphs (not list
 * items) hold SIBLING_SHARE of the prose and MIN_CORE_BLOCKS of them or more. The story goes on only in its twins
 * (elements the same tags lead down to) up to the first prose held otherwise. Null when no such element stands out.
 */
function storyCore(span: Container, blocks: readonly MarkedBlock[], tree: ElementTree, found: CoreFound): ArticleCore | null {
  const direct = new Map<number, number>();
  const directBlocks = new Map<number, number>();
  for (let i = found.from; i < found.to; i++) {
    const block = blocks[i]!;
    if (block.verdict === 'template' || block.verdict === 'boilerplate' || block.kind !== 'paragraph' || !isProseBlock(block)) continue;
    if (block.element === undefined) continue;
    const parent = tree.parent[block.element]!;
    direct.set(parent, (direct.get(parent) ?? 0) + block.text.length);
    directBlocks.set(parent, (directBlocks.get(parent) ?? 0) + 1);
  }
  let best = -1;
  for (const [e, chars] of direct) if (best < 0 || chars > direct.get(best)!) best = e;
  if (
    best < 0 ||
    best === found.element ||
    direct.get(best)! < SIBLING_SHARE * found.total ||
    !found.first.has(best) ||
    directBlocks.get(best)! < MIN_CORE_BLOCKS ||
    !unnamedUpTo(best, span.element, tree)
  )
    return null;
  // A later section of the story sits in a twin of that element: one that the same tags lead down to from the
  // element holding both (a CMS's next text block), not one nested deeper or shallower (a comment's text).
  const upTo = (e: number, ancestor: number): string[] | null => {
    const tags: string[] = [];
    for (let depth = 0; e !== ancestor; e = tree.parent[e]!, depth++) {
      if (e <= 0 || depth >= MAX_DEPTH) return null;
      tags.push(tree.tag[e]!);
    }
    return tags;
  };
  const twin = (e: number): boolean => {
    if (e === best) return true;
    const shared = commonAncestor(tree, best, e);
    if (shared === e) return false;
    const mine = upTo(best, shared);
    const theirs = upTo(e, shared);
    return !!mine && !!theirs && mine.join('>') === theirs.join('>');
  };
  // The element holding a block's line: its parent, or for a list's item the element holding the list.
  const holder = (position: number): number => {
    let e = tree.parent[blocks[position]!.element ?? 0] ?? 0;
    for (let depth = 0; e > 0 && LIST_TAGS.has(tree.tag[e]!) && depth < MAX_DEPTH; depth++) e = tree.parent[e]!;
    return e;
  };
  // The story runs on through such twins up to a paragraph of prose held otherwise (a box's blurb, a comment, a footer's note).
  const end = found.last.get(best)! + 1;
  const sections = new Set<number>();
  for (let i = end; i < span.to; i++) {
    const block = blocks[i]!;
    if (block.verdict === 'template' || block.verdict === 'boilerplate') continue;
    const e = holder(i);
    if (e > 0 && twin(e)) sections.add(i);
    else if (isProseBlock(block)) break;
  }
  return { from: found.first.get(best)!, to: end, continues: (position) => sections.has(position), anonymous: true };
}

/** Whether no element from `from` up to its ancestor `to` has a class or id. */
function unnamedUpTo(from: number, to: number, tree: ElementTree): boolean {
  for (let e = from, depth = 0; e >= 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) {
    if (tree.named[e]) return false;
    if (e === to) return true;
  }
  return false;
}

/**
 * The container stretched up to the page's main heading (h1) when that precedes it, from the heading on:
 * what lies between the name and the body (a price, a buy box, label and value rows) belongs to both.
 */
export function upToHeading(span: Container, blocks: readonly MarkedBlock[], tree: ElementTree): Container {
  const isHeading = (b: MarkedBlock) => b.headingLevel === 1 && b.verdict !== 'template';
  if (blocks.slice(span.from, span.to).some(isHeading)) return span;
  const heading = blocks.slice(0, span.from).findIndex(isHeading);
  if (heading === -1) return span;
  return { element: commonAncestor(tree, span.element, blocks[heading]!.element ?? 0), from: heading, to: span.to };
}

/** Labels at a path's end that name a post's text: the element holding the paragraph, and the paragraph's tag. */
const POST_LABELS = 2;

/** A prose block's post signature: the end of its path, when the element holding it is named. */
export function postSignature(block: MarkedBlock): string | null {
  const labels = (block.path ?? '').split('>');
  if (labels.length < POST_LABELS) return null;
  const tail = labels.slice(-POST_LABELS);
  if (!/[.#]/.test(tail[0]!)) return null;
  return tail.join('>');
}

/** The post signatures of the prose a container holds of its own (not template, not boilerplate). */
export function postSignatures(span: Container, blocks: readonly MarkedBlock[]): Set<string> {
  const signatures = new Set<string>();
  for (let i = span.from; i < span.to; i++) {
    const block = blocks[i]!;
    if (!isOwnProse(block)) continue;
    const signature = postSignature(block);
    if (signature !== null) signatures.add(signature);
  }
  return signatures;
}

/** A block that the page's own signals and its site's template leave in. */
export function isOwn(b: MarkedBlock): boolean {
  return b.verdict !== 'boilerplate' && b.verdict !== 'template';
}

/** A paragraph of prose that the page's own signals and its site's template leave in. */
export function isOwnProse(b: MarkedBlock): boolean {
  return isProseBlock(b) && isOwn(b);
}

/**
 * A thread's first post (a question, the topic's opening message) often sits in an element of its own beside the
 * element holding the replies, which wins the vote: the container stretched back over an earlier sibling whose own
 * prose is set as the replies' is (the same named element around the same paragraph tag), from that sibling on.
 */
export function withEarlierPost(span: Container, blocks: readonly MarkedBlock[], tree: ElementTree): Container {
  const parent = tree.parent[span.element] ?? -1;
  if (parent < 0) return span;
  const signatures = postSignatures(span, blocks);
  if (signatures.size === 0) return span;
  const childOf = (block: MarkedBlock): number => childUnder(tree, block.element, parent);
  let from = span.from;
  let post = -1;
  for (let i = span.from - 1; i >= 0; i--) {
    const block = blocks[i]!;
    const child = childOf(block);
    if (child < 0) break;
    if (child === post) from = i;
    if (post === -1 && isOwnProse(block) && signatures.has(postSignature(block) ?? '')) {
      post = child;
      from = i;
    }
  }
  if (post === -1) return span;
  // Back to the first block of the post's element.
  while (from > 0 && childOf(blocks[from - 1]!) === post) from--;
  return { element: parent, from, to: span.to };
}
