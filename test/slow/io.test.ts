/**
 * Inputs and outputs a user can trust: pipes and devices read once and written in place, outputs checked
 * before anything is read and committed together, JSON exports in every common shape, a full temporary
 * directory. Each case is generated here; every run is bounded by a timeout.
 */
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CLI, cli, parseNdjson, ROOT, scratch, scratchCopy } from '../helpers.js';

const SEEDS = ['000_64a2724dbb24db04.txt', '001_639f37363447da70.txt', '002_aea447755fbbf99c.txt'].map((name) =>
  readFileSync(join(ROOT, 'fixtures/seeds', name), 'utf8'),
);
const isRoot = process.getuid?.() === 0;
const bash = (script: string, cwd: string) =>
  spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
const W = `"${process.execPath}" "${CLI}"`;

test('a named pipe, /dev/stdin and a process substitution are read once and serve both passes', (t) => {
  const dir = scratch(t);
  writeFileSync(join(dir, 'page.txt'), SEEDS[0]!);
  const fifo = bash(`mkfifo p; cat page.txt > p & ${W} p -q; wait`, dir);
  t.is(fifo.status, 0, fifo.stderr);
  t.is(parseNdjson(fifo.stdout).length, 1);
  t.is(parseNdjson(fifo.stdout)[0]!.source, 'p');
  const stdin = bash(`cat page.txt | ${W} /dev/stdin -q`, dir);
  t.is(parseNdjson(stdin.stdout).length, 1, stdin.stderr);
  const substituted = bash(`${W} <(cat page.txt) -q`, dir);
  t.is(parseNdjson(substituted.stdout).length, 1, substituted.stderr);
});

test('a named pipe inside a directory is a reject, not a hang', (t) => {
  const dir = scratchCopy(t, 'seeds');
  spawnSync('mkfifo', [join(dir, 'seeds/pipe')]);
  const { code, stderr } = cli(['seeds', '-o', 'out.ndjson', '--rejects', 'rejects.ndjson'], dir);
  t.is(code, 0, stderr);
  t.like(parseNdjson(readFileSync(join(dir, 'rejects.ndjson'), 'utf8'))[0], { source: 'seeds/pipe', reason: 'unreadable' } as never);
});

test('outputs that are not regular files are written in place: a pipe, a device, standard output; a link is followed', async (t) => {
  const dir = scratchCopy(t, 'seeds');
  // A pipe: a reader takes the records; the pipe is still a pipe afterwards.
  spawnSync('mkfifo', [join(dir, 'records.pipe')]);
  const reader = spawn('sh', ['-c', 'cat records.pipe > received.ndjson'], { cwd: dir });
  t.teardown(() => reader.kill('SIGKILL'));
  const toPipe = cli(['seeds', '-q', '-o', 'records.pipe'], dir);
  t.is(toPipe.code, 0, toPipe.stderr);
  await new Promise((resolve) => reader.once('exit', resolve));
  t.is(parseNdjson(readFileSync(join(dir, 'received.ndjson'), 'utf8')).length, 5);
  t.true(lstatSync(join(dir, 'records.pipe')).isFIFO());
  // `-`: standard output, never a file named "-".
  const toStdout = cli(['seeds', '-q', '-o', '-'], dir);
  t.is(parseNdjson(toStdout.stdout).length, 5);
  t.false(readdirSync(dir).includes('-'));
  // A link to a file: the link stays, its target gets the records.
  writeFileSync(join(dir, 'target.ndjson'), 'old\n');
  symlinkSync('target.ndjson', join(dir, 'link.ndjson'));
  t.is(cli(['seeds', '-q', '-o', 'link.ndjson'], dir).code, 0);
  t.true(lstatSync(join(dir, 'link.ndjson')).isSymbolicLink());
  t.is(parseNdjson(readFileSync(join(dir, 'target.ndjson'), 'utf8')).length, 5);
});

(isRoot ? test : test.skip)(
  `a character device as an output stays a device${isRoot ? '' : ' (skipped: making a device node needs root)'}`,
  (t) => {
    const dir = scratchCopy(t, 'seeds');
    // A device node of our own that is the null device: as root, a rename over it would replace it.
    t.is(spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status, 0);
    const { code, stderr } = cli(['seeds', '-o', 'null', '--report', 'null2'], dir);
    t.is(code, 0, stderr);
    t.true(statSync(join(dir, 'null')).isCharacterDevice());
  },
);

