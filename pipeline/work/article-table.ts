/**
 * The articles of one shard, as the clean step leaves them for dedup, join and write: each validated
 * record spilled as it came, its signature beside it, and a table in source order saying where each sits.
 *
 * While cleaning, memory keeps a small entry per article by columns (source, exact key, date, site, length,
 * where its record and signature went: a few hundred bytes an article, mostly its source and exact key); the
 * records and signatures wait on disk. `finish` sorts the entries into source order and writes the table.
 * An article is then known everywhere by its id: its shard and its rank in the shard's source order, so
 * that ids sort as their sources do across shards (shards are contiguous in source order).
 *
 * Files: `records.spill` (records), `signatures.bin` (112 uint32 a signature), `articles.bin` (per rank,
 * float64: record offset, record bytes, offset of "duplicates" in it, length, signature slot or -1,
 * strings offset, strings bytes) and `strings.ndjson` (per rank, `[source, site, published]`).
 */
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { compareSources } from '../../stages/dedup.js';
import { SIGNATURE_HASHES } from '../../stages/fingerprint.js';
import type { Signature } from '../../stages/minhash.js';
import type { ArticleRecord, RecordLine } from '../output/record.js';
import { Spill, type SpillPosition } from '../output/spill.js';
import { WriteBuffer, writeAll } from '../output/files.js';

const FILES = { records: 'records.spill', signatures: 'signatures.bin', table: 'articles.bin', strings: 'strings.ndjson' } as const;
/** Numbers per article while cleaning: length, record offset, record bytes, offset of "duplicates", site, signature slot. */
const STRIDE = 6;
/** Numbers per article in the table. */
const TABLE_NUMBERS = 7;
const TABLE_ENTRY_BYTES = TABLE_NUMBERS * 8;
const SIGNATURE_BYTES = SIGNATURE_HASHES * 4;

/** An article's id: its shard, and its rank in the shard's source order. */
export function articleId(shard: number, rank: number): number {
  return shard * SHARD_STRIDE + rank;
}
const SHARD_STRIDE = 2 ** 32;
export const shardOf = (id: number) => Math.floor(id / SHARD_STRIDE);
export const rankOf = (id: number) => id % SHARD_STRIDE;

/** What the clean step stores of a cleaned article. */
export interface ArticleToStore {
  readonly source: string;
  readonly site: string;
  /** The fingerprint's exact key (64 hex digits). */
  readonly exact: string;
  readonly signature: Signature | null;
  /** Characters of title and text. */
  readonly length: number;
  readonly published: string | null;
  readonly record: RecordLine;
}

/** What dedup learns of each article, in source order, when the table is written. */
export type ArticleKeys = (rank: number, exact: string, signature: Signature | null) => void;

export class ShardArticlesWriter {
  private readonly sources: string[] = [];
  private readonly exacts: string[] = [];
  private readonly published: (string | null)[] = [];
  private numbers = new Float64Array(STRIDE * 1024);
  private readonly siteNames: string[] = [];
  private readonly siteIds = new Map<string, number>();
  private readonly records: Spill;
  private readonly signatures: Spill;
  private signatureCount = 0;

  /** `dir`: the clean task's directory. */
  constructor(private readonly dir: string) {
    this.records = Spill.create(join(dir, FILES.records));
    this.signatures = Spill.create(join(dir, FILES.signatures));
  }

  get count(): number {
    return this.sources.length;
  }

  add(article: ArticleToStore): void {
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
    const spilled = this.records.append(article.record.json);
    const at = i * STRIDE;
    this.numbers[at] = article.length;
    this.numbers[at + 1] = spilled.offset;
    this.numbers[at + 2] = spilled.bytes;
    this.numbers[at + 3] = article.record.duplicatesAt;
    this.numbers[at + 4] = site;
    this.numbers[at + 5] = article.signature ? this.addSignature(article.signature) : -1;
  }

  /** Writes the table in source order, giving each article's keys to `keys` on the way. The writer is closed. */
  finish(keys: ArticleKeys): void {
    const count = this.sources.length;
    const order = Int32Array.from({ length: count }, (_, i) => i).sort((a, b) => compareSources(this.sources[a]!, this.sources[b]!));
    const table = new Float64Array(count * TABLE_NUMBERS);
    const strings = new WriteBuffer();
    const stringsFd = openSync(join(this.dir, FILES.strings), 'w');
    let stringsAt = 0;
    try {
      order.forEach((i, rank) => {
        const at = i * STRIDE;
        const slot = this.numbers[at + 5]!;
        const line = Buffer.from(JSON.stringify([this.sources[i], this.siteNames[this.numbers[at + 4]!], this.published[i]]) + '\n');
        table.set(
          [this.numbers[at + 1]!, this.numbers[at + 2]!, this.numbers[at + 3]!, this.numbers[at]!, slot, stringsAt, line.length],
          rank * TABLE_NUMBERS,
        );
        stringsAt += line.length;
        if (strings.add(line)) writeAll(stringsFd, strings.take());
        keys(rank, this.exacts[i]!, slot < 0 ? null : this.signature(slot));
      });
      writeAll(stringsFd, strings.take());
    } finally {
      closeSync(stringsFd);
    }
    const tableFd = openSync(join(this.dir, FILES.table), 'w');
    try {
      writeAll(tableFd, new Uint8Array(table.buffer));
    } finally {
      closeSync(tableFd);
    }
    for (const spill of [this.records, this.signatures]) {
      spill.flush();
      spill.close();
    }
  }

