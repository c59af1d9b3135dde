import test from 'ava';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema } from '../../pipeline/cli/config.js';
import { cli, parseNdjson, scratchCopy } from '../helpers.js';

const printConfig = (args: string[], cwd: string) => {
  const { code, stdout, stderr } = cli([...args, '--print-config'], cwd);
  if (code !== 0) throw new Error(`exit ${code}: ${stderr}`);
  return JSON.parse(stdout) as Record<string, unknown>;
};

test('every flag has a config key, and --help names it', (t) => {
  const { stdout } = cli(['--help']);
  for (const key of Object.keys(ConfigSchema.shape)) if (key !== 'inputs') t.true(stdout.includes(`[${key}`), key);
});

test('winnow.config.json sets defaults, flags win, --print-config shows the effective configuration', (t) => {
  const dir = scratchCopy(t, 'seeds');
  const none = printConfig([], dir);
  t.is(none.keepDuplicates, false);
  t.is(none.nearDupThreshold, 0.8);
  t.true(Array.isArray(none.languages) && (none.languages as string[]).includes('rus'));
  writeFileSync(
    join(dir, 'winnow.config.json'),
    JSON.stringify({ inputs: ['seeds'], keepDuplicates: true, concurrency: 3, languages: ['eng', 'rus'], out: 'out/a.ndjson' }),
  );
  const fromFile = printConfig([], dir);
  t.like(fromFile, {
    inputs: ['seeds'],
    keepDuplicates: true,
    concurrency: 3,
    languages: ['eng', 'rus'],
    out: 'out/a.ndjson',
    nearDup: true,
    logFormat: 'text',
  });
  const flagged = printConfig(['-c', '1', '--languages', 'deu', '--no-near-dup', 'other'], dir);
  t.like(flagged, { inputs: ['other'], concurrency: 1, languages: ['deu'], nearDup: false, keepDuplicates: true });
  t.deepEqual(Object.keys(flagged).sort(), Object.keys(ConfigSchema.shape).sort());

  // And the run follows it: inputs and out from the file.
  const { code, stderr } = cli([], dir);
  t.is(code, 0, stderr);
  t.is(parseNdjson(readFileSync(join(dir, 'out/a.ndjson'), 'utf8')).length, 5);
});

test('paths in a --config file are relative to the file', (t) => {
  const dir = scratchCopy(t, 'seeds');
  mkdirSync(join(dir, 'conf'));
  writeFileSync(join(dir, 'conf/winnow.json'), JSON.stringify({ inputs: ['../seeds'], out: 'articles.ndjson', quiet: true }));
  const { code, stderr } = cli(['--config', 'conf/winnow.json'], dir);
  t.is(code, 0, stderr);
  t.is(stderr, '');
  const records = parseNdjson(readFileSync(join(dir, 'conf/articles.ndjson'), 'utf8'));
  t.is(records.length, 5);
  t.true(records[0]!.source.startsWith('seeds/'));
});

test('a bad configuration exits 2 with one line naming the file, the key and the value', (t) => {
  const dir = scratchCopy(t, 'seeds');
  const cases: [unknown, RegExp][] = [
    [{ concurency: 2 }, /^winnow: winnow\.config\.json: "concurency" is not a configuration key \(did you mean "concurrency"\?\)$/],
    [{ concurrency: 'four' }, /^winnow: winnow\.config\.json: "concurrency": expected a number, got "four"$/],
    [{ concurrency: 0 }, /"concurrency": expected a whole number of at least 1, got 0$/],
    [{ nearDupThreshold: 1.5 }, /"nearDupThreshold": expected a number in \(0, 1\], got 1\.5$/],
    [{ languages: ['english'] }, /"languages\.0": expected ISO 639-3 codes such as eng, rus, deu, got \["english"\]$/],
    [{ logFormat: 'xml' }, /"logFormat": expected "text" or "json", got "xml"$/],
    [['seeds'], /winnow\.config\.json: expected an object of settings$/],
  ];
  for (const [settings, message] of cases) {
    writeFileSync(join(dir, 'winnow.config.json'), JSON.stringify(settings));
    const { code, stderr, stdout } = cli(['seeds'], dir);
    t.is(code, 2, JSON.stringify(settings));
    t.regex(stderr.trim(), message);
    t.is(stderr.trim().split('\n').length, 1);
    t.is(stdout, '');
  }
  writeFileSync(join(dir, 'winnow.config.json'), '{"quiet": true,');
  t.regex(cli(['seeds'], dir).stderr, /winnow\.config\.json: not valid JSON/);
  t.regex(cli(['seeds', '--config', 'missing.json'], dir).stderr, /missing\.json: cannot be read \(ENOENT\)/);
  t.regex(cli(['seeds', '--config', 'missing.json'], dir).stderr, /^winnow: /);
  t.is(cli(['seeds', '--page-timeout', '-5'], dir).code, 2);
  t.regex(cli(['seeds', '--page-timeout', 'soon'], dir).stderr, /--page-timeout: expected a number, got "soon"/);
});

test('--log-format json: one JSON object a line on stderr — reject warnings, done; errors too', (t) => {
  const dir = scratchCopy(t, 'seeds');
  writeFileSync(join(dir, 'seeds/junk.bin'), Buffer.from([0, 1, 2, 0, 0]));
  const { code, stderr } = cli(['seeds', '--log-format', 'json', '-o', 'out.ndjson'], dir);
  t.is(code, 0);
  const events = stderr
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  // Progress (at most one a second, TTY or not), then the warnings and the summary.
  const progress = events.filter((e) => e.event === 'progress');
  t.true(progress.length >= 1);
  for (const e of progress)
    t.true(e.level === 'info' && (e.pass === 1 || e.pass === 2) && typeof e.pages === 'number' && typeof e.pages_per_s === 'number');
  const rest = events.filter((e) => e.event !== 'progress');
  t.deepEqual(
    rest.map((e) => [e.level, e.event]),
    [
      ['warn', 'reject'],
      ['info', 'done'],
    ],
  );
  t.like(rest[0], { source: 'seeds/junk.bin', reason: 'binary' });
  t.like(rest[1], {
    totals: { read: 6, emitted: 5, duplicates: 0, rejected: 1, skipped: 0, filtered: 0 },
    out: 'out.ndjson',
    exit_code: 0,
  });
  t.false(Number.isNaN(Date.parse(rest[1]!.time as string)));
  t.is(
    cli(['seeds', '--log-format', 'json', '--quiet', '-o', 'out.ndjson'], dir).stderr.trim().split('\n').length,
    1,
    'quiet: the warning only',
  );

  const usage = cli(['--log-format', 'json', '--concurrency', 'x', 'seeds'], dir);
  t.is(usage.code, 2);
  t.like(JSON.parse(usage.stderr), { level: 'error', event: 'usage', exit_code: 2 });
  const unwritable = cli(['seeds', '--log-format=json', '-o', 'seeds/000_64a2724dbb24db04.txt/x'], dir);
  t.is(unwritable.code, 2);
  t.like(JSON.parse(unwritable.stderr.trim()), { level: 'error', event: 'usage', exit_code: 2 });
});

test('--log-format=json applies to usage errors too', (t) => {
  const usage = cli(['--log-format=json', '--concurrency', 'x', 'seeds']);
  t.is(usage.code, 2);
  t.like(JSON.parse(usage.stderr), { level: 'error', event: 'usage', exit_code: 2 });
});
