import test from 'ava';
import { boilerplateReasons, judgeBlocks } from '../../stages/boilerplate.js';
import { htmlBlocks } from '../../stages/html-blocks.js';

const reasons = (body: string) => {
  const { blocks, tree } = htmlBlocks(`<html><body>${body}</body></html>`);
  return Object.fromEntries(blocks.map((b, i) => [b.text, boilerplateReasons(blocks, tree)[i] ?? null]));
};

const PROSE = 'The council approved the plan after a long debate about costs and the timetable for the works. '.repeat(3);

test('structural hints and link-heavy blocks are boilerplate; prose is not', (t) => {
  t.deepEqual(
    reasons(`<nav><a href="/">Home</a></nav><article><p>${PROSE}</p><p>More <a href="/a">about it</a> here and there.</p></article>
    <footer><p>Copyright notice for the site.</p></footer><p><a href="/1">One</a> <a href="/2">Two</a></p>`),
    {
      Home: 'hint:nav',
      [PROSE.trim()]: null,
      'More about it here and there.': null,
      'Copyright notice for the site.': 'hint:footer',
      'One Two': 'links',
    },
  );
});

test('a hint on a wrapper holding most of the page says nothing; an article header is the article', (t) => {
  const r = reasons(
    `<div class="page has-sidebar"><article><header><h1>Title of the story</h1></header><p>${PROSE}</p></article><p>Side note.</p></div>`,
  );
  t.is(r['Title of the story'], null);
  t.is(r[PROSE.trim()], null);
});

test('the target of a skip link is the main content, not boilerplate', (t) => {
  const r = reasons(
    `<a class="visually-hidden" href="#skip-to-products">Skip to products</a><div id="skip-to-products"><p>Pegasus 41 road running shoes</p></div><p>${PROSE}</p>`,
  );
  t.is(r['Pegasus 41 road running shoes'], null);
});

test('a token that says a feature is switched on or off (`modal-enabled`) does not name the element', (t) => {
  const r = reasons(`<div class="box article modal-enabled"><p>${PROSE}</p></div><div class="modal"><p>Sign in to continue.</p></div>`);
  t.is(r[PROSE.trim()], null);
  t.is(r['Sign in to continue.'], 'hint:modal');
});

test("a paywall's element holds the story the site withholds, not boilerplate; the offer to subscribe stays out", (t) => {
  const withheld = 'Critics of the plan said the costs had been underestimated from the start and asked for an audit. '.repeat(3);
  const r = reasons(
    `<article><h1>Council approves the plan</h1><p>${PROSE}</p><div class="hcf-paywall"><p>${withheld}</p>` +
      `<div class="paywall-offer subscribe"><p>Subscribe to read on.</p></div></div></article><div><p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p></div>`,
  );
  t.is(r[withheld.trim()], null);
  t.is(r['Subscribe to read on.'], 'hint:subscribe');
});

test('several teasers (a linked heading with a short summary) are boilerplate; one is not', (t) => {
  const teaser = (n: number) => `<li><h2><a href="/${n}">Story ${n}</a></h2><p>Summary of story ${n}.</p></li>`;
  const many = reasons(`<ul>${teaser(1)}${teaser(2)}${teaser(3)}</ul>`);
  t.is(many['Summary of story 2.'], 'teaser');
  const one = reasons(`<div><h2><a href="/p">A permalink title</a></h2><p>The only post on this page.</p></div>`);
  t.is(one['The only post on this page.'], null);
});

test("posts under one repeated linked title (a forum's `Re: …`) are not teasers; copies of one card still are", (t) => {
  const post = (n: number) =>
    `<div><h3><a href="#p${n}">Re: Release notes</a></h3><p>by user${n} » 11 Sep 2024</p><div>Reply number ${n}, on its own line.</div></div>`;
  const thread = reasons(`${post(1)}${post(2)}${post(3)}`);
  t.is(thread['Reply number 2, on its own line.'], null);
  const card = `<li><h2><a href="/ankle">Ankle</a></h2><p>Comfy coverage.</p></li>`;
  const copies = reasons(`<ul>${card}${card}${card}</ul>`);
  t.is(copies['Comfy coverage.'], 'teaser');
});

test('a consent dialog or a modal is boilerplate however much of the page it holds; other hints that large are a wrapper', (t) => {
  const consent = `We use cookies to measure the audience and to show you offers. ${PROSE}`;
  const r = reasons(`<div class="consent-banner"><p>${consent.trim()}</p><p>Accept all</p></div><p>Short post.</p>`);
  t.is(r[consent.trim()], 'hint:consent');
  const wrapped = reasons(`<div class="sidebar-layout"><p>${PROSE.trim()}</p></div><p>Short post.</p>`);
  t.is(wrapped[PROSE.trim()], null);
});

