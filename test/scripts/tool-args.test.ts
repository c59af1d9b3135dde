import test from 'ava';
import { readToolArgs } from '../../scripts/tool-args.js';

const CONFIG = {
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '1' }, lean: { type: 'boolean', default: false } },
} as const;

test('a tool reads its options and positionals, defaults filled in', (t) => {
  const read = readToolArgs(['input.ndjson', '--rounds', '3'], CONFIG);
  t.true(read.ok);
  if (!read.ok) return;
  t.deepEqual(read.args.values, { rounds: '3', lean: false });
  t.deepEqual(read.args.positionals, ['input.ndjson']);
});

test('--help and -h ask for the usage, wherever they stand', (t) => {
  for (const argv of [['--help'], ['input', '-h'], ['--bogus', '--help']])
    t.deepEqual(readToolArgs(argv, CONFIG), { ok: false, help: true });
});

test('an unknown option or a missing value says what is wrong instead of throwing', (t) => {
  const unknown = readToolArgs(['--round', '3'], CONFIG);
  t.like(unknown, { ok: false, help: false });
  t.regex(!unknown.ok && !unknown.help ? unknown.why : '', /--round/);
  const missing = readToolArgs(['input', '--rounds'], CONFIG);
  t.regex(!missing.ok && !missing.help ? missing.why : '', /--rounds/);
});
