/**
 * Stage fingerprint: what dedup compares, computed from the cleaned article only.
 * The exact key is a SHA-256 of the matching form of the body (the title when there is no body), so
 * two crawls of one article under different URLs, templates or typographic quotes share it.
 */
import { createHash } from 'node:crypto';
import { matchText } from './normalize.js';

export interface Fingerprint {
  /** 64 hex digits. */
  readonly exact: string;
}

export function fingerprint(title: string | null, text: string): Fingerprint {
  const basis = matchText(text) || matchText(title ?? '');
  return { exact: createHash('sha256').update(basis).digest('hex') };
}
