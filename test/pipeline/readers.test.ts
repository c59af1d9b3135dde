import test from 'ava';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputSet, formatOf, listFiles } from '../../pipeline/input/inputs.js';
import { gunzip, isTruncation } from '../../pipeline/input/bytes.js';
import { warcRequest, warcResponse } from '../warc-builders.js';
import { sourceOf, type InputItem, type PageBody } from '../../pipeline/types.js';
import { bodyBuffer, cli, parseNdjson, ROOT, scratch, SHARED_DATASETS, sharedDataTest } from '../helpers.js';

const page = (title: string, body: string) =>
  `<html><head><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;
const BODY = 'The harbor authority approved the dredging plan after a long public consultation with residents of the quay.';

async function items(inputs: string[], maxPageBytes = 1 << 20, unread?: (source: string) => boolean): Promise<InputItem[]> {
  const set = new InputSet(inputs, { maxPageBytes });
  const out: InputItem[] = [];
  for await (const item of set.read(undefined, unread)) out.push(item);
  set.dispose();
  return out;
}
const summary = (list: InputItem[]) =>
  list.map((i) =>
    'page' in i
      ? ['page', i.page.source, i.page.url]
      : 'unread' in i
        ? ['unread', i.unread.source, null]
        : 'skip' in i
          ? ['skip', i.skip.source, i.skip.reason]
          : ['reject', i.reject.source, i.reject.reason],
  );

test('formats are told from content, not the file name', (t) => {
  t.is(formatOf(Buffer.from('WARC/1.1\r\nWARC-Type: warcinfo')), 'warc');
  t.is(formatOf(Buffer.from('{"url": "https://a.example/", "html": "<p>x</p>"}\n{"url"')), 'ndjson');
  t.is(formatOf(Buffer.from('<!doctype html><html>')), 'page');
  t.is(formatOf(Buffer.from('{not json at all')), 'page');
});

test('WARC and WARC.gz: responses become pages with URL and crawl date, other records are skipped', async (t) => {
  const dir = scratch(t);
  for (const gzip of [false, true]) {
    const parts = await Promise.all([
      warcRequest('https://a.example/one', '2024-05-06T10:00:00Z', gzip),
      warcResponse('https://a.example/one', page('One', BODY), '2024-05-06T10:00:00Z', gzip),
      warcResponse('https://a.example/two', page('Two', BODY), '2024-05-07T10:00:00Z', gzip),
    ]);
    writeFileSync(join(dir, gzip ? 'crawl.warc.gz' : 'crawl.bin'), Buffer.concat(parts));
  }
  const list = await items([join(dir, 'crawl.bin'), join(dir, 'crawl.warc.gz')]);
  t.deepEqual(summary(list), [
    ['skip', join(dir, 'crawl.bin#1'), 'warc-request'],
    ['page', join(dir, 'crawl.bin#2'), 'https://a.example/one'],
    ['page', join(dir, 'crawl.bin#3'), 'https://a.example/two'],
    ['skip', join(dir, 'crawl.warc.gz#1'), 'warc-request'],
    ['page', join(dir, 'crawl.warc.gz#2'), 'https://a.example/one'],
    ['page', join(dir, 'crawl.warc.gz#3'), 'https://a.example/two'],
  ]);
  const first = list[1] as { page: { fetchedAt: string; contentType: string } };
  t.is(first.page.fetchedAt, '2024-05-06T10:00:00Z');
  t.regex(first.page.contentType, /text\/html/);
});

const REAL_WARCS = [join(SHARED_DATASETS, 'warc/iana.warc.gz'), join(SHARED_DATASETS, 'warc/iana-chunked.warc')];

sharedDataTest(REAL_WARCS)('the real WARC files: a 16-page crawl with revisits, chunked encoding', async (t) => {
  const list = await items(REAL_WARCS);
  const pages = list.filter((i) => 'page' in i);
  t.is(pages.length, 17);
  t.is(list.length, 346);
});

test('truncated WARC.gz: the records before the cut are pages, the rest one reject', async (t) => {
  const dir = scratch(t);
  const parts = await Promise.all(
    [1, 2, 3].map((n) => warcResponse(`https://a.example/${n}`, page(`Page ${n}`, BODY), '2024-05-06T10:00:00Z', true)),
  );
  const whole = Buffer.concat(parts);
  writeFileSync(join(dir, 'cut.warc.gz'), whole.subarray(0, parts[0]!.length + parts[1]!.length + 40));
  const list = await items([join(dir, 'cut.warc.gz')]);
  t.deepEqual(summary(list), [
    ['page', join(dir, 'cut.warc.gz#1'), 'https://a.example/1'],
    ['page', join(dir, 'cut.warc.gz#2'), 'https://a.example/2'],
    ['reject', join(dir, 'cut.warc.gz#3'), 'truncated-gzip'],
  ]);
});

