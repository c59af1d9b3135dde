import test from 'ava';
import { readFileSync } from 'node:fs';
import { extract, teaserFront, UNLEARNED } from '../../stages/extract.js';
import { htmlBlocks } from '../../stages/html-blocks.js';
import type { PageType, PageTypeResult } from '../../stages/page-type.js';
import { certainType, ROOT } from '../helpers.js';

const PROSE = [
  'The council approved the harbour plan on Tuesday after a debate that ran late into the night.',
  'Work on the eastern quay starts in June and should end before the winter storms, the mayor said.',
  'Fishermen asked for a second slipway; the council promised to study it before the next budget.',
];
/** The story in six paragraphs, none said twice (a paragraph run given twice is a layout's copy, kept once). */
const STORY = PROSE.concat(PROSE.map((p) => p.replace('.', ', as the minutes of the meeting show.')));
const MENU = '<nav><ul><li><a href="/">Home</a></li><li><a href="/city">City</a></li><li><a href="/harbor">Harbor</a></li></ul></nav>';
const SHARE = '<div class="share"><a href="/s/fb">Share on Facebook</a> <a href="/s/tw">Share on Twitter</a></div>';
/** Lines as paragraphs. */
const paras = (lines: readonly string[]) => lines.map((p) => `<p>${p}</p>`).join('');
/** A page whose `<article>` holds the quay story's headline and `html`. */
const quayArticle = (html: string) => `<html><body>${MENU}<article><h1>Quay works start in June</h1>${html}</article></body></html>`;
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

function run(html: string, type?: PageType, statedTitle: string | null = null) {
  const { blocks, tree } = htmlBlocks(html);
  const pageType = type ? certainType(type) : null;
  const result = extract({ blocks, tree, statedTitle, pageType }, UNLEARNED);
  const body = result.segmented.paragraphs.flatMap((p) => p.lines);
  return { attempt: result.attempt, body };
}

test('a page whose story sits in an element named like boilerplate (`article-header`) keeps the story, and the hints inside it', (t) => {
  const story = STORY;
  const comments = `<section class="comments"><p>${PROSE[0]!.toUpperCase()}</p></section>`;
  const sitemap = `<footer><ul>${SECTIONS.map((s) => `<li><a href="/${s}">${s} news and features</a></li>`).join('')}</ul><p>Copyright 2024 The Harbor Gazette, all rights reserved, and more words to make it long enough.</p></footer>`;
  const page = `<html><body>${MENU}<div class="article-header"><h1>Quay works start in June</h1>${SHARE}
    <div class="entry-content">${story.map((p) => `<p>${p}</p>`).join('')}</div></div>${comments}${MOST_READ}${sitemap}</body></html>`;
  // Opening the page's prose and holding most of it, the element is the story's wrapper: the first attempt reads it.
  const { attempt, body } = run(page);
  t.is(attempt, 'article');
  t.deepEqual(body.slice(-story.length), story);
  t.false(body.some((line) => line.includes('Share on') || line.includes('Copyright') || line.includes('COUNCIL')));
  // After prose of the page's own, it could be a box: the attempt that ignores the hints finds the story.
  const intro =
    'The harbour desk follows the works on the quay every week, with the council, the fishermen and the residents who live along the water. '.repeat(
      3,
    );
  const introduced = run(page.replace(`${MENU}`, `${MENU}<p>${intro.trim()}</p>`));
  t.is(introduced.attempt, 'article-unhinted');
  t.deepEqual(introduced.body.slice(-story.length), story);
  t.false(introduced.body.some((line) => line.includes('Share on') || line.includes('Copyright') || line.includes('COUNCIL')));
});

test('a short post keeps its place over a longer cookie notice: a consent dialog is never spared as the main text', (t) => {
  const post = 'Who slips next on the ice? I bet you do, said the monster.';
  const notice = `Privacy and cookies: this site uses cookies. ${PROSE[0]} ${PROSE[1]}`;
  const page = `<html><body>${MENU}<div class="post"><h1>Monster talk</h1><p>${post}</p></div>${SHARE}
    <div class="widget"><div id="eu-cookie-law"><form><p>${notice}</p><p>To find out more, see our cookie policy.</p></form></div></div></body></html>`;
  const { body } = run(page);
  t.true(body.includes(post));
  t.false(body.some((line) => line.includes('cookies')));
});

test('a popup is never spared as the main text: an app shell whose only prose is its outdated-browser notice has no article', (t) => {
  const notice = 'Download a newer browser for free for a better experience. Just click on the icon of the browser you want to install!';
  const footer = `<footer><p>Help and support</p><p>Copyright 2022 Harbor Homes</p></footer>`;
  const shell = `<html><body><div class="popup-browser-banner"><p>Your browser is out of date.</p><p>${notice}</p></div>${MENU}
    <div id="app"></div>${footer}</body></html>`;
  t.deepEqual(run(shell, 'article').body, []);
  // A post as short as the notice, beside it, is the page's text.
  const post = 'The quay reopens on Monday: boats may moor there again from seven in the morning, the harbour master says.';
  t.deepEqual(run(shell.replace('<div id="app"></div>', `<div id="app"><h1>Quay reopens</h1><p>${post}</p></div>`), 'article').body, [
    post,
  ]);
});

test("a menu's prose is never spared as the main text: a shop page whose grid a script fills has no article", (t) => {
  const banner = 'Trade In has moved to our main store. Get credit for your eligible used gear there.';
  const page = `<html><body><div class="navbar"><div class="navbar-item campaign"><p>${banner}</p></div>
    <div class="navbar-item"><a href="/women">Women</a></div><div class="navbar-item"><a href="/men">Men</a></div></div>
    <div id="grid"></div><footer><ul>${SECTIONS.map((s) => `<li><a href="/${s}">${s}</a></li>`).join('')}</ul>
    <p>Copyright 2024 Harbor Outfitters, all rights reserved.</p></footer></body></html>`;
  for (const type of ['collection', 'article'] as const) t.deepEqual(run(page, type).body, [], type);
});

test('on a page whose elements carry no class or id, what follows the story in other bare divs does not continue it', (t) => {
  const links = (items: string[]) => `<ul>${items.map((item, i) => `<li><a href="/${i}">${item}</a></li>`).join('')}</ul>`;
  const notice =
    'This website uses cookies to measure its audience. By continuing to browse the site you agree to our use of cookies and to our privacy policy.';
  const page = `<html><body><div>${links(['Home', 'City', 'Harbor', 'Contact'])}</div>
    <div><div><h1>Quay works start in June</h1><div>${PROSE.concat(PROSE.map((p) => p.replace('.', ', the minutes show.')))
      .map((p) => `<p>${p}</p>`)
      .join('')}</div>
    <h5>Share this article</h5>${links(['Share on Twitter', 'Share on Facebook'])}</div>
    <div><h3>Latest posts</h3>${links(['Ferry fares rise in September', 'Night buses return'])}<h3>Categories</h3>${links(['Harbor', 'City'])}</div></div>
    <div><p>${notice}</p></div></body></html>`;
  for (const type of [undefined, 'article'] as const) {
    const { body } = run(page, type);
    t.true(body.includes(PROSE[2]!), type);
    t.false(
      body.some((line) => line === 'Latest posts' || line === 'Categories' || line === notice),
      type,
    );
  }
});

test('on a page whose elements carry no class or id, a paragraph in an element of its own after the story ends it', (t) => {
  const blurb =
    'Want to keep up with the harbour? Our free weekly newsletter brings its stories to your inbox every Friday morning, with the tide tables.';
  const page = `<html><body><div><div><h1>Quay works start in June</h1><div>${PROSE.concat(
    PROSE.map((p) => p.replace('.', ', the minutes show.')),
  )
    .map((p) => `<p>${p}</p>`)
    .join(
      '',
    )}</div></div><div><p>${blurb}</p></div><div><h3>Latest posts</h3><ul><li><a href="/1">Ferry fares rise</a></li><li><a href="/2">Night buses return</a></li></ul></div></div></body></html>`;
  const { body } = run(page, 'article');
  t.true(body.includes(PROSE[2]!));
  t.false(body.includes(blurb));
});

