/**
 * The run's output files, checked before anything is read and committed together at the end.
 *
 * A regular file (or a name that does not exist yet) is written to a temporary sibling and renamed into
 * place only when every output has been written: a failed or killed run leaves the previous files, never
 * half of them. A symbolic link is followed (the link stays, its target is replaced). Anything else — a
 * character device such as /dev/null, a named pipe, `-` for standard output — is written in place, as a
 * stream. A name ending in `.gz` is gzipped.
 */
import {
  accessSync,
  closeSync,
  constants,
  createWriteStream,
  fsyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';
import { onCleanup } from '../cleanup.js';
import { removeStaleTemps, WriteBuffer } from './files.js';

/** An output that cannot be used; the message names it and says why. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/** Where an output's bytes go. */
type Target =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'stream'; readonly path: string }
  | { readonly kind: 'file'; readonly path: string; readonly temp: string; readonly fd: number };

/** An output by the flag that names it (for messages) and its path (`-` for standard output). */
export interface OutputRequest {
  readonly flag: string;
  readonly path: string;
}

/** One output: buffered writes, back-pressure from the stream, then `finish` and `commit` (or `abort`). */
export class Output {
  private readonly pending = new WriteBuffer();
  /** Where the bytes go: standard output, the device or pipe, or the temporary file. */
  private readonly sink: Writable;
  /** What is written to: the sink, or a gzip stream piped into it. */
  private readonly stream: Writable;
  private readonly gzip: Gzip | null;
  /** The first error of a stream; thrown where the run writes next, not from an event. */
  private failure: Error | null = null;
  private finished = false;
  private readonly forget: () => void;

  constructor(
    readonly request: OutputRequest,
    private readonly target: Target,
  ) {
    this.sink =
      target.kind === 'stdout'
        ? process.stdout
        : target.kind === 'stream'
          ? createWriteStream(target.path, { flags: 'w' })
          : createWriteStream('', { fd: target.fd, autoClose: false });
    this.gzip = request.path.endsWith('.gz') ? createGzip() : null;
    // Standard output is never ended: the process may write more there (the schema, a summary).
    this.gzip?.pipe(this.sink, { end: target.kind !== 'stdout' });
    this.stream = this.gzip ?? this.sink;
    for (const stream of [this.sink, this.gzip]) stream?.on('error', (error: Error) => (this.failure ??= error));
    this.forget = onCleanup(() => this.abort());
  }

  /** Appends bytes (kept until written: do not change them); a promise when the stream asks to wait. */
  write(chunk: Uint8Array): Promise<void> | void {
    if (this.failure) throw this.failure;
    if (this.pending.add(chunk)) return this.drain();
  }

  private async drain(): Promise<void> {
    // events.once rejects when the stream fails while it waits.
    if (this.pending.bytes > 0 && !this.stream.write(this.pending.take())) await once(this.stream, 'drain');
    if (this.failure) throw this.failure;
  }

  /** Everything written and flushed (to disk, for a file); nothing is in place yet. */
  async finish(): Promise<void> {
    if (this.finished) return;
    await this.drain();
    if (this.gzip) {
      this.gzip.end();
      await finished(this.gzip);
    }
    if (this.target.kind !== 'stdout') {
      if (!this.gzip) this.sink.end();
      await finished(this.sink);
    }
    if (this.failure) throw this.failure;
    if (this.target.kind === 'file') {
      fsyncSync(this.target.fd);
      closeSync(this.target.fd);
    }
    this.finished = true;
  }

  /** Puts a finished file in place. */
  commit(): void {
    if (this.target.kind === 'file') renameSync(this.target.temp, this.target.path);
    this.forget();
  }

  abort(): void {
    if (this.sink !== process.stdout) this.sink.destroy();
    this.gzip?.destroy();
    if (this.target.kind === 'file') {
      if (!this.finished) closeQuietly(this.target.fd);
      rmSync(this.target.temp, { force: true });
    }
    this.forget();
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // closed already, by a finish that failed halfway
  }
}

/** The identity of a path on disk (device and inode), or its absolute name when it does not exist yet. */
function identity(path: string): string {
  try {
    const info = statSync(path);
    return `${info.dev}:${info.ino}`;
  } catch {
    return absoluteName(path);
  }
}

/** A path made absolute with its directory's symbolic links resolved (the file itself may not exist). */
function absoluteName(path: string): string {
  const absolute = resolve(path);
  try {
    return join(realpathSync(dirname(absolute)), basename(absolute));
  } catch {
    return absolute;
  }
}

export interface OutputPlan {
  readonly outputs: readonly Output[];
  /** Absolute names of the outputs, which reading the inputs' directories leaves out. */
  readonly excluded: ReadonlySet<string>;
}

/**
 * Checks and opens the outputs before anything is read: each writable, all distinct, none an input.
 * An output inside an input directory is left out of that directory's pages. Throws an OutputError
 * naming the first problem; nothing is then left behind.
 */
export function planOutputs(requests: readonly OutputRequest[], inputs: readonly string[]): OutputPlan {
  const seen = new Map<string, string>();
  const inputIds = new Map<string, string>();
  for (const input of inputs) if (input !== '-') inputIds.set(identity(input), input);
  const targets: [OutputRequest, Target | null][] = [];
  for (const request of requests) {
    const id = request.path === '-' ? 'stdout' : identity(request.path);
    const other = seen.get(id);
    if (other) throw new OutputError(`${request.flag} ${request.path}: the same file as ${other}`);
    seen.set(id, `${request.flag} ${request.path}`);
    const input = inputIds.get(id);
    if (input !== undefined) throw new OutputError(`${request.flag} ${request.path}: is an input (${input}); give another name`);
    targets.push([request, null]);
  }
  const opened: Output[] = [];
  try {
    for (const entry of targets) opened.push(new Output(entry[0], openTarget(entry[0])));
  } catch (error) {
    for (const output of opened) output.abort();
    throw error;
  }
  const excluded = new Set(requests.filter((r) => r.path !== '-').map((r) => absoluteName(r.path)));
  return { outputs: opened, excluded };
}

function openTarget(request: OutputRequest): Target {
  const { path, flag } = request;
  if (path === '-') return { kind: 'stdout' };
  let info;
  try {
    info = statSync(path);
  } catch {
    info = null;
  }
  if (info?.isDirectory()) throw new OutputError(`${flag} ${path}: is a directory`);
  if (info && !info.isFile()) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      throw new OutputError(`${flag} ${path}: cannot be written (${(error as NodeJS.ErrnoException).code})`);
    }
    return { kind: 'stream', path };
  }
  // A regular file, a link to one, or a new name: a temporary sibling of the file the link points to.
  const real = info ? realpathSync(path) : resolve(path);
  try {
    mkdirSync(dirname(real), { recursive: true });
    removeStaleTemps(real);
    const temp = join(dirname(real), `.${basename(real)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    return { kind: 'file', path: real, temp, fd: openSync(temp, 'wx') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new OutputError(`${flag} ${path}: cannot be written (${code})`);
  }
}

/** Finishes every output, then puts the files in place: all of them, or (on a failure) none. */
export async function commitAll(outputs: readonly Output[]): Promise<void> {
  try {
    for (const output of outputs) await output.finish();
  } catch (error) {
    for (const output of outputs) output.abort();
    throw error;
  }
  for (const output of outputs) output.commit();
}

export function abortAll(outputs: readonly Output[]): void {
  for (const output of outputs) output.abort();
}