  /** Closes the files without writing the table (a failed task). */
  abandon(): void {
    this.records.close();
    this.signatures.close();
  }

  private addSignature(signature: Signature): number {
    if (signature.length !== SIGNATURE_HASHES) throw new Error(`a signature of ${signature.length} hashes, not ${SIGNATURE_HASHES}`);
    this.signatures.append(new Uint8Array(signature.buffer, signature.byteOffset, SIGNATURE_BYTES).slice());
    return this.signatureCount++;
  }

  private signature(slot: number): Signature {
    return copySignature(this.signatures.read({ offset: slot * SIGNATURE_BYTES, bytes: SIGNATURE_BYTES }));
  }
}

/** A signature out of a spill's view (which lasts until its next read). */
function copySignature(bytes: Buffer): Signature {
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + SIGNATURE_BYTES));
}

export interface StoredArticle {
  readonly spilled: SpillPosition;
  /** Where `"duplicates"` sits in the record. */
  readonly duplicatesAt: number;
  readonly length: number;
  readonly source: string;
  readonly site: string;
  readonly published: string | null;
}

/** One shard's articles, read back by rank. */
export class ArticleTable {
  private readonly table: Spill;
  private readonly strings: Spill;
  private readonly records: Spill;
  private readonly signatures: Spill;
  readonly count: number;

  constructor(dir: string) {
    this.table = Spill.open(join(dir, FILES.table));
    this.strings = Spill.open(join(dir, FILES.strings));
    this.records = Spill.open(join(dir, FILES.records));
    this.signatures = Spill.open(join(dir, FILES.signatures));
    this.count = this.table.size / TABLE_ENTRY_BYTES;
  }

  article(rank: number): StoredArticle {
    const numbers = this.numbers(rank);
    const [source, site, published] = JSON.parse(this.strings.read({ offset: numbers[5]!, bytes: numbers[6]! }).toString()) as [
      string,
      string,
      string | null,
    ];
    return {
      spilled: { offset: numbers[0]!, bytes: numbers[1]! },
      duplicatesAt: numbers[2]!,
      length: numbers[3]!,
      source,
      site,
      published,
    };
  }

  /** The record as spilled; the view lasts until the next read of a record. */
  record(rank: number): Buffer {
    const numbers = this.numbers(rank);
    return this.records.read({ offset: numbers[0]!, bytes: numbers[1]! });
  }

  signature(rank: number): Signature | null {
    const slot = this.numbers(rank)[4]!;
    return slot < 0 ? null : copySignature(this.signatures.read({ offset: slot * SIGNATURE_BYTES, bytes: SIGNATURE_BYTES }));
  }

  close(): void {
    for (const spill of [this.table, this.strings, this.records, this.signatures]) spill.close();
  }

  private numbers(rank: number): Float64Array {
    const bytes = this.table.read({ offset: rank * TABLE_ENTRY_BYTES, bytes: TABLE_ENTRY_BYTES });
    return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + TABLE_ENTRY_BYTES));
  }
}

/** Open tables at once, at most: a dedup partition reads articles of every shard. */
const OPEN_TABLES = 64;

/** Every shard's table, read by article id; tables opened as needed, the least recently used closed. */
export class ArticleTables {
  private readonly open = new Map<number, ArticleTable>();

  /** `dirOf(shard)`: the directory of a shard's clean task. */
  constructor(private readonly dirOf: (shard: number) => string) {}

  article(id: number): StoredArticle {
    return this.table(shardOf(id)).article(rankOf(id));
  }

  signature(id: number): Signature | null {
    return this.table(shardOf(id)).signature(rankOf(id));
  }

  /** The article's clean text, from its record. */
  text(id: number): string {
    return (JSON.parse(this.table(shardOf(id)).record(rankOf(id)).toString()) as ArticleRecord).text;
  }

  close(): void {
    for (const table of this.open.values()) table.close();
    this.open.clear();
  }

  private table(shard: number): ArticleTable {
    let table = this.open.get(shard);
    if (table) {
      this.open.delete(shard);
    } else {
      table = new ArticleTable(this.dirOf(shard));
      if (this.open.size >= OPEN_TABLES) {
        const [oldest, stale] = this.open.entries().next().value!;
        stale.close();
        this.open.delete(oldest);
      }
    }
    this.open.set(shard, table);
    return table;
  }
}