test('a menu holding most of a short page is still a menu: mostly links and little prose; a wrapper around the story is not', (t) => {
  const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/c${i}">Category number ${i}</a></li>`).join('');
  const menu = reasons(`<nav><ul>${links}</ul></nav><main><h1>Socks</h1><p>Wool socks, $12</p></main>`);
  t.is(menu['Category number 3'], 'hint:nav');
  t.is(menu['Wool socks, $12'], null);
  const wrapper = reasons(`<div class="navigation-wrapper"><ul>${links}</ul><article><p>${PROSE}</p><p>${PROSE}</p></article></div>`);
  t.is(wrapper[PROSE.trim()], null);
});

test("a form wrapping a shop's page, its grid of linked products under the page's h1, is the page's wrapper, not a menu", (t) => {
  const cards = Array.from(
    { length: 12 },
    (_, i) => `<div class="card"><a href="/p${i}"><span>Projector model ${i}</span> <span>$${i}99</span></a></div>`,
  ).join('');
  const r = reasons(
    `<form id="main"><div class="menu"><a href="/a">Alpha</a></div><h1>Projectors</h1><div class="grid">${cards}</div></form>`,
  );
  t.is(r['Projectors'], null);
  t.is(r['Alpha'], 'hint:menu');
});

test('a footer, a nav or an aside holding most of a short page is still boilerplate: never the wrapper', (t) => {
  const notes = Array.from(
    { length: 6 },
    (_, i) => `<p>${i + 1}. Offer valid in participating stores only, while supplies last, and subject to the terms of the programme.</p>`,
  ).join('');
  const r = reasons(`<main><h1>Laptops</h1><p>Thin, light and fast laptops for work and study.</p></main><footer>${notes}</footer>`);
  t.is(r['Thin, light and fast laptops for work and study.'], null);
  t.is(r['1. Offer valid in participating stores only, while supplies last, and subject to the terms of the programme.'], 'hint:footer');
});

test("a data table's linked cells are its items (a film's title beside its year), not menus; a layout table's menu cell is a menu", (t) => {
  const films = [
    ['Repeat Performance', '1947', 'A woman relives the year before the night she shot her husband.'],
    ['The Time Travelers', '1964', 'Scientists step through a screen into a future wrecked by war.'],
    ['Journey to the Center of Time', '1967', '<a href="/remake">Remake of The Time Travelers</a>'],
  ];
  const rows = films.map(([title, year, about]) => `<tr><th><i><a href="/f">${title}</a></i></th><td>${year}</td><td>${about}</td></tr>`);
  const data = reasons(`<p>${PROSE}</p><table><tbody>${rows.join('')}</tbody></table>`);
  t.is(data['Repeat Performance'], null);
  t.is(data['Journey to the Center of Time'], null);
  t.is(data['Remake of The Time Travelers'], null);
  // Two rows of items are not yet a table of them.
  t.is(reasons(`<p>${PROSE}</p><table><tbody>${rows.slice(0, 2).join('')}</tbody></table>`)['Repeat Performance'], 'links');
  const layout = reasons(
    `<table><tr><td><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About us</a></td><td><p>${PROSE}</p></td></tr></table>`,
  );
  t.is(layout['Home News About us'], 'links');
});

test('a list item that says something of its own about its link is prose with links; a link with a date or a short label is not', (t) => {
  const r = reasons(`<p>${PROSE}</p><ul>
    <li><a href="/movers/zip">Zip to Zip Moving Inc</a>: 4.58 out of 5 stars</li>
    <li><a href="/news/1">Letter to the Prime Minister of Sweden</a> Jun 29, 2004</li>
    <li><a href="/movers/ace">Ace Moving and Storage</a> (new)</li></ul>`);
  t.is(r['Zip to Zip Moving Inc: 4.58 out of 5 stars'], null);
  t.is(r['Letter to the Prime Minister of Sweden Jun 29, 2004'], 'links');
  t.is(r['Ace Moving and Storage (new)'], 'links');
});

test("an element named like boilerplate that opens the page's prose and holds most of it is the story's wrapper (a CMS's `meta-field`); after the page's own prose it is a box", (t) => {
  const story = `<p>${PROSE}</p><p>${PROSE.replace(/council/g, 'county')}</p>`;
  const links = Array.from({ length: 40 }, (_, i) => `<li><a href="/s/${i}">Section number ${i} of the site</a></li>`).join('');
  const footer = `<div class="site-links"><ul>${links}</ul></div>`;
  const wrapped = reasons(`<div class="post-meta-field">${story}</div>${footer}`);
  t.is(wrapped[PROSE.trim()], null);
  const own = 'The harbour board met on Monday and heard from the fishermen, the ferry company and the residents of the quay. '
    .repeat(3)
    .trim();
  const boxed = reasons(`<p>${own}</p><div class="post-meta-field">${story}</div>${footer}`);
  t.is(boxed[own], null);
  t.is(boxed[PROSE.trim()], 'hint:meta');
});

