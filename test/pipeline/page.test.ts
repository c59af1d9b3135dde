import test from 'ava';
import { cleanPage, preparePage, type PreparedPage } from '../../pipeline/page.js';
import { UNLEARNED } from '../../stages/extract.js';

function prepared(html: string, url: string | null = 'https://shop.example/p/1'): PreparedPage {
  const result = preparePage({
    source: 'p',
    url,
    directory: 'd',
    body: Buffer.from(html),
    contentType: 'text/html',
    fetchedAt: null,
  });
  if (!('page' in result)) throw new Error(result.reject.reason);
  return result.page;
}

const ld = (value: object) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const DESCRIPTION = [
  'This walnut side table is made by hand in our workshop from solid wood dried for two years before it is cut.',
  'Its top is oiled three times and waxed once, so that a glass or a cup leaves no ring on it after a long evening.',
  'The legs are joined to the frame with mortise and tenon joints, glued and pinned, and need no tools to set up.',
  'Each table is signed underneath by the maker and numbered, and it comes with a cloth and a tin of wax for its care.',
  'We ship it wrapped in blankets in a crate of recycled wood, which the carrier takes back when the table is delivered.',
  'Because the wood is natural, the grain and the colour of your table will differ a little from the one in the photos.',
  'Measurements: 50 cm high, 45 cm wide and 45 cm deep; it weighs nine kilograms and carries up to thirty kilograms.',
  'If it does not suit your room, send it back within sixty days in its crate and we refund the price and the shipping.',
  'The maker has built furniture in the same village for thirty years, and trained the four people who work with him.',
  'Matching chairs, a bench and a low cabinet in the same walnut are shown in the collection below this description.',
];
// What a shop hides: each variant's details and each card's quick view, together longer than the page's visible text.
const HIDDEN_PANELS = Array.from(
  { length: 40 },
  (_, i) =>
    `<div class="hidden"><p>Variant ${i}: walnut, oak or ash finish, ships in five to seven working days from our workshop, free returns for sixty days.</p></div>`,
).join('');

test('a page whose visible text is a small part of its text is read with its hidden text shown: an app shell', (t) => {
  const page = prepared(
    `<html><body><div id="app"><p>Loading…</p></div><div hidden><article><h1>Walnut side table</h1>${DESCRIPTION.map((p) => `<p>${p}</p>`).join('')}</article></div></body></html>`,
  );
  t.true(page.revealed);
  t.true(page.blocks.some((b) => b.text === DESCRIPTION[0]));
});

test('an app shell that hides a single line (`You need to enable JavaScript`) is not read with it shown; a list it hides is', (t) => {
  const notice = prepared(
    '<html><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>',
  );
  t.false(notice.revealed);
  t.deepEqual(notice.blocks, []);
  // Items without a paragraph of prose (a shop's cards) are content a script reveals, not a notice.
  const items = ['Walnut side table', '149.00', 'Oak bench', '229.00', 'Ash stool', '89.00'];
  const grid = prepared(
    `<html><body><noscript><ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul></noscript><div id="root"></div></body></html>`,
  );
  t.true(grid.revealed);
  t.deepEqual(
    grid.blocks.map((b) => b.text),
    items,
  );
});

test('markup a page escapes into its `<noscript>` (tracking pixels) is no hidden text: the page is not read as a shell', (t) => {
  const pixel = (i: number) =>
    `<noscript>&lt;div style="position:absolute;"&gt;&lt;img width=1 height=1 alt="" src="https://b.example/b?P=${'x'.repeat(300)}&amp;T=${i}"&gt;&lt;/div&gt;</noscript>`;
  const story = `<article><h1>Walnut side table</h1><p>${DESCRIPTION[0]}</p><p>${DESCRIPTION[1]}</p></article>`;
  const page = prepared(`<html><body>${story}${Array.from({ length: 12 }, (_, i) => pixel(i)).join('')}</body></html>`);
  t.false(page.revealed);
  t.false(page.blocks.some((b) => b.text.includes('<img')));
});

