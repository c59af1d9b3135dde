/** Token-level precision, recall and F1 of an extracted text against a gold text (bag of lowercase words). */
import { words } from '../stages/normalize.js';

export interface Score {
  precision: number;
  recall: number;
  f1: number;
}

export function tokenBag(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const word of words(text.toLowerCase())) bag.set(word, (bag.get(word) ?? 0) + 1);
  return bag;
}

const size = (bag: Map<string, number>) => [...bag.values()].reduce((a, b) => a + b, 0);

export function score(extracted: string, gold: string): Score {
  const got = tokenBag(extracted);
  const want = tokenBag(gold);
  let shared = 0;
  for (const [word, n] of got) shared += Math.min(n, want.get(word) ?? 0);
  const gotSize = size(got);
  const wantSize = size(want);
  // An empty extraction of an empty gold is perfect; an empty extraction of a real page is not.
  const precision = gotSize ? shared / gotSize : wantSize ? 0 : 1;
  const recall = wantSize ? shared / wantSize : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function mean(scores: readonly Score[]): Score {
  const n = scores.length || 1;
  return {
    precision: scores.reduce((s, x) => s + x.precision, 0) / n,
    recall: scores.reduce((s, x) => s + x.recall, 0) / n,
    f1: scores.reduce((s, x) => s + x.f1, 0) / n,
  };
}
