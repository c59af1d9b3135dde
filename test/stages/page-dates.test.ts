import test from 'ava';
import { findDates } from '../../stages/date-parse.js';
import { findPublicationDates } from '../../stages/dates.js';
import { htmlBlocks } from '../../stages/html-blocks.js';
import { extract, UNLEARNED } from '../../stages/extract.js';
import { pageDates } from '../../stages/page-dates.js';
import type { PageType } from '../../stages/page-type.js';
import { certainType } from '../helpers.js';

test("a product's, a service's, a collection's or a documentation page's lines do not date it: a review's byline is the review's date", (t) => {
  const { blocks } = htmlBlocks(`<html><body><h1>Oak harbour chair</h1><p>Hand finished with a woven seat, for decks and kitchens.</p>
    <div class="reviews"><p>Posted on 4 May 2021 by Ann</p><p>Sturdy and comfortable.</p></div>
    <p><time datetime="2021-05-06">6 May 2021</time></p></body></html>`);
  const page = (type: PageType) => ({ blocks, dateEvidence: [], firstTime: '2021-05-06', pageType: certainType(type) });
  for (const type of ['product', 'service', 'collection', 'documentation'] as const)
    t.like(pageDates(page(type), null), { published: null }, type);
  t.like(pageDates(page('article'), null), { published: '2021-05-04', publishedFrom: 'byline' });
  // What the page states of itself still dates it.
  t.like(pageDates({ ...page('product'), dateEvidence: [{ from: 'meta', value: '2020-01-02' }] }, null), {
    published: '2020-01-02',
    publishedFrom: 'meta',
  });
});

test("a shop's page is not dated by its WebPage's JSON-LD date (the day its CMS made it); an article item's date still dates it", (t) => {
  const shop = (graph: string) =>
    htmlBlocks(`<html><head><script type="application/ld+json">{"@graph":[${graph}]}</script></head>
      <body><h1>Oak harbour chair</h1><p>Hand finished with a woven seat, for decks and kitchens.</p></body></html>`);
  const webPage = shop('{"@type":"WebPage","datePublished":"2016-09-06T10:13:17+00:00"},{"@type":"Product","name":"Oak harbour chair"}');
  const page = (type: PageType, parsed = webPage) => ({
    blocks: parsed.blocks,
    dateEvidence: parsed.meta.dateEvidence,
    firstTime: null,
    pageType: certainType(type),
  });
  for (const type of ['product', 'collection'] as const) t.like(pageDates(page(type), null), { published: null }, type);
  // Elsewhere the page's JSON-LD dates it, whatever its item.
  for (const type of ['article', 'service', 'listing'] as const)
    t.like(pageDates(page(type), null), { published: '2016-09-06T10:13:17+00:00', publishedFrom: 'json-ld' }, type);
  const guide = shop('{"@type":"WebPage","datePublished":"2016-09-06"},{"@type":"Article","datePublished":"2021-03-04"}');
  t.like(pageDates(page('product', guide), null), { published: '2021-03-04', publishedFrom: 'json-ld' });
});

test('a page dated by its statements only does not take the first date of its text', (t) => {
  const paragraphs = [{ kind: 'paragraph' as const, lines: ['Offer valid until 13 November 2023.'] }];
  const base = { title: 'T', paragraphs, nearTitleDates: [], titleDate: null };
  t.like(findPublicationDates(base), { published: '2023-11-13', publishedFrom: 'text' });
  t.like(findPublicationDates({ ...base, statedOnly: true }), { published: null, dates: ['2023-11-13'] });
  const lines = { firstTime: '2021-05-06', scan: () => ({ bylines: findDates('4 May 2021'), datelines: [] }) };
  t.like(findPublicationDates({ ...base, ...lines }), { published: '2021-05-04', publishedFrom: 'byline' });
  t.like(findPublicationDates({ ...base, ...lines, statedOnly: true }), { published: null });
  t.like(findPublicationDates({ ...base, statedOnly: true, nearTitleDates: findDates('6 May 2021') }), { publishedFrom: 'near-title' });
});

