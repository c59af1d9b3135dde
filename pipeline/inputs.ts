/**
 * Readers: turn the command line's inputs into pages. Directories are walked recursively in name order
 * (hidden entries skipped, symlink loops detected); each file is one page. Nothing else in Winnow touches
 * the file system for input.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { InputItem, RawPage } from './types.js';

export interface ReadOptions {
  /** Pages larger than this are rejected as `too-large` without being read. */
  readonly maxPageBytes: number;
}

/** Default for `--max-page-bytes`: 16 MiB. */
export const DEFAULT_MAX_PAGE_BYTES = 16 * 1024 * 1024;

type FileEntry = { readonly path: string; readonly size: number } | { readonly path: string; readonly error: string };

/** Every file the inputs name, in a deterministic order, or why it could not be listed. */
export async function* listFiles(inputs: readonly string[]): AsyncGenerator<FileEntry> {
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch (error) {
      yield { path: input, error: describe(error) };
      continue;
    }
    if (info.isDirectory()) yield* walk(input.replace(/\/+$/, '') || '/', new Set([await realpath(input)]));
    else yield { path: input, size: info.size };
  }
}

async function* walk(dir: string, ancestors: Set<string>): AsyncGenerator<FileEntry> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
  } catch (error) {
    yield { path: dir, error: describe(error) };
    return;
  }
  for (const name of names) {
    const path = `${dir}/${name}`;
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const link = await lstat(path).catch(() => null);
      yield { path, error: link?.isSymbolicLink() ? 'broken symbolic link' : describe(error) };
      continue;
    }
    if (info.isDirectory()) {
      const real = await realpath(path);
      if (ancestors.has(real)) {
        yield { path, error: 'symbolic link loop' };
        continue;
      }
      yield* walk(path, new Set([...ancestors, real]));
    } else if (info.isFile()) yield { path, size: info.size };
  }
}

export async function* readInputs(inputs: readonly string[], options: ReadOptions): AsyncGenerator<InputItem> {
  for await (const entry of listFiles(inputs)) {
    if ('error' in entry) {
      yield { reject: { source: entry.path, reason: 'unreadable', detail: entry.error } };
      continue;
    }
    if (entry.size > options.maxPageBytes) {
      yield { reject: { source: entry.path, reason: 'too-large', detail: `${entry.size} bytes > ${options.maxPageBytes}` } };
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(entry.path);
    } catch (error) {
      yield { reject: { source: entry.path, reason: 'unreadable', detail: describe(error) } };
      continue;
    }
    const page: RawPage = {
      source: entry.path,
      url: null,
      directory: dirname(entry.path),
      bytes,
      contentType: contentTypeOf(entry.path),
      fetchedAt: null,
    };
    yield { page };
  }
}

export function contentTypeOf(path: string): string | null {
  if (/\.x?html?$/i.test(path)) return 'text/html';
  if (/\.txt$/i.test(path)) return 'text/plain';
  return null;
}

export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const e = error as { code?: string; message?: string };
    return `${e.code}: ${e.message ?? ''}`.trim();
  }
  return error instanceof Error ? error.message : String(error);
}