test('a page typed as a listing that holds an article and no grid is segmented as an article', (t) => {
  const share = '<div><h4>Share this story</h4><ul><li><a href="/s/fb">Facebook</a></li><li><a href="/s/tw">Twitter</a></li></ul></div>';
  const page = `<html><body>${MENU}<div class="story"><h1>Quay works start in June</h1>${PROSE.map((p) => `<p>${p}</p>`).join('')}${share}
    ${PROSE.map((p) => `<p>${p.replace('.', ', as the minutes show.')}</p>`).join('')}</div></body></html>`;
  for (const type of ['article', 'listing'] as const) {
    const { body } = run(page, type);
    t.true(body.includes(PROSE[2]!), type);
    t.false(body.includes('Share this story'), type);
  }
});

test('an article found by the first attempt is kept as it is', (t) => {
  const page = `<html><body>${MENU}<article><h1>Quay works start in June</h1>${STORY.map((p) => `<p>${p}</p>`).join('')}</article>${SHARE}</body></html>`;
  const { attempt, body } = run(page);
  t.is(attempt, 'article');
  t.deepEqual(body.slice(-6), STORY);
});

test('a listing page gives its items; the menu and the sidebar stay out', (t) => {
  const { attempt, body } = run(readFileSync(`${ROOT}fixtures/html/harbor-index.html`, 'utf8'));
  t.is(attempt, 'listing');
  t.true(body.some((line) => line.includes('Harbor dredging to start in June')));
  t.true(body.some((line) => line.includes('The hybrid ferry cuts emissions by a third.')));
  t.false(body.some((line) => line.includes('Tram line to the old port') || line.includes('Business')));
});

test('a page typed as an article, whose first attempt finds its prose, is not read as a listing: its links are not its content', (t) => {
  const index = readFileSync(`${ROOT}fixtures/html/harbor-index.html`, 'utf8');
  t.is(run(index, 'listing').attempt, 'listing');
  const asArticle = run(index, 'article');
  t.not(asArticle.attempt, 'listing');
  t.false(asArticle.body.some((line) => line.includes('Harbor dredging to start in June')));
});

test("an article page that is a roll of links keeps them and its note, not a side column's prose that the hints held back", (t) => {
  const links = (tail: string) => `<ul>${SECTIONS.map((s) => `<li><a href="/${s}">${s} ${tail}</a></li>`).join('')}</ul>`;
  const roll = [
    'Ferry fares rise by five per cent in September',
    'Shipyard hires three hundred welders',
    'Tram line to the old port approved',
  ];
  const note = 'Posted from my bookmarks. The rest of my favourite links are here.';
  const page = `<html><body><nav>${links('news')}</nav><div id="content"><article class="post"><h1>Links of the day</h1>
    <div class="entry-content"><ul class="linkroll">${roll
      .concat(roll.map((r) => `${r}, again`))
      .map(
        (r, i) =>
          `<li><p><a href="https://news${i}.example/story">${r}</a></p><p>via <a href="https://news${i}.example/">news${i}.example</a></p></li>`,
      )
      .join('')}</ul><p>${note}</p></div>${SHARE}</article></div>
    <aside class="widget"><h2>Latest tweets</h2><p>${PROSE[0]} ${PROSE[1]}</p></aside>
    <footer>${links('news and features of the harbour town')}</footer></body></html>`;
  const { attempt, body } = run(page, 'article', 'Links of the day');
  t.is(attempt, 'listing');
  t.true(roll.every((line) => body.includes(line)) && body.includes(note));
  t.false(body.some((line) => line.includes('harbour plan')));
});

/** A shop's category: filters, a grid of cards each with a name and a price, a blurb of prose at its foot. */
function category(card: (name: string, i: number) => string): string {
  const chairs = ['Oak', 'Pine', 'Ash', 'Teak', 'Birch', 'Walnut'].flatMap((wood) =>
    ['harbour chair', 'deck chair', 'kitchen stool', 'garden bench'].map((kind) => `${wood} ${kind}, hand finished with a woven seat`),
  );
  const blurb = STORY;
  const filters = `<aside class="filters"><ul>${['Oak', 'Pine', 'Ash'].map((w) => `<li><a href="/f/${w}">${w}</a></li>`).join('')}</ul></aside>`;
  return `<html><body>${MENU}<main><h1>Chairs</h1>${filters}<div class="grid">${chairs.map(card).join('')}</div>
    <div class="about">${blurb.map((p) => `<p>${p}</p>`).join('')}</div></main></body></html>`;
}

test("a category's product grid is its content even beside a blurb of prose; the menu stays out", (t) => {
  const page = category((name, i) => `<div class="card"><a href="/p/${i}">${name}</a> <span class="price">$${120 + i}.00</span></div>`);
  const { attempt, body } = run(page, 'collection');
  t.is(attempt, 'listing');
  t.true(body.some((line) => line.includes('Teak garden bench, hand finished')));
  t.true(body.some((line) => line.includes('$140.00')));
  t.true(body.some((line) => line.includes(PROSE[1]!)));
  t.false(body.some((line) => line.includes('Harbor')));
});

test('links without figures beside the blurb of a category are not a grid: the prose is kept alone', (t) => {
  const page = category((name, i) => `<div class="card"><a href="/p/${i}">${name}</a></div>`);
  const { attempt, body } = run(page, 'collection');
  t.is(attempt, 'article');
  t.false(body.some((line) => line.includes('Teak garden bench, hand finished')));
});

test("a few priced links among a category's prose are not a grid: the prose is kept alone", (t) => {
  const blurb = STORY;
  const offer = (name: string, i: number) =>
    `<div class="card"><a href="/p/${i}">${name}, hand finished with a woven seat</a> <span>$${120 + i}.00</span></div>`;
  const about = blurb.map((p, i) => `<p>${p}</p>${i === 2 ? offer('Oak harbour chair', 1) + offer('Pine kitchen stool', 2) : ''}`).join('');
  const { attempt, body } = run(
    `<html><body>${MENU}<main><h1>Chairs</h1><div class="about">${about}</div></main></body></html>`,
    'collection',
  );
  t.is(attempt, 'article');
  t.false(body.some((line) => line.includes('Oak harbour chair')));
});

test('headlines without figures beside the blurb of a page typed as a listing are its items', (t) => {
  const page = category((name, i) => `<div class="card"><a href="/p/${i}">${name}</a></div>`);
  const { attempt, body } = run(page, 'listing');
  t.is(attempt, 'listing');
  t.true(body.some((line) => line.includes('Teak garden bench, hand finished')));
  t.true(body.some((line) => line.includes(PROSE[1]!)));
  t.false(body.some((line) => line.includes('Harbor')));
});

test("a category's priced grid many times its blurb is its content even under the blurb", (t) => {
  const blurb = STORY;
  const cards = ['Oak', 'Pine', 'Ash', 'Teak', 'Birch', 'Walnut', 'Elm', 'Beech'].flatMap((wood) =>
    ['harbour chair', 'deck chair', 'kitchen stool', 'garden bench', 'reading chair', 'bar stool'].map(
      (kind) => `${wood} ${kind}, hand finished with a woven seat and brass feet`,
    ),
  );
  const grid = cards
    .map((name, i) => `<div class="card"><a href="/p/${i}">${name}</a> <span class="price">$${120 + i}.00</span></div>`)
    .join('');
  const page = `<html><body>${MENU}<main><h1>Chairs</h1><div class="about">${blurb.map((p) => `<p>${p}</p>`).join('')}</div>
    <div class="grid">${grid}</div></main></body></html>`;
  const { attempt, body } = run(page, 'collection');
  t.is(attempt, 'listing');
  t.true(body.some((line) => line.includes('Elm bar stool, hand finished')));
  t.true(body.some((line) => line.includes(PROSE[1]!)));
});

