import test from 'ava';
import { join } from 'node:path';
import { RecordSchema, winnow } from '../../pipeline/index.js';
import { ROOT, runRecords } from '../helpers.js';

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
