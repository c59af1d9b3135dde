/**
 * The seeds' articles survive without their anchors (issue: text dumps without their anchors). Every
 * derived input is written by the test from the seeds and fixtures, never kept as an edited copy.
 */
import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, parseNdjson, ROOT, scratch } from '../helpers.js';

const seed = (name: string) => readFileSync(join(ROOT, 'fixtures/seeds', name), 'utf8');

/** One NDJSON page of `text` run alone: its record and the run's report. */
function runText(t: import('ava').ExecutionContext, dir: string, name: string, text: string) {
  writeFileSync(join(dir, name), JSON.stringify({ url: 'https://odkb.example/news/1', text }) + '\n');
  const { code, stdout, stderr } = cli([name, '--report', `${name}.report.json`], dir);
  t.is(code, 0, stderr);
  return { record: parseNdjson(stdout)[0]!, report: JSON.parse(readFileSync(join(dir, `${name}.report.json`), 'utf8')) };
}

test('a text whose commas an upstream tool could not decode is kept, with a warning in the record and the report', (t) => {
  const dir = scratch(t);
  const clean = seed('002_aea447755fbbf99c.txt');
  const damaged = clean.replace(/,/g, '\ufffd');
  t.true((damaged.match(/\ufffd/g) ?? []).length >= 10, 'the seed has commas to damage');
  const run = (name: string, text: string) => runText(t, dir, name, text);
  const marred = run('marred.ndjson', damaged);
  const whole = run('whole.ndjson', clean);
  t.deepEqual(marred.record.warnings, ['replacement-characters']);
  t.deepEqual(whole.record.warnings, []);
  t.is(marred.record.text.replace(/\ufffd/g, ','), whole.record.text, 'the whole body is there, marred only where it was');
  t.deepEqual(marred.report.warnings, { 'replacement-characters': 1 });
  t.deepEqual(whole.report.warnings, {});
});

test('a text an exporting tool read from UTF-8 as windows-1252 comes out as it was written, with a warning in the record and the report', (t) => {
  const dir = scratch(t);
  const clean = seed('002_aea447755fbbf99c.txt');
  const mangled = Buffer.from(clean, 'utf8').toString('latin1');
  t.regex(mangled, /â\u0080\u009c/, 'its curly quotes come mangled');
  const repaired = runText(t, dir, 'mangled.ndjson', mangled);
  const whole = runText(t, dir, 'whole.ndjson', clean);
  t.deepEqual(repaired.record.warnings, ['repaired-encoding']);
  t.is(repaired.record.text, whole.record.text);
  t.is(repaired.record.language, whole.record.language);
  t.deepEqual(repaired.report.warnings, { 'repaired-encoding': 1 });
});

/** The five seeds in a scratch folder, `edit` applied to the files it names; the records by file name. */
function seedsRun(t: import('ava').ExecutionContext, edit: Record<string, (text: string) => string> = {}) {
  const dir = scratch(t);
  for (const name of SEEDS) writeFileSync(join(dir, name), (edit[name] ?? ((x: string) => x))(seed(name)));
  const { code, stdout, stderr } = cli(['.', '-q', '--rejects', 'rejects.ndjson'], dir);
  t.is(code, 0, stderr);
  t.is(readFileSync(join(dir, 'rejects.ndjson'), 'utf8'), '', 'nothing rejected');
  return new Map(parseNdjson(stdout).map((r) => [r.source.split('/').pop()!, r]));
}

const SEEDS = [
  '000_64a2724dbb24db04.txt',
  '001_639f37363447da70.txt',
  '002_aea447755fbbf99c.txt',
  '003_ef5f2777c78101b1.txt',
  '004_25d3ec7f288ff7e8.txt',
];
/** The line that repeats the title with the article's date: `Title DD.MM.YYYY`. */
const withoutDatedTitle = (text: string) => {
  const lines = text.split('\n');
  const dated = lines.findIndex(
    (line, i) => i > 0 && /\d{2}\.\d{2}\.\d{4}\s*$/.test(line) && lines.slice(0, i).some((l) => l.trim() && line.startsWith(l.trim())),
  );
  if (dated < 0) throw new Error('no dated title line');
  return [...lines.slice(0, dated), ...lines.slice(dated + 1)].join('\n');
};
/** The teasers' date lines: `DD.MM.YYYY` alone on a line. */
const teaserDates = (text: string) => new Set([...text.matchAll(/^(\d{2})\.(\d{2})\.(\d{4})$/gm)].map(([, d, m, y]) => `${y}-${m}-${d}`));

for (const name of ['003_ef5f2777c78101b1.txt', '004_25d3ec7f288ff7e8.txt']) {
  test(`${name.slice(0, 3)} without its dated title: the same title and whole body, and no teaser's date as its date`, (t) => {
    const original = seedsRun(t).get(name)!;
    const edited = seedsRun(t, { [name]: withoutDatedTitle }).get(name)!;
    t.is(edited.title, original.title);
    t.is(edited.text, original.text);
    t.false(teaserDates(seed(name)).has(edited.published ?? ''), `published ${edited.published} from ${edited.published_from}`);
    t.not(edited.published_from, 'dateline');
  });
}