test('on an article, an unnamed list of posts after its prose (text boxed beside an author line, no heading) is a thread; a list of steps or of headed sections is not', (t) => {
  const judged = (body: string) => {
    const { blocks, tree } = htmlBlocks(`<html><body>${body}</body></html>`);
    const { reasons } = judgeBlocks(blocks, tree, 'article');
    return Object.fromEntries(blocks.map((b, i) => [b.text, reasons[i] ?? null]));
  };
  const post = (n: number) =>
    `<li><div><div>Reader ${n} says:</div><p>I liked this piece, number ${n}, and I have thoughts on it.</p></div></li>`;
  const thread = judged(`<div><p>${PROSE}</p><p>${PROSE}</p></div><ol>${post(1)}${post(2)}${post(3)}</ol>`);
  t.is(thread[PROSE.trim()], null);
  t.is(thread['I liked this piece, number 2, and I have thoughts on it.'], 'thread');
  const step = (n: number) => `<li><div>${n}</div><p>Step ${n} of the plan, as the council set it out in its report.</p></li>`;
  const steps = judged(`<div><p>${PROSE}</p></div><ol>${step(1)}${step(2)}${step(3)}</ol>`);
  t.is(steps['Step 2 of the plan, as the council set it out in its report.'], null);
  const section = (n: number) => `<li><div><h3>Pick ${n}</h3><p>Why pick ${n} is among the best we tested this year.</p></div></li>`;
  const sections = judged(`<div><p>${PROSE}</p></div><ul>${section(1)}${section(2)}${section(3)}</ul>`);
  t.is(sections['Why pick 2 is among the best we tested this year.'], null);
  // Before any prose of the page's own, such a list is a menu or the page's items, not comments.
  t.is(judged(`<ol>${post(1)}${post(2)}${post(3)}</ol><p>${PROSE}</p>`)['I liked this piece, number 2, and I have thoughts on it.'], null);
});

test('on an article, unnamed boxes after its prose that each open with an author and a time stamp are a thread, headed or not; a timeline dated without names is not', (t) => {
  const judged = (body: string) => {
    const { blocks, tree } = htmlBlocks(`<html><body>${body}</body></html>`);
    const { reasons } = judgeBlocks(blocks, tree, 'article');
    return Object.fromEntries(blocks.map((b, i) => [b.text, reasons[i] ?? null]));
  };
  const story = `<div><h1>The harbour plan</h1><p>${PROSE}</p><p>${PROSE}</p></div>`;
  const post = (n: number, stamp = true) =>
    `<div><div><h4>Re: the plan (Score:${n})</h4><div>by reader${n} ${stamp ? `on Friday December 19, 2025 @0${n}:08PM` : ''}</div>` +
    `<div><p>I liked this piece, number ${n}, and I have thoughts on it.</p></div></div></div>`;
  // Three stamped posts and one folded without its stamp: all are the thread's.
  const thread = judged(`${story}<div>${post(1)}${post(2)}${post(3)}${post(4, false)}</div>`);
  t.is(thread[PROSE.trim()], null);
  t.is(thread['I liked this piece, number 2, and I have thoughts on it.'], 'thread');
  t.is(thread['I liked this piece, number 4, and I have thoughts on it.'], 'thread');
  const entry = (n: number) =>
    `<div><div>December ${n}, 2025, 0${n}:15 pm</div><p>At meeting ${n} the board heard the fishermen.</p></div>`;
  const timeline = judged(`${story}<div>${entry(1)}${entry(2)}${entry(3)}</div>`);
  t.is(timeline['At meeting 2 the board heard the fishermen.'], null);
});

test('on an article, a hinted comment section that outgrew the story above it keeps its hint; a hinted wrapper around the story and its posts does not', (t) => {
  const judged = (body: string) => {
    const { blocks, tree } = htmlBlocks(`<html><body>${body}</body></html>`);
    const { reasons } = judgeBlocks(blocks, tree, 'article');
    return Object.fromEntries(blocks.map((b, i) => [b.text, reasons[i] ?? null]));
  };
  const story = `<div><h1>The harbour plan</h1>${[1, 2, 3, 4].map((n) => `<p>${n}. ${PROSE}</p>`).join('')}</div>`;
  const reply = `I read the plan twice and I still do not see who pays for the new quay wall. `.repeat(2);
  const posts = Array.from({ length: 12 }, (_, n) => `<li class="message"><div>reader${n} wrote:</div><p>${n}: ${reply}</p></li>`).join('');
  // The replies hold most of the page's text; the story of over 1,000 characters came first.
  const comments = judged(`${story}<div class="sect_commentlinks"><ul class="sectbody">${posts}</ul></div>`);
  t.is(comments[`1. ${PROSE.trim()}`], null);
  t.is(comments[`3: ${reply.trim()}`], 'hint:comment');
  // The same posts under a short story: the hinted element is the page, as a forum's `comments` wrapper is.
  const short = judged(`<div><h1>The harbour plan</h1><p>${PROSE}</p></div><div class="sect_commentlinks"><ul>${posts}</ul></div>`);
  t.is(short[`3: ${reply.trim()}`], null);
  // A wrapper that opens before the story holds the story and the posts: its hint says nothing of either.
  const wrapped = judged(`<div class="page has-sidebar">${story}<ul class="sectbody">${posts}</ul></div>`);
  t.is(wrapped[`1. ${PROSE.trim()}`], null);
  t.is(wrapped[`3: ${reply.trim()}`], null);
});
