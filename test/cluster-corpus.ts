/**
 * What the tests of runs split into tasks read: the fixtures, a generated crawl in four formats (the same
 * articles as text files, HTML files, NDJSON and WARC.gz: duplicates across files and shards, re-crawled
 * copies on other sites), names whose listing order is not source order, and a reject; and the output of
 * the single-machine run they must equal.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CrawlPage } from '../bench/crawl-page.js';
import { asLeanHtml, syntheticCrawl, writeCrawl } from '../bench/crawl.js';
import { prng } from '../bench/prng.js';
import { cli, ROOT } from './helpers.js';

const SENTENCES = readFileSync(join(ROOT, 'fixtures/seeds/004_25d3ec7f288ff7e8.txt'), 'utf8')
  .split(/(?<=[.!?])\s+|\n+/)
  .filter((s) => s.split(' ').length > 6);

/** `pages` generated pages, each generated site split into `split` sites (copies land on other sites than their originals). */
function* crawl(pages: number, split: number): Generator<CrawlPage> {
  const random = prng(17);
  for (const page of syntheticCrawl(pages, SENTENCES, 5)) {
    const site = page.site.replace('.example', `-${Math.floor(random() * split)}.example`);
    yield { ...page, site, url: page.url.replace(page.site, site) };
  }
}

/** Writes the corpus into `dir`; the inputs to give, relative to `dir`, in an order that is not source order. */
export async function clusterCorpus(dir: string, pages: number, split = 1): Promise<string[]> {
  for (const folder of ['seeds', 'sites', 'html']) cpSync(join(ROOT, 'fixtures', folder), join(dir, folder), { recursive: true });
  await writeCrawl(join(dir, 'crawl'), crawl(pages, split), 'lean');
  const order = join(dir, 'order');
  mkdirSync(join(order, 'b'), { recursive: true });
  const page = (i: number) => asLeanHtml([...syntheticCrawl(3, SENTENCES, 11 + i)][2]!);
  // Listed b/ first, but b-c.html and b.html sort before b/page.html.
  writeFileSync(join(order, 'b/page.html'), page(0));
  writeFileSync(join(order, 'b.html'), page(1));
  writeFileSync(join(order, 'b-c.html'), page(2));
  writeFileSync(join(order, 'junk.bin'), Buffer.from([0, 1, 2, 3, 0, 0, 0, 9]));
  return ['order', 'crawl', 'sites', 'seeds', 'html'];
}

export interface RunOutput {
  readonly records: Buffer;
  readonly report: string;
  readonly rejects: string;
}

/** `winnow INPUT... --out FILE --report --rejects` in `dir`. */
export function singleRun(dir: string, inputs: readonly string[]): RunOutput {
  const result = cli(
    [...inputs, '-q', '-o', 'single/out.ndjson', '--report', 'single/report.json', '--rejects', 'single/rejects.ndjson'],
    dir,
    undefined,
    // A few thousand pages: the cli helper's one-minute default is too short on a busy machine.
    { timeout: 600_000 },
  );
  if (result.code !== 0) throw new Error(result.stderr);
  return {
    records: readFileSync(join(dir, 'single/out.ndjson')),
    report: readFileSync(join(dir, 'single/report.json'), 'utf8'),
    rejects: readFileSync(join(dir, 'single/rejects.ndjson'), 'utf8'),
  };
}

/** The part files of an output directory, in order. */
export function partsOf(out: string): string[] {
  return readdirSync(out)
    .filter((name) => name.startsWith('part-'))
    .sort();
}

/** What a run split into tasks left in `out`: its parts concatenated, its report and rejects. */
export function runOutput(out: string): RunOutput {
  return {
    records: Buffer.concat(partsOf(out).map((name) => readFileSync(join(out, name)))),
    report: readFileSync(join(out, 'report.json'), 'utf8'),
    rejects: readFileSync(join(out, 'rejects.ndjson'), 'utf8'),
  };
}

/** Every done marker of a work directory, by step and rank, with its modification time and contents. */
export function doneMarkers(work: string): Map<string, string> {
  const markers = new Map<string, string>();
  for (const step of readdirSync(join(work, 'markers'))) {
    for (const name of readdirSync(join(work, 'markers', step)).filter((n) => n.endsWith('.done'))) {
      const path = join(work, 'markers', step, name);
      markers.set(`${step}/${name}`, `${statSync(path).mtimeMs} ${readFileSync(path, 'utf8')}`);
    }
  }
  return markers;
}
