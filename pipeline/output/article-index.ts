/**
 * The index pass 2 keeps of every article while its record waits in the spill: what dedup decides on
 * (source, exact key, LSH band keys, length, date) and where the record sits. It grows with the dump, so
 * it is kept by columns: numbers in typed arrays, band keys in shared chunks, each site's name once; the
 * MinHash signatures themselves wait on disk, read back only for the few candidate pairs. An object per
 * entry, with its own signature buffer, would take several times the memory.
 */
import type { DedupEntry } from '../../stages/dedup.js';
import { bandKeys, SIGNATURE_BANDS, SIGNATURE_HASHES } from '../../stages/fingerprint.js';
import { similarity, type Signature } from '../../stages/minhash.js';
import { Spill, type SpillPosition } from './spill.js';

/** Band keys of this many signatures per chunk: chunks are never copied when the index grows, so views into them stay valid. */
const SIGNATURES_PER_CHUNK = 4096;
/** Numbers per article: length, spill offset, spill bytes, offset of "duplicates", site, signature slot (-1: none). */
const STRIDE = 6;
const SIGNATURE_BYTES = SIGNATURE_HASHES * 4;

export interface IndexedArticle extends DedupEntry {
  readonly site: string;
  readonly spilled: SpillPosition;
  /** Where `"duplicates"` sits in the spilled record (`RecordLine`). */
  readonly duplicatesAt: number;
}

/** What pass 2 indexes of an article: the entry, with its whole signature instead of band keys. */
export type ArticleToIndex = Omit<IndexedArticle, 'bands'> & { readonly signature: Signature | null };

export class ArticleIndex {
  private readonly sources: string[] = [];
  private readonly exacts: string[] = [];
  private readonly published: (string | null)[] = [];
  private numbers = new Float64Array(STRIDE * 1024);
  private readonly chunks: Float64Array[] = [];
  private signatures = 0;
  private readonly signatureSpill = new Spill('signatures');
  private readonly siteNames: string[] = [];
  private readonly siteIds = new Map<string, number>();

  get count(): number {
    return this.sources.length;
  }

  add(article: ArticleToIndex): void {
    const i = this.sources.length;
    if ((i + 1) * STRIDE > this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.sources.push(article.source);
    this.exacts.push(article.exact);
    this.published.push(article.published);
    let site = this.siteIds.get(article.site);
    if (site === undefined) {
      site = this.siteNames.push(article.site) - 1;
      this.siteIds.set(article.site, site);
    }
    const at = i * STRIDE;
    this.numbers[at] = article.length;
    this.numbers[at + 1] = article.spilled.offset;
    this.numbers[at + 2] = article.spilled.bytes;
    this.numbers[at + 3] = article.duplicatesAt;
    this.numbers[at + 4] = site;
    this.numbers[at + 5] = article.signature ? this.addSignature(article.signature) : -1;
  }

  /** Article `i`, built on demand (its band keys a view into the index). */
  at(i: number): IndexedArticle {
    const at = i * STRIDE;
    const slot = this.numbers[at + 5]!;
    return {
      source: this.sources[i]!,
      exact: this.exacts[i]!,
      bands: slot < 0 ? null : this.bands(slot),
      length: this.numbers[at]!,
      published: this.published[i]!,
      site: this.siteNames[this.numbers[at + 4]!]!,
      spilled: { offset: this.numbers[at + 1]!, bytes: this.numbers[at + 2]! },
      duplicatesAt: this.numbers[at + 3]!,
    };
  }

  source(i: number): string {
    return this.sources[i]!;
  }

  /** Estimated similarity of articles i and j (both with a signature): their signatures, read back. */
  estimate(i: number, j: number): number {
    return similarity(this.signature(i), this.signature(j));
  }

  close(): void {
    this.signatureSpill.close();
  }

  private addSignature(signature: Signature): number {
    if (signature.length !== SIGNATURE_HASHES) throw new Error(`a signature of ${signature.length} hashes, not ${SIGNATURE_HASHES}`);
    const slot = this.signatures++;
    const within = slot % SIGNATURES_PER_CHUNK;
    if (within === 0) this.chunks.push(new Float64Array(SIGNATURES_PER_CHUNK * SIGNATURE_BANDS));
    this.chunks[this.chunks.length - 1]!.set(bandKeys(signature), within * SIGNATURE_BANDS);
    this.signatureSpill.append(new Uint8Array(signature.buffer, signature.byteOffset, SIGNATURE_BYTES).slice());
    return slot;
  }

  private bands(slot: number): Float64Array {
    const within = (slot % SIGNATURES_PER_CHUNK) * SIGNATURE_BANDS;
    return this.chunks[Math.floor(slot / SIGNATURES_PER_CHUNK)]!.subarray(within, within + SIGNATURE_BANDS);
  }

  private signature(i: number): Signature {
    const slot = this.numbers[i * STRIDE + 5]!;
    const bytes = this.signatureSpill.read({ offset: slot * SIGNATURE_BYTES, bytes: SIGNATURE_BYTES });
    // A copy: the spill's view lasts until its next read.
    return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + SIGNATURE_BYTES));
  }
}
