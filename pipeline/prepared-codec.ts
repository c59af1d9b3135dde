/**
 * A prepared page as bytes, for the pass cache: pass 1 parses each page once, and pass 2 decodes these
 * bytes instead of parsing the page again.
 *
 * Blocks and the element tree are stored by column: all their strings in one string with end offsets,
 * all the blocks' numbers in one Float64Array, so encoding and decoding cost a few copies per page, not
 * an object per block field (V8's serializer on the block objects themselves took ~120 µs a 6 KB bench
 * page), and the serializer meets three typed arrays, each a call back into JavaScript, not twelve. The
 * raw page is not stored: pass 2 passes its fields to `decodePrepared` (without its bytes, which it need
 * not read again).
 */
import { deserialize, serialize } from 'node:v8';
import type { Block, BlockKind, ElementTree } from '../stages/types.js';
import type { PreparedPage, StageTallies } from './page.js';
import type { RawPage } from './types.js';

const KINDS: readonly BlockKind[] = ['paragraph', 'heading', 'list-item', 'preformatted', 'table-cell'];
const KIND_CODE = new Map(KINDS.map((kind, code) => [kind, code]));

/** Numbers stored per block: hash, kind code, then for HTML pages link density, element, heading level (0: none). */
const TEXT_NUMBERS = 2;
const HTML_NUMBERS = 5;

/** The page's own fields as they are; its blocks and element tree by column. */
type Encoded = Omit<PreparedPage, 'raw' | 'blocks' | 'tree'> & {
  readonly tallies: StageTallies;
  readonly blockCount: number;
  /** Every string of the blocks and tree, in one: per block text, norm (and path); per element tag and hint ('' for none). */
  readonly strings: string;
  /** End offset in `strings` of each of them. */
  readonly ends: Uint32Array;
  /** Per block TEXT_NUMBERS or (HTML) HTML_NUMBERS numbers, block after block. */
  readonly numbers: Float64Array;
  /** The element tree's parents (HTML pages only). */
  readonly treeParent: Int32Array | null;
};

export function encodePrepared(page: PreparedPage, tallies: StageTallies): Uint8Array {
  const { raw: _raw, blocks, tree, ...fields } = page;
  const width = tree ? HTML_NUMBERS : TEXT_NUMBERS;
  const numbers = new Float64Array(blocks.length * width);
  const strings: string[] = [];
  for (let i = 0, at = 0; i < blocks.length; i++, at += width) {
    const b = blocks[i]!;
    numbers[at] = b.hash;
    numbers[at + 1] = KIND_CODE.get(b.kind)!;
    strings.push(b.text, b.norm);
    if (!tree) continue;
    numbers[at + 2] = b.linkDensity ?? 0;
    numbers[at + 3] = b.element ?? 0;
    numbers[at + 4] = b.headingLevel ?? 0;
    strings.push(b.path ?? '');
  }
  if (tree) for (let e = 0; e < tree.tag.length; e++) strings.push(tree.tag[e]!, tree.hint[e] ?? '');
  const ends = new Uint32Array(strings.length);
  let end = 0;
  for (let i = 0; i < strings.length; i++) ends[i] = end += strings[i]!.length;
  const encoded: Encoded = {
    ...fields,
    tallies,
    blockCount: blocks.length,
    strings: strings.join(''),
    ends,
    numbers,
    treeParent: tree ? Int32Array.from(tree.parent) : null,
  };
  return serialize(encoded);
}

/** The prepared page `encodePrepared` stored, with `raw` (the page as pass 2 has it; its bytes may be empty) as its raw page. */
export function decodePrepared(bytes: Uint8Array, raw: RawPage): { page: PreparedPage; tallies: StageTallies } {
  const { tallies, blockCount, strings, ends, numbers, treeParent, ...fields } = deserialize(bytes) as Encoded;
  const split = splitStrings(strings, ends);
  let next = 0;
  const html = treeParent !== null;
  const width = html ? HTML_NUMBERS : TEXT_NUMBERS;
  const blocks: Block[] = [];
  for (let i = 0, at = 0; i < blockCount; i++, at += width) {
    const text = split[next++]!;
    const norm = split[next++]!;
    const hash = numbers[at]!;
    const kind = KINDS[numbers[at + 1]!]!;
    if (!html) {
      blocks.push({ text, norm, hash, kind, position: i });
      continue;
    }
    const block = { text, norm, hash, kind, position: i, path: split[next++]!, linkDensity: numbers[at + 2]!, element: numbers[at + 3]! };
    const level = numbers[at + 4]!;
    blocks.push(level ? { ...block, headingLevel: level } : block);
  }
  let tree: ElementTree | null = null;
  if (html) {
    const tag: string[] = [];
    const hint: (string | undefined)[] = [];
    for (let e = 0; e < treeParent.length; e++) {
      tag.push(split[next++]!);
      hint.push(split[next++] || undefined);
    }
    tree = { parent: Array.from(treeParent), tag, hint };
  }
  return { page: { raw, ...fields, blocks, tree }, tallies };
}

function splitStrings(joined: string, ends: Uint32Array): string[] {
  const strings = new Array<string>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    strings[i] = joined.slice(start, ends[i]);
    start = ends[i]!;
  }
  return strings;
}
