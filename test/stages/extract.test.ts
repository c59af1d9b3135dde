import test from 'ava';
import { readFileSync } from 'node:fs';
import { extract, UNLEARNED } from '../../stages/extract.js';
import { htmlBlocks } from '../../stages/html-blocks.js';
import { PAGE_TYPES, type PageType } from '../../stages/page-type.js';
import { ROOT } from '../helpers.js';

const PROSE = [
  'The council approved the harbour plan on Tuesday after a debate that ran late into the night.',
  'Work on the eastern quay starts in June and should end before the winter storms, the mayor said.',
  'Fishermen asked for a second slipway; the council promised to study it before the next budget.',
];
const MENU = '<nav><ul><li><a href="/">Home</a></li><li><a href="/city">City</a></li><li><a href="/harbor">Harbor</a></li></ul></nav>';
const SHARE = '<div class="share"><a href="/s/fb">Share on Facebook</a> <a href="/s/tw">Share on Twitter</a></div>';
const SECTIONS =
  'city harbour business opinion sport culture weather obituaries letters puzzles travel food property jobs motoring education health science technology environment'.split(
    ' ',
  );
const MOST_READ = `<aside><h3>Most read</h3><ol>${[
  'Tram line to the old port approved after ten years of debate in the council',
  'Shipyard hires three hundred welders for the new ferry order from the county',
  'Night buses return to the northern suburbs after the summer timetable change',
  'The old lighthouse opens to visitors again after a restoration of two years',
  'Library hours cut on Sundays as the city looks for savings in the culture budget',
  'Ferry fares rise by five per cent in September, the harbour authority announced',
]
  .map((title, i) => `<li><a href="/story/${i}">${title}</a></li>`)
  .join('')}</ol></aside>`;

function run(html: string, type?: PageType) {
  const { blocks, tree } = htmlBlocks(html);
  const pageType = type
    ? { type, scores: Object.fromEntries(PAGE_TYPES.map((t) => [t, t === type ? 1 : 0])) as Record<PageType, number> }
    : null;
  const result = extract({ blocks, tree, statedTitle: null, pageType }, UNLEARNED);
  const body = result.segmented.paragraphs.flatMap((p) => p.lines);
  return { attempt: result.attempt, body };
}

test('a page whose story sits in an element named like boilerplate (`article-header`) keeps the story, and the hints inside it', (t) => {
  const story = PROSE.concat(PROSE.map((p) => p.replace('.', ', as the minutes of the meeting show.')));
  const comments = `<section class="comments"><p>${PROSE[0]!.toUpperCase()}</p></section>`;
  const sitemap = `<footer><ul>${SECTIONS.map((s) => `<li><a href="/${s}">${s} news and features</a></li>`).join('')}</ul><p>Copyright 2024 The Harbor Gazette, all rights reserved, and more words to make it long enough.</p></footer>`;
  const page = `<html><body>${MENU}<div class="article-header"><h1>Quay works start in June</h1>${SHARE}
    <div class="entry-content">${story.map((p) => `<p>${p}</p>`).join('')}</div></div>${comments}${MOST_READ}${sitemap}</body></html>`;
  const { attempt, body } = run(page);
  t.is(attempt, 'article-unhinted');
  t.deepEqual(body.slice(-story.length), story);
  t.false(body.some((line) => line.includes('Share on') || line.includes('Copyright') || line.includes('COUNCIL')));
});

test('an article found by the first attempt is kept as it is', (t) => {
  const page = `<html><body>${MENU}<article><h1>Quay works start in June</h1>${PROSE.concat(PROSE)
    .map((p) => `<p>${p}</p>`)
    .join('')}</article>${SHARE}</body></html>`;
  const { attempt, body } = run(page);
  t.is(attempt, 'article');
  t.deepEqual(body.slice(-6), PROSE.concat(PROSE));
});

test('a listing page gives its items; the menu and the sidebar stay out', (t) => {
  const { attempt, body } = run(readFileSync(`${ROOT}fixtures/html/harbor-index.html`, 'utf8'));
  t.is(attempt, 'listing');
  t.true(body.some((line) => line.includes('Harbor dredging to start in June')));
  t.true(body.some((line) => line.includes('The hybrid ferry cuts emissions by a third.')));
  t.false(body.some((line) => line.includes('Tram line to the old port') || line.includes('Business')));
});

test('a page typed as an article is never read as a listing: its links are not its content', (t) => {
  const index = readFileSync(`${ROOT}fixtures/html/harbor-index.html`, 'utf8');
  t.is(run(index, 'listing').attempt, 'listing');
  const asArticle = run(index, 'article');
  t.not(asArticle.attempt, 'listing');
  t.false(asArticle.body.some((line) => line.includes('Harbor dredging to start in June')));
});

test('a page that is only a menu gives nothing', (t) => {
  t.deepEqual(run(`<html><body>${MENU}</body></html>`).body, []);
  t.deepEqual(
    run(`<html><body><div class="menu">${MENU}</div><p><a href="/a">About</a> · <a href="/c">Contact</a></p></body></html>`).body,
    [],
  );
});

test("a product page gives its description, not its customers' reviews nor the blurb its layout repeats; a review site's review is its article", (t) => {
  const DESCRIPTION = [
    'A waterproof jacket of recycled nylon, taped at every seam and lined with a light mesh.',
    'The hood folds into the collar; two chest pockets close with zips that take gloved hands.',
    'Cut long at the back for the bike, with a hem that draws in against the wind and the rain.',
    'Every jacket is sewn in our own workshop by the harbour, and we mend it for free for ten years.',
    'It weighs 380 grams in a medium and packs into its own pocket, to go in a bag or a basket.',
  ];
  const REVIEWS = [
    'Kept me dry through a whole week of walking in the hills, and it packs down small. Five stars.',
    'The sleeves run a little long for me, but the fit across the shoulders is perfect, happy with it.',
    'Third one I have bought for the family; the zips still work after two winters of daily use.',
    'Warm enough for autumn mornings on the bike without a fleece underneath, would recommend.',
  ];
  const blurb = 'Free returns within thirty days on every order.';
  const html = `<html><body>${MENU}<main><h1>Harbour jacket</h1><div class="description"><div class="desktop"><p>${blurb}</p></div>
    ${DESCRIPTION.map((p) => `<p>${p}</p>`).join('')}<div class="mobile"><p>${blurb}</p></div></div>
    <section class="reviews"><h2>What customers say</h2>${REVIEWS.map((p) => `<div class="review"><p>${p}</p></div>`).join('')}</section></main></body></html>`;
  const product = run(html, 'product');
  t.deepEqual(product.body, [blurb, ...DESCRIPTION]);
  // The same markup on a page that is not a product: the reviews are what it has to say.
  const article = run(html, 'article');
  for (const review of REVIEWS) t.true(article.body.includes(review), review);
});
