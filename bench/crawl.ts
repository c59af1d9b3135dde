/**
 * A synthetic crawl for benchmarks: many sites, each with its own navigation, rotating "latest news"
 * teasers and footer, around articles made of real sentences; some articles crawled twice (under another
 * URL, with another teaser set). Written as a text dump, HTML files, NDJSON and WARC.gz; the HTML pages
 * as heavy as real ones (`real-weight.ts`) or lean.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { warcRequest, warcResponse } from '../test/warc-builders.js';
import { asRealHtml } from './real-weight.js';
import type { CrawlPage } from './crawl-page.js';
import { prng } from './prng.js';

const PAGES_PER_SITE = 200;
const TEASERS_EVERY = 40; // a site's teaser set changes every 40 pages ("crawl days")
const RECRAWLED = 0.05;
const RELATED = 6;

export function* syntheticCrawl(pages: number, sentences: readonly string[], seed = 1): Generator<CrawlPage> {
  const random = prng(seed);
  const pick = () => sentences[Math.floor(random() * sentences.length)]!;
  const sentence = (words: number) =>
    pick()
      .split(/\s+/)
      .slice(0, words)
      .join(' ')
      .replace(/[.,;:!?]+$/, '');
  const paragraph = () => Array.from({ length: 2 + Math.floor(random() * 3) }, pick).join(' ');
  const sites = Math.max(1, Math.ceil(pages / PAGES_PER_SITE));
  const recent: CrawlPage[] = [];
  for (let i = 0; i < pages; i++) {
    const s = i % sites;
    const local = Math.floor(i / sites);
    const site = `news${s}.example`;
    const siteRandom = prng(seed * 1000 + s);
    const nav = ['Home', 'World', 'Business', 'Sport', 'Culture', 'Opinion'].map((n) => `${n} ${Math.floor(siteRandom() * 90)}`);
    const footer = [`© ${2000 + (s % 24)} ${site}. All rights reserved.`, 'About us · Contact · Privacy · Terms', 'Back to the section'];
    const day = Math.floor(local / TEASERS_EVERY);
    const dayRandom = prng(seed * 7919 + s * 104729 + day);
    const teasers = Array.from({ length: 5 }, () => sentences[Math.floor(dayRandom() * sentences.length)]!);
    if (recent.length > 20 && random() < RECRAWLED) {
      // The same article fetched again later under another URL: its own site's page, today's teasers.
      const candidates = recent.filter((p) => p.site === site);
      const again = candidates.length ? candidates[Math.floor(random() * candidates.length)]! : null;
      if (again) {
        yield { ...again, url: `${again.url}?utm_source=feed&p=${i}`, teasers };
        continue;
      }
    }
    const page: CrawlPage = {
      site,
      url: `https://${site}/${2015 + (i % 10)}/${String(1 + (i % 12)).padStart(2, '0')}/story-${i}`,
      title: sentence(8 + Math.floor(random() * 6)),
      date: `${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + (i % 12)).padStart(2, '0')}.${2015 + (i % 10)}`,
      teasers,
      nav,
      footer,
      paragraphs: Array.from({ length: 4 + Math.floor(random() * 7) }, paragraph),
      list: random() < 0.3 ? Array.from({ length: 3 }, () => sentence(7)) : [],
      related: recent
        .filter((p) => p.site === site)
        .slice(-RELATED)
        .map((p) => p.title),
    };
    recent.push(page);
    if (recent.length > 200) recent.shift();
    yield page;
  }
}

function asText(p: CrawlPage): string {
  return [
    ...p.teasers.flatMap((t, i) => [`${String(10 + i)}.0${1 + (i % 9)}.2024`, t]),
    p.title,
    `${p.title} ${p.date}`,
    ...p.paragraphs.slice(0, 2),
    ...p.list.map((item) => `– ${item};`),
    ...p.paragraphs.slice(2),
    ...p.footer,
  ].join('\n\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The lean page shape: the article and its site's parts, little else. */
export function asLeanHtml(p: CrawlPage): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(p.title)} | ${p.site}</title>
<link rel="canonical" href="${p.url.split('?')[0]}"><script>window.ads=[];</script><style>body{margin:0}</style></head>
<body><header class="masthead"><a href="/">${p.site}</a><nav><ul>${p.nav.map((n) => `<li><a href="/${n}">${n}</a></li>`).join('')}</ul></nav></header>
<div class="latest"><h3>Latest news</h3>${p.teasers.map((t) => `<div class="teaser"><p>${esc(t)}</p></div>`).join('')}</div>
<main><article><h1>${esc(p.title)}</h1><p class="date">${p.date}</p>
${p.paragraphs
  .slice(0, 2)
  .map((x) => `<p>${esc(x)}</p>`)
  .join('\n')}
