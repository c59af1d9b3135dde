/**
 * Helpers shared by the tests: build blocks, run the pipeline in-process or the CLI in a child process,
 * scratch directories removed when the test ends.
 *
 * `npm test` builds first: the CLI uses the compiled package (what ships); in-process runs too, from
 * `dist.ts` (kept apart: loading the pipeline costs a test file that does not run it); stage tests import
 * the stages' sources.
 */
import test, { type ExecutionContext, type ImplementationFn } from 'ava';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { textBlocks } from '../stages/blocks.js';
import { PAGE_TYPES, type PageType, type PageTypeResult } from '../stages/page-type.js';
import { markTemplate, type MarkedBlock, type SiteView } from '../stages/template.js';
import type { ArticleRecord } from '../pipeline/output/record.js';
import { bodyContent, type PageBody } from '../pipeline/types.js';

/** The project's directory: the nearest one above this file holding package.json (tests run compiled, from `.build/test`). */
export const ROOT = projectRoot(dirname(fileURLToPath(import.meta.url)));

function projectRoot(dir: string): string {
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no package.json above the tests');
    dir = parent;
  }
  return dir + '/';
}
export const CLI = join(ROOT, 'dist/pipeline/cli/cli.js');
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does)`);

/** The data sets shared between projects: `../shared/datasets` beside the project, or `$WINNOW_SHARED/datasets`. */
export const SHARED_DATASETS = join(process.env.WINNOW_SHARED ?? join(ROOT, '../shared'), 'datasets');

/**
 * `test` for a test that needs shared data files; where one is absent (a user's clone), `test.skip` with
 * the reason in its title, unless WINNOW_REQUIRE_SHARED=1 (CI): then the test fails.
 */
export function sharedDataTest(files: readonly string[]): (title: string, implementation: ImplementationFn<[]>) => void {
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length === 0) return (title, implementation) => test(title, implementation);
  const absent = `${missing.join(', ')} absent`;
  if (process.env.WINNOW_REQUIRE_SHARED === '1') return (title) => test(title, (t) => t.fail(`${absent} and WINNOW_REQUIRE_SHARED=1`));
  return (title, implementation) => test.skip(`${title} [skipped: ${absent}; set WINNOW_SHARED to the shared directory]`, implementation);
}

/** Whether a Slurm cluster answers here with a node ready for jobs (`scripts/slurm/start.sh` starts one). */
export function slurmIsUp(): boolean {
  const sinfo = spawnSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8', timeout: 10_000 });
  return sinfo.status === 0 && /^(idle|mixed|allocated)/m.test(sinfo.stdout);
}

/**
 * `test` for a test that needs a Slurm cluster; without one, `test.skip` with the reason in its title,
 * unless WINNOW_REQUIRE_SLURM=1 (CI, whose .ci/run starts one): then the test fails.
 */
export function slurmTest(): (title: string, implementation: ImplementationFn<[]>) => void {
  if (slurmIsUp()) return (title, implementation) => test.serial(title, implementation);
  const absent = 'no Slurm cluster answers here (sinfo)';
  if (process.env.WINNOW_REQUIRE_SLURM === '1') return (title) => test(title, (t) => t.fail(`${absent} and WINNOW_REQUIRE_SLURM=1`));
  return (title, implementation) =>
    test.skip(`${title} [skipped: ${absent}; scripts/slurm/start.sh starts one, as root; CI sets WINNOW_REQUIRE_SLURM=1]`, implementation);
}

/** Blocks of a text page, marked against explicit supports (by block text). */
export function marked(text: string, supports: Record<string, number> = {}, pages = 5): MarkedBlock[] {
  const blocks = textBlocks(text);
  const byHash = new Map(blocks.map((b) => [b.hash, supports[b.text] ?? 1]));
  const site: SiteView = { pages, support: (hash) => byHash.get(hash) ?? 1 };
  return markTemplate(blocks, site).blocks;
}

/** An empty scratch directory, removed when the test ends. */
export function scratch(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'winnow-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A scratch directory with copies of the named fixture folders (relative to fixtures/). */
export function scratchCopy(t: ExecutionContext, ...folders: string[]): string {
  const dir = scratch(t);
  for (const folder of folders) cpSync(join(ROOT, 'fixtures', folder), join(dir, folder), { recursive: true });
  return dir;
}

export function fixtureFiles(folder: string): string[] {
  return readdirSync(join(ROOT, 'fixtures', folder)).sort();
}

/** Run the compiled CLI in `cwd`; a run that does not end in `timeout` ms is killed (and fails the test that waits for it). */
export function cli(args: string[], cwd = ROOT, input?: string | Buffer, options: Pick<SpawnSyncOptions, 'env' | 'timeout'> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    timeout: options.timeout ?? 60_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...options.env },
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

export function parseNdjson(text: string): ArticleRecord[] {
  return text.trim()
    ? text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ArticleRecord)
    : [];
}

/**
 * The compiled CLI as a child process, killed when the test ends. `until(pattern)` resolves with the
 * first line of standard error that matches (rejects if the child exits first); `exit` resolves with its
 * exit code or signal; `stderr()` is what it wrote there so far.
 */
export function spawnCli(t: ExecutionContext, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
  });
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  const waiting: { pattern: RegExp; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    for (const line of stderr.split('\n')) {
      for (const w of [...waiting]) {
        if (!w.pattern.test(line)) continue;
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  void exit.then(() => {
    for (const w of waiting.splice(0))
      w.reject(new Error(`the child exited before a line matched ${w.pattern}; stderr: ${stderr.slice(-500)}`));
  });
  const until = (pattern: RegExp) => new Promise<string>((resolve, reject) => waiting.push({ pattern, resolve, reject }));
  return { child, exit, until, alive: () => child.exitCode === null && child.signalCode === null, stderr: () => stderr };
}

/** A page-type result certain of `type`, as the model gives it. */
export function certainType(type: PageType): PageTypeResult {
  return { type, scores: Object.fromEntries(PAGE_TYPES.map((t) => [t, t === type ? 1 : 0])) as Record<PageType, number> };
}

/** A page body's bytes: a body read as bytes as it is, text (a string or JSON text as UTF-8) as its UTF-8. */
export function bodyBuffer(body: PageBody): Buffer {
  const content = bodyContent(body);
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

/**
 * A page that takes seconds to read, for the tests of the page timeout: 15 MB (under the 16 MiB page limit) of
 * two-cell table rows, a shape with much work a byte (`npm run bench:shapes`). Its work is linear, so its
 * time is the machine's: several times the tests' 500 and 1,000 ms timeouts on the development machine.
 */
export function slowPage(): string {
  let rows = '';
  for (let i = 0; rows.length < 15e6; i++) rows += `<tr><td>${i}</td><td>w ${i}</td></tr>`;
  return `<html><body><table>${rows}</table></body></html>`;
}
