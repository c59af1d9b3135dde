/**
 * winnow run split into tasks, with the local executor: the same bytes as one machine whatever the number
 * of tasks, a rerun that redoes only what a killed task left undone, inputs changed since the plan refused,
 * and winnow status.
 */
import test from 'ava';
import fc from 'fast-check';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareSources } from '../../stages/dedup.js';
import { splitInShards, type PlannedFile } from '../../pipeline/steps/plan.js';
import { clusterCorpus, doneMarkers, partsOf, runOutput, singleRun, type RunOutput } from '../cluster-corpus.js';
import { cli, ROOT, scratch, slowPage, spawnCli } from '../helpers.js';

/** The corpus and its single-machine output, made once for the tests that compare with it (they only read it). */
const shared = { dir: '', inputs: [] as string[], expected: null as unknown as RunOutput };
test.before(async () => {
  shared.dir = mkdtempSync(join(tmpdir(), 'winnow-test-'));
  shared.inputs = await clusterCorpus(shared.dir, 100);
  shared.expected = singleRun(shared.dir, shared.inputs);
});
test.after.always(() => rmSync(shared.dir, { recursive: true, force: true }));

const run = (dir: string, inputs: string[], work: string, out: string, tasks: number, extra: string[] = []) =>
  cli(['run', ...inputs, '--work', work, '--out', out, '--tasks', String(tasks), '--concurrency', '1', '-q', ...extra], dir, undefined, {
    timeout: 180_000,
  });

for (const tasks of [1, 2, 3, 7]) {
  test.serial(
    `at ${tasks} task${tasks > 1 ? 's' : ''} the parts are the single-machine output byte for byte, and so are the report and the rejects`,
    (t) => {
      const { dir, inputs, expected } = shared;
      t.true(JSON.parse(expected.report).totals.duplicates > 100, 'the crawl has duplicates across formats');
      const out = join(scratch(t), 'out');
      const result = run(dir, inputs, join(scratch(t), 'work'), out, tasks);
      t.is(result.code, 0, result.stderr);
      const names = partsOf(out);
      t.deepEqual(
        names,
        Array.from({ length: tasks }, (_, i) => `part-${String(i).padStart(5, '0')}.ndjson`),
      );
      t.true(
        names.filter((name) => statSync(join(out, name)).size > 0).length >= Math.min(tasks, 3),
        'the records are spread over the parts',
      );
      const got = runOutput(out);
      t.true(got.records.equals(expected.records), `records at ${tasks} tasks`);
      t.is(got.report, expected.report, `report at ${tasks} tasks`);
      t.is(got.rejects, expected.rejects, `rejects at ${tasks} tasks`);
    },
  );
}

test.serial('--page-types reaches every clean task: filtered and counted by type as on one machine, byte for byte', (t) => {
  const { dir, inputs, expected } = shared;
  t.true(Object.keys(JSON.parse(expected.report).page_types).length > 1, 'the crawl has HTML pages of more than one type');
  const flags = ['--page-types', 'listing,forum'];
  const single = join(scratch(t), 'single');
  const one = cli(
    [
      ...inputs,
      '-q',
      ...flags,
      '-o',
      join(single, 'out.ndjson'),
      '--report',
      join(single, 'report.json'),
      '--rejects',
      join(single, 'rejects.ndjson'),
    ],
    dir,
  );
  t.is(one.code, 0, one.stderr);
  const out = join(scratch(t), 'out');
  const result = run(dir, inputs, join(scratch(t), 'work'), out, 3, flags);
  t.is(result.code, 0, result.stderr);
  const got = runOutput(out);
  const report = readFileSync(join(single, 'report.json'), 'utf8');
  t.true((JSON.parse(report) as { filters: Record<string, number> }).filters['page-type']! > 0, 'pages are filtered by type');
  t.true(got.records.equals(readFileSync(join(single, 'out.ndjson'))));
  t.is(got.report, report);
  t.is(got.rejects, readFileSync(join(single, 'rejects.ndjson'), 'utf8'));
});

