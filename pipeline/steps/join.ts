/**
 * join (one task): closes the pairs every dedup partition joined into clusters (union-find over the
 * articles that are in a pair, the others being alone), and picks each cluster's survivor by the dedup
 * stage's rule (`betterSurvivor`: the longest text, the earliest date, the smallest source). An absorbed
 * article is an exact duplicate when its exact key is the survivor's (the pairs of equal exact keys join
 * it to the survivor by themselves), else a near one.
 *
 * `decisions.bin` holds, for each shard, the articles in a cluster in source order, as float64 records
 * `[rank, survivor id, kind (0 survivor, 1 exact, 2 near), n, absorbed id × n]` (n > 0 for survivors only),
 * after a header of where each shard's records start.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { betterSurvivor } from '../../stages/dedup.js';
import { unionFind } from '../../stages/minhash.js';
import { drop, emptyTally } from '../../stages/types.js';
import { writeAll, WriteBuffer } from '../output/files.js';
import { ArticleTables, rankOf, shardOf } from '../work/article-table.js';
import { numbersOf, partitionChunks, partitionSize } from '../work/partitioned.js';
import { EDGES, itemOf, uniqueSorted } from './dedup.js';
import { single, type Step } from './step.js';

export const DECISIONS = 'decisions.bin';

/** What a decision says of an article: it survives, or it is an exact or a near duplicate of its survivor. */
export const Kind = { Survivor: 0, Exact: 1, Near: 2 } as const;

export const join: Step = {
  name: 'join',
  tasks: single,
  async run({ work, world, out }) {
    const pairs = (file: string) => {
      const files = Array.from({ length: world }, (_, partition) => work.file('dedup', partition, file));
      const ends = new Float64Array(files.reduce((n, path) => n + partitionSize(path, 0) * 2, 0));
      let at = 0;
      for (const path of files) {
        for (const chunk of partitionChunks(path, 0)) {
          ends.set(numbersOf(chunk), at);
          at += chunk.length / 8;
        }
      }
      return ends;
    };
    const joined = pairs(EDGES.joined);
    const exact = pairs(EDGES.exact);
    const ids = uniqueSorted(joined, exact);
    const count = ids.length;
    const all = unionFind(count);
    const same = unionFind(count);
    for (let i = 0; i < joined.length; i += 2) all.union(itemOf(ids, joined[i]!), itemOf(ids, joined[i + 1]!));
    for (let i = 0; i < exact.length; i += 2) {
      const [a, b] = [itemOf(ids, exact[i]!), itemOf(ids, exact[i + 1]!)];
      all.union(a, b);
      same.union(a, b);
    }

    // Members of each cluster, grouped by root (the smallest member) in id order: count, then place.
    const roots = Int32Array.from({ length: count }, (_, i) => all.find(i));
    const starts = new Int32Array(count + 1);
    for (const root of roots) starts[root + 1]!++;
    for (let r = 0; r < count; r++) starts[r + 1]! += starts[r]!;
    const members = new Int32Array(count);
    const placed = starts.slice(0, count);
    for (let i = 0; i < count; i++) members[placed[roots[i]!]!++] = i;

    const survivor = new Int32Array(count);
    const tables = new ArticleTables((shard) => work.task('clean', shard));
    try {
      for (let r = 0; r < count; r++) {
        if (starts[r + 1]! === starts[r]!) continue;
        const cluster = members.subarray(starts[r], starts[r + 1]);
        const entries = Array.from(cluster, (m) => {
          const { source, length, published } = tables.article(ids[m]!);
          return { member: m, entry: { source, exact: '', bands: null, length, published } };
        });
        const best = entries.reduce((a, b) => (betterSurvivor(a.entry, b.entry) <= 0 ? a : b)).member;
        for (const m of cluster) survivor[m] = best;
      }
    } finally {
      tables.close();
    }

    const tally = emptyTally();
    const decisions = new DecisionsWriter(joinPath(out, DECISIONS), world);
    for (let i = 0; i < count; i++) {
      const best = survivor[i]!;
      if (best === i) {
        tally.kept++;
        const cluster = members.subarray(starts[roots[i]!], starts[roots[i]! + 1]);
        const absorbed = Array.from(cluster, (m) => ids[m]!).filter((id) => id !== ids[i]);
        decisions.add(ids[i]!, [ids[i]!, Kind.Survivor, absorbed.length, ...absorbed]);
      } else {
        const kind = same.find(i) === same.find(best) ? Kind.Exact : Kind.Near;
        drop(tally, kind === Kind.Exact ? 'exact-duplicate' : 'near-duplicate');
        decisions.add(ids[i]!, [ids[best]!, kind, 0]);
      }
    }
    decisions.finish();
    return tally;
  },
};

/** Decisions written in id order, so each shard's are one run of the file. */
class DecisionsWriter {
  private readonly fd: number;
  private readonly buffer = new WriteBuffer();
  /** Where each shard's records start, in numbers after the header. */
  private readonly starts: Float64Array;
  /** Numbers added, and written. */
  private added = 0;
  private written = 0;
  private shard = 0;

  constructor(
    path: string,
    private readonly world: number,
  ) {
    this.fd = openSync(path, 'w');
    this.starts = new Float64Array(world + 1);
  }

  /** The decision on article `id`: its rank, then `rest`. */
  add(id: number, rest: readonly number[]): void {
    const shard = shardOf(id);
    while (this.shard < shard) this.starts[++this.shard] = this.added;
    const record = Float64Array.from([rankOf(id), ...rest]);
    this.added += record.length;
    if (this.buffer.add(new Uint8Array(record.buffer))) this.flush();
  }

  finish(): void {
    while (this.shard < this.world) this.starts[++this.shard] = this.added;
    try {
      this.flush();
      writeAll(this.fd, new Uint8Array(this.starts.buffer), 0);
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    const bytes = this.buffer.take();
    writeAll(this.fd, bytes, this.starts.byteLength + this.written * 8);
    this.written += bytes.length / 8;
  }
}

/** The decisions on one shard's articles, in source order. */
export function shardDecisions(path: string, shard: number, world: number): Float64Array {
  const fd = openSync(path, 'r');
  try {
    const range = new Float64Array(2);
    readSync(fd, new Uint8Array(range.buffer), 0, 16, shard * 8);
    const numbers = new Float64Array(range[1]! - range[0]!);
    const bytes = new Uint8Array(numbers.buffer);
    for (let done = 0; done < bytes.length;) {
      const n = readSync(fd, bytes, done, bytes.length - done, (world + 1) * 8 + range[0]! * 8 + done);
      if (n === 0) throw new Error(`${path}: ends early`);
      done += n;
    }
    return numbers;
  } finally {
    closeSync(fd);
  }
}