test('dated stories after an article typed as a listing are its related links, not a grid', (t) => {
  const story = STORY;
  const related = [
    'Ferry fares rise',
    'Night buses return',
    'Lighthouse reopens',
    'Library hours cut',
    'Shipyard hires',
    'Tram line approved',
  ]
    .flatMap((title, i) =>
      [0, 1, 2, 3].map(
        (k) =>
          `<div class="teaser"><a href="/s/${i}${k}">${title} in the harbour district, part ${k + 1}</a> <span>0${k + 1}.0${i + 1}.2024</span></div>`,
      ),
    )
    .join('');
  const page = `<html><body>${MENU}<main><h1>Quay works start in June</h1><div class="story">${story.map((p) => `<p>${p}</p>`).join('')}</div>
    <div class="related">${related}</div></main></body></html>`;
  const { attempt, body } = run(page, 'listing');
  t.is(attempt, 'article');
  t.false(body.some((line) => line.includes('harbour district')));
});

test("a product's name and buy box in a column beside its description are kept with it", (t) => {
  const description = STORY;
  const page = `<html><body>${MENU}<div class="product"><div class="summary"><h1>Oak harbour chair</h1><div class="price">$129.00</div>
    <div class="row"><span>Condition:</span> <span>New</span></div><div class="row"><span>Maker:</span> <span>Harbour Works</span></div>${SHARE}
    <ul class="swatches">${SECTIONS.slice(0, 8)
      .map((s) => `<li><a href="/c/${s}">${s} colour</a></li>`)
      .join('')}</ul></div>
    <div class="details"><h2>Description</h2>${description.map((p) => `<p>${p}</p>`).join('')}</div></div>${MOST_READ}</body></html>`;
  const { body } = run(page, 'product');
  t.true(body.includes('$129.00'));
  t.true(body.some((line) => line.includes('Harbour Works')));
  t.deepEqual(body.slice(-description.length), description);
  t.false(body.some((line) => line.includes('Tram line') || line.includes('Share on')));
});

test("a product's name over its description is part of its text; an article's headline is not", (t) => {
  const description = STORY;
  const html = `<html><body>${MENU}<main><h1>Oak harbour chair</h1>${description.map((p) => `<p>${p}</p>`).join('')}</main></body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const body = (type: PageType) => {
    const pageType = certainType(type);
    const result = extract({ blocks, tree, statedTitle: 'Oak harbour chair', pageType }, UNLEARNED);
    return { title: result.segmented.title, lines: result.segmented.paragraphs.flatMap((p) => p.lines) };
  };
  const product = body('product');
  t.is(product.title, 'Oak harbour chair');
  t.deepEqual(product.lines, ['Oak harbour chair', ...description]);
  const article = body('article');
  t.is(article.title, 'Oak harbour chair');
  t.deepEqual(article.lines, description);
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
  t.deepEqual(product.body, ['Harbour jacket', blurb, ...DESCRIPTION]);
  // The same markup on a page that is not a product: the reviews are what it has to say.
  const article = run(html, 'article');
  for (const review of REVIEWS) t.true(article.body.includes(review), review);
});

test("a service page keeps its own copy that a page builder's class calls a banner; its nav and copyright stay out", (t) => {
  const COPY = [
    'We repair and service boat engines of every make, in our yard by the harbour or at your mooring.',
    'A first inspection is free; we then send a written quote before any work starts on the engine.',
    'Our four mechanics have serviced the fishing fleet of the bay for more than twenty years now.',
    'Winter storage comes with a full service, antifouling and a check of the electrics in spring.',
  ];
  const BANNER = 'Book a winter service before October and the storage of your boat costs nothing until April.';
  const html = `<html><body>${MENU}<main><h1>Engine service</h1>${COPY.map((p) => `<p>${p}</p>`).join('')}
    <div class="cta-banner"><p>${BANNER}</p></div><div class="cta-banner"><p>© 2024 Harbour Marine Services, a member of the Bay Boatyards guild. All rights reserved.</p></div></main></body></html>`;
  t.true(run(html, 'service').body.includes(BANNER));
  t.false(run(html, 'service').body.some((line) => line.includes('©') || line === 'Home'));
  t.false(run(html, 'article').body.includes(BANNER));
});

test('a page of one statement and nothing under it (a link post) keeps the statement; a bare short heading is no article', (t) => {
  const headline = 'Harbour authority to Europe: restrict our ferries and we will close the quay to yours, the chair says';
  const linkPost = (h1: string) => `<html><body>${MENU}<main><h1>${h1}</h1>${SHARE}</main></body></html>`;
  t.deepEqual(run(linkPost(headline)).body, [headline]);
  t.deepEqual(run(linkPost('Ferries')).body, []);
});

test('a section of the article after its last paragraph (a list beside that paragraph) is kept; the same list in a box after the story is not', (t) => {
  const steps = ['Mix the flour and the butter', 'Add two eggs', 'Bake for forty minutes'];
  const section = `<h3>Steps</h3><ul>${steps.map((s) => `<li>${s}</li>`).join('')}</ul>`;
  const paragraphs = STORY.map((p) => `<p>${p}</p>`).join('');
  const inside = run(
    `<html><body>${MENU}<article><h1>Butter cake</h1><div class="content">${paragraphs}${section}</div></article></body></html>`,
    'article',
  );
  t.deepEqual(inside.body.slice(-steps.length), steps);
  const after = run(
    `<html><body>${MENU}<article><h1>Butter cake</h1><div class="content">${paragraphs}</div><div class="box">${section}</div></article></body></html>`,
    'article',
  );
  t.deepEqual(after.body, STORY);
});

test('a paragraph with emoji after its stop is a sentence of prose: the section after it is still the article', (t) => {
  const story = [PROSE[1]! + ' 🦁', PROSE[2]! + ' 🌰'];
  const section = PROSE.map((p) => p.replace('.', ', the harbour master added. 🚢'));
  const page = `<html><body>${MENU}<article><h1>Quay works start in June</h1><div class="summary"><p>${PROSE[0]}</p></div>
    <div class="body">${story.map((p) => `<p>${p}</p>`).join('')}<h2>What the quay will cost</h2>${section.map((p) => `<p>${p}</p>`).join('')}</div>
    </article></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body, [PROSE[0]!, ...story, 'What the quay will cost', ...section]);
});

test("a run of the article's paragraphs given twice (a box for each layout) is kept once; one paragraph said again, or a table's repeated value, stays", (t) => {
  const box = [
    'The quay will cost twelve million euros, of which the region pays half and the port the rest.',
    'Tenders for the works open in March, and the council expects the first bids by the end of April.',
  ];
  const quote = 'The harbour master called the plan the most important decision for the port in a generation.';
  const cell = (quay: string) => `${quay} quay: works paid by the region and the port, in equal shares, over two budget years`;
  const row = `<tr><td>${cell('Eastern')}</td><td>${cell('Western')}</td></tr>`;
  const page = `<html><body>${MENU}<article><h1>Quay works start in June</h1>${paras([PROSE[0]!, quote])}
    <div class="box-mobile">${paras(box)}</div>${paras([PROSE[1]!])}<div class="box-desktop">${paras(box)}</div>${paras([PROSE[2]!, quote])}
    <table>${row}${row}</table>
    </article></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body.slice(0, 7), [PROSE[0]!, quote, ...box, PROSE[1]!, PROSE[2]!, quote]);
  t.is(body.filter((line) => line.includes('Western quay')).length, 2);
});

test('a section of the article runs up to a heading of its rank that the page calls boilerplate', (t) => {
  const steps = ['Mix the flour and the butter', 'Add two eggs', 'Bake for forty minutes'];
  const links = ['Lemon cake with poppy seeds', 'Apple pie from the old town', 'Plum cake for the autumn'];
  const page = `<html><body>${MENU}<article><h1>Butter cake</h1><div class="content">${PROSE.concat(PROSE)
    .map((p) => `<p>${p}</p>`)
    .join('')}
    <h2>Steps</h2><ul>${steps.map((s) => `<li>${s}</li>`).join('')}</ul>
    <h2 class="related">More cakes</h2><ul>${links.map((s) => `<li>${s}</li>`).join('')}</ul></div></article></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body.slice(-steps.length), steps);
});