test.serial(
  'a task killed mid-way fails the run and status says so; the same run again redoes that task and the steps after it only',
  async (t) => {
    const { dir, inputs, expected } = shared;
    const work = join(scratch(t), 'work');
    const out = join(scratch(t), 'out');
    const driver = spawnCli(t, ['run', ...inputs, '--work', work, '--out', out, '--tasks', '3', '--concurrency', '1', '-q'], dir);
    // Kill clean's task 1 as soon as it runs: its pid is in its running marker.
    const running = join(work, 'markers/clean/1.running');
    let pid: number | null = null;
    while (pid === null && driver.alive()) {
      try {
        pid = (JSON.parse(readFileSync(running, 'utf8')) as { pid: number }).pid;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    t.truthy(pid, `clean 1 started: ${driver.stderr()}`);
    process.kill(pid!, 'SIGKILL');
    const ended = await driver.exit;
    t.is(ended.code, 1);
    t.regex(driver.stderr(), /clean 1: killed by SIGKILL/);
    const status = cli(['status', '--work', work], dir);
    t.regex(status.stdout, /^stopped: clean 1 on .* its process is gone/m);
    t.regex(status.stdout, /^clean\s+3\s+2\s+0\s+1\s+0/m);
    t.regex(status.stdout, /^not complete/m);

    const before = doneMarkers(work);
    t.true(['plan/0.done', 'learn/2.done', 'merge-stats/0.done', 'clean/0.done', 'clean/2.done'].every((m) => before.has(m)));
    t.false(before.has('clean/1.done'));
    const rerun = run(dir, inputs, work, out, 3);
    t.is(rerun.code, 0, rerun.stderr);
    const after = doneMarkers(work);
    for (const [marker, stamp] of before) t.is(after.get(marker), stamp, `${marker} was not done again`);
    t.is(after.size, 1 + 3 + 3 + 3 + 3 + 1 + 3 + 1);
    const got = runOutput(out);
    t.true(got.records.equals(expected.records));
    t.is(got.report, expected.report);
    t.regex(cli(['status', '--work', work], dir).stdout, /^complete: the outputs are in /m);
  },
);

test('an input changed since the plan is refused, by the run and by its tasks; status shows the plan and what is pending', (t) => {
  const dir = scratch(t);
  cpSync(join(ROOT, 'fixtures/seeds'), join(dir, 'seeds'), { recursive: true });
  const work = join(dir, 'work');
  const dry = run(dir, ['seeds'], work, join(dir, 'out'), 2, ['--dry-run']);
  t.is(dry.code, 0, dry.stderr);
  t.is(cli(['step', 'plan', '--work', work], dir, undefined, { env: { SLURM_ARRAY_TASK_ID: '0' } }).code, 0);
  const status = JSON.parse(cli(['status', '--work', work, '--log-format', 'json'], dir).stdout);
  t.like(status, { complete: false, plan: { files: 5 } });
  t.is(status.plan.shards.length, 2);
  t.deepEqual(
    status.steps.map((s: { step: string; done: number; pending: number }) => [s.step, s.done, s.pending]),
    [
      ['plan', 1, 0],
      ['learn', 0, 2],
      ['merge-stats', 0, 2],
      ['clean', 0, 2],
      ['dedup', 0, 2],
      ['join', 0, 1],
      ['write', 0, 2],
      ['report', 0, 1],
    ],
  );

  appendFileSync(join(dir, 'seeds/004_25d3ec7f288ff7e8.txt'), '\nA late addition.\n');
  const refused = run(dir, ['seeds'], work, join(dir, 'out'), 2);
  t.is(refused.code, 2);
  t.regex(
    refused.stderr,
    /^winnow: seeds\/004_25d3ec7f288ff7e8\.txt: changed since the plan in .* \(its size was \d+ bytes and is \d+\); run again with a new --work directory/,
  );
  const task = cli(['step', 'learn', '--work', work, '--rank', '1'], dir);
  t.is(task.code, 1);
  t.regex(task.stderr, /learn 1: seeds\/004_25d3ec7f288ff7e8\.txt: changed since the plan/);
  t.regex(cli(['status', '--work', work], dir).stdout, /^failed: learn 1 on .*changed since the plan/m);
});

test('what a run cannot do is a usage error, before anything is written', (t) => {
  const dir = scratch(t);
  cpSync(join(ROOT, 'fixtures/seeds'), join(dir, 'seeds'), { recursive: true });
  mkdirSync(join(dir, 'full'));
  writeFileSync(join(dir, 'full/old.ndjson'), '{}\n');
  const cases: [string[], RegExp][] = [
    [['run', '-', '--work', 'w', '--out', 'o', '--tasks', '2'], /standard input\) can be read by one process only/],
    [['run', 'seeds', '--work', 'w', '--out', 'o'], /--tasks N is required/],
    [['run', 'seeds', '--out', 'o', '--tasks', '2'], /--work DIR is required/],
    [['run', 'seeds', '--work', 'w', '--out', 'full', '--tasks', '2'], /--out .*full: not empty/],
    [['run', 'seeds', '--work', 'w', '--out', 'o', '--tasks', '2', '--report', 'r.json'], /run: Unknown option '--report'/],
    [['run', 'seeds', '--work', 'w', '--out', 'o', '--tasks', '2', '--executor', 'pbs'], /--executor: expected "local" or "slurm"/],
    [['step', 'polish', '--work', 'w'], /polish is not a step/],
    [['status', '--work', 'nowhere'], /no run there/],
  ];
  for (const [args, message] of cases) {
    const result = cli(args, dir);
    t.is(result.code, 2, args.join(' '));
    t.regex(result.stderr, message, args.join(' '));
  }
  t.deepEqual(readdirSync(dir).sort(), ['full', 'seeds']);
  t.is(run(dir, ['seeds'], join(dir, 'w'), join(dir, 'o'), 2, ['--dry-run']).code, 0);
  const other = run(dir, ['seeds'], join(dir, 'w'), join(dir, 'o'), 3, ['--dry-run']);
  t.is(other.code, 2);
  t.regex(other.stderr, /holds a run with other --tasks: give a new --work directory/);
});

test('shards are contiguous in source order whatever the names: their records sorted one by one are all the records sorted', (t) => {
  const name = fc.stringMatching(/^[ab#1-3!./-]{1,6}$/);
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.record({ name, container: fc.boolean(), size: fc.nat(1000) }), { selector: (f) => f.name, maxLength: 30 }),
      (files) => {
        // A container's records are FILE#N (and, if it is cut short, a reject FILE); a page's is FILE.
        const sourcesOf = (f: (typeof files)[number]) => (f.container ? [`${f.name}#1`, `${f.name}#2`, `${f.name}#10`, f.name] : [f.name]);
        const planned: PlannedFile[] = files.map((f) => ({ path: f.name, size: f.size, mtimeNs: '0' }));
        const all = files.flatMap(sourcesOf).sort(compareSources);
        for (let tasks = 1; tasks <= 6; tasks++) {
          const shards = splitInShards(planned, tasks);
          t.is(shards.length, tasks);
          const joined = shards.flatMap((shard) =>
            shard.flatMap((p) => sourcesOf(files.find((f) => f.name === p.path)!)).sort(compareSources),
          );
          if (JSON.stringify(joined) !== JSON.stringify(all)) return false;
        }
        return true;
      },
    ),
    { numRuns: 300 },
  );
  t.pass();
});

