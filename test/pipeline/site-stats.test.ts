import test from 'ava';
import { pageSignature, SiteStatsBuilder } from '../../pipeline/site-stats.js';

type Page = { site: string; page: number; blocks: number[] };
// Article paragraphs of 50 words, each its own, against short template lines, as on real pages. Words are
// letters only: matching folds digits.
const word = (n: number): string => (n < 26 ? String.fromCharCode(97 + n) : word(Math.floor(n / 26) - 1) + word(n % 26));
const text = (hash: number) =>
  hash < 10 ? `template block ${word(hash)}` : Array.from({ length: 50 }, (_, i) => `w${word(hash * 50 + i)}`).join(' ');
const add = (builder: SiteStatsBuilder, p: Page) =>
  builder.addPage(
    p.site,
    p.page,
    pageSignature(
      p.site,
      p.blocks.map((hash) => ({ norm: text(hash) })),
    ),
    p.blocks,
  );

/** A small synthetic batch: 3 sites, pages sharing template blocks, one page saved twice. */
function batch(): Page[] {
  const pages: Page[] = [];
  for (let s = 0; s < 3; s++) {
    for (let p = 0; p < 40; p++) pages.push({ site: `site${s}`, page: s * 1000 + p, blocks: [1, 2, 3, 100 + p, 200 + (p % 7)] });
  }
  pages.push({ ...pages[5]! }); // the same page saved twice
  return pages;
}

const supports = (stats: ReturnType<SiteStatsBuilder['build']>) =>
  ['site0', 'site1', 'site2', 'nowhere'].map((site) => {
    const view = stats.view(site);
    return [view.pages, ...[1, 2, 3, 100, 105, 200, 206, 999].map((h) => view.support(h))];
  });

test('supports count distinct pages per site; a page saved twice counts once', (t) => {
  const builder = new SiteStatsBuilder();
  for (const p of batch()) add(builder, p);
  const view = builder.build().view('site0');
  t.is(view.pages, 40);
  t.is(view.support(1), 40);
  t.is(view.support(105), 1);
  t.is(view.support(200), 6);
  t.is(view.support(999), 1);
});

test('a copy that differs in a short block (a timestamp, a menu item) counts once; other articles do not merge', (t) => {
  const builder = new SiteStatsBuilder();
  const article = [500, 501, 502, 503, 504, 505];
  add(builder, { site: 's', page: 1, blocks: [1, 2, ...article] });
  add(builder, { site: 's', page: 2, blocks: [1, 3, ...article] }); // same article, one template line differs
  add(builder, { site: 's', page: 3, blocks: [1, 2, 600, 601, 602, 603, 604, 605] });
  const view = builder.build().view('s');
  t.is(view.pages, 2);
  t.is(view.support(500), 1);
  t.is(view.support(1), 2);
});

test('stats of two shards merge exactly into the stats of the whole, spilled to disk or not', (t) => {
  const whole = new SiteStatsBuilder();
  const left = new SiteStatsBuilder(16); // a tiny buffer forces the disk spill path
  const right = new SiteStatsBuilder();
  batch().forEach((p, i) => {
    add(whole, p);
    add(i % 2 ? left : right, p);
  });
  left.merge(right);
  t.deepEqual(supports(left.build()), supports(whole.build()));
});
