/**
 * Stage container (HTML): the element that holds the article.
 *
 * Every block votes for all its ancestors: own text counts for its length, text that repeats on a few
 * pages for half, template and boilerplate against; the element with the best total is the tightest one
 * that holds the article and little else. The article is the range of blocks under it (a subtree's
 * blocks are contiguous in document order).
 */
import { MAX_DEPTH } from './boilerplate.js';
import type { MarkedBlock } from './template.js';
import type { ElementTree } from './types.js';

export interface Container {
  readonly element: number;
  /** Blocks [from, to) lie under the element. */
  readonly from: number;
  readonly to: number;
}

/** What a block says about the elements around it: positive for article text, negative for the rest. */
export function blockVote(block: MarkedBlock): number {
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

export function articleContainer(blocks: readonly MarkedBlock[], tree: ElementTree): Container {
  const n = tree.parent.length;
  const votes = new Array<number>(n).fill(0);
  const first = new Array<number>(n).fill(-1);
  const last = new Array<number>(n).fill(-1);
  blocks.forEach((block, i) => {
    const vote = blockVote(block);
    let e = block.element ?? 0;
    for (let depth = 0; e >= 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) {
      votes[e]! += vote;
      if (first[e] === -1) first[e] = i;
      last[e] = i;
    }
  });
  let best = 0;
  // Ties go to the later element in document order: a descendant that holds all of its parent's votes.
  for (let e = 1; e < n; e++) if (first[e] !== -1 && votes[e]! >= votes[best]!) best = e;
  if (first[best] === -1) return { element: 0, from: 0, to: blocks.length };
  return { element: best, from: first[best]!, to: last[best]! + 1 };
}
