import test from 'ava';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordSchema, SCHEMA_VERSION } from '../../pipeline/output/record.js';
import { GOLDEN_SETS } from '../golden-sets.js';
import { cli, parseNdjson, ROOT } from '../helpers.js';

const printed = () => {
  const { code, stdout } = cli(['schema']);
  if (code !== 0) throw new Error(`winnow schema exited ${code}`);
  return JSON.parse(stdout) as Record<string, any>;
};

test('winnow schema prints the JSON Schema of the record, with its version', (t) => {
  const schema = printed();
  t.is(schema.properties.schema_version.const, SCHEMA_VERSION);
  t.deepEqual(Object.keys(schema.properties), Object.keys(RecordSchema.shape));
  t.deepEqual([...schema.required].sort(), Object.keys(RecordSchema.shape).sort());
});

test('the printed JSON Schema validates every record of the fixtures, duplicates kept, and refuses broken ones', (t) => {
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(printed());
  const fixtures = GOLDEN_SETS.map((folder) => join(ROOT, 'fixtures', folder));
  const { code, stdout } = cli([...fixtures, '--keep-duplicates', '--quiet']);
  t.is(code, 0);
  const records = parseNdjson(stdout);
  // Every golden record, and each page it absorbed as a record of its own.
  const golden = GOLDEN_SETS.flatMap((folder) => parseNdjson(readFileSync(join(ROOT, 'fixtures/expected', `${folder}.ndjson`), 'utf8')));
  t.is(
    records.length,
    golden.reduce((n, r) => n + 1 + (r.duplicates as unknown[]).length, 0),
  );
  for (const record of records) t.true(validate(record), `${record.source}: ${JSON.stringify(validate.errors)}`);

  // The schema is not a rubber stamp: what a downstream tool must not receive is refused.
  const good = records[0]!;
  const broken: Record<string, unknown>[] = [
    { ...good, language: 'english' },
    { ...good, published: '19.06.2019' },
    { ...good, published_from: 'guess' },
    { ...good, word_count: -1 },
    { ...good, extra: true },
    Object.fromEntries(Object.entries(good).filter(([key]) => key !== 'text')),
    { ...good, schema_version: '0.9.0' },
  ];
  for (const record of broken) t.false(validate(record), JSON.stringify(record).slice(0, 120));
});
