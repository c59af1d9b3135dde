import test from 'ava';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { ArticleRecord } from '../../pipeline/index.js';
import { ROOT } from '../helpers.js';
import { dist, runRecords } from '../dist.js';

const { RecordSchema, winnow } = dist.index;

test('winnow() yields the same records as a run, validated, in source order, and returns the report', async (t) => {
  const inputs = [join(ROOT, 'fixtures/seeds'), join(ROOT, 'fixtures/html')];
  const expected = await runRecords({ inputs });
  const records = [];
  const iterator = winnow({ inputs });
  let step = await iterator.next();
  while (!step.done) {
    t.true(RecordSchema.safeParse(step.value).success);
    records.push(step.value);
    step = await iterator.next();
  }
  t.deepEqual(records, expected.records);
  t.deepEqual(step.value.report.totals, expected.report.totals);
});

test('streams and page objects are inputs like files: same records, sources input:N', async (t) => {
  const file = join(ROOT, 'fixtures/html/2024-05-08-night-buses.html');
  const html = readFileSync(file, 'utf8');
  const fromFile = (await runRecords({ inputs: [file] })).records[0]!;
  const gzipped = Readable.from([gzipSync(readFileSync(file))]);
  const run = winnow({
    inputs: [
      createReadStream(file),
      gzipped,
      { html, url: 'https://example.org/night-buses' },
      { text: 'no html', source: 'mine' },
      { url: 'x' },
    ],
  });
  const records = [];
  for await (const record of run) records.push(record);
  const { report, rejects } = await run.result;
  // The three copies are one article: one record absorbing the other two.
  t.is(records.length, 2);
  const [article, note] = records as [ArticleRecord, ArticleRecord];
  t.is(article.source, 'input:0');
  t.deepEqual(article.duplicates, ['input:1', 'input:2']);
  t.is(article.title, fromFile.title);
  t.is(article.text, fromFile.text);
  t.is(note.source, 'mine');
  t.is(note.text, 'no html');
  t.deepEqual(
    rejects.map((r) => [r.source, r.reason]),
    [['input:4', 'unreadable']],
  );
  t.deepEqual(report.totals, { read: 5, emitted: 2, duplicates: 2, rejected: 1, skipped: 0, filtered: 0 });
  t.deepEqual(Object.keys(report.inputs), ['input:0', 'input:1', 'input:2', 'input:4', 'mine']);
});

test.serial('leaving the loop early stops the run and removes its temporary files; result then rejects', async (t) => {
  // The run's temporary files go to os.tmpdir(): point it at an empty directory of this test's own.
  const scratch = mkdtempSync(join(tmpdir(), 'winnow-tmp-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  const runFiles = () => readdirSync(scratch).filter((name) => name.startsWith('winnow-'));
  try {
    const run = winnow({
      inputs: [
        join(ROOT, 'fixtures/seeds'),
        Readable.from([Buffer.from('<p>a stream page with enough words in it to be an article of its own</p>')]),
      ],
    });
    for await (const record of run) {
      t.truthy(record.source);
      t.true(runFiles().length > 0, 'the run has temporary files while it runs');
      break;
    }
    await t.throwsAsync(run.result, { message: /stopped/ });
    // The run notices the stop at its next step; give it a moment to clean up.
    for (let i = 0; i < 50 && runFiles().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    t.deepEqual(runFiles(), []);
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('an aborted signal stops the run with its reason', async (t) => {
  const controller = new AbortController();
  controller.abort(new Error('enough'));
  await t.throwsAsync(runRecords({ inputs: [join(ROOT, 'fixtures/seeds')], signal: controller.signal }), { message: 'enough' });
});

test('a stream that fails is a reject of that input; the run goes on and balances', async (t) => {
  const failing = new Readable({
    read() {
      this.push(Buffer.from('<html><body><p>half a page'));
      this.destroy(new Error('connection reset'));
    },
  });
  const { records, report, rejects } = await runRecords({ inputs: [join(ROOT, 'fixtures/seeds'), failing] });
  t.is(records.length, 5);
  t.like(rejects[0], { source: 'input:1', reason: 'unreadable' });
  t.regex(rejects[0]!.detail, /the stream failed: .*connection reset/);
  t.deepEqual(report.totals, { read: 6, emitted: 5, duplicates: 0, rejected: 1, skipped: 0, filtered: 0 });
});
