/**
 * Stage fingerprint: what dedup compares, computed from the cleaned article only.
 *
 * - `exact`: SHA-256 of the matching form of the body (the title when there is no body), so two crawls
 *   of one article under different URLs, templates or typographic quotes share it;
 * - `signature`: MinHash of the body's word 5-gram shingles (case, digits, punctuation and whitespace
 *   folded), for near-duplicates; null when the body is too short to say anything (fewer than
 *   MIN_SHINGLES shingles): such records are only merged when exactly equal.
 */
import { createHash } from 'node:crypto';
import { bandKey, matchTextShingles, shingles, signature, type Signature } from './minhash.js';
import { matchText } from './normalize.js';

/** Words per shingle. */
export const SHINGLE_WORDS = 5;
/** MinHash signature length: 14 bands of 8 rows. */
export const SIGNATURE_HASHES = 112;
export const SIGNATURE_BANDS = 14;
/** Bodies with fewer shingles than this get no signature. */
const MIN_SHINGLES = 8;

export interface Fingerprint {
  /** 64 hex digits. */
  readonly exact: string;
  readonly signature: Signature | null;
}

/** The LSH band keys of a body's signature: what dedup keeps in memory to find candidates. */
export function bandKeys(signature: Signature): Float64Array {
  return Float64Array.from({ length: SIGNATURE_BANDS }, (_, band) => bandKey(signature, band, SIGNATURE_HASHES / SIGNATURE_BANDS));
}

export function fingerprint(title: string | null, text: string): Fingerprint {
  return fingerprintOfNorm(matchText(text), title);
}

/** `fingerprint` of a body already in its matching form (segment's `bodyNorm`), not matched again. */
export function fingerprintOfNorm(body: string, title: string | null): Fingerprint {
  const basis = body || matchText(title ?? '');
  const shingleSet = matchTextShingles(body, SHINGLE_WORDS);
  return {
    exact: createHash('sha256').update(basis).digest('hex'),
    signature: shingleSet.length >= MIN_SHINGLES ? signature(shingleSet, SIGNATURE_HASHES) : null,
  };
}

/** Exact Jaccard similarity of two texts' shingle sets, for verifying candidate pairs. */
export function shingleJaccard(a: string, b: string): number {
  const setA = new Set(shingles(a, SHINGLE_WORDS));
  const setB = new Set(shingles(b, SHINGLE_WORDS));
  if (setA.size === 0 && setB.size === 0) return 1;
  let shared = 0;
  for (const x of setA) if (setB.has(x)) shared++;
  return shared / (setA.size + setB.size - shared);
}
