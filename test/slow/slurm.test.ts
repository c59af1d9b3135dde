/**
 * winnow run --executor slurm on a real Slurm cluster (`scripts/slurm/start.sh`; .ci/run starts it and sets
 * WINNOW_REQUIRE_SLURM=1): the parts are the single-machine output byte for byte; an array task cancelled
 * with scancel fails the run, and the same run again redoes what it left undone and nothing else.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterCorpus, doneMarkers, runOutput, singleRun, type RunOutput } from '../cluster-corpus.js';
import { cli, scratch, slurmTest, spawnCli } from '../helpers.js';

const slurm = slurmTest();
const shared = { dir: '', inputs: [] as string[], expected: null as unknown as RunOutput };

slurm('on Slurm, 4 tasks give the single-machine output of a few thousand pages byte for byte', async (t) => {
  shared.dir = mkdtempSync(join(tmpdir(), 'winnow-test-'));
  // 1500 pages in 32 sites, each as a text file, an HTML file, an NDJSON line and a WARC.gz record.
  shared.inputs = await clusterCorpus(shared.dir, 1500, 4);
  shared.expected = singleRun(shared.dir, shared.inputs);
  const report = JSON.parse(shared.expected.report);
  t.true(report.totals.read > 6000, `a few thousand pages: ${report.totals.read}`);
  t.true(Object.keys(report.sites).length > 30, `many sites: ${Object.keys(report.sites).length}`);
  t.true(report.totals.duplicates > 4000, 'duplicates across files and shards');

  const work = join(scratch(t), 'work');
  const out = join(scratch(t), 'out');
  const result = cli(
    ['run', ...shared.inputs, '--work', work, '--out', out, '--tasks', '4', '--executor', 'slurm'],
    shared.dir,
    undefined,
    {
      timeout: 600_000,
    },
  );
  t.is(result.code, 0, result.stderr);
  t.regex(result.stderr, /^winnow: clean: job \d+, 4 tasks \(winnow-clean\)$/m);
  const got = runOutput(out);
  t.true(got.records.equals(shared.expected.records), 'records');
  t.is(got.report, shared.expected.report);
  t.is(got.rejects, shared.expected.rejects);
  t.deepEqual(readdirSync(join(work, 'slurm')).filter((name) => name.endsWith('.sbatch')).length, 8);
});

slurm('an array task cancelled with scancel fails the run; the same run again redoes that task and the steps after it only', async (t) => {
  t.teardown(() => rmSync(shared.dir, { recursive: true, force: true }));
  if (!shared.expected) return t.fail('the first Slurm test made the corpus');
  const work = join(scratch(t), 'work');
  const out = join(scratch(t), 'out');
  const args = ['run', ...shared.inputs, '--work', work, '--out', out, '--tasks', '4', '--executor', 'slurm'];
  const driver = spawnCli(t, args, shared.dir);
  // The first task of clean that runs is cancelled once it has begun its work (its running marker is there).
  let cancelled: string | null = null;
  while (cancelled === null && driver.alive()) {
    const running = spawnSync('squeue', ['-h', '--name=winnow-clean', '-t', 'RUNNING', '-o', '%i'], { encoding: 'utf8' }).stdout.split(
      '\n',
    );
    cancelled = running.find((task) => task && existsSync(join(work, `markers/clean/${task.split('_')[1]}.running`))) ?? null;
    if (cancelled) spawnSync('scancel', [cancelled]);
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  t.truthy(cancelled, `a clean task ran: ${driver.stderr()}`);
  const rank = Number(cancelled!.split('_')[1]);
  const ended = await driver.exit;
  t.is(ended.code, 1, driver.stderr());
  t.regex(driver.stderr(), new RegExp(`clean ${rank}: failed on .*stopped by a signal`));
  t.regex(cli(['status', '--work', work], shared.dir).stdout, new RegExp(`^failed: clean ${rank} on .*: stopped by a signal$`, 'm'));

  const before = doneMarkers(work);
  t.deepEqual(
    [...before.keys()].filter((m) => m.startsWith('clean/')).sort(),
    [0, 1, 2, 3].filter((r) => r !== rank).map((r) => `clean/${r}.done`),
  );
  const rerun = cli(args, shared.dir, undefined, { timeout: 600_000 });
  t.is(rerun.code, 0, rerun.stderr);
  t.regex(rerun.stderr, /^winnow: clean: job \d+, 1 task \(winnow-clean\)$/m);
  t.notRegex(rerun.stderr, /^winnow: (plan|learn|merge-stats): job/m);
  const after = doneMarkers(work);
  for (const [marker, stamp] of before) t.is(after.get(marker), stamp, `${marker} was not done again`);
  const got = runOutput(out);
  t.true(got.records.equals(shared.expected.records), 'records');
  t.is(got.report, shared.expected.report);
  t.is(got.rejects, shared.expected.rejects);
});
