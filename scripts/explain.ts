/**
 * Why did a page come out this way? Prints the page's type and the attempt that read it, then every block of one
 * page with its support, template verdict and final role.
 * Usage: npx tsx scripts/explain.ts PAGE [SIBLING...] [--url URL] — siblings teach the site's template; the URL is
 * the page's address as the run would read it from an NDJSON or WARC record (the page type reads it).
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cleanPage, preparePage, type PreparedPage } from '../pipeline/page.js';
import { pageSignature, SiteStatsBuilder } from '../pipeline/site-stats.js';
import { contentTypeOf } from '../pipeline/input/inputs.js';
import { exitWithUsage, toolArgs } from './tool-args.js';

const USAGE = 'usage: npx tsx scripts/explain.ts PAGE [SIBLING...] [--url URL]';
const { values, positionals } = toolArgs(USAGE, { allowPositionals: true, options: { url: { type: 'string' } } });
const [target, ...siblings] = positionals;
if (!target) exitWithUsage(USAGE);
const prepare = (file: string, url: string | null = null): PreparedPage => {
  const prepared = preparePage({
    source: file,
    url,
    directory: dirname(file),
    body: readFileSync(file),
    contentType: contentTypeOf(file),
    fetchedAt: null,
  });
  if (!('page' in prepared)) throw new Error(`${file}: ${prepared.reject.reason} ${prepared.reject.detail}`);
  return prepared.page;
};
const builder = new SiteStatsBuilder();
const page = prepare(target, values.url ?? null);
for (const p of [page, ...siblings.filter((s) => s !== target).map((s) => prepare(s))])
  builder.addPage(
    p.site,
    p.pageHash,
    pageSignature(p.blocks),
    p.blocks.map((b) => b.hash),
  );
const view = builder.build().view(page.site);
console.log(`site ${page.site}: ${view.pages} pages`);
const cleaned = cleanPage(page, view, { explain: true });
const scores = Object.entries(page.pageType?.scores ?? {})
  .sort(([, a], [, b]) => b - a)
  .map(([type, p]) => `${type} ${p.toFixed(2)}`);
console.log(`page type: ${scores.join(', ') || 'none'}; read by: ${'article' in cleaned ? cleaned.attempt : 'nothing'}`);
cleaned.explanation!.blocks.forEach((row, position) => {
  console.log(
    `${String(position).padStart(4)} ${row.verdict.padEnd(11)} ${String(row.support).padStart(3)} ${row.role.padEnd(13)} ${(row.path ?? '').slice(-40).padEnd(40)} ${row.text.slice(0, 60).replace(/\n/g, ' / ')} | ${row.reason}`,
  );
});
console.log(
  '\n' + JSON.stringify('article' in cleaned ? { title: cleaned.article.title, published: cleaned.article.published } : cleaned.reject),
);
