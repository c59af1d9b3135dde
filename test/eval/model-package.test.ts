import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { packageWithModel } from '../../eval/model-package.js';
import type { ArticleRecord } from '../../pipeline/output/record.js';
import { FEATURE_NAMES, PAGE_TYPES } from '../../stages/page-type.js';
import { ROOT, scratch } from '../helpers.js';

/** A model that types every page `forum`, whatever it reads of the page. */
const everyPageAForum = {
  features: FEATURE_NAMES,
  types: PAGE_TYPES,
  weights: PAGE_TYPES.map(() => FEATURE_NAMES.map(() => 0)),
  bias: PAGE_TYPES.map((type) => (type === 'forum' ? 10 : 0)),
};

test('a package copy with another page-type model types pages by that model, in the library and in the command', async (t) => {
  const copy = await packageWithModel(everyPageAForum, ROOT, join(scratch(t), 'package'));
  const inputs = [join(ROOT, 'fixtures/html')];
  const { run } = (await import(join(copy, 'dist/pipeline/run.js'))) as typeof import('../../pipeline/run.js');
  const records: ArticleRecord[] = [];
  await run({ inputs }, (record) => {
    records.push(record);
  });
  t.true(records.length > 0);
  t.deepEqual([...new Set(records.map((r) => r.page_type))], ['forum']);
  const lines = execFileSync(process.execPath, [join(copy, 'dist/pipeline/cli/cli.js'), ...inputs, '--quiet', '--out', '-'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ArticleRecord);
  t.is(lines.length, records.length);
  t.true(lines.every((r) => r.page_type === 'forum'));
});

test('a package copy with the shipped model gives the same records as the package itself: the copies differ by the model only', async (t) => {
  const shipped: unknown = JSON.parse(readFileSync(join(ROOT, 'stages/page-type-model.json'), 'utf8'));
  const copy = await packageWithModel(shipped, ROOT, join(scratch(t), 'package'));
  const inputs = [join(ROOT, 'fixtures/html'), join(ROOT, 'fixtures/sites')];
  const recordsOf = async (root: string) => {
    const { run } = (await import(join(root, 'dist/pipeline/run.js'))) as typeof import('../../pipeline/run.js');
    const records: ArticleRecord[] = [];
    await run({ inputs }, (record) => {
      records.push(record);
    });
    return records;
  };
  const own = await recordsOf(ROOT);
  t.true(own.length > 5);
  t.deepEqual(await recordsOf(copy), own);
});