${p.list.length ? `<ul>${p.list.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}
${p.paragraphs
  .slice(2)
  .map((x) => `<p>${esc(x)}</p>`)
  .join('\n')}
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a></div></article></main>
<footer>${p.footer.map((f) => `<p>${esc(f)}</p>`).join('')}</footer></body></html>`;
}

export interface CrawlFiles {
  readonly text: string;
  readonly html: string;
  readonly ndjson: string;
  readonly warc: string;
  readonly pages: number;
}

/** How heavy the HTML pages are: like real crawled pages (`real-weight.ts`), or lean. */
export type PageShape = 'real' | 'lean';

/** Where a crawl under `dir` keeps each format. */
function crawlPaths(dir: string): Omit<CrawlFiles, 'pages'> {
  return { text: join(dir, 'text'), html: join(dir, 'html'), ndjson: join(dir, 'crawl.ndjson'), warc: join(dir, 'crawl.warc.gz') };
}

/** Write the crawl in all four formats under `dir`. */
export async function writeCrawl(dir: string, pages: Iterable<CrawlPage>, shape: PageShape): Promise<CrawlFiles> {
  const asHtml = shape === 'real' ? asRealHtml : asLeanHtml;
  const files = crawlPaths(dir);
  const ndjson = createWriteStream(files.ndjson);
  const warc = createWriteStream(files.warc);
  let n = 0;
  const write = async (stream: NodeJS.WritableStream, chunk: string | Uint8Array) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  for (const page of pages) {
    const siteDir = page.site.replace(/\..*/, '');
    mkdirSync(join(files.text, siteDir), { recursive: true });
    mkdirSync(join(files.html, siteDir), { recursive: true });
    writeFileSync(join(files.text, siteDir, `${n}.txt`), asText(page));
    const html = asHtml(page);
    writeFileSync(join(files.html, siteDir, `${n}.html`), html);
    await write(ndjson, JSON.stringify({ url: page.url, html }) + '\n');
    await write(warc, await warcRequest(page.url, '2024-06-01T12:00:00Z', true));
    await write(warc, await warcResponse(page.url, html, '2024-06-01T12:00:00Z', true));
    n++;
  }
  ndjson.end();
  warc.end();
  await Promise.all([once(ndjson, 'finish'), once(warc, 'finish')]);
  return { ...files, pages: n };
}

/** The file that says what a written crawl was built from; written last, so a crawl cut short has none. */
const BUILT_FROM = 'crawl.json';
/** The code that decides a crawl's bytes: a kept crawl built by other code is written again. */
const GENERATOR_FILES = ['bench/crawl.ts', 'bench/real-weight.ts', 'test/warc-builders.ts'];

/**
 * The crawl of `pages` pages from `sentences` in `shape`, under `dir`: the one already there if it was
 * built from the same arguments by the same code (a crawl kept with `--keep`: writing 100k real-weight
 * pages takes ~12 minutes), else written now.
 */
export async function crawlIn(
  dir: string,
  pages: number,
  sentences: readonly string[],
  shape: PageShape,
): Promise<CrawlFiles & { readonly reused: boolean }> {
  const root = new URL('..', import.meta.url).pathname;
  const hash = createHash('sha256').update(JSON.stringify({ pages, shape, sentences }));
  for (const file of GENERATOR_FILES) hash.update(readFileSync(join(root, file)));
  const builtFrom = hash.digest('hex');
  const marker = join(dir, BUILT_FROM);
  if (existsSync(marker)) {
    const kept = JSON.parse(readFileSync(marker, 'utf8')) as { builtFrom: string; files: CrawlFiles };
    if (kept.builtFrom === builtFrom) return { ...kept.files, reused: true };
    rmSync(marker);
  }
  // Files of another crawl would be read as part of this one (a smaller crawl leaves some of a larger).
  for (const path of Object.values(crawlPaths(dir))) rmSync(path, { recursive: true, force: true });
  const files = await writeCrawl(dir, syntheticCrawl(pages, sentences), shape);
  writeFileSync(marker, JSON.stringify({ builtFrom, files }));
  return { ...files, reused: false };
}
