/**
 * plan (one task): lists the inputs once and splits them into `tasks` shards, contiguous in source order
 * and balanced by bytes. The concatenation of the shards' outputs must be the single-machine output, which
 * is sorted by `compareSources` (by path, then `FILE#N` numerically) — not the listing order: inputs come in
 * command-line order, and a directory `a/b/` is listed before its sibling `a/b.txt`, which sorts first. So
 * files are ordered by the path part of their records' sources, and a file whose name ends in `#N` (whose
 * records may sort under two path parts) is kept in one shard with the files it may interleave with.
 * Each file's size and modification time are recorded: a task refuses a file that changed since.
 *
 * A file is never split: a WARC that is most of a dump makes one shard most of the work.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputSet, listFiles, type FileEntry } from '../input/inputs.js';
import type { WorkDir } from '../work/layout.js';
import { single, type Plan, type RunSettings, type Step } from './step.js';

/** What `winnow run` was asked, kept in the work directory for every task (and for a rerun to compare). */
export interface RunRequest {
  /** The directory relative inputs are relative to; tasks run there. */
  readonly cwd: string;
  readonly inputs: readonly string[];
  readonly settings: RunSettings;
  readonly tasks: number;
  /** The output directory (absolute). */
  readonly out: string;
}

/** A file of a shard, as it was when planned; or a listing error (the clean step rejects it). */
export type PlannedFile =
  { readonly path: string; readonly size: number; readonly mtimeNs: string } | { readonly path: string; readonly error: string };

/** What the plan says of each shard, for `winnow status`. */
export interface PlanSummary {
  readonly files: number;
  readonly bytes: number;
  readonly shards: readonly { readonly files: number; readonly bytes: number }[];
}

const PLANNED = { summary: 'plan.json', shard: (shard: number) => `shard-${shard}.json` } as const;

export function readRequest(work: WorkDir): RunRequest {
  return JSON.parse(readFileSync(work.request, 'utf8')) as RunRequest;
}

export const plan: Step = {
  name: 'plan',
  tasks: single,
  async run({ work, out }) {
    const request = readRequest(work);
    const files: PlannedFile[] = [];
    for await (const entry of listFiles(request.inputs, new Set([work.root, request.out]))) files.push(planned(entry));
    const shards = splitInShards(files, request.tasks);
    shards.forEach((shard, s) => writeFileSync(join(out, PLANNED.shard(s)), JSON.stringify(shard)));
    const bytesOf = (shard: readonly PlannedFile[]) => shard.reduce((sum, file) => sum + ('size' in file ? file.size : 0), 0);
    const summary: PlanSummary = {
      files: files.length,
      bytes: bytesOf(files),
      shards: shards.map((shard) => ({ files: shard.length, bytes: bytesOf(shard) })),
    };
    writeFileSync(join(out, PLANNED.summary), JSON.stringify(summary));
    const unreadable = files.filter((file) => 'error' in file).length;
    const dropped: Record<string, number> = {};
    if (unreadable) dropped['unreadable'] = unreadable;
    return { kept: files.length - unreadable, dropped };
  },
};

function planned(entry: FileEntry): PlannedFile {
  if ('error' in entry) return entry;
  // A pipe or a device can be read once, by one process: not by a task of a plan.
  if (!entry.regular)
    throw new Error(`${entry.path}: not a regular file; a run of tasks reads files (run winnow on one machine to read it)`);
  try {
    const info = statSync(entry.path, { bigint: true });
    return { path: entry.path, size: Number(info.size), mtimeNs: String(info.mtimeNs) };
  } catch (error) {
    return { path: entry.path, error: (error as Error).message };
  }
}

/**
 * The path parts of source order a file's records may sort under: a file's records are `FILE` (a page, whose
 * name `compareSources` reads as `PATH#N` when it ends so) or `FILE#N` (a container).
 */
