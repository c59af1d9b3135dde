/**
 * What dedup partitions by: each article's exact key (partitioned by the key) and the LSH band keys of its
 * signature (partitioned by band and key), each with the article's id. Every bucket of candidates (one
 * exact key, or one band key of one band) lands whole in one partition, so partitions find candidates on
 * their own. The clean step writes these; the dedup step reads its partition of every shard's.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bandKeys } from '../../stages/fingerprint.js';
import { mix32, type Signature } from '../../stages/minhash.js';
import { numbersOf, partitionChunks, PartitionedWriter, partitionSize } from './partitioned.js';

const FILES = { exact: 'exact-keys.bin', bands: 'band-keys.bin' } as const;
/** Exact key (64 hex digits, ASCII), article id (float64). */
const EXACT_ENTRY_BYTES = 72;
const EXACT_KEY_BYTES = 64;
/** Band, band key, article id (float64 each). */
const BAND_ENTRY_BYTES = 24;

export class DedupKeysWriter {
  private readonly exact: PartitionedWriter;
  private readonly bands: PartitionedWriter | null;

  /** `dir`: the clean task's directory; `world`: the number of dedup partitions; band keys only with `nearDuplicates`. */
  constructor(
    dir: string,
    private readonly world: number,
    nearDuplicates: boolean,
  ) {
    this.exact = new PartitionedWriter(join(dir, FILES.exact), world, EXACT_ENTRY_BYTES);
    this.bands = nearDuplicates ? new PartitionedWriter(join(dir, FILES.bands), world, BAND_ENTRY_BYTES) : null;
  }

  add(id: number, exact: string, signature: Signature | null): void {
    const slot = this.exact.add(exactPartition(exact, this.world));
    slot.write(exact, 0, EXACT_KEY_BYTES, 'latin1');
    slot.writeDoubleLE(id, EXACT_KEY_BYTES);
    if (!this.bands || !signature) return;
    bandKeys(signature).forEach((key, band) => this.bands!.addNumbers(bandPartition(band, key, this.world), band, key, id));
  }

  finish(): void {
    this.exact.finish();
    this.bands?.finish();
  }

  abort(): void {
    this.exact.abort();
    this.bands?.abort();
  }
}

function exactPartition(exact: string, world: number): number {
  return Number.parseInt(exact.slice(0, 8), 16) % world;
}

function bandPartition(band: number, key: number, world: number): number {
  return mix32((key >>> 0) ^ Math.imul(band + 1, 0x9e3779b1)) % world;
}

/** The exact keys of one partition in the clean tasks' directories `dirs`, with their articles' ids. */
export function readExactKeys(dirs: readonly string[], partition: number): { readonly exacts: string[]; readonly ids: Float64Array } {
  const files = dirs.map((dir) => join(dir, FILES.exact));
  const ids = new Float64Array(files.reduce((n, file) => n + partitionSize(file, partition), 0));
  const exacts: string[] = [];
  for (const file of files) {
    for (const chunk of partitionChunks(file, partition)) {
      for (let at = 0; at < chunk.length; at += EXACT_ENTRY_BYTES) {
        ids[exacts.length] = chunk.readDoubleLE(at + EXACT_KEY_BYTES);
        exacts.push(chunk.toString('latin1', at, at + EXACT_KEY_BYTES));
      }
    }
  }
  return { exacts, ids };
}

/** The band keys of one partition in the clean tasks' directories `dirs` (none without near-duplicates). */
export function readBandKeys(
  dirs: readonly string[],
  partition: number,
): { readonly bands: Uint8Array; readonly keys: Float64Array; readonly ids: Float64Array } {
  const files = dirs.map((dir) => join(dir, FILES.bands)).filter((file) => existsSync(file));
  const count = files.reduce((n, file) => n + partitionSize(file, partition), 0);
  const entries = { bands: new Uint8Array(count), keys: new Float64Array(count), ids: new Float64Array(count) };
  let i = 0;
  for (const file of files) {
    for (const chunk of partitionChunks(file, partition)) {
      const numbers = numbersOf(chunk);
      for (let at = 0; at < numbers.length; at += 3, i++) {
        entries.bands[i] = numbers[at]!;
        entries.keys[i] = numbers[at + 1]!;
        entries.ids[i] = numbers[at + 2]!;
      }
    }
  }
  return entries;
}
