/**
 * Training and cross-validation of the page-type model (multinomial logistic regression on the page-type
 * stage's features), for scripts/train-page-type.ts. Deterministic: folds from a fixed seed, training
 * from zero weights.
 */
import { prng } from '../bench/prng.js';
import { FEATURE_NAMES, PAGE_TYPES, type PageTypeModel } from '../stages/page-type.js';

export interface TrainingOptions {
  /** L2 penalty on the weights (not the biases), per page. */
  readonly l2: number;
  /** Power of inverse type frequency that weights each page: 0 weights all alike, 1 balances the types. */
  readonly balance: number;
  /** Steps of gradient descent over all the examples. */
  readonly iterations: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { l2: 0.03, balance: 0.25, iterations: 1500 };
const LEARNING_RATE = 0.05;
const SEED = 21;

/** Second-level labels under which a country's domains are registered (`example.co.uk`, `example.com.au`). */
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ne', 'or', 'go']);

/** A host's registrable domain, near enough to keep a site's subdomains in one fold: `docs.example.co.uk` → `example.co.uk`. */
export function domainOf(host: string): string {
  const labels = host.toLowerCase().split('.');
  const keep = labels.length >= 3 && labels[labels.length - 1]!.length === 2 && SECOND_LEVEL.has(labels[labels.length - 2]!) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

export interface Example {
  /** Feature values in FEATURE_NAMES order. */
  readonly x: Float64Array;
  /** Index into PAGE_TYPES. */
  readonly label: number;
  /** The group a fold keeps together: the page's registrable domain. */
  readonly site: string;
  /** Which copy of the page this is. */
  readonly copy: Copy;
}

/**
 * A page as given; its copy without a URL (the URL's words and date unknown); its copy stripped of names and
 * metadata (eval/bare.ts).
 */
export type Copy = 'given' | 'no-url' | 'bare';

/** Softmax of `scores`, in place. */
function softmax(scores: Float64Array): Float64Array {
  const max = Math.max(...scores);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) sum += scores[k] = Math.exp(scores[k]! - max);
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
  return scores;
}

interface Standardized {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

function standardization(examples: readonly Example[]): Standardized {
  const d = FEATURE_NAMES.length;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (const { x } of examples) for (let j = 0; j < d; j++) mean[j]! += x[j]! / examples.length;
  for (const { x } of examples) for (let j = 0; j < d; j++) scale[j]! += (x[j]! - mean[j]!) ** 2 / examples.length;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  return { mean, scale };
}

/**
 * Multinomial logistic regression by full-batch Adam from zero weights on standardized features, with
 * class weights (the square root of inverse frequency: the rarer types are not drowned by articles,
 * nor bought at articles' expense). Returned on the raw features (the standardization folded in).
 */
export function train(examples: readonly Example[], options: TrainingOptions = DEFAULT_TRAINING): PageTypeModel {
  const d = FEATURE_NAMES.length;
  const k = PAGE_TYPES.length;
  const { mean, scale } = standardization(examples);
  const xs = examples.map(({ x }) => Float64Array.from(x, (v, j) => (v - mean[j]!) / scale[j]!));
  const counts = new Float64Array(k);
  for (const e of examples) counts[e.label]!++;
  const classWeight = Float64Array.from(counts, (c) => (c ? (examples.length / (k * c)) ** options.balance : 0));
  const totalWeight = examples.reduce((s, e) => s + classWeight[e.label]!, 0);
  // Parameters: k rows of d weights, then k biases.
  const size = k * (d + 1);
  const params = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const gradient = new Float64Array(size);
  const scores = new Float64Array(k);
  for (let t = 1; t <= options.iterations; t++) {
    gradient.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      for (let c = 0; c < k; c++) {
        let s = params[k * d + c]!;
        for (let j = 0; j < d; j++) s += params[c * d + j]! * x[j]!;
        scores[c] = s;
      }
      softmax(scores);
      const w = classWeight[examples[i]!.label]! / totalWeight;
      for (let c = 0; c < k; c++) {
        const error = w * (scores[c]! - (c === examples[i]!.label ? 1 : 0));
        for (let j = 0; j < d; j++) gradient[c * d + j]! += error * x[j]!;
        gradient[k * d + c]! += error;
      }
    }
    for (let p = 0; p < k * d; p++) gradient[p]! += options.l2 * params[p]!;
    for (let p = 0; p < size; p++) {
      m[p] = 0.9 * m[p]! + 0.1 * gradient[p]!;
      v[p] = 0.999 * v[p]! + 0.001 * gradient[p]! ** 2;
      params[p]! -= (LEARNING_RATE * (m[p]! / (1 - 0.9 ** t))) / (Math.sqrt(v[p]! / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  const round = (x: number) => Number(x.toPrecision(6));
  const weights = PAGE_TYPES.map((_, c) => FEATURE_NAMES.map((_, j) => round(params[c * d + j]! / scale[j]!)));
  const bias = PAGE_TYPES.map((_, c) =>
    round(params[k * d + c]! - FEATURE_NAMES.reduce((s, _, j) => s + (params[c * d + j]! * mean[j]!) / scale[j]!, 0)),
  );
  return { features: [...FEATURE_NAMES], types: [...PAGE_TYPES], weights, bias };
}

export function predict(model: PageTypeModel, x: Float64Array): number {
  let best = 0;
  let bestScore = -Infinity;
  model.types.forEach((_, c) => {
    let s = model.bias[c]!;
    model.weights[c]!.forEach((w, j) => (s += w * x[j]!));
    if (s > bestScore) [best, bestScore] = [c, s];
  });
  return best;
}

/**
 * Folds of whole sites, balanced by type: sites in a seeded random order, largest first, each to the fold
 * that holds fewest pages of its pages' types so far (of those, the one with fewest pages).
 */
export function foldsBySite(examples: readonly Example[], k: number): number[] {
  const random = prng(SEED);
  const sites = new Map<string, number[]>();
  examples.forEach((e, i) => sites.set(e.site, [...(sites.get(e.site) ?? []), i]));
  const order = [...sites.values()]
    .map((members) => ({ members, key: random() }))
    .sort((a, b) => b.members.length - a.members.length || a.key - b.key);
  const held = Array.from({ length: k }, () => new Float64Array(PAGE_TYPES.length));
  const fold = new Array<number>(examples.length);
  for (const { members } of order) {
    const load = held.map((counts) => members.reduce((s, i) => s + counts[examples[i]!.label]!, 0));
    const size = held.map((counts) => counts.reduce((a, b) => a + b, 0));
    let chosen = 0;
    for (let f = 1; f < k; f++) if (load[f]! < load[chosen]! || (load[f] === load[chosen] && size[f]! < size[chosen]!)) chosen = f;
    for (const i of members) {
      fold[i] = chosen;
      held[chosen]![examples[i]!.label]!++;
    }
  }
  return fold;
}

/** Each example's type as predicted by a model trained on the folds that do not hold it (index into PAGE_TYPES). */
export function crossValidate(examples: readonly Example[], k: number, options: TrainingOptions = DEFAULT_TRAINING): number[] {
  const fold = foldsBySite(examples, k);
  const predicted = new Array<number>(examples.length).fill(-1);
  for (let f = 0; f < k; f++) {
    const model = train(
      examples.filter((_, i) => fold[i] !== f),
      options,
    );
    examples.forEach((e, i) => {
      if (fold[i] === f) predicted[i] = predict(model, e.x);
    });
  }
  return predicted;
}

/** Confusion counts (rows: labelled, columns: predicted) of the examples `which` selects. */
export function confusionOf(
  examples: readonly Example[],
  predicted: readonly number[],
  which: (e: Example) => boolean = () => true,
): number[][] {
  const confusion = PAGE_TYPES.map(() => PAGE_TYPES.map(() => 0));
  examples.forEach((e, i) => {
    if (which(e)) confusion[e.label]![predicted[i]!]!++;
  });
  return confusion;
}
