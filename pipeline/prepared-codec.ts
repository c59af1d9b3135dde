/**
 * A prepared page as bytes, for the pass cache: pass 1 parses each page once, and pass 2 decodes these
 * bytes instead of parsing the page again.
 *
 * Blocks are stored by column (their texts in one string with end offsets, their numbers in typed
 * arrays), so encoding and decoding cost a few copies per page, not an object per block field: 60 µs
 * against ~250 µs to decode and parse a 6 KB bench page (V8's serializer on the block objects themselves
 * took ~120 µs). The raw page is not stored: pass 2 reads it again and passes it to `decodePrepared`.
 */
import { deserialize, serialize } from 'node:v8';
import type { Block, BlockKind, ElementTree } from '../stages/types.js';
import type { PreparedPage, StageTallies } from './page.js';
import type { RawPage } from './types.js';

const KINDS: readonly BlockKind[] = ['paragraph', 'heading', 'list-item', 'preformatted', 'table-cell'];
const KIND_CODE = new Map(KINDS.map((kind, code) => [kind, code]));

/** Strings stored as one, with the end offset of each. */
interface Strings {
  readonly joined: string;
  readonly ends: Uint32Array;
}

/** What HTML blocks carry besides text (absent for text pages). */
interface HtmlColumns {
  readonly path: Strings;
  readonly linkDensity: Float64Array;
  readonly element: Int32Array;
  /** 0: not a heading. */
  readonly headingLevel: Uint8Array;
  readonly treeParent: Int32Array;
  readonly treeTag: Strings;
  /** '' for elements without a hint. */
  readonly treeHint: Strings;
}

/** The page's own fields as they are; its blocks and element tree by column. */
type Encoded = Omit<PreparedPage, 'raw' | 'blocks' | 'tree'> & {
  readonly tallies: StageTallies;
  readonly text: Strings;
  readonly norm: Strings;
  readonly hash: Float64Array;
  readonly kind: Uint8Array;
  readonly html: HtmlColumns | null;
};

export function encodePrepared(page: PreparedPage, tallies: StageTallies): Uint8Array {
  const { raw: _raw, blocks, tree, ...fields } = page;
  const html: HtmlColumns | null = tree
    ? {
        path: joinStrings(blocks.map((b) => b.path ?? '')),
        linkDensity: Float64Array.from(blocks, (b) => b.linkDensity ?? 0),
        element: Int32Array.from(blocks, (b) => b.element ?? 0),
        headingLevel: Uint8Array.from(blocks, (b) => b.headingLevel ?? 0),
        treeParent: Int32Array.from(tree.parent),
        treeTag: joinStrings(tree.tag),
        treeHint: joinStrings(tree.hint.map((h) => h ?? '')),
      }
    : null;
  const encoded: Encoded = {
    ...fields,
    tallies,
    text: joinStrings(blocks.map((b) => b.text)),
    norm: joinStrings(blocks.map((b) => b.norm)),
    hash: Float64Array.from(blocks, (b) => b.hash),
    kind: Uint8Array.from(blocks, (b) => KIND_CODE.get(b.kind)!),
    html,
  };
  return serialize(encoded);
}

/** The prepared page `encodePrepared` stored, with `raw` (the same page read again) as its raw page. */
export function decodePrepared(bytes: Uint8Array, raw: RawPage): { page: PreparedPage; tallies: StageTallies } {
  const { tallies, text: textColumn, norm: normColumn, hash, kind: kinds, html, ...fields } = deserialize(bytes) as Encoded;
  const texts = splitStrings(textColumn);
  const norms = splitStrings(normColumn);
  const paths = html ? splitStrings(html.path) : null;
  const blocks: Block[] = texts.map((text, i) => {
    const kind = KINDS[kinds[i]!]!;
    if (!html) return { text, norm: norms[i]!, hash: hash[i]!, kind, position: i };
    const block = { text, norm: norms[i]!, hash: hash[i]!, kind, position: i, path: paths![i]!, linkDensity: html.linkDensity[i]!, element: html.element[i]! };
    const level = html.headingLevel[i]!;
    return level ? { ...block, headingLevel: level } : block;
  });
  const tree: ElementTree | null = html
    ? { parent: Array.from(html.treeParent), tag: splitStrings(html.treeTag), hint: splitStrings(html.treeHint).map((h) => h || undefined) }
    : null;
  return { page: { raw, ...fields, blocks, tree }, tallies };
}

function joinStrings(strings: readonly string[]): Strings {
  const ends = new Uint32Array(strings.length);
  let end = 0;
  strings.forEach((s, i) => (ends[i] = end += s.length));
  return { joined: strings.join(''), ends };
}

function splitStrings({ joined, ends }: Strings): string[] {
  const strings = new Array<string>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    strings[i] = joined.slice(start, ends[i]);
    start = ends[i]!;
  }
  return strings;
}
