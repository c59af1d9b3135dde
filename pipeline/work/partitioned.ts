/**
 * Files of fixed-size records grouped by partition: how one step's task hands records to the tasks of the
 * next step. A task writes one such file, its records grouped by the partition they go to, with an index
 * of where each partition starts; the task of partition p reads its slice of every file. That is one file
 * per task, not one per task and partition (10,000 tasks would make 10^8 files).
 *
 * Layout: float64 little-endian header `[partitions, recordBytes, start of partition 0 … start of
 * partition P]` (starts counted in records), then the records. Memory holds one buffer of records; when it
 * fills, its records are grouped and appended to a file of runs beside the output, and `finish` copies
 * the runs partition by partition into the output.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { writeAll } from '../output/files.js';

const DEFAULT_BUFFER_BYTES = 8 << 20;
/** Bytes of records the buffer starts with; it doubles as records come, up to its capacity. */
const FIRST_BUFFER_BYTES = 64 << 10;
/** Bytes read at once when reading a partition's records. */
const READ_CHUNK_BYTES = 4 << 20;

export class PartitionedWriter {
  // Grown as records come: a task that writes few records does not pay for filling the whole capacity's memory.
  private buffer: Buffer;
  private partitionOf: Uint32Array;
  private filled = 0;
  private readonly capacity: number;
  /** Runs spilled so far: where each run's partitions start (in records), relative to the run. */
  private readonly runs: { readonly at: number; readonly starts: Float64Array }[] = [];
  private runsFd: number | null = null;
  private runsBytes = 0;

  constructor(
    private readonly path: string,
    private readonly partitions: number,
    private readonly recordBytes: number,
    bufferBytes = DEFAULT_BUFFER_BYTES,
  ) {
    this.capacity = Math.max(1, Math.floor(bufferBytes / recordBytes));
    const first = Math.min(this.capacity, Math.max(1, Math.floor(FIRST_BUFFER_BYTES / recordBytes)));
    this.buffer = Buffer.alloc(first * recordBytes);
    this.partitionOf = new Uint32Array(first);
  }

  /** Room for one record of `partition`, to fill in before the next call (`recordBytes` bytes). */
  add(partition: number): Buffer {
    if (this.filled === this.capacity) this.spillRun();
    else if (this.filled === this.partitionOf.length) this.grow();
    this.partitionOf[this.filled] = partition;
    const at = this.filled++ * this.recordBytes;
    return this.buffer.subarray(at, at + this.recordBytes);
  }

  /** One record of float64 numbers. */
  addNumbers(partition: number, ...numbers: number[]): void {
    const slot = this.add(partition);
    numbers.forEach((n, i) => slot.writeDoubleLE(n, i * 8));
  }

  /** Writes the file. */
  finish(): void {
    const fd = openSync(this.path, 'w');
    try {
      if (this.runs.length === 0) {
        const { bytes, starts } = this.grouped();
        writeAll(fd, header(this.partitions, this.recordBytes, starts));
        writeAll(fd, bytes);
      } else {
        this.spillRun();
        const totals = new Float64Array(this.partitions + 1);
        for (const run of this.runs) for (let p = 0; p < this.partitions; p++) totals[p + 1]! += run.starts[p + 1]! - run.starts[p]!;
        for (let p = 0; p < this.partitions; p++) totals[p + 1]! += totals[p]!;
        writeAll(fd, header(this.partitions, this.recordBytes, totals));
        for (let p = 0; p < this.partitions; p++) {
          for (const run of this.runs) {
            const from = run.at + run.starts[p]! * this.recordBytes;
            copy(this.runsFd!, fd, from, (run.starts[p + 1]! - run.starts[p]!) * this.recordBytes);
          }
        }
      }
    } finally {
      closeSync(fd);
      this.discardRuns();
    }
  }

  /** Removes the runs written so far (the output is not written). */
  abort(): void {
    this.discardRuns();
  }

  private discardRuns(): void {
    if (this.runsFd === null) return;
    closeSync(this.runsFd);
    this.runsFd = null;
    rmSync(`${this.path}.runs`, { force: true });
  }

  private grow(): void {
    const records = Math.min(this.capacity, this.partitionOf.length * 2);
    const buffer = Buffer.alloc(records * this.recordBytes);
    this.buffer.copy(buffer);
    this.buffer = buffer;
    const partitionOf = new Uint32Array(records);
    partitionOf.set(this.partitionOf);
    this.partitionOf = partitionOf;
  }

