/**
 * Temporary directories: the article spill, the pass cache, spooled streams and site statistics live in
 * one each, under the system's temporary directory (TMPDIR). Each is removed when its owner closes it, or
 * on SIGINT/SIGTERM; a failure to write there (a full disk) says where the temporary files go.
 *
 * A process killed outright (SIGKILL, the kernel's out-of-memory killer, a lost job) cannot remove them,
 * and the pass cache alone may hold gigabytes. So each name carries its owner, `winnow-NAME-PID.NS@HOST-XXXXXX`
 * (process id, PID namespace, host), and the first temporary directory a process makes removes those whose
 * owner ran on this host, in this PID namespace, and is gone. A shared TMPDIR's other hosts and containers
 * are left alone; a reused process id only keeps a dead run's directory a while longer.
 */
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.js';

export class TempDir {
  readonly path: string;
  private readonly forget: () => void;

  /** `name` says what the directory holds: `winnow-NAME-PID.NS@HOST-XXXXXX`. */
  constructor(name: string) {
    sweepOnce();
    const path = temporary(() => mkdtempSync(join(tmpdir(), `winnow-${name}-${process.pid}.${OWNER}-`)));
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

/** This process's namespace and host in a temporary directory's name, after its process id. */
const OWNER = `${pidNamespace()}@${hostname().replace(/[^\w.-]/g, '_')}`;
const OWNED_NAME = /^winnow-[a-z-]+-(\d+)\.(\d+@.+)-\w{6}$/;
let swept = false;

function sweepOnce(): void {
  if (swept) return;
  swept = true;
  removeOrphans(tmpdir());
}

/** Removes the temporary directories in `dir` whose owner, on this host and in this PID namespace, has exited. */
export function removeOrphans(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const owned = OWNED_NAME.exec(name);
    if (!owned || owned[2] !== OWNER || isAlive(Number(owned[1]))) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // another process removing it, or no right to: not this run's concern
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The PID namespace's inode on Linux (process ids are only comparable inside one), else 0. */
function pidNamespace(): string {
  try {
    return /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1] ?? '0';
  } catch {
    return '0';
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
