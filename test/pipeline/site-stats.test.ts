import test from 'ava';
import { SiteStatsBuilder } from '../../pipeline/site-stats.js';

/** A small synthetic batch: 3 sites, pages sharing template blocks, one page saved twice. */
function batch() {
  const pages: { site: string; page: number; blocks: number[] }[] = [];
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
  for (const p of batch()) builder.addPage(p.site, p.page, p.blocks);
  const view = builder.build().view('site0');
  t.is(view.pages, 40);
  t.is(view.support(1), 40);
  t.is(view.support(105), 1);
  t.is(view.support(200), 6);
  t.is(view.support(999), 1);
});

test('stats of two shards merge exactly into the stats of the whole, spilled to disk or not', (t) => {
  const whole = new SiteStatsBuilder();
  const left = new SiteStatsBuilder(16); // a tiny buffer forces the disk spill path
  const right = new SiteStatsBuilder();
  batch().forEach((p, i) => {
    whole.addPage(p.site, p.page, p.blocks);
    (i % 2 ? left : right).addPage(p.site, p.page, p.blocks);
  });
  left.merge(right);
  t.deepEqual(supports(left.build()), supports(whole.build()));
});
