import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, deflateRawSync, deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import { WARCParser } from 'warcio';
import { gunzip } from '../../pipeline/input/bytes.js';
import { warcPages } from '../../pipeline/input/warc.js';
import { warcRecords } from '../../pipeline/input/warc-records.js';
import { sourceOf, type InputItem, type PageBody } from '../../pipeline/types.js';
import { bodyBuffer, ROOT, scratch, SHARED_DATASETS, sharedDataTest, spawnCli } from '../helpers.js';
import { warcHttpResponse, warcRecord, warcRequest, warcResponse } from '../warc-builders.js';

const DATE = '2024-05-06T10:00:00Z';
const page = (n: number) =>
  `<html><head><title>Story ${n}</title></head><body><h1>Story ${n}</h1><p>The harbor authority approved the dredging plan after a long public consultation, part ${n}.</p></body></html>`;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A small crawl with every kind of record the reader meets, written by warcio, one Uint8Array a record. */
async function crawlRecords(): Promise<Uint8Array[]> {
  return Promise.all([
    warcRecord('metadata', 'https://a.example/1', 'application/warc-fields', 'via: https://a.example/\r\n', DATE, false),
    warcRequest('https://a.example/1', DATE, false),
    warcResponse('https://a.example/1', page(1), DATE, false),
    warcResponse('https://a.example/2', page(2), DATE, false),
    warcRecord('resource', 'https://a.example/notes.txt', 'text/plain', 'Notes from the consultation, kept as plain text.', DATE, false),
    warcHttpResponse(
      { url: 'https://a.example/logo.png', date: DATE, headers: { 'Content-Type': 'image/png' }, body: new Uint8Array(300).fill(7) },
      false,
    ),
    warcHttpResponse(
      {
        url: 'https://a.example/old',
        date: DATE,
        statusline: 'HTTP/1.1 301 Moved Permanently',
        headers: { Location: '/1' },
        body: new Uint8Array(0),
      },
      false,
    ),
    warcRequest('https://a.example/3', DATE, false),
    warcResponse('https://a.example/3', page(3), DATE, false),
  ]);
}

async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

interface ReadOptions {
  readonly chunk?: number;
  readonly maxPageBytes?: number;
  readonly gzipped?: boolean;
}

/** What the reader makes of a WARC's bytes, handed over `chunk` bytes at a time. */
async function read(
  bytes: Uint8Array,
  { chunk = 64 * 1024, maxPageBytes = 1 << 20, gzipped = false }: ReadOptions = {},
): Promise<InputItem[]> {
  const items: InputItem[] = [];
  const stream = gzipped ? gunzip(inChunks(bytes, chunk)) : inChunks(bytes, chunk);
  for await (const item of warcPages('crawl.warc', 'crawl', stream, maxPageBytes, gzipped)) items.push(item);
  return items;
}

/** An item as compared: pages with their bytes, rejects with their offset. */
function outline(item: InputItem) {
  if ('page' in item)
    return {
      source: item.page.source,
      page: item.page.url,
      fetchedAt: item.page.fetchedAt,
      bytes: bodyBuffer(item.page.body).toString('latin1'),
    };
  if ('skip' in item) return { source: item.skip.source, skip: item.skip.reason };
  if ('reject' in item) return { source: item.reject.source, reject: item.reject.reason, offset: item.reject.offset };
  return { source: item.unread.source, unread: true };
}

const badWarc = (record: number, offset: number) => ({ source: `crawl.warc#${record}`, reject: 'bad-warc', offset });
const starts = (records: readonly Uint8Array[]) => records.map((_, i) => records.slice(0, i).reduce((sum, r) => sum + r.length, 0));
const numbered = (count: number) => Array.from({ length: count }, (_, i) => `crawl.warc#${i + 1}`);
const gzipMembers = (records: readonly Uint8Array[]) => Buffer.concat(records.map((record) => gzipSync(record)));

