/**
 * A prepared page as bytes, for the pass cache: pass 1 parses each page once, and pass 2 decodes these
 * bytes instead of parsing the page again.
 *
 * Blocks and the element tree are stored by column: all their strings in one string with end offsets,
 * all numbers (those ends, the blocks' numbers, the tree's parents) in one Float64Array, and the page's
 * own small fields as JSON. The bytes are laid out by hand:
 *
 *     u32 header length | header (JSON, UTF-8) | zero padding to 8 bytes | numbers (f64) | strings
 *
 * with the strings in Latin-1 when every character fits, else UTF-16: either is a copy, not a
 * transcoding. V8's serializer costs a fixed amount per call and a call back into JavaScript for each
 * typed array; laid out by hand, a page encodes and decodes in about half the time. The page's own fields (source, URL, crawl date, NDJSON meta) go in the header, so that pass 2 need
 * not read a cached page at all: not its file, nor its NDJSON line.
 */
import { blockOf } from '../../stages/blocks.js';
import { STRING_PIECE_CHARS, type Block, type BlockKind, type ElementTree } from '../../stages/types.js';
import type { PreparedPage } from '../page.js';
import type { StageTallies } from '../stage-tallies.js';

const KINDS: readonly BlockKind[] = ['paragraph', 'heading', 'list-item', 'preformatted', 'table-cell'];
const KIND_CODE = new Map(KINDS.map((kind, code) => [kind, code]));

/** Numbers stored per block: hash, kind code, then for HTML pages link density, element, heading level (0: none), own-site link density. */
const TEXT_NUMBERS = 2;
const HTML_NUMBERS = 6;

/** A character Latin-1 cannot hold: the strings then go as UTF-16. */
const WIDE_CHAR = /[^\u0000-\u00ff]/;

/** The page's own fields as they are, and how to read the columns that follow. */
type Header = Omit<PreparedPage, 'blocks' | 'tree'> & {
  readonly tallies: StageTallies;
  readonly blockCount: number;
  /** Strings: per block text, norm (and path); per element tag, hint ('' for none) and whether it is named ('#' or ''). */
  readonly stringCount: number;
  /** Elements of the tree; null for a text page, which has none. */
  readonly treeLength: number | null;
  /** The strings are UTF-16, not Latin-1. */
  readonly wide: boolean;
};

export function encodePrepared(page: PreparedPage, tallies: StageTallies): Uint8Array {
  const { blocks, tree, ...fields } = page;
  const width = tree ? HTML_NUMBERS : TEXT_NUMBERS;
  const strings: string[] = [];
  for (const b of blocks) {
    strings.push(b.text, b.norm);
    if (tree) strings.push(b.path ?? '');
  }
  if (tree) for (let e = 0; e < tree.tag.length; e++) strings.push(tree.tag[e]!, tree.hint[e] ?? '', tree.named[e] ? '#' : '');
  const treeLength = tree ? tree.parent.length : 0;
  // Numbers: the strings' end offsets, then the blocks' numbers, then the tree's parents.
  const numbers = new Float64Array(strings.length + blocks.length * width + treeLength);
  let end = 0;
  for (let i = 0; i < strings.length; i++) numbers[i] = end += strings[i]!.length;
  for (let i = 0, at = strings.length; i < blocks.length; i++, at += width) {
    const b = blocks[i]!;
    numbers[at] = b.hash;
    numbers[at + 1] = KIND_CODE.get(b.kind)!;
    if (!tree) continue;
    numbers[at + 2] = b.linkDensity ?? 0;
    numbers[at + 3] = b.element ?? 0;
    numbers[at + 4] = b.headingLevel ?? 0;
    numbers[at + 5] = b.ownLinkDensity ?? 0;
  }
  if (tree) numbers.set(tree.parent, strings.length + blocks.length * width);
  const runs = joinedRuns(strings);
  const wide = runs.some((run) => WIDE_CHAR.test(run));
  const header: Header = {
    ...fields,
    tallies,
    blockCount: blocks.length,
    stringCount: strings.length,
    treeLength: tree ? treeLength : null,
    wide,
  };
  const json = Buffer.from(JSON.stringify(header));
  const numbersAt = alignedTo8(4 + json.length);
  const stringsAt = numbersAt + numbers.byteLength;
  const bytes = Buffer.allocUnsafe(stringsAt + end * (wide ? 2 : 1));
  bytes.writeUInt32LE(json.length, 0);
  json.copy(bytes, 4);
  bytes.fill(0, 4 + json.length, numbersAt);
  bytes.set(new Uint8Array(numbers.buffer), numbersAt);
  let at = stringsAt;
  for (const run of runs) at += bytes.write(run, at, wide ? 'utf16le' : 'latin1');
  return bytes;
}

