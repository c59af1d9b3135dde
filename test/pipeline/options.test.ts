/**
 * The one options table (pipeline/cli/options.ts) is what the README and `--help` say: the README's
 * option block is `optionTable()` exactly (`npm run docs:options` rewrites it), and the help names every
 * option.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_FLAGS, OPTIONS, optionTable } from '../../pipeline/cli/options.js';
import { cli, ROOT } from '../helpers.js';

const START = '<!-- options:start -->';
const END = '<!-- options:end -->';

test("the README's option table is optionTable() exactly (npm run docs:options rewrites it)", (t) => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  t.true(start >= 0 && end > start, `README.md has a ${START} … ${END} block`);
  t.is(readme.indexOf(START, start + 1), -1, 'one option block');
  t.is(readme.slice(start + START.length, end), `\n${optionTable()}\n`);
});

test('the option table has a row for every option and flag, each with its config key', (t) => {
  const rows = optionTable().split('\n').slice(2);
  t.is(rows.length, 1 + Object.keys(OPTIONS).length + Object.keys(COMMAND_FLAGS).length);
  for (const [key, spec] of Object.entries(OPTIONS))
    t.true(
      rows.some((row) => row.includes(`--${spec.flag}`) && row.includes(`\`${key}\``)),
      key,
    );
  for (const row of rows) t.is(row.split(/(?<!\\)\|/).length, 6, row);
});

test('winnow --help names every option of OPTIONS, its short form and its config key, and every command flag', (t) => {
  const { code, stdout } = cli(['--help']);
  t.is(code, 0);
  for (const [key, spec] of Object.entries(OPTIONS)) {
    t.regex(stdout, new RegExp(`${spec.short ? `-${spec.short}, ` : ' {4}'}--${spec.flag}(?=[ \\n])`), spec.flag);
    t.true(stdout.includes(`[${key}]`), key);
  }
  for (const spec of Object.values(COMMAND_FLAGS)) t.true(stdout.includes(`--${spec.flag}`), spec.flag);
  t.false(stdout.includes('`'), 'the help shows code without the backticks the README keeps');
});