test('outputs are checked before anything is read: an input, two outputs on one file, an unwritable one — exit 2, nothing touched', (t) => {
  const dir = scratchCopy(t, 'seeds');
  writeFileSync(join(dir, 'page.txt'), SEEDS[0]!);
  writeFileSync(join(dir, 'previous.ndjson'), 'previous\n');
  const cases: [string[], RegExp][] = [
    [['page.txt', '-o', 'page.txt'], /^winnow: --out page\.txt: is an input \(page\.txt\)/],
    [
      ['seeds', '-o', 'previous.ndjson', '--report', 'previous.ndjson'],
      /^winnow: --report previous\.ndjson: the same file as --out previous\.ndjson/,
    ],
    [
      ['seeds', '-o', 'previous.ndjson', '--report', 'page.txt/report.json'],
      /^winnow: --report page\.txt\/report\.json: cannot be written/,
    ],
    [['seeds', '-o', '-', '--rejects', '-'], /the same file as --out -/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr, stdout } = cli(args, dir);
    t.is(code, 2, args.join(' '));
    t.regex(stderr, message);
    t.is(stderr.trim().split('\n').length, 1);
    t.is(stdout, '');
  }
  t.is(readFileSync(join(dir, 'previous.ndjson'), 'utf8'), 'previous\n');
  t.is(readFileSync(join(dir, 'page.txt'), 'utf8'), SEEDS[0]!);
  t.deepEqual(
    readdirSync(dir).filter((name) => name.startsWith('.')),
    [],
    'no temporary file left',
  );
});

test('outputs inside an input directory are not read back: a second run gives the same bytes', (t) => {
  const dir = scratchCopy(t, 'seeds');
  const run = () => cli(['seeds', '-q', '-o', 'seeds/corpus.ndjson', '--report', 'seeds/report.json'], dir);
  t.is(run().code, 0);
  const first = readFileSync(join(dir, 'seeds/corpus.ndjson'), 'utf8');
  t.is(run().code, 0);
  t.is(readFileSync(join(dir, 'seeds/corpus.ndjson'), 'utf8'), first);
  t.is(JSON.parse(readFileSync(join(dir, 'seeds/report.json'), 'utf8')).totals.read, 5);
});

test('gzip outputs: -o and --rejects ending in .gz', (t) => {
  const dir = scratchCopy(t, 'seeds');
  writeFileSync(join(dir, 'seeds/junk.bin'), Buffer.from([0, 1, 2, 0]));
  t.is(cli(['seeds', '-q', '-o', 'out.ndjson.gz', '--rejects', 'rejects.ndjson.gz'], dir).code, 0);
  t.is(parseNdjson(gunzipSync(readFileSync(join(dir, 'out.ndjson.gz'))).toString()).length, 5);
  t.like(JSON.parse(gunzipSync(readFileSync(join(dir, 'rejects.ndjson.gz'))).toString()), { source: 'seeds/junk.bin', reason: 'binary' });
  t.is(cli(['seeds', '-q', '-o', 'plain.ndjson'], dir).code, 0);
  t.is(gunzipSync(readFileSync(join(dir, 'out.ndjson.gz'))).toString(), readFileSync(join(dir, 'plain.ndjson'), 'utf8'));
});

test('a missing input and arguments to schema are usage errors; the summary names reject reasons', (t) => {
  const dir = scratchCopy(t, 'seeds');
  const missing = cli(['crawl.warcc'], dir);
  t.is(missing.code, 2);
  t.is(missing.stderr, 'winnow: crawl.warcc: no such file or directory\n');
  const schema = cli(['schema', 'extra'], dir);
  t.is(schema.code, 2);
  t.regex(schema.stderr, /schema takes no arguments/);
  writeFileSync(join(dir, 'seeds/junk.bin'), Buffer.from([0, 1, 2, 0]));
  t.regex(cli(['seeds', '-o', 'out.ndjson'], dir).stderr, /rejected 1 \(binary 1\)/);
});

/** Three pages as JSON objects, one per seed. */
const pageObjects = () => SEEDS.map((text, i) => ({ url: `https://a.example/${i}`, text }));

test('JSON exports: an array, a pretty-printed object, a sequence of pretty objects; element N is FILE#N', (t) => {
  const dir = scratch(t);
  writeFileSync(join(dir, 'array.json'), JSON.stringify(pageObjects()));
  writeFileSync(join(dir, 'array-pretty'), JSON.stringify(pageObjects(), null, 2));
  writeFileSync(join(dir, 'one.json'), JSON.stringify(pageObjects()[0], null, 2));
  writeFileSync(
    join(dir, 'sequence.json'),
    pageObjects()
      .map((o) => JSON.stringify(o, null, 1))
      .join('\n'),
  );
  for (const [file, count] of [
    ['array.json', 3],
    ['array-pretty', 3],
    ['one.json', 1],
    ['sequence.json', 3],
  ] as const) {
    const { code, stdout, stderr } = cli([file, '-q', '--keep-duplicates'], dir);
    t.is(code, 0, stderr);
    const records = parseNdjson(stdout);
    t.is(records.length, count, file);
    t.deepEqual(
      records.map((r) => r.source),
      Array.from({ length: count }, (_, i) => `${file}#${i + 1}`),
    );
    t.is(records[0]!.url, 'https://a.example/0');
  }
});