test("a box of other stories beside the article's text, under the same container, is cut at its heading", (t) => {
  const story = STORY;
  const teaser = 'The old lighthouse opens to visitors again after a restoration of two years, the harbour authority said.';
  const page = `<html><body>${MENU}<main><h1>Quay works start in June</h1><div class="story">${story.map((p) => `<p>${p}</p>`).join('')}</div>
    <div class="more"><h3>More from the harbour</h3><div class="card"><p>${teaser}</p></div></div></main></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body.slice(-story.length), story);
  t.false(body.some((line) => line.includes('lighthouse') || line.includes('More from')));
});

test("a later section of the article, in an element of the same kind as its text's, is kept", (t) => {
  const story = STORY;
  const later = 'The second slipway would cost less than the council feared, according to an engineer of the port.';
  const page = `<html><body>${MENU}<main><h1>Quay works start in June</h1><div class="story">${story.map((p) => `<p>${p}</p>`).join('')}</div>
    <div class="story"><h3>The slipway</h3><p>${later}</p></div></main></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body.slice(-2), ['The slipway', later]);
});

test('on an article, a label over links (`Read more:`) or a line in an element named as a title heads what follows the article', (t) => {
  const story = STORY;
  const links = `<ul>${['Tram line to the old port approved', 'Night buses return to the suburbs'].map((s, i) => `<li><a href="/s/${i}">${s}</a></li>`).join('')}</ul>`;
  const box =
    '<div class="box"><div class="box-title">From our partners</div><p>The shipyard museum opens a new hall on the ferries.</p></div>';
  const page = `<html><body>${MENU}<article><h1>Quay works start in June</h1>${story.map((p) => `<p>${p}</p>`).join('')}<p>Read more:</p>${links}${box}</article></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body.slice(-story.length), story);
  t.false(body.some((line) => line.includes('Read more') || line.includes('partners') || line.includes('museum')));
});

test("on an article, a label over the article's own lines stays", (t) => {
  const story = STORY;
  const page = `<html><body>${MENU}<article><h1>Quay works start in June</h1>${story.map((p) => `<p>${p}</p>`).join('')}<p>Timetable:</p><p>Warm up at eleven</p><p>Contest at noon</p></article></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body.slice(-3), ['Timetable:', 'Warm up at eleven', 'Contest at noon']);
});

test("a directory of contact lines after the article's last sentence is its text, not a signature", (t) => {
  const desks = ['Local', 'National', 'Business', 'Sports', 'Foreign', 'Books'].map(
    (d, i) => `${d}: ${d.toLowerCase()}@example.org or 202.334.73${i}0`,
  );
  const links = `<ul>${['Report a delivery problem', 'Request a correction'].map((s, i) => `<li><a href="/s/${i}">${s}</a></li>`).join('')}</ul>`;
  const page = `<html><body>${MENU}<article><h1>How to reach the newsroom</h1>${PROSE.map((p) => `<p>${p}</p>`).join('')}${desks.map((d) => `<p>${d}</p>`).join('')}<p>You may also be interested in:</p>${links}</article></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body.slice(-desks.length), desks);
  t.false(body.some((line) => line.includes('interested')));
});

test('on an article, a short line past its text in an element of its own (a share prompt, a box) ends the article', (t) => {
  const story = STORY;
  const page = `<html><body>${MENU}<main><h1>Quay works start in June</h1><div class="story">${story.map((p) => `<p>${p}</p>`).join('')}</div>
    <div class="after"><p>Liked this story? Tell your friends.</p><p>Our weekly letter brings the harbour home.</p></div></main></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body.slice(-story.length), story);
  t.false(body.some((line) => line.includes('Liked') || line.includes('weekly')));
});

const WRITER =
  'Anna Berg has covered the harbour and the city council for twelve years; before that she reported on shipping for a trade weekly.';
const OTHER_STORY =
  'The county opened bids for the new ferry terminal, with the first ships expected to dock there in the spring of next year.';

test("an article's body ends with the element that holds its text: a writer's box and other stories beside it go, though they hold prose", (t) => {
  const story = STORY;
  const page = `<html><body>${MENU}<main><h1>Quay works start in June</h1>
    <div class="entry-content">${story.map((p) => `<p>${p}</p>`).join('')}</div>
    <div class="box"><h3>Meet the writer</h3><p>${WRITER}</p></div>
    <div class="more"><h3>Elsewhere in the paper</h3><p>${OTHER_STORY}</p></div></main></body></html>`;
  t.deepEqual(run(page, 'article').body, story);
  // On a page of another type, what follows the story stays.
  t.true(run(page, 'service').body.includes(WRITER));
});

test('an article whose sections sit in sibling elements of one kind keeps its last section', (t) => {
  const story = STORY;
  const page = `<html><body>${MENU}<main><h1>Quay works start in June</h1>
    <div class="part">${story.map((p) => `<p>${p}</p>`).join('')}</div>
    <div class="part"><h2>What comes next</h2><p>${OTHER_STORY}</p></div></main></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body.slice(-2), ['What comes next', OTHER_STORY]);
});

test("a product grid's empty page does not read its footer's blurb as the text the hints held back", (t) => {
  const footer = `<footer><div class="newsletter"><h2>Subscribe</h2><p>${PROSE[0]} ${PROSE[1]}</p><p>${PROSE[2]}</p></div>
    <ul><li><a href="/faq">FAQ</a></li><li><a href="/contact">Contact us</a></li></ul></footer>`;
  const menu = `<nav><ul>${SECTIONS.map((s) => `<li><a href="/${s}">${s} jackets and coats</a></li>`).join('')}</ul></nav>`;
  const { body } = run(
    `<html><body>${menu}<main><h1>Winter jackets</h1><p>No products found.</p></main>${footer}</body></html>`,
    'collection',
  );
  t.false(body.some((line) => line.includes('council')));
});

test("a product's specification labels, the same on every product of the site, stay with this product's values", (t) => {
  const rows = [
    ['Brand', 'Harbor Gear'],
    ['Weight', '2.4 kg'],
    ['Colour', 'Sea green'],
    ['Material', 'Recycled nylon'],
  ];
  const html = `<html><body>${MENU}<main><h1>Harbor Gear dry bag, 30 litres</h1>
    <table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table><p>${PROSE[0]}</p></main></body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const labels = new Set(
    blocks.filter((b) => rows.some(([k]) => k === b.text) || ['Home', 'City', 'Harbor'].includes(b.text)).map((b) => b.hash),
  );
  const site = { pages: 6, support: (hash: number) => (labels.has(hash) ? 6 : 1) };
  const pageType = certainType('product');
  const body = extract({ blocks, tree, statedTitle: null, pageType }, site).segmented.paragraphs.flatMap((p) => p.lines);
  t.true(body.includes('Weight') && body.includes('2.4 kg'));
  t.false(body.includes('Home'));
});