test('a file larger than a share is a shard of its own; the others share the rest by bytes', (t) => {
  const file = (path: string, size: number): PlannedFile => ({ path, size, mtimeNs: '0' });
  const shards = splitInShards([file('a', 10), file('b', 10), file('big', 1000), file('c', 10), file('d', 10), file('e', 10)], 3);
  t.deepEqual(
    shards.map((shard) => shard.map((f) => f.path)),
    [['a', 'b'], ['big'], ['c', 'd', 'e']],
  );
  t.deepEqual(
    splitInShards([file('a', 1), file('b', 1)], 4).map((s) => s.length),
    [1, 1, 0, 0],
  );
});

test('a page that times out in learn is rejected once, in its shard, and the merged report balances as on one machine', (t) => {
  const dir = scratch(t);
  cpSync(join(ROOT, 'fixtures/seeds'), join(dir, 'seeds'), { recursive: true });
  writeFileSync(join(dir, 'seeds/slow.html'), slowPage());
  const options = ['--page-timeout', '1000', '-c', '1'];
  const single = cli(['seeds', ...options, '-q', '-o', 'single.ndjson', '--report', 'single.json', '--rejects', 'rejects.ndjson'], dir);
  t.is(single.code, 0, single.stderr);
  const report = JSON.parse(readFileSync(join(dir, 'single.json'), 'utf8'));
  t.deepEqual(report.rejects, { timeout: 1 });
  const result = run(dir, ['seeds'], join(dir, 'work'), join(dir, 'out'), 2, ['--page-timeout', '1000']);
  t.is(result.code, 0, result.stderr);
  const got = runOutput(join(dir, 'out'));
  t.true(got.records.equals(readFileSync(join(dir, 'single.ndjson'))));
  t.is(got.report, readFileSync(join(dir, 'single.json'), 'utf8'));
  t.is(got.rejects, readFileSync(join(dir, 'rejects.ndjson'), 'utf8'));
});
