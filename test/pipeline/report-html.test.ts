import test, { type ExecutionContext } from 'ava';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { cli, ROOT, scratch, scratchCopy } from '../helpers.js';

const CHROMIUM = process.env.WINNOW_CHROMIUM ?? '/usr/bin/chromium';
// CI installs Chromium and sets WINNOW_REQUIRE_BROWSER, so there a missing browser fails the test.
const browserTest = existsSync(CHROMIUM) || process.env.WINNOW_REQUIRE_BROWSER ? test : test.skip;
// Relative to the project, as a user types them (the CLI runs in ROOT).
const FIXTURES = ['seeds', 'sites', 'html'].map((folder) => `fixtures/${folder}`);

function fixturesReport(t: ExecutionContext, ...extra: string[]) {
  const dir = scratch(t);
  const html = join(dir, 'report.html');
  const json = join(dir, 'report.json');
  const { code, stderr } = cli([...FIXTURES, '-q', '-o', join(dir, 'a.ndjson'), '--report', json, '--report-html', html, ...extra]);
  if (code !== 0) throw new Error(stderr);
  return { html, report: JSON.parse(readFileSync(json, 'utf8')) };
}

browserTest(
  'the HTML report renders in headless Chromium: counts, histograms, sites, and a page found by search, blocks coloured',
  async (t) => {
    const { html, report } = fixturesReport(t);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('request', (request) => !request.url().startsWith('file:') && requests.push(request.url()));
      await page.goto(`file://${html}`);

      for (const key of ['read', 'emitted', 'duplicates', 'rejected', 'skipped']) {
        t.is(await page.textContent(`[data-count="${key}"] .n`), String(report.totals[key]), key);
      }
      t.is(await page.locator('#languages svg .bar').count(), 3, 'eng, rus and deu');
      t.true((await page.locator('#years svg .bar').count()) >= 3);
      t.is(await page.locator('#sites details').count(), Object.keys(report.sites).length);
      t.regex((await page.textContent('#rejects'))!, /no-article/);
      // A site's learned template: each block with the pages that carry it.
      await page.click('#sites details:first-of-type summary');
      t.true((await page.locator('#sites details:first-of-type .learned li').count()) > 3);

      // Every page read is listed; the search finds one by a word of its title.
      t.is(await page.locator('#page-list li').count(), report.totals.read);
      await page.fill('#search', 'night buses');
      t.is(await page.locator('#page-list li').count(), 1);
      t.regex((await page.getAttribute('#page-view', 'data-source'))!, /2024-05-08-night-buses\.html$/);
      t.true((await page.locator('#page-view .block.article').count()) >= 3);
      t.true((await page.locator('#page-view .block.template').count()) >= 3);
      t.regex(
        (await page.getAttribute('#page-view .block.template >> nth=0', 'title'))!,
        /^site template: on \d+ of \d+ pages of the site$/,
      );
      await page.fill('#search', 'no such page anywhere');
      t.is(await page.locator('#page-list li').count(), 0);
      // And by source: a seed page, its blocks learned from the other seeds.
      await page.fill('#search', '003_ef5f');
      t.is(await page.locator('#page-list li').count(), 1);
      t.true((await page.locator('#page-view .block.template').count()) >= 5);

      await page.fill('#search', 'night buses');
      await page.screenshot({ path: join(ROOT, 'out', 'report-screenshot.png'), fullPage: true });
      t.deepEqual(errors, []);
      t.deepEqual(requests, [], 'the report loads nothing from the network');
    } finally {
      await browser.close();
    }
  },
);

test('the HTML report is the same whatever the concurrency, and page text cannot inject markup', (t) => {
  const one = readFileSync(fixturesReport(t, '-c', '1').html, 'utf8');
  const four = readFileSync(fixturesReport(t, '-c', '4').html, 'utf8');
  t.is(one, four);
  // The fixtures' text appears escaped; the only scripts are the report's own two.
  t.is(one.match(/<script/g)!.length, 2);
  t.false(one.includes('</script><'.repeat(2)));
  t.true(
    one.includes('default-src &#39;none&#39;') || one.includes("default-src 'none'"),
    'a content security policy forbids loading anything',
  );
});

test('the HTML report lists duplicate clusters and the pages merged into them', (t) => {
  const dir = scratchCopy(t, 'seeds');
  const seed = join(dir, 'seeds', '003_ef5f2777c78101b1.txt');
  copyFileSync(seed, join(dir, 'seeds', '003_copy.txt'));
  const { code, stderr } = cli(['seeds', '-q', '-o', 'a.ndjson', '--report-html', 'report.html'], dir);
  t.is(code, 0, stderr);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  const clusters = html.slice(html.indexOf('<section id="clusters">'), html.indexOf('<section id="pages">'));
  t.regex(
    clusters,
    /<td>seeds\/003_copy\.txt<div class="title">Commentary by the CSTO[^<]*<\/div><\/td><td>1<\/td><td>seeds\/003_ef5f2777c78101b1\.txt<\/td>/,
  );
  const data = JSON.parse(html.slice(html.indexOf('id="page-data">') + 15, html.indexOf('</script>', html.indexOf('id="page-data">'))));
  t.like(
    data.find((p: { source: string }) => p.source === 'seeds/003_ef5f2777c78101b1.txt'),
    { outcome: 'duplicate', detail: 'seeds/003_copy.txt' },
  );
});