test('JSON that breaks off, and elements that are not pages, are rejects; the elements before them count', (t) => {
  const dir = scratch(t);
  const text = JSON.stringify([...pageObjects(), { url: 'x' }, 'text']);
  writeFileSync(join(dir, 'cut.json'), text.slice(0, text.indexOf('"https://a.example/2"') + 10));
  writeFileSync(join(dir, 'mixed.json'), text);
  const { stdout, stderr } = cli(['cut.json', 'mixed.json', '-q', '--rejects', '-', '-o', 'out.ndjson'], dir);
  t.is(stderr, '');
  t.deepEqual(
    stdout
      .trim()
      .split('\n')
      .map((line) => {
        const r = JSON.parse(line);
        return [r.source, r.reason];
      }),
    [
      ['cut.json#3', 'bad-json'],
      ['mixed.json#4', 'bad-json'],
      ['mixed.json#5', 'bad-json'],
    ],
  );
  t.is(parseNdjson(readFileSync(join(dir, 'out.ndjson'), 'utf8')).length, 3, 'each seed once (mixed.json duplicates cut.json)');
});

test('NDJSON with a broken first line, and a shard cut by split -b: the cut lines are rejects, every whole line a page', (t) => {
  const dir = scratch(t);
  const lines = pageObjects().map((o) => JSON.stringify(o));
  writeFileSync(join(dir, 'broken.ndjson'), `${lines[0]!.slice(0, 60)}\n${lines[1]}\n${lines[2]}\n`);
  writeFileSync(join(dir, 'broken-no-extension'), `${lines[0]!.slice(0, 60)}\n${lines[1]}\n${lines[2]}\n`);
  const whole = lines.join('\n') + '\n';
  const cut = lines[0]!.length + 1 + 200;
  writeFileSync(join(dir, 'xaa'), whole.slice(0, cut));
  writeFileSync(join(dir, 'xab'), whole.slice(cut));
  const run = (file: string) => {
    const { stdout } = cli([file, '-q', '--keep-duplicates', '--rejects', 'rejects.ndjson'], dir);
    const rejects = parseNdjson(readFileSync(join(dir, 'rejects.ndjson'), 'utf8')) as unknown as {
      source: string;
      reason: string;
      offset: number;
    }[];
    return { records: parseNdjson(stdout).map((r) => r.source), rejects: rejects.map((r) => [r.source, r.reason, r.offset]) };
  };
  t.deepEqual(run('broken.ndjson'), { records: ['broken.ndjson#2', 'broken.ndjson#3'], rejects: [['broken.ndjson#1', 'bad-json', 0]] });
  t.deepEqual(run('broken-no-extension'), {
    records: ['broken-no-extension#2', 'broken-no-extension#3'],
    rejects: [['broken-no-extension#1', 'bad-json', 0]],
  });
  t.deepEqual(run('xaa'), { records: ['xaa#1'], rejects: [['xaa#2', 'bad-json', Buffer.byteLength(lines[0]!) + 1]] });
  t.deepEqual(run('xab'), { records: ['xab#2'], rejects: [['xab#1', 'bad-json', 0]] });
});

test('a text page that is JSON data is never an article', (t) => {
  const dir = scratch(t);
  writeFileSync(
    join(dir, 'export.ndjson'),
    JSON.stringify({
      url: 'https://a.example/data',
      text: JSON.stringify({ items: [1, 2, 3], note: 'A field that reads like a sentence of prose, though it is data.' }),
    }) + '\n',
  );
  const { stdout } = cli(['export.ndjson', '-q', '-o', 'out.ndjson', '--rejects', '-'], dir);
  t.like(JSON.parse(stdout), { source: 'export.ndjson#1', reason: 'no-article', detail: 'the text is JSON data, not prose' });
});

test('filters: --keep-languages and --min-words count what they leave out; an unknown language code is a usage error', (t) => {
  const dir = scratchCopy(t, 'seeds', 'sites');
  const run = (...args: string[]) => {
    const { code, stdout, stderr } = cli(['seeds', 'sites', '-q', '--report', 'report.json', ...args], dir);
    t.is(code, 0, stderr);
    return { records: parseNdjson(stdout), report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) };
  };
  const all = run();
  t.is(all.records.length, 14);
  const russian = run('--keep-languages', 'rus');
  t.deepEqual([...new Set(russian.records.map((r) => r.language))], ['rus']);
  t.like(russian.report.totals, { read: 14, emitted: 4, filtered: 10 });
  t.deepEqual(russian.report.filters, { language: 10 });
  const longest = Math.max(...all.records.map((r) => r.word_count));
  const long = run('--min-words', String(longest));
  t.deepEqual(
    long.records.map((r) => r.word_count),
    [longest],
  );
  t.deepEqual(long.report.filters, { 'min-words': 13 });
  const unknown = cli(['seeds', '--languages', 'xyz'], dir);
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /--languages: unknown language code "xyz"/);
  t.is(cli(['seeds', '--keep-languages', 'und,eng', '-q', '-o', 'x.ndjson'], dir).code, 0);
});