/** The record with its WARC Content-Length field set to `value`, or without one. */
function withContentLength(record: Uint8Array, value: string | null): Uint8Array {
  const text = Buffer.from(record).toString('latin1');
  const headerEnd = text.indexOf('\r\n\r\n');
  const header = text.slice(0, headerEnd).replace(/\r\nContent-Length: \d+/, value === null ? '' : `\r\nContent-Length: ${value}`);
  return Buffer.from(header + text.slice(headerEnd), 'latin1');
}

function contentLengthOf(record: Uint8Array): number {
  return Number(/\r\nContent-Length: (\d+)/.exec(Buffer.from(record).toString('latin1'))![1]);
}

test('line breaks between records other than the standard two are read as separators', async (t) => {
  const records = await crawlRecords();
  const looser = Buffer.concat([
    records[2]!,
    Buffer.from('\r\n\n'),
    records[3]!.subarray(0, records[3]!.length - 2),
    records[8]!,
    Buffer.from('\n\n\n'),
  ]);
  t.deepEqual(
    (await read(looser)).map((item) => ('page' in item ? item.page.url : outline(item))),
    ['https://a.example/1', 'https://a.example/2', 'https://a.example/3'],
  );
});

test('a WARC: pages, skips with their reasons, every record numbered, in any chunking', async (t) => {
  const records = await crawlRecords();
  const whole = Buffer.concat(records);
  const items = await read(whole);
  t.deepEqual(items.map(outline), [
    { source: 'crawl.warc#1', skip: 'warc-metadata' },
    { source: 'crawl.warc#2', skip: 'warc-request' },
    { source: 'crawl.warc#3', page: 'https://a.example/1', fetchedAt: DATE, bytes: page(1) },
    { source: 'crawl.warc#4', page: 'https://a.example/2', fetchedAt: DATE, bytes: page(2) },
    {
      source: 'crawl.warc#5',
      page: 'https://a.example/notes.txt',
      fetchedAt: DATE,
      bytes: 'Notes from the consultation, kept as plain text.',
    },
    { source: 'crawl.warc#6', skip: 'not-a-page' },
    { source: 'crawl.warc#7', skip: 'http-301' },
    { source: 'crawl.warc#8', skip: 'warc-request' },
    { source: 'crawl.warc#9', page: 'https://a.example/3', fetchedAt: DATE, bytes: page(3) },
  ]);
  t.regex((items[2] as { page: { contentType: string } }).page.contentType, /^text\/html/);
  t.is((items[4] as { page: { contentType: string } }).page.contentType, 'text/plain');
  const expected = items.map(outline);
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 700 }), async (chunk) => {
      t.deepEqual((await read(whole, { chunk })).map(outline), expected);
      t.deepEqual((await read(gzipMembers(records), { chunk, gzipped: true })).map(outline), expected);
    }),
    { numRuns: 40 },
  );
});

test('a WARC cut at any byte: every whole record before the cut comes out as before, the cut one is truncated-warc at its offset', async (t) => {
  const records = await crawlRecords();
  const whole = Buffer.concat(records);
  const clean = (await read(whole)).map(outline);
  const offsets = starts(records);
  // A record is whole once its block is: the stream may end inside the \r\n\r\n after it.
  const blockEnds = records.map((record, i) => offsets[i]! + record.length - 4);
  const expectedAt = (cut: number) => {
    const expected: object[] = [];
    for (const [i, blockEnd] of blockEnds.entries()) {
      if (cut >= blockEnd) expected.push(clean[i]!);
      else {
        if (cut > offsets[i]!) expected.push({ source: `crawl.warc#${i + 1}`, reject: 'truncated-warc', offset: offsets[i] });
        break;
      }
    }
    return expected;
  };
  for (let cut = 0; cut <= whole.length; cut++) {
    const got = (await read(whole.subarray(0, cut), { chunk: 512 })).map(outline);
    if (JSON.stringify(got) !== JSON.stringify(expectedAt(cut))) return t.deepEqual(got, expectedAt(cut), `cut at ${cut}`);
  }
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: whole.length }), fc.integer({ min: 1, max: 300 }), async (cut, chunk) => {
      t.deepEqual((await read(whole.subarray(0, cut), { chunk })).map(outline), expectedAt(cut));
    }),
    { numRuns: 200 },
  );
});