test("a photo credit or a copyright notice inside the article's container is not its text", (t) => {
  const story = STORY;
  const page = `<html><body>${MENU}<article><h1>Quay works start in June</h1><p>The eastern quay at dawn. © Harbour Office / J. Doe</p>${story
    .map((p) => `<p>${p}</p>`)
    .join('')}<p>© 2024 The Harbor Gazette. Reprints only with permission.</p></article></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body, story);
});

test("a rights notice without the © sign is not the article's text either; a note that names an excerpt's copyright, or a licence's 'some rights reserved', is", (t) => {
  const notices = [
    'Copyright 2008 The Harbor Gazette. Reprints only with permission.',
    'Harbor Gazette 2008. All Rights Reserved. Website by Example Media.',
    'Hafenzeitung 2008. Alle Rechte vorbehalten.',
    'Ⓒ 2008 Harbor Gazette',
  ];
  const kept = [
    'NOTE: The above is an excerpt from Quays of the North Sea, by Jane Doe, Copyright 2013.',
    'Photos on this page are shared under a licence: some rights reserved.',
  ];
  const { body } = run(quayArticle(paras([...STORY, ...kept, ...notices])), 'article');
  t.deepEqual(body, [...STORY, ...kept]);
});

test("a call to follow the site on social networks, to sign up for its newsletter or to share the page is not the article's text; a step or a story that names them is", (t) => {
  const calls = [
    'Follow us on Telegram, Facebook, Instagram, YouTube and X for the latest harbour news.',
    'Want more walks along the quay? Follow me on Pinterest to see what I am pinning.',
    'Follow The Harbor Gazette on Twitter and Instagram @HarborGazette.',
    'Síguenos en Telegram, Instagram, Facebook y Twitter para recibir todas nuestras actualizaciones.',
    'Folgen Sie uns auf Twitter',
    'Subscribe To Our Newsletter',
    'Never miss the latest news by signing up to our newsletter today!',
    'Lust auf mehr? Melde dich für unseren Newsletter an.',
  ];
  const kept = [
    'Follow the prompts on WhatsApp to register your berth before the works begin.',
    'The harbour master, who has 40,000 followers on Instagram, posted the new timetable on Facebook and X.',
    'Skippers stay informed: they read the port notices, subscribe to industry newsletters and visit the fairs.',
  ];
  const { body } = run(quayArticle(paras([...STORY, ...kept, ...calls])), 'article');
  t.deepEqual(body, [...STORY, ...kept]);
  // A share bar's label between the lead and the rest of the story.
  const [lead, ...rest] = STORY;
  t.deepEqual(run(quayArticle(paras([lead!, 'Share this post', 'Teilen mit:', ...rest])), 'article').body, STORY);
});

test("an advertisement's label left in the story (`Advertisement`, `- Anzeige -`) is not its text; a heading `Advertising` is", (t) => {
  const labels = ['Advertisement', '- Anzeige -', 'Story continues below advertisement', 'Sponsored'];
  const [lead, ...rest] = STORY;
  const page = quayArticle(`${paras([lead!, ...labels])}<h2>Advertising</h2>${paras(rest)}`);
  t.deepEqual(run(page, 'article').body, [lead!, 'Advertising', ...rest]);
});

test("a table of contents' title over its dropped links is not the article's text; a contents heading over the page's own text is", (t) => {
  const [lead, ...rest] = STORY;
  const toc = `<p>Table of Contents</p><ul>${['Works', 'Moorings', 'Ferry'].map((s) => `<li><a href="#${s}">${s}</a></li>`).join('')}</ul>`;
  const page = (contents: string) => quayArticle(`${paras([lead!])}${contents}${paras(rest)}`);
  t.deepEqual(run(page(toc), 'article').body, STORY);
  const chapters =
    '<h2>Contents</h2><p>Chapter 1 tells how the quay was built in 1910, and chapter 2 how it was rebuilt after the storm.</p>';
  t.deepEqual(run(page(chapters), 'article').body, [
    lead!,
    'Contents',
    'Chapter 1 tells how the quay was built in 1910, and chapter 2 how it was rebuilt after the storm.',
    ...rest,
  ]);
});

test("a forum thread keeps each post's text once: a reply's quote of an earlier post goes, the reply stays; so does each post's furniture", (t) => {
  const [question, answer, followUp] = PROSE;
  const post = (author: string, html: string) =>
    `<div class="post"><div class="author">${author}</div><div class="content">${html}</div><div>Reply With Quote</div></div>`;
  const page = `<html><body>${MENU}<div class="thread"><h1>Second slipway for the harbour?</h1>${post('Ann', `<p>${question}</p>`)}${post(
    'Bob',
    `<blockquote><p>${question}</p></blockquote><p>${answer}</p>`,
  )}${post('Cy', `<blockquote><p>${answer}</p></blockquote><p>${followUp}</p>`)}</div></body></html>`;
  const { body } = run(page, 'forum');
  t.deepEqual(
    body.filter((line) => PROSE.includes(line)),
    [question, answer, followUp],
  );
  t.false(body.includes('Reply With Quote'));
});

test("a picture's labelled credit line, in any of several languages, is not the article's text; a source, or a heading so labelled, is", (t) => {
  const credits = ['Foto: Harbour Office / J. Doe', 'Photo : AFP', 'Image credit: Port Authority'];
  const source = "Source: the harbour office's annual report";
  const heading = 'Photos: the quay through the seasons';
  const page = `<html><body>${MENU}<article><h1>Quay works start in June</h1><p>${PROSE[0]}</p><p>${source}</p>${PROSE.map(
    (p, i) => `<p>${credits[i]}</p><p>${p}</p>`,
  ).join('')}<h2>${heading}</h2><p>${PROSE[1]}</p></article></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body, [PROSE[0], source, ...PROSE, heading, PROSE[1]]);
});

