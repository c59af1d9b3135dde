import test from 'ava';
import { cleanPage, preparePage } from '../../pipeline/page.js';

const UNLEARNED = { pages: 1, support: () => 1 };
const para = (n: number) =>
  `<p>Paragraph ${n} of the story tells, at some length and in plain words, what happened at the harbour this week and why it matters.</p>`;

function published(html: string) {
  const prepared = preparePage({
    source: 'p.html',
    url: null,
    directory: 'd',
    body: Buffer.from(html),
    contentType: 'text/html',
    fetchedAt: null,
  });
  if (!('page' in prepared)) throw new Error(prepared.reject.reason);
  const cleaned = cleanPage(prepared.page, UNLEARNED);
  if (!('article' in cleaned)) throw new Error(cleaned.reject.reason);
  return [cleaned.article.published, cleaned.article.publishedFrom];
}

test('the hAtom microformat dates a page: <abbr class="published" title="…">', (t) => {
  const html = `<html><body><div class="post"><h3>Release notes</h3>${para(1)}${para(2)}
    <div class="post-footer">Posted by Ann at <abbr class="published" title="2016-12-23T05:11:00-05:00">5:11 AM</abbr></div></div></body></html>`;
  t.deepEqual(published(html), ['2016-12-23T05:11:00-05:00', 'time']);
});

test('a lone date line at the article edge dates it; a teaser date far above the article does not', (t) => {
  const teasers = Array.from({ length: 12 }, (_, i) => `<div class="box"><span>0${(i % 9) + 1}.01.2020</span></div>`).join('');
  const nav = ['Home', 'City', 'Harbour', 'Business', 'Sport', 'Opinion'].map((name) => `<li><a href="/${name}">${name}</a></li>`).join('');
  const html = `<html><body>${teasers}<nav><ul>${nav}</ul></nav><main><h1>Harbour opens a new quay</h1>${[1, 2, 3, 4, 5, 6, 7].map(para).join('')}<div>12.01.2017</div></main></body></html>`;
  t.deepEqual(published(html), ['2017-01-12', 'dateline']);
});

test('a labelled byline anywhere on the page dates it', (t) => {
  const html = `<html><body><main><h1>Harbour opens a new quay</h1>${[1, 2, 3, 4, 5, 6, 7].map(para).join('')}</main>
    <aside>${para(9)}</aside><footer><p>Dieser Artikel wurde veröffentlicht am 14. Dezember 2015 um 14:48 von Heiner.</p></footer></body></html>`;
  t.deepEqual(published(html), ['2015-12-14', 'byline']);
});

test('a short line that starts with a date dates the article: "02.02.2022 10:16 Uhr - Bundesliga"', (t) => {
  const html = `<html><body><main><h1>Harbour opens a new quay</h1>${[1, 2, 3, 4, 5, 6, 7].map(para).join('')}
    <p>02.02.2022 10:16 Uhr - Hafen, Redaktion</p></main></body></html>`;
  t.deepEqual(published(html), ['2022-02-02', 'dateline']);
  // A sentence that mentions a date later on is not a dateline.
  const prose = `<html><body><main><h1>Harbour opens a new quay</h1>${[1, 2, 3, 4, 5, 6, 7].map(para).join('')}
    <p>The next meeting is on 02.02.2022.</p></main></body></html>`;
  t.not(published(prose)[1], 'dateline');
});

test("a date line in the boxes that close the article's text, before a note, dates it", (t) => {
  const note = 'We keep our recommendations up to date: write to us when a book is out of print or a link no longer works.';
  const html = `<html><body><main><h1>Harbour opens a new quay</h1><div class="story">${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(para).join('')}
    <div class="date-and-credit"><p>December 3, 2025</p></div><div class="update"><p>${note}</p></div></div></main></body></html>`;
  t.deepEqual(published(html), ['2025-12-03', 'dateline']);
});

test('the date line under the h1 is taken before one over it, where a site header dates its edition', (t) => {
  const absatz = (n: number) =>
    `<p>Absatz ${n} der Geschichte erzählt ausführlich und in einfachen Worten, was diese Woche am Hafen geschah und warum es wichtig ist.</p>`;
  const html = `<html><body><div><p>Sa, 19. Okt 2019</p></div><nav><a href="/">Start</a> <a href="/a">Politik</a></nav>
    <h1>Pence, Syrien und die Türkei</h1><div><p>Von Ann Berg</p><p>Fr, 18. Oktober 2019</p></div>
    <div>${[1, 2, 3, 4, 5, 6].map(absatz).join('')}</div></body></html>`;
  t.deepEqual(published(html), ['2019-10-18', 'near-title']);
});