test('a WARC.gz cut at any byte: the whole records before the cut come out as before, then at most the cut one and one truncated-gzip', async (t) => {
  const records = await crawlRecords();
  const clean = (await read(Buffer.concat(records))).map(outline);
  const members = records.map((record) => gzipSync(record));
  const gz = Buffer.concat(members);
  const memberEnds = starts([...members, new Uint8Array(0)]).slice(1);
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: gz.length }), fc.integer({ min: 1, max: 2000 }), async (cut, chunk) => {
      const got = (await read(gz.subarray(0, cut), { chunk, gzipped: true })).map(outline);
      const whole = memberEnds.filter((end) => end <= cut).length;
      t.deepEqual(got.slice(0, whole), clean.slice(0, whole), `cut at ${cut}`);
      const rest = got.slice(whole);
      t.true(rest.length <= 2, `cut at ${cut}: ${JSON.stringify(rest)}`);
      if (rest.length === 2) t.deepEqual(rest[0], clean[whole]);
      const last = rest.at(-1);
      if (last && 'reject' in last) t.like(last, { source: `crawl.warc#${whole + rest.length}`, reject: 'truncated-gzip' });
      else if (last) t.deepEqual(last, clean[whole]);
    }),
    { numRuns: 150 },
  );
});

/** Ways a Content-Length lies, as the record's length and the field's value. */
const LIES: ReadonlyArray<readonly [string, (length: number) => string | null]> = [
  ["too long: ends inside the next record's WARC/1.x line", (length) => String(length + 6)],
  ['too long: runs into the next records', (length) => String(length + 700)],
  ['too long: runs past the end of the file', (length) => String(length + 1_000_000)],
  ['too short', (length) => String(length - 40)],
  ['not a number', () => '12x4'],
  ['missing', () => null],
  ['negative', (length) => String(-length)],
];

for (const [lie, value] of LIES) {
  for (const [index, kind] of [
    [3, 'a page'],
    [1, 'a request record passed over unread'],
  ] as const) {
    test(`a Content-Length ${lie} in ${kind} in the middle: that record is bad-warc at its offset, every other record comes out (plain and .gz)`, async (t) => {
      const records = await crawlRecords();
      const clean = (await read(Buffer.concat(records))).map(outline);
      const damaged = records.map((record, i) => (i === index ? withContentLength(record, value(contentLengthOf(record))) : record));
      const expected = clean.map((item, i) => (i === index ? badWarc(index + 1, starts(damaged)[index]!) : item));
      const plain = Buffer.concat(damaged);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 1500 }), async (chunk) => {
          const items = await read(plain, { chunk });
          t.deepEqual(items.map(outline), expected);
          t.deepEqual(items.map(sourceOf), numbered(records.length), 'every record accounted for once');
          t.deepEqual((await read(gzipMembers(damaged), { chunk, gzipped: true })).map(outline), expected);
        }),
        { numRuns: 10 },
      );
      const [reject] = (await read(plain)).filter((item) => 'reject' in item) as Array<{ reject: { detail: string } }>;
      t.regex(reject!.reject.detail, /Content-Length/);
    });
  }
}

test('a request record whose Content-Length runs past the end of the file, last: truncated-warc at its offset, the records before it out', async (t) => {
  const records = await crawlRecords();
  const request = withContentLength(records[7]!, String(10 ** 12));
  const damaged = [...records.slice(0, 7), request];
  const clean = (await read(Buffer.concat(records))).map(outline);
  const items = (await read(Buffer.concat(damaged), { chunk: 100 })).map(outline);
  t.deepEqual(items, [...clean.slice(0, 7), { source: 'crawl.warc#8', reject: 'truncated-warc', offset: starts(damaged)[7] }]);
});

