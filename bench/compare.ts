/**
 * npm run bench:compare -- INPUT --base REV [--rounds N] [--concurrency N | --page-work]
 *
 * This build of Winnow against another revision of it, on the same input, the two run in turn `rounds` times
 * (default 5): a shared machine's speed drifts by 10% from one minute to the next, more than most changes
 * save, and taking turns puts the drift on both alike. REV (a commit, branch or tag) is built in a temporary
 * git worktree with this checkout's node_modules, so a revision whose dependencies differ runs on these.
 * Each build runs once first, not counted, so that neither pays for a cold disk cache. Prints each run, then
 * each build's median wall time, median and fastest CPU time a page (all threads), and the changes.
 *
 * `--page-work`: instead of each build's `winnow` on INPUT, times only its page work on INPUT's pages held in
 * memory, one thread, after a warm-up pass (`bench/page-work.ts`): process start-up, threads and the disk add
 * no noise. A base revision must have the same `preparePage` and `cleanPage`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareBuilds, type BuildRuns } from './compare-summary.js';
import { cpuPerPage, ROOT, runWinnow, type Row } from './measure.js';
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';

const USAGE = 'usage: npm run bench:compare -- INPUT --base REV [--rounds N] [--concurrency N | --page-work]';
const { values, positionals } = toolArgs(USAGE, {
  allowPositionals: true,
  options: {
    base: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string' },
    'page-work': { type: 'boolean', default: false },
  },
});
const input = positionals[0];
if (!input || !values.base) exitWithUsage(USAGE);
if (values['page-work'] && values.concurrency) exitWithUsage(USAGE, '--page-work runs on one thread: no --concurrency');
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
    { name: `base ${commit.slice(0, 7)}`, dist: join(tree, 'dist'), runs: [] },
    { name: 'this build', dist: join(ROOT, 'dist'), runs: [] },
  ];
  const runners = builds.map(({ name, dist }) =>
    values['page-work'] ? () => pageWork(name, dist) : () => runWinnow('compare', input, dir, extra, join(dist, 'pipeline/cli/cli.js')),
  );
  const how = values['page-work'] ? ', page work only' : extra.length ? `, ${extra.join(' ')}` : '';
  console.log(`${input}: ${rounds} rounds, the two builds in turn${how}\n`);
  for (const run of runners) run();
  for (let round = 1; round <= rounds; round++) {
    builds.forEach((build, b) => {
      const row = runners[b]!();
      build.runs.push(row);
      console.log(`round ${round}, ${build.name}: ${row.seconds.toFixed(2)} s, ${cpuPerPage(row).toFixed(0)} µs CPU a page`);
    });
  }
  const [base, head] = builds as [BuildRuns, BuildRuns];
  const { rows, wallChange, cpuChange, fastestCpuChange } = compareBuilds(base, head);
  console.log('\n| build | runs | median wall s | median CPU µs a page | fastest CPU µs a page |\n|---|---|---|---|---|');
  for (const row of rows)
    console.log(
      `| ${row.name} | ${row.runs} | ${row.wallSeconds.toFixed(2)} | ${row.cpuMicrosPerPage.toFixed(0)} | ${row.fastestCpuMicrosPerPage.toFixed(0)} |`,
    );
  const percent = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  console.log(
    `\nthis build against the base: wall ${percent(wallChange)}, CPU a page ${percent(cpuChange)} (median), ${percent(fastestCpuChange)} (fastest)`,
  );
} finally {
  try {
    git('worktree', 'remove', '--force', tree);
  } catch {
    // Never added (REV did not build a worktree): nothing to remove.
  }
  rmSync(dir, { recursive: true, force: true });
}

/** One timed pass of a build's page work on INPUT's pages, in a process of its own (`bench/page-work.ts`). */
function pageWork(name: string, dist: string): Row {
  const script = join(ROOT, 'bench/page-work.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, dist, input!], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { ...(JSON.parse(out) as Row), name };
}

/** The commit `rev` names in this checkout's repository; a usage error if it names none. */
function revision(rev: string): string {
  try {
    return git('rev-parse', '--verify', `${rev}^{commit}`);
  } catch {
    return exitWithUsage(USAGE, `--base ${rev}: no such commit in ${ROOT}`);
  }
}