test('a cut gzip stream gives all it inflated before the cut, however its bytes come in', async (t) => {
  const members = Array.from({ length: 9 }, (_, i) => gzipSync(`member ${i} `.repeat(40)));
  const cut = Buffer.concat(members).subarray(0, members.slice(0, 8).reduce((sum, member) => sum + member.length, 0) + 5);
  async function* inChunks(size: number): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < cut.length; at += size) yield cut.subarray(at, at + size);
  }
  for (const size of [1, 7, 100, 500, cut.length]) {
    const inflated: Uint8Array[] = [];
    const failure = await (async () => {
      for await (const chunk of gunzip(inChunks(size))) inflated.push(chunk);
    })().catch((error: unknown) => error);
    t.is(
      Buffer.concat(inflated).toString(),
      Array.from({ length: 8 }, (_, i) => `member ${i} `.repeat(40)).join(''),
      `${size}-byte chunks`,
    );
    t.true(isTruncation(failure));
  }
});

test('NDJSON (gzipped or not): fields, meta, broken lines and oversized lines', async (t) => {
  const dir = scratch(t);
  const lines = [
    JSON.stringify({ url: 'https://a.example/1', html: page('One', BODY), lang: 'en', id: 7 }),
    '{"url": "https://a.example/2", "html": broken',
    '',
    JSON.stringify({ url: 'https://a.example/3', text: BODY, fetched_at: '2024-05-06T10:00:00Z' }),
    JSON.stringify({ url: 'https://a.example/4', html: 'x'.repeat(5000) }),
    JSON.stringify({ url: 'https://a.example/5', title: 'no page field' }),
  ];
  writeFileSync(join(dir, 'export.jsonl'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'export.data.gz'), gzipSync(lines.join('\n')));
  for (const name of ['export.jsonl', 'export.data.gz']) {
    const list = await items([join(dir, name)], 4096);
    t.deepEqual(summary(list), [
      ['page', `${join(dir, name)}#1`, 'https://a.example/1'],
      ['reject', `${join(dir, name)}#2`, 'bad-json'],
      ['page', `${join(dir, name)}#4`, 'https://a.example/3'],
      ['reject', `${join(dir, name)}#5`, 'too-large'],
      ['reject', `${join(dir, name)}#6`, 'bad-json'],
    ]);
    const first = list[0] as { page: { meta: unknown; body: PageBody } };
    t.deepEqual(first.page.meta, { lang: 'en', id: 7 });
    t.true(typeof first.page.body === 'object' && 'utf8' in first.page.body, 'the JSON string goes on as text, as its UTF-8 bytes');
    t.is(bodyBuffer(first.page.body).toString(), page('One', BODY));
    t.is((list[2] as { page: { fetchedAt: string } }).page.fetchedAt, '2024-05-06T10:00:00Z');
  }
});

