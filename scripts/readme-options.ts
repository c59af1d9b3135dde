/**
 * Rewrites the README's option table from the one options table (pipeline/cli/options.ts): the lines
 * between `<!-- options:start -->` and `<!-- options:end -->` become `optionTable()`.
 * Usage: npm run docs:options [-- --check]; `--check` changes nothing and exits 1 when the table is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { optionTable } from '../pipeline/cli/options.js';

const START = '<!-- options:start -->';
const END = '<!-- options:end -->';

/** The README with its option block replaced by `table`; throws when the markers are missing or out of order. */
function withOptionTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md: no ${START} … ${END} block`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

const path = new URL('../README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
const updated = withOptionTable(readme, optionTable());
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md: the option table differs from optionTable(); run npm run docs:options');
    process.exit(1);
  }
} else if (updated !== readme) {
  writeFileSync(path, updated);
  console.log('README.md: option table rewritten');
} else console.log('README.md: option table already up to date');