/** The prepared page `encodePrepared` stored. */
export function decodePrepared(stored: Uint8Array): { page: PreparedPage; tallies: StageTallies } {
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  const jsonLength = bytes.readUInt32LE(0);
  const { tallies, blockCount, stringCount, treeLength, wide, ...fields } = JSON.parse(bytes.toString('utf8', 4, 4 + jsonLength)) as Header;
  const html = treeLength !== null;
  const width = html ? HTML_NUMBERS : TEXT_NUMBERS;
  const numbersAt = alignedTo8(4 + jsonLength);
  // Copied out (small): a Float64Array over the bytes would need them 8-byte aligned in their buffer.
  const numbers = new Float64Array(stringCount + blockCount * width + (treeLength ?? 0));
  new Uint8Array(numbers.buffer).set(bytes.subarray(numbersAt, numbersAt + numbers.byteLength));
  const split = splitStrings(bytes, numbersAt + numbers.byteLength, wide, numbers, stringCount);
  let next = 0;
  const blocks: Block[] = [];
  for (let i = 0, at = stringCount; i < blockCount; i++, at += width) {
    const text = split[next++]!;
    const norm = split[next++]!;
    const hash = numbers[at]!;
    const kind = KINDS[numbers[at + 1]!]!;
    const place = html
      ? {
          path: split[next++]!,
          linkDensity: numbers[at + 2]!,
          ownLinkDensity: numbers[at + 5]!,
          headingLevel: numbers[at + 4]! || undefined,
          element: numbers[at + 3]!,
        }
      : undefined;
    blocks.push(blockOf(text, norm, hash, kind, i, place));
  }
  let tree: ElementTree | null = null;
  if (html) {
    const tag: string[] = [];
    const hint: (string | undefined)[] = [];
    const named: boolean[] = [];
    const parent = Array.from(numbers.subarray(stringCount + blockCount * width));
    for (let e = 0; e < parent.length; e++) {
      tag.push(split[next++]!);
      hint.push(split[next++] || undefined);
      named.push(split[next++] === '#');
    }
    tree = { parent, tag, hint, named };
  }
  return { page: { ...fields, blocks, tree }, tallies };
}

function alignedTo8(offset: number): number {
  return (offset + 7) & ~7;
}

/** The strings joined in runs of at most STRING_PIECE_CHARS characters, but for a longer string, which is a run of its own. */
function joinedRuns(strings: readonly string[]): string[] {
  const runs: string[] = [];
  let run: string[] = [];
  let chars = 0;
  for (const s of strings) {
    if (chars + s.length > STRING_PIECE_CHARS && run.length > 0) {
      runs.push(run.join(''));
      run = [];
      chars = 0;
    }
    run.push(s);
    chars += s.length;
  }
  if (run.length > 0) runs.push(run.join(''));
  return runs;
}

/**
 * The `count` strings stored from byte `at`, whose end offsets (in characters) are the first `count` of `ends`: read
 * in the runs `joinedRuns` wrote, each then cut into its strings.
 */
function splitStrings(bytes: Buffer, at: number, wide: boolean, ends: Float64Array, count: number): string[] {
  const strings = new Array<string>(count);
  const unit = wide ? 2 : 1;
  let start = 0;
  for (let i = 0; i < count;) {
    let j = i + 1;
    while (j < count && ends[j]! - start <= STRING_PIECE_CHARS) j++;
    const run = bytes.toString(wide ? 'utf16le' : 'latin1', at + start * unit, at + ends[j - 1]! * unit);
    for (let from = start; i < j; i++) {
      strings[i] = run.slice(from - start, ends[i]! - start);
      from = ends[i]!;
    }
    start = ends[j - 1]!;
  }
  return strings;
}
