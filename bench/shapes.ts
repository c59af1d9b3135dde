/**
 * npm run bench:shapes -- [--lines N] [--shape NAME]
 *
 * Whether a page's work grows in proportion to the page, on the shapes that make pages long: N, 2N and 4N
 * paragraphs, lines joined by `br`, list items, table rows, links in one paragraph, elements left open, forum posts
 * with their member lines, headings. Each page goes through `preparePage` and `cleanPage` (the compiled build, one
 * thread, no site learned); one smaller page of the shape runs first, not counted. Prints each size's CPU time and
 * the factor from 2N to 4N lines: about 2 where the work is linear, about 4 where it is quadratic.
 */
import type { RawPage } from '../pipeline/types.js';
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';
import { ROOT } from './measure.js';

type PageModule = typeof import('../pipeline/page.js');
type ExtractModule = typeof import('../stages/extract.js');

const USAGE = 'usage: npm run bench:shapes -- [--lines N] [--shape NAME]';
const { values } = toolArgs(USAGE, { options: { lines: { type: 'string', default: '5000' }, shape: { type: 'string' } } });
const lines = Number(values.lines);
if (!(lines >= 10)) exitWithUsage(USAGE, '--lines: a number of lines, at least 10');

const { preparePage, cleanPage } = (await import(`${ROOT}dist/pipeline/page.js`)) as PageModule;
const { UNLEARNED } = (await import(`${ROOT}dist/stages/extract.js`)) as ExtractModule;

const WORDS = 'the council met on tuesday to discuss the new budget for the city schools and roads';
const many = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('');

/** A page body of n lines of each shape. */
const SHAPES: Record<string, (n: number) => string> = {
  paragraphs: (n) => many(n, (i) => `<p>${WORDS} ${i}.</p>`),
  'br lines': (n) => `<div>${many(n, (i) => `${WORDS} ${i}<br>`)}</div>`,
  'list items': (n) => `<ul>${many(n, (i) => `<li><a href="/p/${i}">${WORDS.slice(0, 30)} ${i}</a></li>`)}</ul>`,
  'table rows': (n) => `<table>${many(n, (i) => `<tr><td>${i}</td><td>${WORDS}</td></tr>`)}</table>`,
  'inline links': (n) => `<p>${many(n, (i) => `see <a href="/x${i}">item ${i}</a>, `)}</p>`,
  'left open': (n) => `<p>${WORDS}</p>${'<font>'.repeat(n * 5)}<p>${WORDS}</p>`,
  'forum posts': (n) =>
    many(n / 3, (i) => `<div class="post"><p>Posts: ${i}</p><p>Joined: Mar ${(i % 28) + 1}, 2019</p><p>${WORDS} ${i}</p></div>`),
  headings: (n) => many(n / 2, (i) => `<h2><a href="/x${i}">Heading ${i}</a></h2><p>${WORDS}</p>`),
};

function cpuMs(html: string): number {
  const page: RawPage = {
    source: 'shape.html',
    url: 'https://example.org/shape',
    directory: '.',
    body: Buffer.from(`<html><head><title>A long page</title></head><body>${html}</body></html>`),
    contentType: 'text/html',
    fetchedAt: null,
  };
  const before = process.cpuUsage();
  const prepared = preparePage(page);
  if ('page' in prepared) cleanPage(prepared.page, UNLEARNED);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const names = values.shape ? [values.shape] : Object.keys(SHAPES);
if (names.some((name) => !(name in SHAPES))) exitWithUsage(USAGE, `--shape: one of ${Object.keys(SHAPES).join(', ')}`);
console.log(`| shape | ${lines} lines | ${2 * lines} | ${4 * lines} | factor, ${2 * lines} → ${4 * lines} |`);
console.log('|---|---|---|---|---|');
for (const name of names) {
  const shape = SHAPES[name]!;
  cpuMs(shape(lines / 10));
  const [a, b, c] = [lines, 2 * lines, 4 * lines].map((n) => cpuMs(shape(n))) as [number, number, number];
  console.log(`| ${name} | ${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${c.toFixed(0)} ms | ${(c / b).toFixed(1)} |`);
}
