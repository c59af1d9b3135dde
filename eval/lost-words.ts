/**
 * Where a set's gold words go: the blocks a run drops, counted by the reason each was dropped for, as lost (its text
 * is in the page's gold and not in the record) or rightly dropped (not in the gold). A text is in another when its
 * words, in order, are (split as score.py splits them). Blocks of fewer than MIN_WORDS words are left out: so few
 * words are found anywhere. A block whose text the record holds elsewhere (a contents entry that repeats a heading)
 * is not lost.
 */
import { tokens } from './tokens.js';

/** A block of a page as the run's explanation gives it: its text, its role in the record, why it has that role. */
export interface DroppedBlock {
  readonly text: string;
  readonly role: string;
  readonly reason: string;
}

export interface DropTally {
  lostWords: number;
  lostBlocks: number;
  readonly lostPages: Set<string>;
  droppedWords: number;
  droppedBlocks: number;
  /** A few lost blocks, `page | text`. */
  readonly examples: string[];
}

export const MIN_WORDS = 6;
/** Roles whose blocks are the record's text. */
const KEPT_ROLES: ReadonlySet<string> = new Set(['title', 'body']);

/** Adds one page's dropped blocks to `tallies`, by reason. `gold` and `record`: the page's gold text and Winnow's. */
export function tallyDrops(
  tallies: Map<string, DropTally>,
  page: string,
  blocks: readonly DroppedBlock[],
  gold: string,
  record: string,
  examples = 3,
): void {
  const goldWords = ` ${tokens(gold).join(' ')} `;
  const recordWords = ` ${tokens(record).join(' ')} `;
  for (const block of blocks) {
    if (KEPT_ROLES.has(block.role)) continue;
    const words = tokens(block.text);
    if (words.length < MIN_WORDS) continue;
    const phrase = ` ${words.join(' ')} `;
    const tally = tallies.get(block.reason) ?? {
      lostWords: 0,
      lostBlocks: 0,
      lostPages: new Set(),
      droppedWords: 0,
      droppedBlocks: 0,
      examples: [],
    };
    tallies.set(block.reason, tally);
    if (!goldWords.includes(phrase)) {
      tally.droppedWords += words.length;
      tally.droppedBlocks++;
    } else if (!recordWords.includes(phrase)) {
      tally.lostWords += words.length;
      tally.lostBlocks++;
      tally.lostPages.add(page);
      if (tally.examples.length < examples) tally.examples.push(`${page} | ${block.text.slice(0, 100)}`);
    }
  }
}