test("a caption that ends with its picture's labelled credit in brackets is not the article's text; a sentence that cites a source so is", (t) => {
  const captions = [
    'The eastern quay at dawn. (Foto: Harbour Office/J. Doe)',
    'Crews at work on the slipway (Photo credit: Port Authority)',
  ];
  const cited = 'Traffic on the quay doubled in a decade (Source: the harbour office)';
  const page = `<html><body>${MENU}<article><h1>Quay works start in June</h1><p>${PROSE[0]}</p><p>${captions[0]}</p><p>${PROSE[1]}</p>
    <p>${captions[1]}</p><p>${cited}</p><p>${PROSE[2]}</p></article></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body, [PROSE[0], PROSE[1], cited, PROSE[2]]);
});

test("an h1 after the article's first paragraph is a section's heading, not the title: the paragraph before it stays", (t) => {
  const [first, ...rest] = PROSE.concat(PROSE);
  const page = `<html><body>${MENU}<header class="page-header"><h1>Quay works start in June</h1></header>
    <div id="content"><p>${first}</p><h1>What the council decided</h1>${rest.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
  const { body } = run(page, 'article', 'Quay works start in June');
  t.is(body[0], first);
  t.true(body.includes('What the council decided'));
});

const LINKS = (n: number) =>
  `<ul>${PROSE.slice(0, n)
    .map((p, i) => `<li><a href="/story/${i}">${p.slice(0, 60)}</a></li>`)
    .join('')}</ul>`;

test("on an article, a box's title over nothing but dropped links (`Read this too`) goes with them", (t) => {
  const more = PROSE.map((p) => p.replace('.', ', the harbour master added.'));
  const page = `<html><body>${MENU}<article><h1>Quay works start in June</h1>${PROSE.map((p) => `<p>${p}</p>`).join('')}
    <div class="box"><h4>Read this too</h4>${LINKS(3)}</div>${more.map((p) => `<p>${p}</p>`).join('')}
    <p>Want more stories like this?</p>${LINKS(2)}</article></body></html>`;
  const { body } = run(page, 'article');
  t.deepEqual(body.slice(-6), PROSE.concat(more));
  t.false(body.includes('Read this too'));
  t.false(body.includes('Want more stories like this?'));
});

test("a list's headings over boxes of links (more than two: a guide's products) are its items and stay", (t) => {
  const page = `<html><body>${MENU}<article><h1>The best quays</h1>${PROSE.map((p) => `<p>${p}</p>`).join('')}
    ${['Best overall:', 'Best budget:', 'Best for ferries:', 'Best for yachts:'].map((h) => `<h3>${h}</h3>${LINKS(2)}`).join('')}
    ${PROSE.map((p) => `<p>${p.replace('.', ', again.')}</p>`).join('')}</article></body></html>`;
  const { body } = run(page, 'article');
  t.true(body.includes('Best overall:') && body.includes('Best budget:') && body.includes('Best for ferries:'));
});

test("a link out of the site between two of the story's paragraphs is a line of the story; a link within the site there is navigation", (t) => {
  const lines = (inline: string) =>
    `<html><body>${MENU}<article><h1>Quay works start in June</h1><div class="text">${PROSE.map((p) => `<p>${p}</p>`).join('')}
    ${inline}<p>${PROSE[0]!.replace('Tuesday', 'Monday')}</p><p>${PROSE[1]!.replace('June', 'July')}</p></div></article>${SHARE}</body></html>`;
  const bodyOf = (html: string) => {
    const { blocks, tree } = htmlBlocks(html, { url: 'https://www.gazette.example/harbour/quay-works' });
    const pageType = certainType('article');
    const result = extract({ blocks, tree, statedTitle: null, pageType }, UNLEARNED);
    t.is(result.attempt, 'article');
    return result.segmented.paragraphs.flatMap((p) => p.lines);
  };
  t.true(
    bodyOf(lines('<p><a href="https://tickets.example.org/festival">Tickets for the harbour festival</a></p>')).includes(
      'Tickets for the harbour festival',
    ),
  );
  t.true(
    bodyOf(lines('<p>Write to <a href="mailto:desk@gazette.example">desk@gazette.example</a></p>')).includes(
      'Write to desk@gazette.example',
    ),
  );
  t.false(
    bodyOf(lines('<p>Read more: <a href="/story/2">Tram line to the old port approved</a></p>')).some((l) => l.includes('Tram line')),
  );
  t.false(
    bodyOf(lines('<p>Read more: <a href="https://gazette.example/story/2">Tram line to the old port approved</a></p>')).some((l) =>
      l.includes('Tram line'),
    ),
  );
});

test("a list of links out of the site between the story's own lines (a changelog's entries) is the story's; not if it links within the site", (t) => {
  const bodyOf = (annsItems: string, bensItems: string) => {
    const html = `<html><body>${MENU}<article><h1>Harbour app update</h1><div class="text"><p>${PROSE[0]}</p>
      <h2>Ann</h2><ul>${annsItems}</ul><h2>Ben</h2><ul>${bensItems}</ul>
      <h3>Support the work</h3><p>${PROSE[1]}</p></div></article>${SHARE}</body></html>`;
    const { blocks, tree } = htmlBlocks(html, { url: 'https://www.gazette.example/harbour/app-update' });
    const result = extract({ blocks, tree, statedTitle: null, pageType: certainType('article') }, UNLEARNED);
    t.is(result.attempt, 'article');
    return result.segmented.paragraphs.flatMap((p) => p.lines);
  };
  const item = (href: string, text: string) => `<li><a href="${href}">${text}</a></li>`;
  const anns = [item('https://code.example.org/pull/1', 'Fix the rounding of the tide table')];
  const bens = [item('https://code.example.org/pull/2', 'Show the berth numbers on the quay map')];

  const out = bodyOf(anns.join(''), bens.join(''));
  t.true(out.includes('Fix the rounding of the tide table'));
  t.true(out.includes('Show the berth numbers on the quay map'));
  // One item of Ben's list links within the site: that list is the site's, Ann's is still the story's.
  const mixed = bodyOf(anns.join(''), bens.concat(item('/harbour/berths', 'All berths of the old port')).join(''));
  t.true(mixed.includes('Fix the rounding of the tide table'));
  t.false(mixed.some((l) => l.includes('berth')));
  t.true(mixed.includes(PROSE[1]!));
});

test('widgets that each hold a paragraph inside the story are its sections; boxed after its last paragraph, or alone, they are not', (t) => {
  const widget = (name: string) =>
    `<div class="ck-widget"><h6>${name}</h6><p>The ${name.toLowerCase()} berth takes boats up to twelve metres and is free for the first night, the harbour master said.</p></div>`;
  // A story long enough that the widgets are a small part of it, as on a real page: their hint then holds.
  const story = (said: string) => PROSE.map((p) => `<p>${p.replace('.', `, ${said}.`)}</p>`).join('');
  const bodyOf = (middle: string, after = '') => {
    const html = `<html><body>${MENU}<article><h1>Berths of the old port</h1><div class="text">${story('at first')}${story('again')}
      ${middle}${story('at last')}${after}</div></article>${SHARE}</body></html>`;
    const { blocks, tree } = htmlBlocks(html);
    const result = extract({ blocks, tree, statedTitle: null, pageType: certainType('article') }, UNLEARNED);
    t.is(result.attempt, 'article');
    return result.segmented.paragraphs.flatMap((p) => p.lines);
  };
  const sections = bodyOf(['North', 'South', 'Ferry'].map(widget).join(''));
  t.true(sections.includes('North'));
  t.true(sections.some((l) => l.startsWith('The ferry berth takes boats')));
  t.false(bodyOf('', ['North', 'South'].map(widget).join('')).some((l) => l.includes('berth takes boats')));
  t.false(bodyOf(widget('North')).some((l) => l.includes('berth takes boats')));
});

test("a roundup's picks in widgets after a short intro are its text: they hold more prose than the intro", (t) => {
  const pick = (name: string) =>
    `<div class="product-widget"><div class="label">Best ${name} berth</div><p>The ${name.toLowerCase()} berth takes boats up to twelve metres and is free for the first night, the harbour master said.</p><p>Its ${name.toLowerCase()} water and power points were renewed last spring, and the quay wall was raised by half a metre.</p><a href="/review/${name}">Read our full review</a></div>`;
  const intro = [
    'Every summer we moor at each berth of the old port, and every autumn we tell you which of them were worth the fee.',
    ...PROSE.map((p) => p.replace('.', ', as the minutes of the meeting show.')),
  ];
  const html = `<html><body>${MENU}<article><h1>The best berths of the old port</h1><div class="text">${intro.map((p) => `<p>${p}</p>`).join('')}
    ${['North', 'South', 'Ferry'].map(pick).join('')}</div></article>${SHARE}</body></html>`;
  const { attempt, body } = run(html, 'article');
  t.is(attempt, 'article');
  t.deepEqual(body.slice(0, 4), intro);
  t.true(body.includes('Best Ferry berth'));
  t.true(body.some((l) => l.startsWith('The ferry berth takes boats')));
  t.false(body.includes('Read our full review'));
});

test("a section's heading between the story's paragraphs is its text though its anchor is named for the contents menu (`h3#nav_…`)", (t) => {
  const [first, second, third] = PROSE;
  const html = `<html><body>${MENU}<article><h1>Council backs the harbour plan</h1><div class="text"><p>${first}</p><p>${second}</p>
    <h3 id="nav_the_slipway_0">The slipway</h3><p>${third}</p><p>${first!.replace('Tuesday', 'Monday')}</p>
    <h3 class="related-title">Related stories</h3><ul><li><a href="/a">Ferry fares rise in September</a></li><li><a href="/b">Night buses return</a></li></ul></div></article></body></html>`;
  const { body } = run(html, 'article');
  t.deepEqual(body, [first, second, 'The slipway', third, first!.replace('Tuesday', 'Monday')]);
});

test("an article's lead between its headline and its body is its text; a caption or a dated byline there is not", (t) => {
  const lead = 'The harbour will get a new quay by winter, and the fishermen a promise that their slipway will be studied.';
  const caption = 'The eastern quay at dawn, seen from the lighthouse that the city restored two years ago for visitors.';
  const html = `<html><body>${MENU}<div class="story-header"><h1>Council backs the harbour plan</h1><p>${lead}</p>
    <p>Published on 12 March 2024 by the harbour desk, with reporting from the council chamber.</p></div>
    <figure><img src="q.jpg"><figcaption>${caption}</figcaption></figure>
    <div class="story-body">${PROSE.map((p) => `<p>${p}</p>`).join('')}</div>${SHARE}</body></html>`;
  const { body } = run(html, 'article', 'Council backs the harbour plan');
  t.deepEqual(body, [lead, ...PROSE]);
});

test("a named box closing the element that holds an article's text (a plea, a prompt) goes; footnotes or a last section boxed so stay", (t) => {
  const story = STORY;
  const plea = 'This story is free to read because readers like you support our reporting; become a member today.';
  const page = (box: string) =>
    `<html><body>${MENU}<main><h1>Quay works start in June</h1><div class="entry-content">${story
      .map((p) => `<p>${p}</p>`)
      .join('')}${box}</div></main></body></html>`;
  t.deepEqual(run(page(`<div class="end-note"><p>${plea}</p></div>`), 'article').body, story);
  const notes = ['Minutes of the council meeting, 12 March.', 'Harbour authority, annual report, page 14.'];
  const footnoted = run(page(`<div class="notes"><ol>${notes.map((n) => `<li>${n}</li>`).join('')}</ol></div>`), 'article').body;
  t.true(notes.every((n) => footnoted.some((line) => line.includes(n))));
  const section = [PROSE[0]!.replace('council', 'county'), PROSE[1]!.replace('mayor', 'harbour master')];
  const sectioned = run(page(`<div class="update">${section.map((p) => `<p>${p}</p>`).join('')}</div>`), 'article').body;
  t.deepEqual(sectioned, [...story, ...section]);
});

test("a forum thread's replies that its markup calls comments are its posts when set as its first post is; on an article they stay out", (t) => {
  const question = `${PROSE.join(' ')} ${PROSE.map((p) => p.replace('.', ', as the minutes show.')).join(' ')}`;
  const answers = PROSE.map((p) => p.replace('council', 'harbour board'));
  const replies = answers.map((text) => `<div class="comment"><div class="message"><p>${text}</p></div></div>`).join('');
  const thread = `<html><body>${MENU}<div class="topic"><h1>Second slipway for the harbour?</h1><div class="opening"><div class="message"><p>${question}</p></div></div></div>
    <div class="comments">${replies}</div><footer><p>Forum rules and the privacy notice of the harbour board.</p></footer></body></html>`;
  t.deepEqual(
    run(thread, 'forum').body.filter((line) => line === question || answers.includes(line)),
    [question, ...answers],
  );
  t.false(run(thread, 'article').body.some((line) => answers.includes(line)));
});

test("a Chinese story's paragraphs, each shorter in characters than a Latin one, are prose: the comments under it stay out", (t) => {
  const lines = [
    '市议会周二晚上通过了港口改造计划，辩论一直持续到深夜才结束。',
    '东码头的工程将于六月开工，市长表示工程会在冬季风暴来临之前完成。',
    '渔民们要求再修建一条船台，议会承诺在下一次预算之前研究这个提议。',
    '港务局说，新码头建成后每年可以多停靠两百艘渔船和二十艘渡轮。',
    '一些居民担心施工期间的噪音，议会同意夜间和周末不进行打桩作业。',
    '这项计划的总投资约为三亿元，其中一半来自省政府的专项资金。',
  ];
  const story = [...lines, ...lines.map((line) => `据会议记录，${line}`)];
  const comments = [...lines, ...lines]
    .map(
      (line, i) =>
        `<li class="comment"><div class="comment-author">读者${i + 1}</div><div class="comment-body"><p>我看到了：${line}</p></div></li>`,
    )
    .join('');
  const html = `<html><body>${MENU}<div class="post"><h1>港口改造计划获得通过</h1>${story.map((p) => `<p>${p}</p>`).join('')}</div>
    <div class="comments"><h3>网友评论</h3><ol>${comments}</ol></div></body></html>`;
  const { body } = run(html, 'article');
  t.deepEqual(body, story);
});

test("an article element's own class words (WordPress's `author-ann`) do not make its story hinted: the comments under it stay out", (t) => {
  const story = STORY;
  const comments = [...PROSE, ...PROSE, ...PROSE, ...PROSE]
    .map(
      (p, i) =>
        `<li class="comment"><div class="comment-author">Reader ${i + 1}</div><div class="comment-body"><p>So true: ${p}</p></div></li>`,
    )
    .join('');
  const html = `<html><body>${MENU}<article class="post type-post author-ann"><h1>Harbour plan approved</h1>
    <div class="entry-content">${story.map((p) => `<p>${p}</p>`).join('')}</div></article>
    <div id="comments"><h3>12 responses</h3><ol class="commentlist">${comments}</ol></div></body></html>`;
  const { body } = run(html, 'article');
  t.deepEqual(body, story);
});

test('a short story on a page without names, typed a listing with article a close second, is not read link by link over the whole page', (t) => {
  const nav = (n: number) => `<div>${Array.from({ length: 12 }, (_, i) => `<a href="/s${n}/${i}">Section ${n}.${i}</a>`).join(' ')}</div>`;
  const story = PROSE.slice(0, 3).map((p) => `<p>${p}</p>`);
  const html = `<html><body>${nav(1)}${nav(2)}<div><h1>Harbour plan approved</h1>${story.join('')}</div>${nav(3)}${nav(4)}</body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const unsure: PageTypeResult = { type: 'listing', scores: { ...certainType('listing').scores, listing: 0.5, article: 0.4 } };
  const body = (pageType: PageTypeResult) =>
    extract({ blocks, tree, statedTitle: null, pageType }, UNLEARNED).segmented.paragraphs.flatMap((p) => p.lines);
  t.deepEqual(body(unsure), PROSE.slice(0, 3));
  // Sure of the listing, the model's type stands: its links are the page's content.
  t.true(body(certainType('listing')).length > 3);
});

test('a story of some length on a page without names, typed a listing with article a close second, is not replaced by the whole page read as a grid', (t) => {
  // Teasers before and after the story, each line a distinct headline: the listing attempt reads them as a grid around it.
  const when = ['in the morning', 'at noon', 'in the evening'];
  const teasers = (n: number) =>
    `<div>${MOST_READ.match(/>[^<>]{20,}</g)!
      .map((title, i) => `<div><a href="/story/${n}/${i}">${title.slice(1, -1)} ${when[n]}</a></div>`)
      .join('')}</div>`;
  const story = STORY;
  const html = `<html><body>${teasers(0)}${teasers(1)}<div><h1>Harbour plan approved</h1>${story.map((p) => `<p>${p}</p>`).join('')}</div>${teasers(2)}</body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const unsure: PageTypeResult = { type: 'listing', scores: { ...certainType('listing').scores, listing: 0.5, article: 0.4 } };
  const read = (pageType: PageTypeResult) => {
    const result = extract({ blocks, tree, statedTitle: null, pageType }, UNLEARNED);
    return { attempt: result.attempt, body: result.segmented.paragraphs.flatMap((p) => p.lines) };
  };
  t.deepEqual(read(unsure), { attempt: 'article', body: story });
  // Sure of the listing, the model's type stands: the headlines are the page's content.
  const listing = read(certainType('listing'));
  t.is(listing.attempt, 'listing');
  t.true(listing.body.length > 3 * story.length);
});

test("prose the site repeats is this article's own before its last paragraph (its lead, shown as a teaser elsewhere), not after it (a standing notice)", (t) => {
  const lead = 'The harbour will get a new quay by winter, and the fishermen a promise that their slipway will be studied.';
  const notice = 'The Harbor Gazette is published by the Harbor Press cooperative, with the support of its readers and members.';
  const html = `<html><body>${MENU}<article><h1>Council backs the harbour plan</h1>${[lead, ...PROSE, notice]
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const repeated = new Set(blocks.filter((b) => b.text === lead || b.text === notice || b.text === 'Home').map((b) => b.hash));
  const site = { pages: 6, support: (hash: number) => (repeated.has(hash) ? 6 : 1) };
  const pageType = certainType('article');
  const body = extract({ blocks, tree, statedTitle: null, pageType }, site).segmented.paragraphs.flatMap((p) => p.lines);
  t.deepEqual(body, [lead, ...PROSE]);
});

test('a post of a few short lines on a page without names is not replaced by the whole page read as a list around it', (t) => {
  const post = ['“I know I am drunk and should not say this.”', '– “Then do not say it.”', '– “Ok.”'];
  const links = (heading: string, items: string[]) =>
    `<li><h2>${heading}</h2><ul>${items.map((item, i) => `<li><a href="/${heading.toLowerCase()}/${i}">${item}</a></li>`).join('')}</ul></li>`;
  const months = ['October 2014', 'June 2013', 'May 2012', 'November 2011', 'September 2011', 'July 2010', 'June 2010', 'May 2010'];
  const html = `<html><body><div><div><h1>Notes</h1></div><div><h2>Doing nothing is an option too</h2><p>14 June 2013 at 20:51</p>${post
    .map((line) => `<p>${line}</p>`)
    .join(
      '',
    )}</div><div><ul>${links('Categories', ['Specific', 'English', 'Favourites', 'Unspecific', 'Film'])}${links('Archive', months)}${links(
    'Meta',
    ['Register', 'Log in', 'Entries feed', 'Comments feed'],
  )}</ul></div></div></body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const result = extract({ blocks, tree, statedTitle: null, pageType: certainType('article') }, UNLEARNED);
  const body = result.segmented.paragraphs.flatMap((p) => p.lines);
  t.true(post.every((line) => body.includes(line)));
  t.false(body.includes('June 2010'));
});

test("on a page without names, the article's last section ends at a short line outside the story's element, not at the page's end", (t) => {
  const steps = ['Mix the flour and the butter', 'Add two eggs', 'Bake for forty minutes'];
  const story = `<div><h1>Butter cake</h1>${PROSE.concat(PROSE)
    .map((p) => `<p>${p}</p>`)
    .join('')}<h2>Steps</h2><ul>${steps.map((s) => `<li>${s}</li>`).join('')}</ul></div>`;
  const newsletter =
    '<div><p>Sign up for our weekly letter</p><p>Every Friday we send the week in the harbour, the council and the market to your inbox, free of charge.</p></div>';
  const { body } = run(`<html><body><div>${story}<div>Share:</div>${newsletter}</div></body></html>`, 'article');
  t.deepEqual(body.slice(-steps.length), steps);
});

test("a section front, a wall of other pages' teasers around one more in a box, has no article; a story, a brief the teasers follow or a note they do not outweigh has", (t) => {
  const headlines = MOST_READ.match(/>([^<>]{20,})</g)!.map((m) => m.slice(1, -1));
  const teasers = (count: number) =>
    `<ul class="stories">${Array.from(
      { length: count },
      (_, i) =>
        `<li><h3><a href="/news/${i}">${headlines[i % headlines.length]!.split(' ').slice(0, 6).join(' ')} (${i})</a></h3><p>${headlines[i % headlines.length]}, and more in the full story.</p></li>`,
    ).join('')}</ul>`;
  const page = (before: string, after: string) =>
    `<html><body>${MENU}<div id="header"><h1>Harbour</h1></div><div id="main">${before}${after}</div></body></html>`;
  const read = (html: string) => {
    const { blocks, tree } = htmlBlocks(html);
    const extraction = extract({ blocks, tree, statedTitle: null, pageType: certainType('article') }, UNLEARNED);
    return { extraction, front: teaserFront(extraction, 'article'), body: extraction.segmented.paragraphs.flatMap((p) => p.lines) };
  };
  // A reporter's box holds one more teaser, in a shape the teaser rule does not know (a date and a link to the story
  // under its summary). The article attempt finds its summary: a scrap that two dozen teasers before it outweigh.
  const box = `<div class="correspondent"><h2>Our reporter</h2><div><h2><a href="/news/v">Quay works start in June</a></h2><p>22:00, Wednesday, 27 March 2013</p><p>${PROSE[0]}</p><p><a href="/news/v">Read full article</a></p></div></div>`;
  const front = read(page(teasers(24), box));
  t.deepEqual(front.body, [PROSE[0]]);
  t.like(front.front, { teaserBlocks: 48 });
  // A story of a few paragraphs among the same teasers is an article; so is a brief the teasers follow, however many,
  // and a note the teasers before it do not outweigh.
  const story = `<div class="story">${STORY.map((p) => `<p>${p}</p>`).join('')}</div>`;
  const brief = `<div class="brief"><h2>Harbour closed</h2><p>${PROSE[0]} ${PROSE[1]}</p></div>`;
  for (const [html, kept] of [
    [page(teasers(24), story), PROSE],
    [page(brief, teasers(24)), [`${PROSE[0]} ${PROSE[1]}`]],
    [page(teasers(12), brief), [`${PROSE[0]} ${PROSE[1]}`]],
  ] as const) {
    const article = read(html);
    t.is(article.front, null);
    t.true(kept.every((line) => article.body.includes(line)));
  }
  // Only a page typed an article is a front: a list page's teasers are its items.
  t.is(teaserFront(front.extraction, 'listing'), null);
});

test("a heading's link back to its own place on the page (a reference's anchor, a back-link to the contents) is no teaser's headline", (t) => {
  const events = [
    ['task-sent', 'Sent when a task message is published.'],
    ['task-received', 'Sent when the worker receives a task.'],
    ['task-started', 'Sent just before the worker executes the task.'],
    ['task-failed', 'Sent if the execution of the task failed.'],
  ] as const;
  const closing = [
    'Each event carries the hostname of the worker that sent it, so a monitor can tell the workers of a cluster apart.',
    'Events are sent only when the worker is started with the events option, as the command line reference explains.',
  ];
  const reference = (heading: (id: string) => string) =>
    `<html><body>${MENU}<main><h1>Monitoring guide</h1><ul>${events
      .map(([id]) => `<li><a id="to-${id}" href="#${id}">${id}</a></li>`)
      .join('')}</ul>${paras(STORY)}${events
      .map(([id, text]) => `<section id="${id}">${heading(id)}<p>${text}</p></section>`)
      .join('')}<h4>Closing</h4>${paras(closing)}</main></body></html>`;
  const lines = events.flatMap(([id, text]) => [id, text]);
  // Its own anchor (`<h4 id><a href="#id">`), or the contents above it (a Sphinx page's back-link).
  t.deepEqual(run(reference((id) => `<h4><a href="#${id}">${id}</a></h4>`)).body, [...STORY, ...lines, 'Closing', ...closing]);
  t.deepEqual(run(reference((id) => `<h4><a href="#to-${id}">${id}</a></h4>`)).body, [...STORY, ...lines, 'Closing', ...closing]);
  // Headings linked to other pages are a list of teasers; so are links to places further down (a jump menu).
  const elsewhere = { 'other pages': (id: string) => `/events/${id}`, 'further down': () => '#appendix' };
  for (const [where, href] of Object.entries(elsewhere)) {
    const { body } = run(reference((id) => `<h4><a href="${href(id)}">${id}</a></h4>`));
    t.deepEqual(body, [...STORY, 'Closing', ...closing], where);
  }
});

test("a thin post whose few own lines sit among labels the site's other pages share is read alone, not lost", (t) => {
  const own = ['Shuji: Japan.', 'Walter: Germany.', 'Fuji X-TRA 400.', 'Shuji: Widelux.', 'Walter: Pentax Z-1p.'];
  const labels = ['Locations', 'Share this:', 'Facebook', 'Like this:', 'Like Loading...', 'Related Posts'];
  const related = ['II', 'III'].map((part) => `Collaboration Shuji and Walter, April 2018 ${part}`);
  const html = `<html><body><header><div id="site-title">Swap Stop</div>${MENU}</header><div id="main"><article class="post">
    <header class="entry-header"><h1 class="entry-title">Collaboration Shuji and Walter, April 2018</h1></header>
    <div class="entry-content"><h3>${labels[0]}</h3>${paras(own.slice(0, 2))}<h3>Film</h3><p>${own[2]}</p><h3>Cameras</h3>${paras(own.slice(3))}
    <div class="sharedaddy"><h3>${labels[1]}</h3><ul><li class="share-facebook"><a href="/s/fb">${labels[2]}</a></li></ul></div>
    <div class="likes"><h3>${labels[3]}</h3><div>${labels[4]}</div></div>
    <h2>${labels[5]}</h2><ul>${related.map((r, i) => `<li><a href="/p${i}">${r}</a></li>`).join('')}</ul>
    <p>Copyright © 2018. All Rights Reserved.</p></div></article></div><footer><p>(c) 2016 - 2018 swap-stop.org</p></footer></body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const read = (shared: readonly string[]) => {
    const hashes = new Set(blocks.filter((b) => shared.includes(b.text) || MENU.includes(`>${b.text}<`)).map((b) => b.hash));
    // A folder of saved pages from many sites, learned as one: a few of its pages share each label.
    const site = { pages: 800, support: (hash: number) => (hashes.has(hash) ? 9 : 1) };
    const result = extract({ blocks, tree, statedTitle: null, pageType: certainType('article') }, site);
    return result.segmented.paragraphs.flatMap((p) => p.lines);
  };
  const body = read(labels);
  for (const line of own) t.true(body.includes(line), line);
  t.false(body.includes('Home'));
  // What learning calls the site's template stays out.
  for (const label of labels) t.false(body.includes(label), label);
  // When the page's lines are the other pages' too, it has nothing of its own: it stays empty.
  t.deepEqual(read([...labels, ...own, ...related, 'Film', 'Cameras']), []);
});