test('NDJSON lines the caller need not read again are not parsed, and can be read on demand', async (t) => {
  const dir = scratch(t);
  const lines = [
    JSON.stringify({ url: 'https://a.example/1', html: page('One', BODY) }),
    '{"url": "https://a.example/2", "html": broken',
    JSON.stringify({ url: 'https://a.example/3', text: BODY }),
    JSON.stringify({ url: 'https://a.example/4', html: page('Four', BODY) }),
  ];
  const file = join(dir, 'export.jsonl.gz');
  writeFileSync(file, gzipSync(lines.join('\n') + '\n'));
  const list = await items([file], 1 << 20, (source) => /#[13]$/.test(source));
  t.deepEqual(summary(list), [
    ['unread', `${file}#1`, null],
    ['reject', `${file}#2`, 'bad-json'],
    ['unread', `${file}#3`, null],
    ['page', `${file}#4`, 'https://a.example/4'],
  ]);
  const [one, , three] = list.map((item) => ('unread' in item ? item.unread : null));
  t.is(bodyBuffer(one!.reread()).toString(), page('One', BODY));
  t.is(bodyBuffer(three!.reread()).toString(), BODY);
  t.is(one!.heldBytes, Buffer.byteLength(lines[0]!), 'the line is what is held until it is read');
});

test('an unread NDJSON line longer than the chunks it arrives in is read on demand whole', async (t) => {
  const dir = scratch(t);
  // Far longer than a gunzip chunk (16 KB), and different all along: a piece lost or repeated would show.
  const long = page('Long', Array.from({ length: 4000 }, (_, i) => `<p>Paragraph ${i} of the long page.</p>`).join(''));
  const lines = [JSON.stringify({ url: 'https://a.example/long', html: long }), JSON.stringify({ url: 'https://a.example/2', text: BODY })];
  const file = join(dir, 'long.ndjson.gz');
  writeFileSync(file, gzipSync(lines.join('\n') + '\n'));
  const list = await items([file], 1 << 22, (source) => /#\d+$/.test(source));
  const [first, second] = list.map((item) => ('unread' in item ? item.unread : null));
  t.is(bodyBuffer(first!.reread()).toString(), long);
  t.is(first!.heldBytes, Buffer.byteLength(lines[0]!));
  t.is(bodyBuffer(second!.reread()).toString(), BODY);
});

test('a gzipped single page and a truncated gzip', async (t) => {
  const dir = scratch(t);
  const gz = gzipSync(page('One', BODY));
  writeFileSync(join(dir, 'page.html.gz'), gz);
  writeFileSync(join(dir, 'cut.html.gz'), gz.subarray(0, gz.length - 12));
  t.deepEqual(summary(await items([join(dir, 'cut.html.gz'), join(dir, 'page.html.gz')])), [
    ['reject', join(dir, 'cut.html.gz'), 'truncated-gzip'],
    ['page', join(dir, 'page.html.gz'), null],
  ]);
});

test('standard input: "-" is read once and serves both passes', (t) => {
  const bodies = [BODY, 'Night buses will run on Fridays and Saturdays from September, the council decided by a clear majority.'];
  const lines = bodies
    .map((body, n) => JSON.stringify({ url: `https://a.example/${n + 1}`, html: page(`Story ${n + 1}`, body) }))
    .join('\n');
  const { code, stdout } = cli(['-', '--quiet'], ROOT, lines);
  t.is(code, 0);
  t.deepEqual(
    parseNdjson(stdout).map((r) => r.source),
    ['-#1', '-#2'],
  );
});

test('the CLI reads a WARC.gz and accounts for every record', async (t) => {
  const dir = scratch(t);
  const parts = await Promise.all([
    warcRequest('https://a.example/one', '2024-05-06T10:00:00Z', true),
    warcResponse('https://a.example/one', page('One', BODY), '2024-05-06T10:00:00Z', true),
  ]);
  writeFileSync(join(dir, 'crawl.warc.gz'), Buffer.concat(parts));
  const { code } = cli([join(dir, 'crawl.warc.gz'), '--quiet', '--out', join(dir, 'out.ndjson'), '--report', join(dir, 'report.json')]);
  t.is(code, 0);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  t.deepEqual(report.totals, { read: 2, emitted: 1, duplicates: 0, rejected: 0, skipped: 1, filtered: 0 });
  t.deepEqual(report.skips, { 'warc-request': 1 });
  t.deepEqual(report.inputs, {
    [join(dir, 'crawl.warc.gz')]: { read: 2, emitted: 1, duplicates: 0, rejected: 0, skipped: 1, filtered: 0 },
  });
  t.is(parseNdjson(readFileSync(join(dir, 'out.ndjson'), 'utf8'))[0]!.url, 'https://a.example/one');
});

test('a file the caller need not read again is not read, and can be read on demand', async (t) => {
  const dir = scratch(t);
  writeFileSync(join(dir, 'a.html'), page('Harbor', BODY));
  writeFileSync(join(dir, 'b.html'), page('Quay', BODY));
  const set = new InputSet([dir], { maxPageBytes: 1 << 20 });
  const read: InputItem[] = [];
  let bytes = 0;
  for await (const item of set.read(
    (n) => (bytes += n),
    (source) => source.endsWith('a.html'),
  ))
    read.push(item);
  set.dispose();
  const [a, b] = read;
  if (!a || !('unread' in a) || !b || !('page' in b)) return t.fail(`not an unread page and a page: ${JSON.stringify(summary(read))}`);
  t.like(a.unread, { source: join(dir, 'a.html'), heldBytes: 0 });
  t.deepEqual(bodyBuffer(a.unread.reread()), readFileSync(join(dir, 'a.html')));
  t.deepEqual(bodyBuffer(b.page.body), readFileSync(join(dir, 'b.html')));
  t.is(bytes, Buffer.byteLength(page('Harbor', BODY)) + Buffer.byteLength(page('Quay', BODY)), 'progress counts the file not read again');
});

test('a directory of more files than are listed ahead: each file once, in name order, read unless the caller has it', async (t) => {
  const dir = scratch(t);
  const expected: string[] = [];
  for (const sub of ['a', 'b', 'c']) {
    mkdirSync(join(dir, sub));
    for (let i = 0; i < 200; i++) {
      const name = `${String(i).padStart(3, '0')}.html`;
      writeFileSync(join(dir, sub, name), page(`${sub}${i}`, BODY));
      expected.push(join(dir, sub, name));
    }
  }
  // A broken link among them: listed in its place as unreadable.
  symlinkSync(join(dir, 'missing.html'), join(dir, 'b', '100a.html'));
  expected.splice(expected.indexOf(join(dir, 'b', '101.html')), 0, join(dir, 'b', '100a.html'));
  // Pass 2 style: the caller has the files of runs of 50 (the read-ahead stops and starts again).
  const cached = (source: string) => Math.floor(expected.indexOf(source) / 50) % 2 === 1;
  for (const unread of [undefined, cached]) {
    const set = new InputSet([dir], { maxPageBytes: 1 << 20 });
    const read: InputItem[] = [];
    for await (const item of set.read(undefined, unread)) read.push(item);
    set.dispose();
    t.deepEqual(read.map(sourceOf), expected);
    for (const item of read) {
      if ('reject' in item) {
        t.like(item.reject, { source: join(dir, 'b', '100a.html'), reason: 'unreadable', detail: 'broken symbolic link' });
        continue;
      }
      if ('skip' in item) return t.fail('a skip');
      t.is('unread' in item, unread?.(sourceOf(item)) ?? false);
      if ('page' in item) t.deepEqual(bodyBuffer(item.page.body), readFileSync(item.page.source));
    }
  }
});

test('a pipe named as an input is spooled once: both passes read the same bytes', async (t) => {
  const dir = scratch(t);
  const fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  writeFileSync(join(dir, 'page.html'), page('Harbor', BODY));
  const entries = [];
  for await (const entry of listFiles([fifo, join(dir, 'page.html')])) entries.push(entry);
  t.deepEqual(
    entries.map((e) => ('regular' in e ? e.regular : e.error)),
    [false, true],
  );
  const writer = spawn('sh', ['-c', `cat "${join(dir, 'page.html')}" > "${fifo}"`]);
  t.teardown(() => writer.kill('SIGKILL'));
  const written = new Promise((resolve) => writer.once('close', resolve));
  const set = new InputSet([fifo], { maxPageBytes: 1 << 20 });
  t.teardown(() => set.dispose());
  for (const pass of [1, 2]) {
    const read: InputItem[] = [];
    for await (const item of set.read()) read.push(item);
    t.is(read.length, 1, `pass ${pass}`);
    t.deepEqual('page' in read[0]! ? bodyBuffer(read[0].page.body).toString() : read[0], page('Harbor', BODY));
  }
  await written;
});
