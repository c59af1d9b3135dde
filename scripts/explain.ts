/**
 * Why did a page come out this way? Prints every block of one page with its support, template verdict and
 * final role. Usage: npx tsx scripts/explain.ts PAGE [SIBLING...] — siblings teach the site's template.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cleanPage, preparePage, type PreparedPage } from '../pipeline/page.js';
import { pageSignature, SiteStatsBuilder } from '../pipeline/site-stats.js';
import { contentTypeOf } from '../pipeline/input/inputs.js';

const [target, ...siblings] = process.argv.slice(2);
if (!target) {
  console.error('usage: npx tsx scripts/explain.ts PAGE [SIBLING...]');
  process.exit(2);
}
const prepare = (file: string): PreparedPage => {
  const prepared = preparePage({
    source: file,
    url: null,
    directory: dirname(file),
    body: readFileSync(file),
    contentType: contentTypeOf(file),
    fetchedAt: null,
  });
  if (!('page' in prepared)) throw new Error(`${file}: ${prepared.reject.reason} ${prepared.reject.detail}`);
  return prepared.page;
};
const builder = new SiteStatsBuilder();
const page = prepare(target);
for (const p of [page, ...siblings.filter((s) => s !== target).map(prepare)])
  builder.addPage(
    p.site,
    p.pageHash,
    pageSignature(p.blocks),
    p.blocks.map((b) => b.hash),
  );
const view = builder.build().view(page.site);
console.log(`site ${page.site}: ${view.pages} pages`);
const cleaned = cleanPage(page, view, { explain: true });
cleaned.explanation!.blocks.forEach((row, position) => {
  console.log(
    `${String(position).padStart(4)} ${row.verdict.padEnd(11)} ${String(row.support).padStart(3)} ${row.role.padEnd(13)} ${(row.path ?? '').slice(-40).padEnd(40)} ${row.text.slice(0, 60)} | ${row.reason}`,
  );
});
console.log(
  '\n' + JSON.stringify('article' in cleaned ? { title: cleaned.article.title, published: cleaned.article.published } : cleaned.reject),
);
