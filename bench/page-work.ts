/**
 * tsx bench/page-work.ts DIST INPUT
 *
 * The work a page costs in one thread, without reading it, passing it to a worker or learning its site:
 * `preparePage` then `cleanPage` of the build compiled under DIST, on INPUT's pages held in memory (HTML
 * files or NDJSON lines, as `bench:real` reads them; no URL, as a directory of files gives none). One pass
 * is not counted (the code is compiled as it gets hot); the Row of the next is printed as JSON.
 * `bench:compare --page-work` runs this in a process of its own for each build and round: two builds in one
 * process would share their dependencies' compiled code, and each would slow the other's.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { htmlSample, type Row } from './measure.js';
import type { RawPage } from '../pipeline/types.js';

type PageModule = typeof import('../pipeline/page.js');
type ExtractModule = typeof import('../stages/extract.js');

const [dist, input] = process.argv.slice(2);
if (!dist || !input) {
  console.error('usage: tsx bench/page-work.ts DIST INPUT');
  process.exit(2);
}
const load = (path: string) => import(pathToFileURL(join(dist, path)).href);
const { preparePage, cleanPage } = (await load('pipeline/page.js')) as PageModule;
const { UNLEARNED } = (await load('stages/extract.js')) as ExtractModule;

const bodies = htmlSample(input, Number.MAX_SAFE_INTEGER).map((html) => Buffer.from(html, 'utf8'));
const pages: RawPage[] = bodies.map((body, i) => ({
  source: `page-${i}.html`,
  url: null,
  directory: '.',
  body,
  contentType: 'text/html',
  fetchedAt: null,
}));

/** One pass over every page: wall time, and the CPU time of the process (this thread and V8's own). */
function pass(): Row {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const raw of pages) {
    const prepared = preparePage(raw);
    if ('page' in prepared) cleanPage(prepared.page, UNLEARNED);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    name: 'page work',
    pages: pages.length,
    mb: bodies.reduce((sum, body) => sum + body.byteLength, 0) / 1e6,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssMb: null,
  };
}

pass();
console.log(JSON.stringify(pass()));