test('a dated line segmenting sets apart over the article (a byline with a path and a name) dates it before a later date of its text', (t) => {
  const html = `<html><body><div><div><div>Home | By Ann Lee | 30 September 2018</div><h2>The harbour plan, two years on</h2>
    <p>Article updated on 7 January 2020.</p>
    <p>The council approved the harbour plan on Tuesday after a debate that ran late into the night, the mayor said.</p>
    <p>Work on the eastern quay starts in June and should end before the winter storms, the harbour master added.</p>
    <p>Fishermen asked for a second slipway; the council promised to study it before the next budget is voted.</p></div></div></body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const pageType = certainType('article');
  const { segmented } = extract({ blocks, tree, statedTitle: null, pageType }, UNLEARNED);
  t.is(segmented.roles[0], 'date-line');
  t.like(pageDates({ blocks, dateEvidence: [], firstTime: null, pageType }, { segmented, title: null }), {
    published: '2018-09-30',
    publishedFrom: 'dateline',
  });
});

test('a publication cue on a line of its own dates the page with the date line under it ("Published" over "Feb 2, 2023")', (t) => {
  const page = (info: string) => {
    const { blocks } = htmlBlocks(`<html><body><h1>Coffee in the eighteenth century</h1>
      <p>The coffee house was a place to read the news, to trade and to argue, as the prints of the time show.</p>
      <p>Its customers paid a penny at the door and stayed as long as they liked, which made it a school of its own.</p>
      <div class="info">${info}</div></body></html>`);
    return pageDates({ blocks, dateEvidence: [], firstTime: null, pageType: certainType('article') }, null);
  };
  t.like(page('<p>Published</p><p>Feb 2, 2023</p>'), { published: '2023-02-02', publishedFrom: 'byline' });
  t.like(page('<span>Datum</span><br><span>31.01.2022</span><p>Autor Peter Middel</p>'), {
    published: '2022-01-31',
    publishedFrom: 'byline',
  });
  // A cue with more words than its connector is a sentence, not a label of the line under it.
  t.not(page('<p>Published by the harbour trust</p><p>Feb 2, 2023</p>').publishedFrom, 'byline');
});

test("a line that starts with a date dates the article only when nothing but a weekday stands before it: not a member's join date, not a post's number", (t) => {
  const page = (line: string) => {
    const { blocks } = htmlBlocks(`<html><body><h1>Which index fund for a first portfolio?</h1><p>${line}</p>
      <p>I have saved for two years and would like to start with one fund that covers the whole market, if there is one.</p>
      <p>Most advice I read says to keep costs low, but the funds I found all charge about the same, so how do I choose?</p>
      </body></html>`);
    return pageDates({ blocks, dateEvidence: [], firstTime: null, pageType: certainType('article') }, null);
  };
  t.like(page('Mittwoch, 5. Oktober 2013 - Sport'), { published: '2013-10-05', publishedFrom: 'dateline' });
  t.like(page('Joined: Mon Jul 24, 2017 9:28 am'), { published: null });
  t.like(page('#2 2019-02-24, 02:31 AM'), { published: null });
});

test('a two-digit year dates a page from the lines that may be dates: over its h1, starting a line after the article', (t) => {
  const story = `<p>The council approved the harbour plan on Tuesday after a debate that ran late into the night, the mayor said.</p>
    <p>Work on the eastern quay starts in June and should end before the winter storms, the harbour master added.</p>`;
  const pageType = certainType('article');
  const dated = (html: string) => {
    const { blocks, tree } = htmlBlocks(`<html><body>${html}</body></html>`);
    const { segmented } = extract({ blocks, tree, statedTitle: null, pageType }, UNLEARNED);
    return pageDates({ blocks, dateEvidence: [], firstTime: null, pageType }, { segmented, title: null });
  };
  t.like(dated(`<div><span>Party, 30.10.23</span><h1>The harbour plan</h1>${story}</div>`), { published: '2023-10-30' });
  t.like(dated(`<div><h1>The harbour plan</h1>${story}<div>28.01.22 / 0 Kommentare</div></div>`), { published: '2022-01-28' });
  // In the story's own sentences the same shape is not a date.
  t.like(dated(`<div><h1>The harbour plan</h1>${story}<p>Version 02.12.19 of the plan was the last one the council saw.</p></div>`), {
    published: null,
  });
});

test("marked dates on many days are a list's (a sidebar's stories, a product's reviews), not the page's; a forum thread's first post dates it", (t) => {
  const { blocks } = htmlBlocks(`<html><body><h1>Didier Porte wishes Balkany good health</h1>
    <p>A column read on the radio this morning, about a mayor and his health, and what the court said of both.</p></body></html>`);
  const marks = ['2019-09-22T07:30:29Z', '2019-09-20T19:01:28Z', '2019-09-19T20:39:59Z'].map((value) => ({ from: 'time' as const, value }));
  const page = (type: PageType, dateEvidence = marks) => ({
    blocks,
    dateEvidence,
    firstTime: '2019-06-28T13:49:45Z',
    pageType: certainType(type),
  });
  t.like(pageDates(page('article'), null), { published: '2019-06-28T13:49:45Z', publishedFrom: 'time' });
  t.like(pageDates(page('forum'), null), { published: '2019-09-22T07:30:29Z', publishedFrom: 'time' });
  // Two days: a story's publication and its update.
  t.like(pageDates(page('article', marks.slice(0, 2)), null), { published: '2019-09-22T07:30:29Z', publishedFrom: 'time' });
});