test('a header with no end within 64 KiB, and bytes that are not a record: bad-warc, the records after them come out', async (t) => {
  const records = await crawlRecords();
  const text = Buffer.from(records[3]!).toString('latin1');
  const endless = Buffer.from(text.replace('\r\nContent-Length', `\r\nWARC-Comment: ${'x'.repeat(70_000)}\r\nContent-Length`), 'latin1');
  const junk = utf8('<html>not a record</html>\r\n\r\n');
  const items = (await read(Buffer.concat([junk, records[2]!, endless, records[4]!]), { chunk: 4096 })).map(outline);
  t.deepEqual(
    items.map((item) => ('reject' in item ? item.reject : 'page' in item ? item.page : null)),
    ['bad-warc', 'https://a.example/1', 'bad-warc', 'https://a.example/notes.txt'],
  );
  t.like(items[2], { offset: junk.length + records[2]!.length });
});

test('records larger than the page limit are passed over: too-large if they would be pages, skipped if not', async (t) => {
  const big = 'x'.repeat(300_000);
  const records = await Promise.all([
    warcResponse('https://a.example/big', `<html><body><p>${big}</p></body></html>`, DATE, false),
    warcHttpResponse({ url: 'https://a.example/big.png', date: DATE, headers: { 'Content-Type': 'image/png' }, body: utf8(big) }, false),
    warcHttpResponse(
      {
        url: 'https://a.example/gone',
        date: DATE,
        statusline: 'HTTP/1.1 404 Not Found',
        headers: { 'Content-Type': 'text/html' },
        body: utf8(big),
      },
      false,
    ),
    warcRecord('metadata', 'https://a.example/big', 'text/plain', big, DATE, false),
    warcResponse('https://a.example/small', page(1), DATE, false),
  ]);
  const items = (await read(Buffer.concat(records), { maxPageBytes: 100_000, chunk: 8192 })).map(outline);
  t.deepEqual(items, [
    { source: 'crawl.warc#1', reject: 'too-large', offset: 0 },
    { source: 'crawl.warc#2', skip: 'not-a-page' },
    { source: 'crawl.warc#3', skip: 'http-404' },
    { source: 'crawl.warc#4', skip: 'warc-metadata' },
    { source: 'crawl.warc#5', page: 'https://a.example/small', fetchedAt: DATE, bytes: page(1) },
  ]);
});

test('chunked Transfer-Encoding is decoded; a body not chunked after all is kept as it is; a cut chunking keeps what was decoded', async (t) => {
  const html = page(1);
  const first = `20;ext=1\r\n${html.slice(0, 32)}\r\n`;
  const secondLine = `${(html.length - 32).toString(16)}\r\n`;
  const chunked = `${first}${secondLine}${html.slice(32)}\r\n0\r\nTrailer: x\r\n\r\n`;
  const cut = first.length + secondLine.length + 12;
  const headers = { 'Content-Type': 'text/html', 'Transfer-Encoding': 'chunked' };
  const body = (text: string | Uint8Array, extra: Record<string, string> = {}) =>
    warcHttpResponse(
      { url: 'https://a.example/c', date: DATE, headers: { ...headers, ...extra }, body: typeof text === 'string' ? utf8(text) : text },
      false,
    );
  const gzipped = gzipSync(html);
  const gzipChunked = Buffer.concat([utf8(`${gzipped.length.toString(16)}\r\n`), gzipped, utf8('\r\n0\r\n\r\n')]);
  const records = await Promise.all([
    body(chunked),
    body(html),
    body(chunked.slice(0, cut)),
    body(gzipChunked, { 'Content-Encoding': 'gzip' }),
  ]);
  for (const gzip of [false, true]) {
    const input = gzip ? gzipMembers(records) : Buffer.concat(records);
    const pages = (await read(input, { chunk: 1000, gzipped: gzip })).map((item) =>
      'page' in item ? bodyBuffer(item.page.body).toString() : item,
    );
    t.deepEqual(pages, [html, html, html.slice(0, 32 + 12), html]);
  }
});

