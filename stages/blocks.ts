/**
 * Stage blocks (text): a plain-text page becomes an ordered list of blocks.
 *
 * Where the page separates paragraphs with blank lines, a paragraph is a run of non-empty lines
 * (hard-wrapped lines are joined); otherwise every line is a block. A line that starts with a list
 * marker (–, -, •, *, "1.", "a)") always starts its own `list-item` block.
 */
import { hash53 } from './hash.js';
import { textForms } from './normalize.js';
import { proseOf, type Block, type BlockKind } from './types.js';

const LIST_MARKER = /^\s*(?:[-–—•*·▪●○◦‣⁃]|\(?(?:\d{1,3}|[a-z])[.)])\s+\S/u;

function isListItem(line: string): boolean {
  return LIST_MARKER.test(line);
}

/** What an HTML block knows of its place in the page (see `Block`). */
export type HtmlPlace = Pick<Block, 'path' | 'linkDensity' | 'ownLinkDensity' | 'headingLevel' | 'element'>;

/**
 * A block of `text` (display form) and `norm` (its matching form), as `textForms` gives them. Every block
 * has every field, in one order (`undefined` where it does not apply): blocks of one shape keep the
 * stages that read them monomorphic in V8.
 */
export function makeBlock(text: string, norm: string, kind: BlockKind, position: number, place?: HtmlPlace): Block {
  return blockOf(text, norm, hash53(norm), kind, position, place);
}

/** A block from its fields, hash included (as the pass cache stores it). */
export function blockOf(text: string, norm: string, hash: number, kind: BlockKind, position: number, place?: HtmlPlace): Block {
  return {
    text,
    norm,
    hash,
    kind,
    position,
    path: place?.path,
    linkDensity: place?.linkDensity,
    ownLinkDensity: place?.ownLinkDensity,
    headingLevel: place?.headingLevel,
    element: place?.element,
    prose: proseOf(text, place?.linkDensity),
  };
}

export function textBlocks(text: string): Block[] {
  const lines = text.split(/\r\n?|\n/);
  const blankSeparated = lines.some((line, i) => i > 0 && line.trim() === '' && lines[i - 1]!.trim() !== '');
  const units: { text: string; norm: string; kind: BlockKind }[] = [];
  let current: string[] = [];
  let currentKind: BlockKind = 'paragraph';
  const flush = () => {
    const { clean, norm } = textForms(current.join(' '));
    if (clean) units.push({ text: clean, norm, kind: currentKind });
    current = [];
  };
  for (const line of lines) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const listItem = isListItem(line);
    if (!blankSeparated || listItem) flush();
    if (current.length === 0) currentKind = listItem ? 'list-item' : 'paragraph';
    current.push(line);
  }
  flush();
  return units.map((unit, position) => makeBlock(unit.text, unit.norm, unit.kind, position));
}