test("a shop's page that shows prose of its own is not a shell, however much it hides (variants, quick views)", (t) => {
  const product = (type: string) =>
    prepared(
      `<html><head>${ld({ '@context': 'https://schema.org', '@type': type, name: 'Walnut side table' })}</head><body><h1>Walnut side table</h1>${DESCRIPTION.map((p) => `<p>${p}</p>`).join('')}<button>Add to cart</button>${HIDDEN_PANELS}</body></html>`,
    );
  const shop = product('Product');
  t.is(shop.pageType?.type, 'product');
  t.false(shop.revealed);
  t.false(shop.blocks.some((b) => b.text.startsWith('Variant 0')));
  // The same page typed as an article hides more than it shows: it is read with its hidden text shown.
  const article = product('NewsArticle');
  t.not(article.pageType?.type, 'product');
  t.true(article.revealed);
});

test("a section front is no-article, saying so: its text is other pages' teasers around a scrap of its own", (t) => {
  const teaser = (i: number) =>
    `<li><h3><a href="/news/${i}">Table number ${i} leaves the workshop</a></h3><p>${DESCRIPTION[i % DESCRIPTION.length]}</p></li>`;
  // The page is typed an article: it has a dated address, and its JSON-LD calls it a NewsArticle, as some sites call
  // every page. The maker's teaser, with its date and its link to the story, is not in the teaser rule's shape: without
  // the front rule, it is read as the article.
  const front = prepared(
    `<html><head>${ld({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Workshop news' })}</head><body><h1>Workshop news</h1><ul>${Array.from({ length: 20 }, (_, i) => teaser(i)).join('')}</ul><div><h2>From the maker</h2><div><h2><a href="/news/m">The maker's year</a></h2><p>22:00, Wednesday, 27 March 2013</p><p>${DESCRIPTION[8]}</p><p><a href="/news/m">Read full story</a></p></div></div></body></html>`,
    'https://news.example/2013/04/05/workshop-news',
  );
  t.is(front.pageType?.type, 'article');
  const cleaned = cleanPage(front, UNLEARNED);
  t.like('reject' in cleaned ? cleaned.reject : cleaned.article, { reason: 'no-article' });
  t.regex(
    'reject' in cleaned ? cleaned.reject.detail : '',
    /^a front page: 40 blocks of other pages' teasers around \d+ characters of its own$/,
  );
});

test('a page whose attempts find nothing is read from the main text its JSON-LD carries; a page that shows that text is read as it shows it', (t) => {
  const howTo = {
    '@context': 'https://schema.org',
    '@type': 'HowTo',
    name: 'Oiling a walnut table',
    step: DESCRIPTION.slice(0, 4).map((text) => ({
      '@type': 'HowToStep',
      itemListElement: { '@type': 'HowToDirection', text: `<p>${text}</p>` },
    })),
  };
  // A shell a script fills in from its props: the page's own blocks are its menu.
  const shell = prepared(
    `<html><head><title>Oiling a walnut table</title>${ld(howTo)}</head><body><nav><a href="/">Home</a> <a href="/diy">DIY</a></nav><div id="root" data-props="{}"></div></body></html>`,
    'https://shop.example/diy/oiling-a-walnut-table',
  );
  t.truthy(shell.structuredBody);
  const cleaned = cleanPage(shell, UNLEARNED);
  if (!('article' in cleaned)) return t.fail(cleaned.reject.detail);
  t.is(cleaned.attempt, 'structured-data');
  t.is(cleaned.article.text, DESCRIPTION.slice(0, 4).join('\n\n'));
  // The same data beside the story it states: the blocks show it, and the page's attempts read it there.
  const shown = prepared(
    `<html><head>${ld(howTo)}</head><body><article><h1>Oiling a walnut table</h1>${DESCRIPTION.slice(0, 4)
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`,
  );
  t.is(shown.structuredBody, null);
  const read = cleanPage(shown, UNLEARNED);
  t.true('article' in read && read.attempt !== 'structured-data');
});

test('a page given without a URL takes the address its head states, a protocol-relative one as https; a relative one gives none', (t) => {
  const urlOf = (head: string) => prepared(`<html><head>${head}</head><body><p>${DESCRIPTION[0]}</p></body></html>`, null).url;
  t.is(urlOf('<link rel="canonical" href="https://shop.example/p/1">'), 'https://shop.example/p/1');
  t.is(urlOf('<meta property="og:url" content=" //shop.example/p/2 ">'), 'https://shop.example/p/2');
  t.is(urlOf('<link rel="canonical" href="/p/3">'), null);
});
