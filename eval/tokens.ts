/**
 * The extraction metrics exactly as the reference scorer (`score.py` beside the datasets) computes them:
 * WCXB's word precision/recall/F1 (bag of lowercase `\w+` tokens per page) and trafilatura's snippet
 * counts (a `with` snippet found in the text is a true positive, a `without` snippet found a false
 * positive, whitespace normalised).
 */

/**
 * Python's `\w` on a str: a letter (L*), a number (N*: decimal, digit or numeric) or `_`. Combining marks
 * are not word characters there, so "हिन्दी" is several tokens, as score.py counts it.
 */
const WORD = /[\p{L}\p{N}_]+/gu;

/** score.py's `re.findall(r'\w+', text.lower())`. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

const ZERO: Prf = { precision: 0, recall: 0, f1: 0 };
const PERFECT: Prf = { precision: 1, recall: 1, f1: 1 };

/** Word P/R/F1 of a prediction against the gold text; an empty prediction of an empty gold is perfect. */
export function wordScore(predicted: string, gold: string): Prf {
  const got = tokens(predicted);
  const want = tokens(gold);
  if (want.length === 0) return got.length === 0 ? PERFECT : ZERO;
  if (got.length === 0) return ZERO;
  const wanted = new Map<string, number>();
  for (const word of want) wanted.set(word, (wanted.get(word) ?? 0) + 1);
  let hit = 0;
  for (const word of got) {
    const left = wanted.get(word) ?? 0;
    if (left > 0) {
      hit++;
      wanted.set(word, left - 1);
    }
  }
  const precision = hit / got.length;
  const recall = hit / want.length;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Python's `str.split()` separators: Unicode white space and the ASCII information separators (not U+FEFF, which JavaScript's `\s` has). */
const PYTHON_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** score.py's `' '.join(text.split())`. */
export function normalizeSpace(text: string): string {
  return text
    .split(PYTHON_SPACE)
    .filter((part) => part !== '')
    .join(' ');
}

export interface SnippetCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

export const noSnippets = (): SnippetCounts => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 });

/** Adds one page's snippet outcomes to `counts`; `text` is the page's prediction ('' for none). */
export function countSnippets(
  counts: SnippetCounts,
  text: string,
  withSnippets: readonly string[],
  withoutSnippets: readonly string[],
): void {
  const normalized = normalizeSpace(text);
  for (const snippet of withSnippets) {
    if (normalized.includes(normalizeSpace(snippet))) counts.truePositives++;
    else counts.falseNegatives++;
  }
  for (const snippet of withoutSnippets) {
    if (normalized.includes(normalizeSpace(snippet))) counts.falsePositives++;
    else counts.trueNegatives++;
  }
}

export interface SnippetScore extends Prf {
  readonly accuracy: number;
}

/** Pooled snippet P/R/F1 and accuracy, or null when the pages have no snippets. */
export function snippetScore(counts: SnippetCounts): SnippetScore | null {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn } = counts;
  if (tp + fp + fn + tn === 0) return null;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, accuracy: (tp + tn) / (tp + fp + fn + tn) };
}

/** Mean of the values, summed left to right as Python 3.11's `sum` does. */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length ? sum / values.length : 0;
}

/**
 * `value` with `digits` decimals as Python formats a float (`f'{x:.3f}'`, `round(x, 4)`): the exact
 * binary value rounded half to even. `toFixed` rounds an exact tie (0.0625 → "0.063") up instead.
 */
export function pythonFixed(value: number, digits: number): string {
  const exact = value.toFixed(100);
  const point = exact.indexOf('.');
  const isTie = /^50*$/.test(exact.slice(point + digits + 1));
  if (!isTie) return value.toFixed(digits);
  const truncated = exact.slice(0, point + digits + 1).replace(/\.$/, '');
  const lastDigit = Number(truncated[truncated.length - 1]);
  if (lastDigit % 2 === 0) return truncated;
  return (Math.sign(value) * (Math.abs(Number(truncated)) + 10 ** -digits)).toFixed(digits);
}
