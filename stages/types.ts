/** Types shared by the stages. Stages are pure: they take values and return values. */

/** What kind of unit a block is; lists keep their items as separate blocks. */
export type BlockKind = 'paragraph' | 'heading' | 'list-item' | 'preformatted' | 'table-cell';

export interface Block {
  /** Display text: whitespace folded, trimmed. Never empty. */
  readonly text: string;
  /** Matching form (NFKC, case-folded, quotes and dashes folded). */
  readonly norm: string;
  /** hash53 of `norm`: the key template learning counts. */
  readonly hash: number;
  readonly kind: BlockKind;
  /** Index of the block in its page, from 0. */
  readonly position: number;
  /** HTML only: tag path from the body, e.g. `body>div.main>article>p`. */
  readonly path?: string;
  /** HTML only: share of the block's characters that sit inside links (0..1). */
  readonly linkDensity?: number;
  /**
   * HTML only: share of the block's characters inside links to the page's own site (a relative address, or the
   * page's host); links elsewhere (another host, `mailto:`) and anchors without an address are not counted.
   */
  readonly ownLinkDensity?: number;
  /** HTML only: 1..6 for h1..h6. */
  readonly headingLevel?: number;
  /** HTML only: id of the innermost element holding the block, an index into the page's ElementTree. */
  readonly element?: number;
  /** A paragraph of the page's own writing (`proseOf` its text and link density), found once: most rules ask it of every block. */
  readonly prose: boolean;
}

/** A block this long is a paragraph of prose, not a label, a button or a menu entry. */
export const PROSE_CHARS = 80;
/** Share of link text from which a block is navigation rather than prose. */
export const PROSE_LINK_DENSITY = 0.5;

/** Text that ends as a sentence does (a closing quote or bracket may follow the stop). */
export const SENTENCE_END = /[.!?。！？]["')\]]?$/u;

/** A paragraph of the page's own writing: long enough, and not mostly links. */
export function isProseBlock(block: Block): boolean {
  return block.prose;
}

/** Whether a block of `text` with `linkDensity` is prose: long enough (isProseText), and not mostly links. */
export function proseOf(text: string, linkDensity: number | undefined): boolean {
  return isProseText(text) && (linkDensity ?? 0) < PROSE_LINK_DENSITY;
}

/**
 * Prose-long text (isProseLength) whose lines, when a single `br` joined some, average half a prose line: a paragraph
 * hard-wrapped at 70 characters or an item's two lines are prose together, a list of short lines written with `br`s
 * (`English Very Positive (822,894)`, `Over 1 hour`) is not, however long it is.
 */
export function isProseText(text: string): boolean {
  if (!isProseLength(text)) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines === 1 || proseLength(text) >= (lines * PROSE_CHARS) / 2;
}

/**
 * Characters a Chinese or Japanese character (Han, kana) stands for in a Latin-script text of the same
 * content: a word is one to three of them, where it is five letters and a space in English. Hangul is
 * written in spaced words of a few syllables.
 */
const HAN_KANA_WEIGHT = 3;
const HANGUL_WEIGHT = 2;

/** A text's length as Latin-script characters: Chinese, Japanese and Korean text says more per character. */
export function proseLength(text: string): number {
  let extra = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3040) continue;
    if (c <= 0x30ff || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) extra += HAN_KANA_WEIGHT - 1;
    else if (c >= 0xac00 && c <= 0xd7af) extra += HANGUL_WEIGHT - 1;
  }
  return text.length + extra;
}

/** A text long enough for a paragraph of prose (PROSE_CHARS), counted as proseLength does. */
export function isProseLength(text: string): boolean {
  return text.length >= PROSE_CHARS || (text.length * HAN_KANA_WEIGHT >= PROSE_CHARS && proseLength(text) >= PROSE_CHARS);
}

/**
 * HTML only: the page's elements that hold text, by id (0 is the body). Kept apart from the blocks so
 * that stages can score whole subtrees (find the article container, weigh boilerplate hints).
 */
export interface ElementTree {
  /** Parent id of each element; -1 for the root. */
  readonly parent: readonly number[];
  readonly tag: readonly string[];
  /** Why an element says it is boilerplate (its tag: nav, footer...; or a class/id token: menu, share...). */
  readonly hint: readonly (string | undefined)[];
  /** Whether an element has an id or a class, which name it in block paths (`div#story`, `div.entry`), or is a bare tag. */
  readonly named: readonly boolean[];
}

/** Ancestors looked at per block, walking up an ElementTree. */
export const MAX_DEPTH = 64;

/**
 * UTF-16 characters of a string made from a whole page's bytes, at most, when the work is done in pieces: V8 puts
 * a string of over 128 KiB in its large-object space, where each gets fresh memory from the system, several times
 * slower to fill than the young generation's reused memory. Pieces of this many characters (64 KiB) stay young.
 */
export const STRING_PIECE_CHARS = 1 << 15;

/** Tags of lists and their items. */
export const LIST_TAGS: ReadonlySet<string> = new Set(['ul', 'ol', 'li', 'dl', 'dd', 'dt']);

/** The deepest element holding both `a` and `b` (the root, 0, when nothing else does). */
export function commonAncestor(tree: ElementTree, a: number, b: number): number {
  const ancestors = new Set<number>();
  for (let e = b; e >= 0; e = tree.parent[e]!) ancestors.add(e);
  let e = a;
  while (e > 0 && !ancestors.has(e)) e = tree.parent[e]!;
  return e;
}

/** The child of `ancestor` on the way up from `element` (the element itself when it is one), or -1 when it is not below `ancestor`. */
export function childUnder(tree: ElementTree, element: number | undefined, ancestor: number): number {
  for (let e = element ?? -1, depth = 0; e > 0 && depth < MAX_DEPTH; depth++) {
    const parent = tree.parent[e]!;
    if (parent === ancestor) return e;
    e = parent;
  }
  return -1;
}

/** The nearest of `elements` on the way up from `element` (the element itself included), or -1 when none is. */
export function ancestorIn(tree: ElementTree, element: number | undefined, elements: ReadonlySet<number>): number {
  for (let e = element ?? -1, depth = 0; e > 0 && depth < MAX_DEPTH; depth++, e = tree.parent[e]!) if (elements.has(e)) return e;
  return -1;
}

/**
 * What a stage kept and dropped, and why. Units are the stage's own (pages, blocks, dates);
 * the pipeline sums tallies of the same stage across pages into the run report.
 */
export interface Tally {
  kept: number;
  dropped: Record<string, number>;
}

export function emptyTally(): Tally {
  return { kept: 0, dropped: {} };
}

export function drop(tally: Tally, reason: string, count = 1): void {
  tally.dropped[reason] = (tally.dropped[reason] ?? 0) + count;
}

export function addTally(into: Tally, from: Tally): void {
  into.kept += from.kept;
  for (const [reason, count] of Object.entries(from.dropped)) drop(into, reason, count);
}

/**
 * `items.map(fn)`, always as a packed array. Array#map gives a holey array where V8 runs its caller
 * unoptimised and a packed one where it has inlined it, so the functions that read the result meet both
 * element kinds, are deoptimised ("wrong map") and compiled again, per worker thread. Used where a hot
 * stage's arrays flow into other hot stages.
 */
export function mapPacked<T, U>(items: readonly T[], fn: (item: T, index: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) out.push(fn(items[i]!, i));
  return out;
}