test('--page-types keeps those types and counts the rest as filtered; the report counts every HTML page by type; text pages have none; an unknown type is a usage error', (t) => {
  const dir = scratchCopy(t, 'html');
  const run = (...args: string[]) => {
    const { code, stdout, stderr } = cli(['html', '-q', '--report', 'report.json', ...args], dir);
    t.is(code, 0, stderr);
    return { records: parseNdjson(stdout), report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) };
  };
  const all = run();
  t.deepEqual(
    all.records.map((r) => r.page_type),
    ['article', 'article', 'article'],
  );
  // The index page gives no article (a no-article reject), but it was cleaned: it is counted by its type.
  t.deepEqual(all.report.rejects, { 'no-article': 1 });
  t.deepEqual(all.report.page_types, { article: 3, listing: 1 });
  t.deepEqual(
    run('--page-types', 'forum,article').records.map((r) => r.source),
    ['html/2024-05-06-dredging.html', 'html/2024-05-08-night-buses.html', 'html/2024-05-10-library-closed.html'],
  );
  const none = run('--page-types', 'product');
  t.is(none.records.length, 0);
  t.like(none.report.totals, { read: 4, emitted: 0, rejected: 1, filtered: 3 });
  t.deepEqual(none.report.filters, { 'page-type': 3 });
  // Filtered pages are counted by type all the same.
  t.deepEqual(none.report.page_types, { article: 3, listing: 1 });
  const unknown = cli(['html', '--page-types', 'article,blog'], dir);
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /--page-types: expected page types: article, forum, documentation, product, collection, listing, service/);
});

test('a plain-text page has no page type: its record says null, the report does not count it, and --page-types leaves it out', (t) => {
  const dir = scratchCopy(t, 'seeds');
  const { code, stdout, stderr } = cli(['seeds', '-q', '--report', 'report.json'], dir);
  t.is(code, 0, stderr);
  const records = parseNdjson(stdout);
  t.true(records.length > 0);
  t.true(records.every((r) => r.page_type === null));
  t.deepEqual(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).page_types, {});
  const filtered = cli(['seeds', '-q', '--page-types', 'article'], dir);
  t.is(filtered.code, 0, filtered.stderr);
  t.is(filtered.stdout, '');
});

test('--concurrency above twice the cores is capped with a warning; the summary names the config file used', (t) => {
  const dir = scratchCopy(t, 'seeds');
  const capped = cli(['seeds', '-c', '512', '-o', 'out.ndjson'], dir);
  t.is(capped.code, 0);
  t.regex(capped.stderr, /^winnow: warning: --concurrency 512 capped at \d+ \(twice the \d+ cores\)$/m);
  writeFileSync(join(dir, 'winnow.config.json'), JSON.stringify({ out: 'configured.ndjson' }));
  t.regex(cli(['seeds'], dir).stderr, /-> configured\.ndjson \(settings from winnow\.config\.json\)$/m);
});

const canUnshare = spawnSync('unshare', ['-rm', 'true']).status === 0 || (isRoot && spawnSync('unshare', ['-m', 'true']).status === 0);
(canUnshare ? test : test.skip)(
  `a full temporary directory fails the run with one line, and leaves nothing behind${canUnshare ? '' : ' (skipped: needs a private mount namespace, unshare -m)'}`,
  (t) => {
    const dir = scratch(t);
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    // A crawl bigger than the 64 KiB temporary directory mounted for this run only.
    const lines = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({ url: `https://a.example/${i}`, text: `${SEEDS[i % 3]}\n\nPage ${i}.` }),
    );
    writeFileSync(join(dir, 'crawl.ndjson'), lines.join('\n') + '\n');
    writeFileSync(join(dir, 'out.ndjson'), 'previous\n');
    const unshare = isRoot ? 'unshare -m' : 'unshare -rm';
    const result = bash(
      `${unshare} sh -c 'mount -t tmpfs -o size=64k tmpfs tmp && TMPDIR=${tmp} ${W.replace(/"/g, '')} crawl.ndjson -o out.ndjson; echo "exit $?"; ls -A tmp'`,
      dir,
    );
    t.regex(result.stdout, /^exit 1\n$/, result.stderr);
    t.is(result.stderr, `winnow: the temporary directory ${tmp} (TMPDIR): no space left\n`);
    t.is(readFileSync(join(dir, 'out.ndjson'), 'utf8'), 'previous\n');
  },
);
