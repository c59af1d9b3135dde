import test from 'ava';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, parseNdjson, ROOT, scratchCopy } from '../helpers.js';
import { RecordSchema } from '../../pipeline/output/record.js';

test('--help documents every option and exits 0', (t) => {
  const { code, stdout } = cli(['--help']);
  t.is(code, 0);
  for (const option of ['--out', '--report', '--rejects', '--concurrency', '--languages', '--max-page-bytes', '--quiet'])
    t.true(stdout.includes(option), option);
});

test('the built command and its worker are one file each: they import only Node built-ins', (t) => {
  // Each process and each worker thread then loads one script, not a tree of modules: the start-up a run pays.
  const importSpecifier =
    /^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|^import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;
  for (const file of ['dist/pipeline/cli/cli.js', 'dist/pipeline/workers/worker.js']) {
    const specifiers = [...readFileSync(join(ROOT, file), 'utf8').matchAll(importSpecifier)].map((m) => m[1] ?? m[2] ?? m[3]);
    t.true(specifiers.includes('node:worker_threads'), file);
    t.deepEqual(
      specifiers.filter((specifier) => !specifier!.startsWith('node:')),
      [],
      file,
    );
  }
});

test('bad usage exits 2 with a one-line message', (t) => {
  for (const args of [[], ['--concurrency', 'zero', 'x'], ['--bogus', 'x'], ['--languages', 'english', 'x']]) {
    const { code, stderr, stdout } = cli(args);
    t.is(code, 2, args.join(' '));
    t.is(stderr.trim().split('\n').length, 1);
    t.is(stdout, '');
  }
});

test('records to --out, report and rejects to their files; the report balances', (t) => {
  const dir = scratchCopy(t, 'seeds');
  writeFileSync(join(dir, 'seeds/junk.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 0, 9]));
  const { code, stdout, stderr } = cli(
    ['seeds', '--out', 'out/articles.ndjson', '--report', 'out/report.json', '--rejects', 'out/rejects.ndjson'],
    dir,
  );
  t.is(code, 0, stderr);
  t.is(stdout, '');
  const records = parseNdjson(readFileSync(join(dir, 'out/articles.ndjson'), 'utf8'));
  t.is(records.length, 5);
  for (const record of records) t.true(RecordSchema.safeParse(record).success);
  t.true(records[0]!.source.startsWith('seeds/'), 'sources keep the path as given');
  const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
  const { read, emitted, duplicates, rejected, skipped } = report.totals;
  t.is(read, emitted + duplicates + rejected + skipped);
  t.deepEqual(report.totals, { read: 6, emitted: 5, duplicates: 0, rejected: 1, skipped: 0, filtered: 0 });
  t.deepEqual(report.inputs, { seeds: { read: 6, emitted: 5, duplicates: 0, rejected: 1, skipped: 0, filtered: 0 } });
  t.true(report.stages.template.dropped.template > 0);
  t.deepEqual(parseNdjson(readFileSync(join(dir, 'out/rejects.ndjson'), 'utf8')), [
    { source: 'seeds/junk.txt', reason: 'binary', detail: 'NUL byte at offset 0', excerpt: '' },
  ] as never);
  t.deepEqual(readdirSync(join(dir, 'out')).sort(), ['articles.ndjson', 'rejects.ndjson', 'report.json'], 'no temporary file left');
});