  private spillRun(): void {
    const { bytes, starts } = this.grouped();
    this.runsFd ??= openSync(`${this.path}.runs`, 'w+');
    writeAll(this.runsFd, bytes, this.runsBytes);
    this.runs.push({ at: this.runsBytes, starts });
    this.runsBytes += bytes.length;
    this.filled = 0;
  }

  /** The buffered records grouped by partition (a counting sort, stable), and where each partition starts. */
  private grouped(): { bytes: Buffer; starts: Float64Array } {
    const starts = new Float64Array(this.partitions + 1);
    for (let i = 0; i < this.filled; i++) starts[this.partitionOf[i]! + 1]!++;
    for (let p = 0; p < this.partitions; p++) starts[p + 1]! += starts[p]!;
    const next = starts.slice(0, this.partitions);
    const bytes = Buffer.allocUnsafe(this.filled * this.recordBytes);
    for (let i = 0; i < this.filled; i++) {
      const to = next[this.partitionOf[i]!]!++ * this.recordBytes;
      this.buffer.copy(bytes, to, i * this.recordBytes, (i + 1) * this.recordBytes);
    }
    return { bytes, starts };
  }
}

function header(partitions: number, recordBytes: number, starts: Float64Array): Buffer {
  const numbers = new Float64Array(partitions + 3);
  numbers[0] = partitions;
  numbers[1] = recordBytes;
  numbers.set(starts, 2);
  return Buffer.from(numbers.buffer);
}

function copy(from: number, to: number, position: number, bytes: number): void {
  const chunk = Buffer.allocUnsafe(Math.min(bytes, READ_CHUNK_BYTES));
  for (let done = 0; done < bytes;) {
    const n = readSync(from, chunk, 0, Math.min(chunk.length, bytes - done), position + done);
    if (n === 0) throw new Error('a partitioned file ended early');
    writeSync(to, chunk, 0, n);
    done += n;
  }
}

/** Where a partition's records are in a partitioned file: its record size, first and end record, the data's start. */
function partitionRange(
  fd: number,
  path: string,
  partition: number,
): { recordBytes: number; start: number; end: number; dataStart: number } {
  const head = readNumbers(fd, 0, 2);
  const [partitions, recordBytes] = [head[0]!, head[1]!];
  if (partition >= partitions) throw new Error(`${path}: has ${partitions} partitions, not ${partition + 1}`);
  const [start, end] = readNumbers(fd, (2 + partition) * 8, 2);
  return { recordBytes, start: start!, end: end!, dataStart: (partitions + 3) * 8 };
}

/** How many records one partition of a partitioned file has. */
export function partitionSize(path: string, partition: number): number {
  const fd = openSync(path, 'r');
  try {
    const { start, end } = partitionRange(fd, path, partition);
    return end - start;
  } finally {
    closeSync(fd);
  }
}

/**
 * The records of one partition of a partitioned file, in chunks of whole records (each chunk its own
 * buffer, 8-byte aligned, so that it may be viewed as a Float64Array).
 */
export function* partitionChunks(path: string, partition: number): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const { recordBytes, start, end, dataStart } = partitionRange(fd, path, partition);
    const perChunk = Math.max(1, Math.floor(READ_CHUNK_BYTES / recordBytes));
    for (let record = start; record < end; record += perChunk) {
      const bytes = Math.min(perChunk, end - record) * recordBytes;
      const chunk = Buffer.allocUnsafeSlow(bytes);
      readFully(fd, chunk, dataStart + record * recordBytes, path);
      yield chunk;
    }
  } finally {
    closeSync(fd);
  }
}

/** Every record of one partition, as one buffer. */
export function readPartition(path: string, partition: number): Buffer {
  const chunks = [...partitionChunks(path, partition)];
  if (chunks.length === 1) return chunks[0]!;
  const all = Buffer.allocUnsafeSlow(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) at += chunk.copy(all, at);
  return all;
}

/** A partition's records of float64 numbers, viewed as such. */
export function numbersOf(chunk: Buffer): Float64Array {
  return new Float64Array(chunk.buffer, chunk.byteOffset, chunk.length / 8);
}

function readNumbers(fd: number, position: number, count: number): Float64Array {
  const bytes = Buffer.allocUnsafeSlow(count * 8);
  readFully(fd, bytes, position, 'a partitioned file');
  return new Float64Array(bytes.buffer, 0, count);
}

function readFully(fd: number, into: Buffer, position: number, name: string): void {
  for (let done = 0; done < into.length;) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) throw new Error(`${name}: ends early`);
    done += n;
  }
}