test('Content-Encoding gzip, deflate and br are decoded; a bomb is too-large as soon as it passes the page limit', async (t) => {
  const html = page(2);
  const limit = 256 * 1024;
  const zeros = Buffer.alloc(64 * 1024 * 1024);
  const encoded = (encoding: string, body: Uint8Array, url = `https://a.example/${encoding}`) =>
    warcHttpResponse({ url, date: DATE, headers: { 'Content-Type': 'text/html', 'Content-Encoding': encoding }, body }, false);
  const brotli = (bytes: Uint8Array) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
  const records = await Promise.all([
    encoded('gzip', gzipSync(html)),
    encoded('x-gzip', gzipSync(html)),
    encoded('deflate', deflateSync(html)),
    encoded('deflate', deflateRawSync(html)),
    encoded('br', brotli(utf8(html))),
    encoded('gzip', gzipSync(zeros, { level: 9 }), 'https://a.example/bomb-gzip'),
    encoded('br', brotli(zeros), 'https://a.example/bomb-br'),
    warcResponse('https://a.example/after', page(3), DATE, false),
  ]);
  t.true(records[5].length < 100_000, 'the gzip bomb is small');
  const started = performance.now();
  const items = await read(Buffer.concat(records), { maxPageBytes: limit });
  t.true(performance.now() - started < 5000, 'the bombs are not decoded whole');
  t.deepEqual(
    items.slice(0, 5).map((item) => ('page' in item ? bodyBuffer(item.page.body).toString() : item)),
    [html, html, html, html, html],
  );
  for (const [i, encoding] of [
    [5, 'gzip'],
    [6, 'br'],
  ] as const) {
    t.like(items[i], { reject: { source: `crawl.warc#${i + 1}`, reason: 'too-large', offset: starts(records)[i] } });
    t.regex(
      (items[i] as { reject: { detail: string } }).reject.detail,
      new RegExp(`Content-Encoding ${encoding} decodes to more than ${limit} bytes`),
    );
  }
  t.like(items[7], { page: { url: 'https://a.example/after' } });
});

test('reading yields to the event loop as it goes (signals are handled), even over a WARC held in one chunk', async (t) => {
  const records = await crawlRecords();
  const big = Buffer.concat(Array.from({ length: 2000 }, () => records).flat());
  t.true(big.length > 4 * 1024 * 1024);
  let turns = 0;
  let next = setImmediate(function turn() {
    turns++;
    next = setImmediate(turn);
  });
  t.teardown(() => clearImmediate(next));
  const items = await read(big, { chunk: big.length });
  t.is(items.length, 2000 * records.length);
  t.true(turns >= 4, `${turns} turns of the event loop`);
});

/** Run the compiled CLI; killed after `limitMs`, and when the test ends. */
async function runCli(
  t: ExecutionContext,
  args: readonly string[],
  limitMs: number,
): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = performance.now();
  const run = spawnCli(t, [...args], ROOT);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), limitMs);
  const { code } = await run.exit;
  clearTimeout(timer);
  return { code, stderr: run.stderr(), ms: performance.now() - started };
}

const CLI_LIMIT_MS = 60_000;

