/**
 * What dedup partitions by: each article's exact key (partitioned by the key) and the LSH band keys of its
 * signature (partitioned by band and key), each with the article's id. Every bucket of candidates (one
 * exact key, or one band key of one band) lands whole in one partition, so partitions find candidates on
 * their own. The clean step writes these; the dedup step reads its partition of every shard's.
 */
import { join } from 'node:path';
import { bandKeys } from '../../stages/fingerprint.js';
import { mix32, type Signature } from '../../stages/minhash.js';
import { numbersOf, partitionChunks, PartitionedWriter } from './partitioned.js';

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

/** The exact keys of one partition in a clean task's directory. */
export function* exactEntries(dir: string, partition: number): Generator<{ readonly exact: string; readonly id: number }> {
  for (const chunk of partitionChunks(join(dir, FILES.exact), partition)) {
    for (let at = 0; at < chunk.length; at += EXACT_ENTRY_BYTES) {
      yield { exact: chunk.toString('latin1', at, at + EXACT_KEY_BYTES), id: chunk.readDoubleLE(at + EXACT_KEY_BYTES) };
    }
  }
}

/** The band keys of one partition in a clean task's directory (none were written without near-duplicates). */
export function* bandEntries(
  dir: string,
  partition: number,
): Generator<{ readonly band: number; readonly key: number; readonly id: number }> {
  for (const chunk of partitionChunks(join(dir, FILES.bands), partition)) {
    const numbers = numbersOf(chunk);
    for (let i = 0; i < numbers.length; i += 3) yield { band: numbers[i]!, key: numbers[i + 1]!, id: numbers[i + 2]! };
  }
}
