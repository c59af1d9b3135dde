/**
 * Stage template: mark the blocks that repeat across the pages of a site.
 *
 * Support of a block = the number of distinct pages of its site on which it occurs (learned in the
 * first pass, see SiteStats). A block is
 * - `template` when its support reaches the site's strong threshold (header teasers, navigation, footer);
 * - `weak` when it repeats on a few pages only (a rotating teaser, a signature, a duplicated article's
 *   paragraph): the segment stage removes such blocks only at the edges of the article;
 * - `content` otherwise.
 * A template block that this page carries as its own is marked `repeat`: a second occurrence on the page
 * (the teaser that is also its article's lead), or prose that sits inside the article — between two
 * blocks of the page's own text, or (HTML) in the same element as the article's own paragraphs.
 */
import type { Block, ElementTree, Tally } from './types.js';
import { drop, emptyTally, mapPacked } from './types.js';

/** `boilerplate` is not learned here: the boilerplate stage sets it from what a page says of itself. */
export type TemplateVerdict = 'template' | 'weak' | 'content' | 'repeat' | 'boilerplate';

export interface MarkedBlock extends Block {
  /** Distinct pages of the site carrying this block (1 = only this page). */
  readonly support: number;
  readonly verdict: TemplateVerdict;
}

/** What the template stage needs to know about the page's site, learned from the batch. */
export interface SiteView {
  /** Distinct pages of the site in the batch. */
  readonly pages: number;
  /** Distinct pages of the site that carry a block with this hash (at least 1). */
  support(hash: number): number;
}

/** Above this support a block is template on any site, however large. */
export const STRONG_SUPPORT_CAP = 5;

/**
 * The support from which a block is certainly template: half the site's pages on small batches
 * (so that 3 of 5 pages is enough), never less than 2, never more than STRONG_SUPPORT_CAP.
 */
export function strongSupport(sitePages: number): number {
  return Math.max(2, Math.min(Math.ceil(sitePages / 2), STRONG_SUPPORT_CAP));
}

export interface TemplateResult {
  readonly blocks: MarkedBlock[];
  readonly tally: Tally;
}

/** Blocks the boilerplate stage flagged become `boilerplate`, unless learning already called them template. */
export function markBoilerplate(blocks: readonly MarkedBlock[], reasons: readonly (string | undefined)[]): MarkedBlock[] {
  return mapPacked(blocks, (b, i) => (reasons[i] && b.verdict !== 'template' ? withVerdict(b, 'boilerplate') : b));
}

/**
 * A copy of a block with another verdict. Object.assign, not spread: blocks come in a few shapes with
 * mixed number representations, where V8's spread falls to a slow path.
 */
export function withVerdict(b: MarkedBlock, verdict: TemplateVerdict): MarkedBlock {
  return Object.assign({}, b, { verdict });
}

export function markTemplate(blocks: readonly Block[], site: SiteView): TemplateResult {
  const strong = strongSupport(site.pages);
  const seen = new Set<number>();
  const tally = emptyTally();
  const marked = mapPacked(blocks, (block): MarkedBlock => {
    const support = Math.max(1, site.support(block.hash));
    let verdict: TemplateVerdict;
    if (support < 2) verdict = 'content';
    else if (seen.has(block.hash)) verdict = 'repeat';
    else verdict = support >= strong ? 'template' : 'weak';
    seen.add(block.hash);
    if (verdict === 'template') drop(tally, 'template');
    else tally.kept++;
    return Object.assign({}, block, { support, verdict });
  });
  return { blocks: marked, tally };
}

/** A template block this long (characters) can be a lead paragraph rather than a label or link. */
const OWN_COPY_MIN_CHARS = 80;

const isOwn = (b: MarkedBlock | undefined) => !!b && (b.verdict === 'content' || b.verdict === 'repeat');

/**
 * Template prose that the page carries as its own: a teaser of this article shown on other pages is its
 * lead here. Text: the block sits between two blocks of own text. HTML: its parent element also holds
 * at least two own paragraphs, one of them after it; there, weak blocks (a series' standing intro, an
 * article crawled twice) are reclaimed the same way. After the parent's last own paragraph, repeated
 * prose is the site's standing notice (reprint terms, "follow us"), not a lead.
 */
export function reclaimOwnCopies(blocks: readonly MarkedBlock[], tree: ElementTree | null): MarkedBlock[] {
  const ownParagraphs = new Map<number, number>();
  const lastOwn = new Map<number, number>();
  if (tree) {
    blocks.forEach((b, i) => {
      if (isOwn(b) && b.text.length >= OWN_COPY_MIN_CHARS && b.element !== undefined) {
        const parent = tree.parent[b.element]!;
        ownParagraphs.set(parent, (ownParagraphs.get(parent) ?? 0) + 1);
        lastOwn.set(parent, i);
      }
    });
  }
  return mapPacked(blocks, (b, i) => {
    const candidate = b.verdict === 'template' || (tree !== null && b.verdict === 'weak');
    if (!candidate || b.text.length < OWN_COPY_MIN_CHARS) return b;
    if (!tree) return isOwn(blocks[i - 1]) && isOwn(blocks[i + 1]) ? withVerdict(b, 'repeat') : b;
    const parent = b.element === undefined ? -1 : tree.parent[b.element]!;
    const inside = (ownParagraphs.get(parent) ?? 0) >= 2 && i < lastOwn.get(parent)!;
    return inside ? withVerdict(b, 'repeat') : b;
  });
}