/** The CLI on damaged WARCs: it ends in bounded time, exit 0, with nothing from another parser on stderr; its rejects. */
async function cliRejects(
  t: ExecutionContext,
  input: string,
  extra: readonly string[] = [],
): Promise<Array<{ source: string; reason: string; offset?: number }>> {
  const out = scratch(t);
  const rejects = join(out, 'rejects.ndjson');
  const run = await runCli(
    t,
    [input, '--quiet', '--concurrency', '1', '--out', join(out, 'out.ndjson'), '--rejects', rejects, ...extra],
    CLI_LIMIT_MS,
  );
  t.is(run.code, 0, `${input}: ${run.stderr}`);
  t.true(run.ms < CLI_LIMIT_MS, `${input} ran ${run.ms} ms`);
  t.notRegex(run.stderr, /Content-Length Too Small/);
  return readFileSync(rejects, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

test('the CLI on a directory of damaged WARCs ends by itself, exit 0, with the damaged record of each rejected', async (t) => {
  t.timeout(2 * CLI_LIMIT_MS);
  const dir = join(scratch(t), 'damaged');
  mkdirSync(dir);
  const records = await crawlRecords();
  const write = (name: string, parts: Uint8Array[]) => writeFileSync(join(dir, name), Buffer.concat(parts));
  const whole = Buffer.concat(records);
  write('truncated.warc', [whole.subarray(0, whole.length - 100)]);
  write('request-past-end.warc', [...records.slice(0, 7), withContentLength(records[7]!, String(10 ** 12))]);
  for (const [lie, value] of LIES)
    write(
      `${lie.replace(/\W+/g, '-')}.warc`,
      records.map((record, i) => (i === 3 ? withContentLength(record, value(contentLengthOf(record))) : record)),
    );
  const bomb = await warcHttpResponse(
    {
      url: 'https://a.example/bomb',
      date: DATE,
      headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }),
    },
    true,
  );
  write('bomb.warc.gz', [bomb, gzipSync(records[2]!)]);
  // One run over them all: a file that never ended would hold up the run past its bound.
  const rejects = await cliRejects(t, dir, ['--max-page-bytes', String(1 << 20)]);
  const of = (file: string) => rejects.filter((reject) => reject.source.startsWith(`${join(dir, file)}#`));
  t.like(of('truncated.warc'), [{ reason: 'truncated-warc', offset: starts(records)[8] }]);
  t.like(of('request-past-end.warc'), [{ reason: 'truncated-warc', offset: starts(records)[7] }]);
  for (const [lie] of LIES) t.like(of(`${lie.replace(/\W+/g, '-')}.warc`), [{ reason: 'bad-warc' }]);
  t.like(of('bomb.warc.gz'), [{ reason: 'too-large', offset: 0 }]);
});

const IANA = join(SHARED_DATASETS, 'warc/iana.warc.gz');

sharedDataTest([IANA])(
  'the issue: iana.warc.gz gunzipped and cut at 30000 bytes ends by itself, exit 0, its cut record truncated-warc',
  async (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, 't.warc'), gunzipSync(readFileSync(IANA)).subarray(0, 30_000));
    const rejects = await cliRejects(t, join(dir, 't.warc'));
    t.is(rejects.length, 1);
    t.like(rejects[0], { reason: 'truncated-warc', offset: 15166 });
  },
);

const REAL_WARCS = ['iana.warc.gz', 'parseme.warc.gz', 'archiveteam.warc.gz', 'iana-chunked.warc'].map((name) =>
  join(SHARED_DATASETS, 'warc', name),
);

sharedDataTest(REAL_WARCS)(
  'the real WARC files: the reader and warcio agree record by record (type, URL, date; the decoded payload of each page)',
  async (t) => {
    for (const file of REAL_WARCS) {
      const raw = readFileSync(file);
      const bytes = file.endsWith('.gz') ? gunzipSync(raw) : raw;
      const ours: Array<{ type?: string; url?: string; date?: string }> = [];
      for await (const frame of warcRecords(inChunks(bytes, 64 * 1024), { holds: () => false, maxBlockBytes: 0 })) {
        if (!('record' in frame)) return t.fail(`${file}: ${JSON.stringify(frame)}`);
        const { header } = frame.record;
        ours.push({
          type: header.get('warc-type'),
          url: header.get('warc-target-uri')?.replace(/^<(.*)>$/, '$1'),
          date: header.get('warc-date'),
        });
      }
      const pages = new Map<number, PageBody>();
      for (const [i, item] of (await read(bytes)).entries()) if ('page' in item) pages.set(i, item.page.body);
      const theirs: typeof ours = [];
      for await (const record of new WARCParser(inChunks(bytes, 64 * 1024))) {
        const i = theirs.length;
        theirs.push({
          type: record.warcType,
          url: record.warcTargetURI?.replace(/^<(.*)>$/, '$1') ?? undefined,
          date: record.warcDate ?? undefined,
        });
        if (pages.has(i)) t.deepEqual(bodyBuffer(pages.get(i)!), Buffer.from(await record.readFully(true)), `${file}#${i + 1}`);
      }
      t.deepEqual(ours, theirs, file);
      t.true(pages.size > 0, `${file} has pages`);
    }
  },
);
