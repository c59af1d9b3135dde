/**
 * Temporary directories: the article spill, the pass cache, spooled streams and site statistics live in
 * one each, under the system's temporary directory (TMPDIR). Each is removed when its owner closes it, or
 * on SIGINT/SIGTERM; a failure to write there (a full disk) says where the temporary files go.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.js';

export class TempDir {
  readonly path: string;
  private readonly forget: () => void;

  /** `name` says what the directory holds: `winnow-NAME-XXXXXX`. */
  constructor(name: string) {
    const path = temporary(() => mkdtempSync(join(tmpdir(), `winnow-${name}-`)));
    this.path = path;
    this.forget = onCleanup(() => rmSync(path, { recursive: true, force: true }));
  }

  /** A file's path in the directory. */
  file(name: string): string {
    return join(this.path, name);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
    this.forget();
  }
}

/** Runs a temporary-file operation; its failure names the temporary directory (a full disk, most often). */
export function temporary<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    throw temporaryError(error);
  }
}

/** A temporary-file error that names the temporary directory. */
export function temporaryError(error: unknown): Error {
  const e = error as NodeJS.ErrnoException;
  return new Error(`the temporary directory ${tmpdir()} (TMPDIR): ${e.code === 'ENOSPC' ? 'no space left' : e.message}`, { cause: error });
}
