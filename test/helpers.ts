/** Helpers shared by the tests: build blocks, run the pipeline in-process or the CLI in a child process. */
import test, { type ImplementationFn } from 'ava';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textBlocks } from '../stages/blocks.js';
import { markTemplate, type MarkedBlock, type SiteView } from '../stages/template.js';
import { run, type RunOptions } from '../pipeline/run.js';
import type { ArticleRecord } from '../pipeline/record.js';

export const ROOT = new URL('..', import.meta.url).pathname;

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

/** Blocks of a text page, marked against explicit supports (by block text). */
export function marked(text: string, supports: Record<string, number> = {}, pages = 5): MarkedBlock[] {
  const blocks = textBlocks(text);
  const byHash = new Map(blocks.map((b) => [b.hash, supports[b.text] ?? 1]));
  const site: SiteView = { pages, support: (hash) => byHash.get(hash) ?? 1 };
  return markTemplate(blocks, site).blocks;
}

export async function runRecords(options: RunOptions) {
  const records: ArticleRecord[] = [];
  const result = await run(options, (record) => {
    records.push(record);
  });
  return { records, ...result };
}

/** A scratch directory with copies of the named fixture folders (relative to fixtures/). */
export function scratchCopy(...folders: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'winnow-test-'));
  for (const folder of folders) cpSync(join(ROOT, 'fixtures', folder), join(dir, folder), { recursive: true });
  return dir;
}

export function fixtureFiles(folder: string): string[] {
  return readdirSync(join(ROOT, 'fixtures', folder)).sort();
}

/** Run the CLI from source, in `cwd`. */
export function cli(args: string[], cwd = ROOT, input?: string) {
  const result = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'pipeline/cli.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    input,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function parseNdjson(text: string): ArticleRecord[] {
  return text.trim() ? text.trim().split('\n').map((line) => JSON.parse(line) as ArticleRecord) : [];
}
