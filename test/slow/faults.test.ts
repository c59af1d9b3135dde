import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { asLeanHtml, syntheticCrawl } from '../../bench/crawl.js';
import { preparePage, cleanPage } from '../../pipeline/page.js';
import { warcResponse } from '../warc-builders.js';
import { htmlBlocks } from '../../stages/html-blocks.js';
import { CLI, cli, parseNdjson, ROOT, scratchCopy, slowPage, spawnCli } from '../helpers.js';
import { runRecords } from '../dist.js';

const balanced = (totals: { read: number; emitted: number; duplicates: number; rejected: number; skipped: number }) =>
  totals.read === totals.emitted + totals.duplicates + totals.rejected + totals.skipped;

const SENTENCES = readFileSync(join(ROOT, 'fixtures/seeds/004_25d3ec7f288ff7e8.txt'), 'utf8')
  .split(/(?<=[.!?])\s+|\n+/)
  .filter((s) => s.split(' ').length > 6);

/** A crawl of `pages` HTML pages in one NDJSON file, big enough for a run to take a while. */
function crawlFile(dir: string, pages: number): string {
  const path = join(dir, 'crawl.ndjson');
  const lines = [...syntheticCrawl(pages, SENTENCES, 3)].map((p) => JSON.stringify({ url: p.url, html: asLeanHtml(p) }));
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test('a page that takes too long is rejected as timeout; the pages beside it come out as usual', async (t) => {
  const dir = scratchCopy(t, 'html');
  mkdirSync(join(dir, 'html/bad'));
  writeFileSync(join(dir, 'html/bad/slow.html'), slowPage());
  const clean = await runRecords({ inputs: [join(dir, 'html')], pageTimeoutMs: 1000, concurrency: 2 });
  t.is(clean.records.length, 3);
  t.deepEqual(
    clean.rejects.map((r) => [r.source.slice(dir.length + 1), r.reason]),
    [
      ['html/bad/slow.html', 'timeout'],
      ['html/harbor-index.html', 'no-article'],
    ],
  );
  t.true(balanced(clean.report.totals));
});

test('a corpus of bad inputs: each is a reject with its reason, the good inputs come out as in a clean run', async (t) => {
  const dir = scratchCopy(t, 'seeds');
  const bad = join(dir, 'seeds/bad');
  mkdirSync(bad);
  const seed = readFileSync(join(ROOT, 'fixtures/seeds/001_639f37363447da70.txt'));
  writeFileSync(join(bad, 'binary.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(join(bad, 'empty.txt'), '');
  writeFileSync(join(bad, 'blank.txt'), ' \n\t\n ');
  writeFileSync(
    join(bad, 'broken.ndjson'),
    '{"url": "https://a.example/1", "html": "<p>cut\n' + JSON.stringify({ url: 'https://a.example/2', html: 'x'.repeat(1_200_000) }) + '\n',
  );
  writeFileSync(join(bad, 'cut.html.gz'), gzipSync(seed).subarray(0, 200));
  const record = await warcResponse(
    'https://a.example/page',
    '<html><body><p>Hello there.</p></body></html>',
    '2024-01-01T00:00:00Z',
    false,
  );
  writeFileSync(
    join(bad, 'lying.warc'),
    Buffer.from(
      Buffer.from(record)
        .toString('latin1')
        .replace(/Content-Length: \d+/, 'Content-Length: 99999'),
      'latin1',
    ),
  );
  writeFileSync(join(bad, 'huge.html'), `<html><body><p>${'a '.repeat(600_000)}</p></body></html>`);
  const oddName = join(dir, 'seeds', `name with spaces, "quotes" and\na newline.txt`);
  writeFileSync(oddName, seed);
  symlinkSync('..', join(bad, 'loop'));
  const { records, rejects, report } = await runRecords({ inputs: [join(dir, 'seeds')], maxPageBytes: 1 << 20 });
  const clean = await runRecords({ inputs: [join(ROOT, 'fixtures/seeds')] });
  const reasons = Object.fromEntries(rejects.map((r) => [r.source.slice(bad.length + 1), r.reason]));
  t.like(reasons, {
    'binary.bin': 'binary',
    'empty.txt': 'empty',
    'blank.txt': 'empty',
    'broken.ndjson#1': 'bad-json',
    'broken.ndjson#2': 'too-large',
    'cut.html.gz': 'truncated-gzip',
    'lying.warc#1': 'truncated-warc',
    'huge.html': 'too-large',
    loop: 'unreadable',
  });
  t.regex(rejects.find((r) => r.source.endsWith('loop'))!.detail, /loop/);
  // The copy under a strange name is an exact duplicate of seed 001: merged into it, not lost.
  const seed001 = records.find((r) => r.source.endsWith('001_639f37363447da70.txt'))!;
  t.deepEqual(seed001.duplicates, [oddName]);
  t.deepEqual(
    records.map((r) => r.text),
    clean.records.map((r) => r.text),
  );
  t.true(balanced(report.totals));
});

test('windows-1251 without a declaration and UTF-8 with a broken byte are read, not rejected', async (t) => {
  const dir = scratchCopy(t);
  mkdirSync(join(dir, 'enc'));
  const russian = 'Жители города выбрали проекты благоустройства на следующий год. Голосование завершилось в воскресенье.';
  const cp1251 = Buffer.from([...russian].map((ch) => (ch.charCodeAt(0) >= 0x410 ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))));
  writeFileSync(
    join(dir, 'enc/cp1251.txt'),
    Buffer.concat([
      Buffer.from(
        'Проекты благоустройства\n\n'
          .split('')
          .map((ch) => (ch.charCodeAt(0) >= 0x410 ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))),
      ),
      cp1251,
    ]),
  );
  const utf8 = Buffer.from(
    `Café culture\n\nThe café on the corner reopened after a long renovation, with a new terrace and a new menu for the summer season.`,
  );
  const cut = utf8.indexOf(' after');
  writeFileSync(join(dir, 'enc/broken-utf8.txt'), Buffer.concat([utf8.subarray(0, cut), Buffer.from([0xff]), utf8.subarray(cut)]));
  writeFileSync(
    join(dir, 'enc/utf16.txt'),
    Buffer.from(`Utf sixteen\n\nThis page was saved as UTF-16 without a byte order mark by an old tool.`, 'utf16le'),
  );
  const { records, rejects } = await runRecords({ inputs: [join(dir, 'enc')] });
  t.deepEqual(rejects, []);
  const bySource = Object.fromEntries(records.map((r) => [r.source.slice(dir.length + 5), r]));
  t.is(bySource['cp1251.txt']!.text, russian);
  t.is(bySource['cp1251.txt']!.language, 'rus');
  t.true(bySource['broken-utf8.txt']!.text.includes('The café on the corner'));
  t.is(bySource['utf16.txt']!.title, 'Utf sixteen');
});

test('property: random bytes and random HTML never crash a stage', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const prepared = preparePage({ source: 'x', url: null, directory: 'd', body: bytes, contentType: null, fetchedAt: null });
      if ('page' in prepared) cleanPage(prepared.page, { pages: 1, support: () => 1 });
    }),
    { numRuns: 300 },
  );
  const tag = fc.constantFrom('div', 'p', 'a', 'li', 'ul', 'script', 'h1', 'span', 'table', 'td', 'br', 'nav', 'article');
  const piece = fc.oneof(
    tag.map((n) => `<${n}>`),
    tag.map((n) => `</${n}>`),
    fc.string({ maxLength: 30 }),
    fc.constantFrom('&amp;', '&#x41;', '&#99999999;', '<!--', '-->', '<', '>', '"', '<p class="x', "<a href='/y'>"),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
      const html = `<html><body>${pieces.join('')}</body></html>`;
      htmlBlocks(html);
      const prepared = preparePage({
        source: 'x',
        url: null,
        directory: 'd',
        body: Buffer.from(html),
        contentType: 'text/html',
        fetchedAt: null,
      });
      if ('page' in prepared) cleanPage(prepared.page, { pages: 3, support: () => 2 });
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test('property: accounting balances on any mix of good and bad inputs', async (t) => {
  const kinds = ['seed', 'empty', 'binary', 'ndjson', 'badjson', 'gzcut'] as const;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 8 }), async (mix) => {
      const dir = scratchCopy(t);
      mkdirSync(join(dir, 'mix'));
      const seed = readFileSync(join(ROOT, 'fixtures/seeds/000_64a2724dbb24db04.txt'));
      mix.forEach((kind, i) => {
        const file = join(dir, 'mix', `${i}-${kind}`);
        if (kind === 'seed') writeFileSync(file, seed);
        if (kind === 'empty') writeFileSync(file, '');
        if (kind === 'binary') writeFileSync(file, Buffer.from([0, 1, 2, 3, 0, 255]));
        if (kind === 'ndjson')
          writeFileSync(file, `${JSON.stringify({ url: `https://m.example/${i}`, text: seed.toString() })}\n{"broken\n`);
        if (kind === 'badjson') writeFileSync(file, '{"a": 1}\n{"b": 2}\n');
        if (kind === 'gzcut') writeFileSync(file, gzipSync(seed).subarray(0, 30));
      });
      const { report } = await runRecords({ inputs: [join(dir, 'mix')], concurrency: 1 });
      return balanced(report.totals);
    }),
    { numRuns: 6 },
  );
  t.pass();
});

