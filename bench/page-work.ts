/**
 * tsx bench/page-work.ts DIST INPUT
 *
 * The work a page costs in one thread, without reading it, passing it to a worker or learning its site:
 * `preparePage` then `cleanPage` of the build compiled under DIST, on INPUT's pages held in memory. Run as a
 * script, it does one uncounted pass (the code is compiled as it gets hot), then prints the Row of one timed
 * pass as JSON. `bench:compare --page-work` runs it in a process of its own for each build and round: two
 * builds in one process would share their dependencies' compiled code, and each would slow the other's.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { htmlSample, type Row } from './measure.js';
import type { RawPage } from '../pipeline/types.js';

type PageModule = typeof import('../pipeline/page.js');
type ExtractModule = typeof import('../stages/extract.js');

/** Pages in memory, and their size in MB. */
export interface PageSet {
  readonly pages: readonly RawPage[];
  readonly mb: number;
}

/** Runs every page once through a build; its Row (wall and CPU time of this thread). */
export type PageWork = (set: PageSet) => Row;

/** The page work of the build compiled under `dist` (its `pipeline/page.js` and `stages/extract.js`). */
export async function loadPageWork(name: string, dist: string): Promise<PageWork> {
  const load = (path: string) => import(pathToFileURL(join(dist, path)).href);
  const { preparePage, cleanPage } = (await load('pipeline/page.js')) as PageModule;
  const { UNLEARNED } = (await load('stages/extract.js')) as ExtractModule;
  return ({ pages, mb }) => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    for (const raw of pages) {
      const prepared = preparePage(raw);
      if ('page' in prepared) cleanPage(prepared.page, UNLEARNED);
    }
    const cpu = process.cpuUsage(cpuBefore);
    return {
      name,
      pages: pages.length,
      mb,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rssMb: null,
    };
  };
}

/** HTML texts as the pages a reader would give: UTF-8 bytes, no URL (a directory of files gives none). */
export function pageSet(htmls: readonly string[]): PageSet {
  const bodies = htmls.map((html) => Buffer.from(html, 'utf8'));
  return {
    pages: bodies.map((body, i) => ({
      source: `page-${i}.html`,
      url: null,
      directory: '.',
      body,
      contentType: 'text/html',
      fetchedAt: null,
    })),
    mb: bodies.reduce((sum, body) => sum + body.byteLength, 0) / 1e6,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dist, input] = process.argv.slice(2);
  if (!dist || !input) {
    console.error('usage: tsx bench/page-work.ts DIST INPUT');
    process.exit(2);
  }
  const set = pageSet(htmlSample(input, Number.MAX_SAFE_INTEGER));
  const work = await loadPageWork(dist, dist);
  work(set);
  console.log(JSON.stringify(work(set)));
}