function pathParts(path: string): readonly [low: string, high: string] {
  return [path.replace(/#\d+$/s, ''), path];
}

/**
 * The files in `tasks` shards, contiguous in source order, balanced by bytes: each shard takes files until
 * the next would take it further past its share than short of it (a file larger than a share is a shard
 * of its own), and leaves at least one group of files to each shard after it while there are enough.
 */
export function splitInShards(files: readonly PlannedFile[], tasks: number): PlannedFile[][] {
  const byPath = [...files].sort((a, b) => {
    const [pa, pb] = [pathParts(a.path), pathParts(b.path)];
    return pa[0] < pb[0] ? -1 : pa[0] > pb[0] ? 1 : pa[1] < pb[1] ? -1 : pa[1] > pb[1] ? 1 : 0;
  });
  // Groups of files whose ranges of path parts overlap: a shard boundary may only fall between groups.
  const groups: { files: PlannedFile[]; bytes: number }[] = [];
  let high = '';
  for (const file of byPath) {
    const [low, fileHigh] = pathParts(file.path);
    const bytes = 'size' in file ? file.size : 0;
    const current = groups[groups.length - 1];
    if (current && low <= high) {
      current.files.push(file);
      current.bytes += bytes;
      if (fileHigh > high) high = fileHigh;
    } else {
      groups.push({ files: [file], bytes });
      high = fileHigh;
    }
  }
  const shards: PlannedFile[][] = [];
  let remaining = groups.reduce((sum, g) => sum + g.bytes, 0);
  let next = 0;
  for (let s = 0; s < tasks; s++) {
    const share = remaining / (tasks - s);
    const shard: PlannedFile[] = [];
    let bytes = 0;
    while (next < groups.length) {
      const group = groups[next]!;
      const last = s === tasks - 1;
      if (!last && shard.length > 0 && (bytes + group.bytes / 2 > share || groups.length - next <= tasks - s - 1)) break;
      shard.push(...group.files);
      bytes += group.bytes;
      next++;
    }
    remaining -= bytes;
    shards.push(shard);
  }
  return shards;
}

/** An input that is not what the plan recorded. */
export class InputChangedError extends Error {
  override readonly name = 'InputChangedError';
}

/** The plan a run's tasks read: the request, and each shard's files (checked against what was planned). */
export function loadPlan(work: WorkDir): Plan {
  const request = readRequest(work);
  const shards = new Map<number, InputSet>();
  return {
    world: request.tasks,
    inputs: request.inputs,
    settings: request.settings,
    shard(shard) {
      let set = shards.get(shard);
      if (!set) {
        const files = plannedShard(work, shard);
        checkUnchanged(files, work);
        const entries: FileEntry[] = files.map((file) => ('error' in file ? file : { path: file.path, size: file.size, regular: true }));
        shards.set(shard, (set = InputSet.listed(request.inputs, entries, { maxPageBytes: request.settings.maxPageBytes })));
      }
      return set;
    },
  };
}

export function plannedShard(work: WorkDir, shard: number): PlannedFile[] {
  return JSON.parse(readFileSync(work.file('plan', 0, PLANNED.shard(shard)), 'utf8')) as PlannedFile[];
}

export function planSummary(work: WorkDir): PlanSummary {
  return JSON.parse(readFileSync(work.file('plan', 0, PLANNED.summary), 'utf8')) as PlanSummary;
}

/** Throws an InputChangedError for the first file whose size or modification time is not what was planned. */
export function checkUnchanged(files: readonly PlannedFile[], work: WorkDir): void {
  for (const file of files) {
    if ('error' in file) continue;
    let now: { size: bigint; mtimeNs: bigint } | null;
    try {
      now = statSync(file.path, { bigint: true });
    } catch {
      now = null;
    }
    if (now && Number(now.size) === file.size && String(now.mtimeNs) === file.mtimeNs) continue;
    const what = now
      ? Number(now.size) !== file.size
        ? `its size was ${file.size} bytes and is ${now.size}`
        : `it was modified at ${isoOfNs(file.mtimeNs)} and is now at ${isoOfNs(String(now.mtimeNs))}`
      : 'it is gone';
    throw new InputChangedError(
      `${file.path}: changed since the plan in ${work.root} (${what}); run again with a new --work directory to read the inputs as they are`,
    );
  }
}

function isoOfNs(ns: string): string {
  return new Date(Number(BigInt(ns) / 1_000_000n)).toISOString();
}