test('SIGKILL mid-run leaves the previous output in place; the rerun completes it identically and removes the killed run’s temporary files', async (t) => {
  const dir = scratchCopy(t);
  const input = crawlFile(dir, 2500);
  const out = join(dir, 'out');
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  const env = { TMPDIR: tmp };
  const args = [input, '--quiet', '--out', join(out, 'articles.ndjson')];
  t.is(cli(args, dir, undefined, { env }).code, 0);
  const good = readFileSync(join(out, 'articles.ndjson'), 'utf8');
  t.true(parseNdjson(good).length > 1000);

  // Progress events come once a second while the run works: kill it during its second pass.
  const run = spawnCli(t, [input, '--log-format', 'json', '--out', join(out, 'articles.ndjson')], dir, env);
  await run.until(/"event":"progress".*"pass":2/);
  t.true(run.alive(), 'the run was still working when killed');
  t.true(
    readdirSync(out).some((name) => name.endsWith('.tmp')),
    'its temporary output existed',
  );
  run.child.kill('SIGKILL');
  t.deepEqual(await run.exit, { code: null, signal: 'SIGKILL' });
  t.is(readFileSync(join(out, 'articles.ndjson'), 'utf8'), good, 'the good file is untouched');
  t.deepEqual(
    readdirSync(out).filter((name) => !name.startsWith('.')),
    ['articles.ndjson'],
    'nothing half-written under a real name',
  );
  t.true(readdirSync(tmp).length > 0, 'the killed run could not remove its temporary directories');

  t.is(cli(args, dir, undefined, { env }).code, 0);
  t.is(readFileSync(join(out, 'articles.ndjson'), 'utf8'), good);
  t.deepEqual(readdirSync(out), ['articles.ndjson'], 'the killed run’s temporary file is gone');
  t.deepEqual(readdirSync(tmp), [], 'and its temporary directories');
});

