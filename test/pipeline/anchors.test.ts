/**
 * The seeds' articles survive without their anchors (issue: text dumps without their anchors). Every
 * derived input is written by the test from the seeds and fixtures, never kept as an edited copy.
 */
import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, parseNdjson, ROOT, scratch } from '../helpers.js';

const seed = (name: string) => readFileSync(join(ROOT, 'fixtures/seeds', name), 'utf8');

test('a text whose commas an upstream tool could not decode is kept, with a warning in the record and the report', (t) => {
  const dir = scratch(t);
  const clean = seed('002_aea447755fbbf99c.txt');
  const damaged = clean.replace(/,/g, '\ufffd');
  t.true((damaged.match(/\ufffd/g) ?? []).length >= 10, 'the seed has commas to damage');
  const run = (name: string, text: string) => {
    writeFileSync(join(dir, name), JSON.stringify({ url: 'https://odkb.example/news/1', text }) + '\n');
    const { code, stdout, stderr } = cli([name, '--report', `${name}.report.json`], dir);
    t.is(code, 0, stderr);
    return { record: parseNdjson(stdout)[0]!, report: JSON.parse(readFileSync(join(dir, `${name}.report.json`), 'utf8')) };
  };
  const marred = run('marred.ndjson', damaged);
  const whole = run('whole.ndjson', clean);
  t.deepEqual(marred.record.warnings, ['replacement-characters']);
  t.deepEqual(whole.record.warnings, []);
  t.is(marred.record.text.replace(/\ufffd/g, ','), whole.record.text, 'the whole body is there, marred only where it was');
  t.deepEqual(marred.report.warnings, { 'replacement-characters': 1 });
  t.deepEqual(whole.report.warnings, {});
});
