import test from 'ava';
import { htmlBlocks } from '../../stages/html-blocks.js';
import { urlDate } from '../../stages/html-meta.js';

test('type evidence: JSON-LD types however nested, microdata item types, og:type and button labels', (t) => {
  const jsonLd = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebPage', breadcrumb: { '@type': 'BreadcrumbList' } },
      { '@type': ['Product', 'schema:IndividualProduct'], offers: [{ '@type': 'Offer', price: '12.99' }] },
    ],
  };
  const { meta } = htmlBlocks(`<!doctype html><html><head>
    <meta property="og:type" content=" Product.Group ">
    <script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
    <script type="application/ld+json">{ not json</script>
    </head><body><div itemscope itemtype="http://schema.org/Review">
    <p>Sturdy and light.</p><button class="cta"> Add to <b>cart</b> </button><input type="submit" value="Buy now">
    <input type="text" value="not a button"><button aria-label="Close"></button></div></body></html>`);
  t.deepEqual(meta.typeEvidence, {
    schemaTypes: ['WebPage', 'BreadcrumbList', 'Product', 'IndividualProduct', 'Offer', 'Review'],
    ogType: 'product.group',
    buttons: ['Add to cart', 'Buy now', 'Close'],
  });
});

test('a page that states nothing of its kind has empty type evidence', (t) => {
  t.deepEqual(htmlBlocks('<p>Just a paragraph.</p>').meta.typeEvidence, { schemaTypes: [], ogType: null, buttons: [] });
});

test('a date in the URL: year first in any of its forms; day and month before the year only when one of them is over 12', (t) => {
  const date = (url: string | null) => urlDate(url)?.value ?? null;
  t.is(date('https://example.org/2020/03/15/story'), '2020-03-15');
  t.is(date('https://example.org/news/20200315-story'), '2020-03-15');
  t.is(date('https://example.org/media-news/meldungen/29-10-2021'), '2021-10-29');
  t.is(date('https://example.org/blog/post/wrap-up-12-19-2025'), '2025-12-19');
  t.is(date('https://example.org/artikel/bericht_vom_22.04.2020_worauf'), '2020-04-22');
  t.is(date('https://example.org/education/2020/jan/20/academics'), '2020-01-20');
  t.is(date('https://example.org/blog/2023/october/03/wine-types'), '2023-10-03');
  t.is(date('https://example.org/news/2023/Nov/8/debate/'), '2023-11-08');
  t.is(date('https://example.org/2019/7/3/20680681/ios-beta'), '2019-07-03');
  // A week's or a season's number is no month; a slug that starts with a number is no day.
  t.is(date('https://example.org/2019/43/klimaschutz'), null);
  t.is(date('https://example.org/berichte/2021/22/wochenbericht-14-20'), null);
  t.is(date('https://example.org/2020/1/5-things-to-know'), null);
  // A word that is no month between a year and a number is a section and a page.
  t.is(date('https://example.org/2023/page/2/'), null);
  // 05-06 is the 5th of June or the 6th of May; 31-02 is no day; v13 is a version, not a day.
  t.is(date('https://example.org/news/05-06-2021'), null);
  t.is(date('https://example.org/news/31-02-2021'), null);
  t.is(date('https://example.org/release/v13-11-2020'), null);
  t.is(date(null), null);
});

test('publication dates from the meta names sites give them beyond the common ones: published, pub_date, publish_time, article:published', (t) => {
  const metas = [
    '<meta name="published" content="July 17, 2025">',
    '<meta name="pub_date" content="2021-03-02">',
    '<meta name="publish_time" content="2020-05-06T08:00:00Z">',
    '<meta property="article:published" content="2021-04-28" itemprop="datePublished">',
    '<meta name="PublishedDate" content="2019-01-09">',
  ];
  for (const tag of metas) {
    const { meta } = htmlBlocks(`<html><head>${tag}</head><body><p>Text.</p></body></html>`);
    t.is(meta.dateEvidence.length, 1, tag);
    t.is(meta.dateEvidence[0]!.from, 'meta', tag);
  }
  t.deepEqual(
    htmlBlocks('<html><head><meta name="published" content="July 17, 2025"></head><body><p>Text.</p></body></html>').meta.dateEvidence,
    [{ from: 'meta', value: '2025-07-17' }],
  );
});

test("a Q&A page dates its question by the post's dateCreated, before its comments' datePublished", (t) => {
  const { meta } = htmlBlocks(`<html><body><div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">
    <h1 itemprop="name">Why is except: pass a bad practice?</h1>
    <p>Asked <time itemprop="dateCreated" datetime="2014-02-04T13:02:51">11 years ago</time></p>
    <p>I often see comments on other questions about how the use of except: pass is discouraged.</p>
    <ul><li>Thanks! <span itemprop="datePublished" title="2018-05-21T20:37:55">May 21, 2018</span></li></ul>
    </div></body></html>`);
  t.deepEqual(meta.dateEvidence[0], { from: 'time', value: '2014-02-04T13:02:51' });
});

test("the structured body: an article's articleBody, a how-to's description and steps, a recipe's parts; not a product's description", (t) => {
  const body = (...values: object[]) =>
    htmlBlocks(
      `<html><head>${values.map((v) => `<script type="application/ld+json">${JSON.stringify(v)}</script>`).join('')}</head><body><p>Menu</p></body></html>`,
    ).meta.structuredBody;
  const story = 'The council approved the harbour plan on Tuesday.\n\nWork on the eastern quay starts in June & ends in May.';
  t.is(
    body({
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'WebPage' }, { '@type': 'NewsArticle', headline: 'Quay works', articleBody: story }],
    }),
    '<p>The council approved the harbour plan on Tuesday.</p><p>Work on the eastern quay starts in June &amp; ends in May.</p>',
  );
  const howTo = {
    '@type': 'HowTo',
    name: 'How to sew a round tablecloth',
    description: '<p>A round table deserves a round cloth.</p>',
    step: [
      { '@type': 'HowToStep', name: 'Step 1', itemListElement: { '@type': 'HowToDirection', text: '<p>Measure the table top.</p>' } },
      { '@type': 'HowToSection', itemListElement: [{ '@type': 'HowToStep', text: 'Cut the cloth to size.' }] },
    ],
  };
  t.is(body(howTo), '<p>A round table deserves a round cloth.</p>\n<p>Measure the table top.</p>\n<p>Cut the cloth to size.</p>');
  const recipe = {
    '@type': 'Recipe',
    recipeIngredient: ['2 eggs', '100 g flour'],
    recipeInstructions: [{ '@type': 'HowToStep', text: 'Whisk.' }],
  };
  t.is(body(recipe), '<p>2 eggs</p>\n<p>100 g flour</p>\n<p>Whisk.</p>');
  t.is(body({ '@type': 'Product', name: 'Walnut side table', description: 'Made by hand from solid walnut.' }), null);
  t.is(body({ '@type': 'NewsArticle', headline: 'Quay works' }), null);
});
