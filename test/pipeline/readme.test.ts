import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

/** The first ```js block after the heading, as the README shows it. */
function readmeExample(heading: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`## ${heading}`));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error(`no js example under "${heading}"`);
  return match[1]!;
}

test('the README library example runs as written against the built package', (t) => {
  // The example imports the package by name (`npm test` has built it): run it inside the project so that
  // `import 'winnow'` resolves to this package (its `exports`), as it does for a user who installed it.
  const script = join(ROOT, 'out', `readme-example-${process.pid}.mjs`);
  writeFileSync(script, readmeExample('As a library'));
  try {
    const result = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: 'utf8' });
    t.is(result.status, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    const titles = lines.filter((line) => line.includes(' | '));
    // Five seed articles, the stream's article and the page object, in source order.
    t.is(titles.length, 7, result.stdout);
    t.true(titles.some((line) => line.startsWith('fixtures/seeds/001_')));
    t.true(
      titles.some((line) => /^input:1 \| \S/.test(line)),
      'the stream gives an article with a title',
    );
    t.true(titles.includes('input:2 | Field notes'));
    t.regex(lines.at(-1)!, /"emitted":7/);
  } finally {
    rmSync(script, { force: true });
  }
});