test('SIGTERM stops cleanly: exit 143, temporary files removed, previous output kept', async (t) => {
  const dir = scratchCopy(t);
  const input = crawlFile(dir, 2500);
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  writeFileSync(join(dir, 'articles.ndjson'), 'previous\n');
  const run = spawnCli(t, [input, '--log-format', 'json', '--out', 'articles.ndjson'], dir, { TMPDIR: tmp });
  await run.until(/"event":"progress"/);
  t.true(run.alive(), 'the run was still working when stopped');
  t.true(readdirSync(tmp).length > 0, 'it had temporary files');
  run.child.kill('SIGTERM');
  t.deepEqual(await run.exit, { code: 143, signal: null });
  t.is(readFileSync(join(dir, 'articles.ndjson'), 'utf8'), 'previous\n');
  t.deepEqual(
    readdirSync(dir).filter((n) => n.startsWith('.')),
    [],
  );
  t.deepEqual(readdirSync(tmp), [], 'the temporary directory is left empty');
});

test('a closed pipe (winnow … | head) ends the run quietly', (t) => {
  const dir = scratchCopy(t);
  const input = crawlFile(dir, 600);
  const run = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" "${input}" | head -n 1 > /dev/null; echo "\${PIPESTATUS[0]}"`], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.is(run.stdout.trim(), '0');
  t.notRegex(run.stderr, /EPIPE|Error/);
});
