/**
 * npm run bench:compare -- INPUT --base REV [--rounds N] [--concurrency N]
 *
 * This build of Winnow against another revision of it, on the same input, the two run in turn `rounds` times
 * (default 5): a shared machine's speed drifts by 10% from one minute to the next, more than most changes
 * save, and taking turns puts the drift on both alike. REV (a commit, branch or tag) is built in a temporary
 * git worktree with this checkout's node_modules, so a revision whose dependencies differ runs on these.
 * Each build runs once first, not counted, so that neither pays for a cold disk cache. Prints each run, then each
 * build's median wall time and CPU time a page (all threads), and the change.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareBuilds, type BuildRuns } from './compare-summary.js';
import { cpuPerPage, ROOT, runWinnow } from './measure.js';
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';

const USAGE = 'usage: npm run bench:compare -- INPUT --base REV [--rounds N] [--concurrency N]';
const { values, positionals } = toolArgs(USAGE, {
  allowPositionals: true,
  options: { base: { type: 'string' }, rounds: { type: 'string', default: '5' }, concurrency: { type: 'string' } },
});
const input = positionals[0];
if (!input || !values.base) exitWithUsage(USAGE);
const rounds = Math.max(1, Number(values.rounds));
const extra = values.concurrency ? ['--concurrency', values.concurrency] : [];

const git = (...args: string[]) =>
  execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const commit = revision(values.base);
const dir = mkdtempSync(join(tmpdir(), 'winnow-bench-compare-'));
const tree = join(dir, 'base');
try {
  git('worktree', 'add', '--detach', tree, commit);
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(tree, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  const builds: BuildRuns[] = [
    { name: `base ${commit.slice(0, 7)}`, cli: join(tree, 'dist/pipeline/cli/cli.js'), runs: [] },
    { name: 'this build', cli: join(ROOT, 'dist/pipeline/cli/cli.js'), runs: [] },
  ];
  console.log(`${input}: ${rounds} rounds, the two builds in turn${extra.length ? `, ${extra.join(' ')}` : ''}\n`);
  for (const build of builds) runWinnow('compare', input, dir, extra, build.cli);
  for (let round = 1; round <= rounds; round++) {
    for (const build of builds) {
      const row = runWinnow('compare', input, dir, extra, build.cli);
      build.runs.push(row);
      console.log(`round ${round}, ${build.name}: ${row.seconds.toFixed(2)} s, ${cpuPerPage(row).toFixed(0)} µs CPU a page`);
    }
  }
  const [base, head] = builds as [BuildRuns, BuildRuns];
  const { rows, wallChange, cpuChange } = compareBuilds(base, head);
  console.log('\n| build | runs | median wall s | median CPU µs a page |\n|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.name} | ${row.runs} | ${row.wallSeconds.toFixed(2)} | ${row.cpuMicrosPerPage.toFixed(0)} |`);
  const percent = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  console.log(`\nthis build against the base: wall ${percent(wallChange)}, CPU a page ${percent(cpuChange)}`);
} finally {
  try {
    git('worktree', 'remove', '--force', tree);
  } catch {
    // Never added (REV did not build a worktree): nothing to remove.
  }
  rmSync(dir, { recursive: true, force: true });
}

/** The commit `rev` names in this checkout's repository; a usage error if it names none. */
function revision(rev: string): string {
  try {
    return git('rev-parse', '--verify', `${rev}^{commit}`);
  } catch {
    return exitWithUsage(USAGE, `--base ${rev}: no such commit in ${ROOT}`);
  }
}
