/**
 * Which rules drop the gold's words? Runs every page of an evaluation set with gold text (WCXB, CleanPortal) as
 * `scripts/explain.ts` runs one — with its site's other pages in the set as siblings — and counts the blocks each
 * reason drops: those whose words the gold holds and the record does not (lost), and those it rightly drops.
 * Usage: npx tsx scripts/lost-words.ts --dataset PATH [--reason PREFIX] [--examples N]
 * `--reason` keeps the reasons that start so (`boilerplate: hint:`); `--examples` lost blocks are listed per reason.
 */
import { dirname } from 'node:path';
import { cleanPage, preparePage, type PreparedPage } from '../pipeline/page.js';
import { loadDataset } from '../eval/datasets.js';
import { MIN_WORDS, tallyDrops, type DropTally } from '../eval/lost-words.js';
import { learnSites } from './learn-sites.js';
import { exitWithUsage, toolArgs } from './tool-args.js';

const USAGE = 'usage: npx tsx scripts/lost-words.ts --dataset PATH [--reason PREFIX] [--examples N]';
const { values } = toolArgs(USAGE, {
  options: { dataset: { type: 'string' }, reason: { type: 'string', default: '' }, examples: { type: 'string', default: '3' } },
});
if (values.dataset === undefined) exitWithUsage(USAGE);
const dataset = await loadDataset(values.dataset);

const prepared: { readonly page: PreparedPage; readonly gold: string; readonly id: string }[] = [];
for await (const { page, url, html } of dataset.htmlPages()) {
  if (!page.gold) continue;
  const input = {
    source: page.id,
    url,
    directory: dirname(values.dataset),
    body: Buffer.from(html),
    contentType: 'text/html',
    fetchedAt: null,
  };
  const result = preparePage(input);
  if (!('page' in result)) continue;
  prepared.push({ page: result.page, gold: page.gold, id: page.id });
}
const stats = learnSites(prepared.map((p) => p.page));

const tallies = new Map<string, DropTally>();
for (const { page, gold, id } of prepared) {
  const cleaned = cleanPage(page, stats.view(page.site), { explain: true });
  const record = 'article' in cleaned ? cleaned.article.text : '';
  // Reasons that name counts (`on 2 of 3 pages of the site`) are one reason.
  const blocks = (cleaned.explanation?.blocks ?? [])
    .filter((b) => b.reason.startsWith(values.reason))
    .map((b) => ({ ...b, reason: b.reason.replace(/\d+/g, 'N') }));
  tallyDrops(tallies, id, blocks, gold, record, Number(values.examples));
}

console.log(`${values.dataset}: ${prepared.length} pages with gold text; blocks of ${MIN_WORDS} words or more\n`);
console.log('| reason | gold words lost | blocks | pages | words rightly dropped | blocks |\n|---|---|---|---|---|---|');
const rows = [...tallies].sort(([, a], [, b]) => b.lostWords - a.lostWords);
for (const [reason, t] of rows)
  console.log(
    `| ${reason.slice(0, 70)} | ${t.lostWords} | ${t.lostBlocks} | ${t.lostPages.size} | ${t.droppedWords} | ${t.droppedBlocks} |`,
  );
for (const [reason, t] of rows.filter(([, t]) => t.examples.length > 0))
  console.log(`\n${reason.slice(0, 70)}\n  ${t.examples.join('\n  ')}`);
