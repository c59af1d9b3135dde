/**
 * Why did a page come out this way? Prints the page's type and the attempt that read it, then every block of one
 * page with its support, template verdict and final role.
 * Usage: npx tsx scripts/explain.ts PAGE [SIBLING...] [--url URL] — siblings teach the site's template; the URL is
 * the page's address as the run would read it from an NDJSON or WARC record (the page type reads it).
 * Or: npx tsx scripts/explain.ts --dataset PATH --id ID — a page of an evaluation set (eval/datasets.ts) by its id
 * (`wcxb/0285`, `htmldate-0665`, a page file's path), with its URL, and the set's other pages of its site as siblings,
 * as `npm run eval` runs the set in one batch.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cleanPage, preparePage, type PreparedPage } from '../pipeline/page.js';
import { learnSites } from './learn-sites.js';
import { contentTypeOf } from '../pipeline/input/inputs.js';
import { loadDataset } from '../eval/datasets.js';
import { exitWithUsage, toolArgs } from './tool-args.js';

const USAGE = 'usage: npx tsx scripts/explain.ts PAGE [SIBLING...] [--url URL]\n   or: npx tsx scripts/explain.ts --dataset PATH --id ID';
const { values, positionals } = toolArgs(USAGE, {
  allowPositionals: true,
  options: { url: { type: 'string' }, dataset: { type: 'string' }, id: { type: 'string' } },
});

interface PageInput {
  readonly source: string;
  readonly url: string | null;
  readonly directory: string;
  readonly body: Buffer;
  readonly contentType: string | null;
}

/** The page prepared as a run prepares it; a page the run rejects stops the script, saying why, unless it is only a sibling. */
const prepare = (input: PageInput, sibling = false): PreparedPage | null => {
  const prepared = preparePage({ ...input, fetchedAt: null });
  if ('page' in prepared) return prepared.page;
  if (sibling) return null;
  throw new Error(`${input.source}: ${prepared.reject.reason} ${prepared.reject.detail}`);
};

/** The page to explain and its siblings: files named on the command line, or a dataset's page and its site's other pages. */
async function pagesToExplain(): Promise<[PreparedPage, PreparedPage[]]> {
  if (values.dataset === undefined) {
    const [target, ...siblings] = positionals;
    if (!target || values.id !== undefined) exitWithUsage(USAGE);
    const file = (path: string, url: string | null = null): PageInput => ({
      source: path,
      url,
      directory: dirname(path),
      body: readFileSync(path),
      contentType: contentTypeOf(path),
    });
    const others = siblings.filter((s) => s !== target).map((s) => prepare(file(s), true));
    return [prepare(file(target, values.url ?? null))!, others.filter((p) => p !== null)];
  }
  if (values.id === undefined || positionals.length > 0 || values.url !== undefined) exitWithUsage(USAGE);
  const dataset = await loadDataset(values.dataset);
  const site = dataset.pages.find((p) => p.id === values.id)?.site;
  if (site === undefined) exitWithUsage(USAGE, `${values.dataset}: no page with the id ${values.id}`);
  let target: PreparedPage | undefined;
  const siblings: PreparedPage[] = [];
  for await (const { page, url, html } of dataset.htmlPages()) {
    if (page.site !== site) continue;
    const input = { source: page.id, url, directory: dirname(values.dataset), body: Buffer.from(html), contentType: 'text/html' };
    const prepared = prepare(input, page.id !== values.id);
    if (page.id === values.id) target = prepared!;
    else if (prepared) siblings.push(prepared);
  }
  return [target!, siblings];
}

const [page, siblings] = await pagesToExplain();
const view = learnSites([page, ...siblings]).view(page.site);
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
