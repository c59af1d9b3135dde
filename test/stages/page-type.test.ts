import test from 'ava';
import { preparePage } from '../../pipeline/page.js';
import { htmlBlocks } from '../../stages/html-blocks.js';
import { urlDate } from '../../stages/html-meta.js';
import bundledModel from '../../stages/page-type-model.json' with { type: 'json' };
import { FEATURE_NAMES, features, PAGE_TYPES, pageType, parseModel, type Features, type PageTypeInput } from '../../stages/page-type.js';
import { textFeatures } from '../../stages/page-type-text.js';
import type { DateEvidence } from '../../stages/dates.js';
import { confusionOf, crossValidate, DEFAULT_TRAINING, foldsBySite, train, type Example } from '../../scripts/page-type-training.js';

/** A page as the page-type stage reads it after `preparePage`. */
function htmlInput(url: string | null, html: string): PageTypeInput {
  const { blocks, tree, meta } = htmlBlocks(html);
  const fromUrl = urlDate(url);
  return {
    url,
    blocks,
    tree,
    typeEvidence: meta.typeEvidence,
    dateEvidence: [...meta.dateEvidence, ...(fromUrl ? [fromUrl] : [])] satisfies DateEvidence[],
    statedTitle: meta.title,
  };
}

const ld = (value: object) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const chrome = (body: string, head = '') =>
  `<!doctype html><html><head>${head}</head><body><header><nav><a href="/">Home</a> <a href="/about">About</a> <a href="/contact">Contact</a></nav></header><main>${body}</main><footer><p>© 2025 Example Co. All rights reserved.</p></footer></body></html>`;
const prose = (topic: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>The ${topic} changed again in its ${i + 1}th season, when the council reported that residents had waited for months, and the engineers who studied it said the old plans no longer matched what people needed every day.</p>`,
  ).join('');

const PAGES: Record<(typeof PAGE_TYPES)[number], PageTypeInput> = {
  article: htmlInput(
    'https://news.example.com/2025/03/14/harbor-ferry-returns',
    chrome(
      `<article><h1>Harbor ferry returns after two years</h1><p>By Jane Smith · March 14, 2025 · 4 min read</p>${prose('ferry', 8)}</article>`,
      `<title>Harbor ferry returns after two years | Example News</title><meta property="og:type" content="article">${ld({ '@type': 'NewsArticle', datePublished: '2025-03-14' })}`,
    ),
  ),
  forum: htmlInput(
    'https://forum.example.org/t/how-do-i-reset-the-router/8812',
    chrome(
      `<h1>How do I reset the router?</h1>${Array.from(
        { length: 8 },
        (_, i) =>
          `<article class="post"><div class="author"><a href="/u/user${i}">user${i}</a> <span>Joined 2019 · ${40 + i} posts</span></div><time datetime="2025-01-0${(i % 9) + 1}">Jan ${(i % 9) + 1}, 2025</time><p>I tried holding the button for thirty seconds but the lights keep blinking orange, has anyone seen this before with the newer firmware?</p><button>Reply</button><button>Quote</button></article>`,
      ).join('')}`,
      `<title>How do I reset the router? - Example Forum</title>${ld({ '@type': 'DiscussionForumPosting', headline: 'How do I reset the router?', comment: [{ '@type': 'Comment' }] })}`,
    ),
  ),
  documentation: htmlInput(
    'https://docs.example.dev/reference/api/client-configuration',
    chrome(
      `<aside class="sidebar"><ul><li><a href="/a">Install</a></li><li><a href="/b">Configuration</a></li></ul></aside><article><h1>Client configuration</h1><p>On this page</p><h2>Parameters</h2><p>The <code>timeout</code> parameter sets how long the client waits, in milliseconds, before it gives up on a request. The default is 5000.</p><pre><code>const client = createClient({ timeout: 1000, retries: 3 });</code></pre><h2>Returns</h2><p>A client whose methods return promises. See the example below for the syntax of a retried call.</p><pre><code>await client.get('/items', { retries: 2 });</code></pre><h2>Deprecated options</h2><p>The <code>legacy</code> option is deprecated since version 2.0 and will be removed.</p><p><a href="https://github.com/x">Edit this page on GitHub</a></p></article>`,
      `<title>Client configuration — Example SDK documentation</title>${ld({ '@type': 'TechArticle' })}`,
    ),
  ),
  product: htmlInput(
    'https://shop.example.com/products/trail-runner-2-shoe',
    chrome(
      `<h1>Trail Runner 2 Shoe</h1><p class="price">$129.99</p><p>In stock. Free shipping on orders over $50.</p><label>Quantity</label><button>Add to cart</button><button>Add to wishlist</button><h2>Details</h2><ul><li>Weight: 280 g</li><li>Drop: 6 mm</li></ul><h2>Reviews</h2><p>4.6 out of 5 stars from 212 reviews.</p>`,
      `<title>Trail Runner 2 Shoe | Example Shop</title><meta property="og:type" content="product">${ld({ '@type': 'Product', name: 'Trail Runner 2', offers: { '@type': 'Offer', price: '129.99' }, aggregateRating: { '@type': 'AggregateRating' } })}`,
    ),
  ),
  collection: htmlInput(
    'https://shop.example.com/collections/running-shoes',
    chrome(
      `<h1>Running shoes</h1><p>Showing 24 results</p><p>Sort by</p><ul class="grid">${Array.from(
        { length: 24 },
        (_, i) =>
          `<li class="product-card"><a href="/products/shoe-${i}"><h3>Road Shoe ${i}</h3></a><p>$${89 + i}.00</p><button>Add to cart</button></li>`,
      ).join('')}</ul><button>Load more</button>`,
      `<title>Running shoes - Shop all | Example Shop</title>${ld({ '@type': 'CollectionPage', mainEntity: { '@type': 'ItemList', itemListElement: Array.from({ length: 5 }, () => ({ '@type': 'Product' })) } })}`,
    ),
  ),
  listing: htmlInput(
    'https://www.example.com/news/',
    chrome(
      `<h1>Latest news</h1>${Array.from(
        { length: 12 },
        (_, i) =>
          `<div class="teaser"><h2><a href="/news/story-${i}">Council approves budget for the new library, number ${i}</a></h2><p>March ${i + 1}, 2025</p><p>The vote followed a long debate about opening hours.</p><a href="/news/story-${i}">Read more</a></div>`,
      ).join('')}<p><a href="/news/page/2">Older posts</a></p>`,
      `<title>News | Example Town</title><meta property="og:type" content="website">`,
    ),
  ),
  service: htmlInput(
    'https://www.example-plumbing.com/services/drain-cleaning',
    chrome(
      `<h1>Drain cleaning services</h1><p>We clear blocked drains the same day. Our team of licensed plumbers serves the whole county, and we guarantee our work.</p><h2>Why choose us</h2><ul><li>Upfront pricing</li><li>24/7 emergency service</li><li>Free estimates</li></ul><h2>Get a free quote</h2><p>Call us today at (555) 123-4567 or book online.</p><form><input name="name"><button>Request a quote</button></form><h2>Testimonials</h2><p>"They came within an hour and fixed everything." — a happy customer</p>`,
      `<title>Drain Cleaning Services | Example Plumbing</title><meta property="og:type" content="website">${ld({ '@type': 'Plumber', name: 'Example Plumbing' })}`,
    ),
  ),
};

test('the bundled model fits the features this code computes and tells every type apart', (t) => {
  const model = parseModel(bundledModel);
  t.deepEqual(model.features, FEATURE_NAMES);
  t.deepEqual([...model.types].sort(), [...PAGE_TYPES].sort());
});

test('a model trained on other features is refused, with what to do', (t) => {
  const stale = { ...bundledModel, features: bundledModel.features.slice(1) };
  t.throws(() => parseModel(stale), { message: /train it again \(scripts\/train-page-type\.ts\)/ });
});

for (const type of PAGE_TYPES) {
  test(`a typical ${type} page is typed ${type}`, (t) => {
    t.is(pageType(features(PAGES[type])).type, type);
  });
}

test('the scores are probabilities of every type, highest for the type given', (t) => {
  for (const page of Object.values(PAGES)) {
    const { type, scores } = pageType(features(page));
    t.deepEqual(Object.keys(scores).sort(), [...PAGE_TYPES].sort());
    t.true(Math.abs(Object.values(scores).reduce((a, b) => a + b, 0) - 1) < 1e-9);
    t.true(PAGE_TYPES.every((other) => scores[other] >= 0 && scores[other] <= scores[type]));
  }
});

test('preparePage types an HTML page from the page alone and leaves a plain-text page untyped', (t) => {
  const prepared = (bytes: string, contentType: string | null) => {
    const result = preparePage({ source: 'p', url: null, directory: 'd', body: Buffer.from(bytes), contentType, fetchedAt: null });
    if (!('page' in result)) throw new Error(result.reject.reason);
    return result.page;
  };
  const html = prepared(`<html><body><h1>Notes</h1>${prose('river', 4)}</body></html>`, 'text/html');
  t.truthy(html.pageType);
  t.deepEqual(html.pageType, pageType(features({ ...html, typeEvidence: { schemaTypes: [], ogType: null, buttons: [] } })));
  const text = prepared(`Flood news\n\n${'The river rose two metres overnight and the ferry stopped. '.repeat(6)}`, 'text/plain');
  t.is(text.pageType, null);
});

test('every feature of every page is a finite number, mostly within 0..1', (t) => {
  for (const page of Object.values(PAGES)) {
    const values = features(page);
    t.deepEqual(Object.keys(values).sort(), [...FEATURE_NAMES].sort());
    for (const name of FEATURE_NAMES) {
      t.true(Number.isFinite(values[name]), name);
      t.true(values[name] >= 0 && values[name] <= 1.5, `${name}: ${values[name]}`);
    }
  }
});

test('text cues: shopping, dates, reading time, prices, phone numbers and bylines are counted', (t) => {
  const blocks = htmlBlocks(
    '<p>By Jane Smith, March 5, 2025, 5 min read</p><p>Add to cart for $12.99 or call (555) 123-4567.</p><p>Posted 3 days ago on 2025-01-15.</p>',
  ).blocks;
  const values = textFeatures(blocks);
  t.true(values['text:cart'] > 0);
  t.true(values['text:price'] > 0);
  t.true(values['text:phone'] > 0);
  t.true(values['text:byline'] > 0);
  t.true(values['text:reading-time'] > 0);
  // "March 5", "3 days ago", "2025-01-15".
  t.is(values['text:date'], Math.log1p(3) / 8);
  t.deepEqual(textFeatures(htmlBlocks('<p>Nothing to see here at all.</p>').blocks)['text:date'], 0);
});

/** Examples of three well-separated types, several pages to a site. */
function syntheticExamples(): Example[] {
  const examples: Example[] = [];
  for (let i = 0; i < 60; i++) {
    const label = i % 3;
    const x = new Float64Array(FEATURE_NAMES.length).map((_, j) => ((i * 7 + j * 13) % 10) / 20 + (j % 3 === label ? 0.5 : 0));
    examples.push({ x, label, site: `site${i % 12}`, copy: 'given' });
  }
  return examples;
}

test('training is deterministic: the same examples give the same model, byte for byte', (t) => {
  const examples = syntheticExamples();
  const quick = { ...DEFAULT_TRAINING, iterations: 200 };
  const model = train(examples, quick);
  t.is(JSON.stringify(train(examples, quick)), JSON.stringify(model));
  const correct = examples.filter(
    (e) => pageType(Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, e.x[j]!])) as Features, model).type === PAGE_TYPES[e.label],
  );
  t.true(correct.length >= 57, `${correct.length} of 60 right on the training examples`);
});

test('cross-validation folds keep each site in one fold and hold every page once', (t) => {
  const examples = syntheticExamples();
  const folds = foldsBySite(examples, 5);
  const foldOfSite = new Map<string, number>();
  examples.forEach((e, i) => {
    t.is(foldOfSite.get(e.site) ?? folds[i], folds[i]);
    foldOfSite.set(e.site, folds[i]!);
  });
  t.deepEqual([...new Set(folds)].sort(), [0, 1, 2, 3, 4]);
  const predicted = crossValidate(examples, 5, { ...DEFAULT_TRAINING, iterations: 20 });
  t.true(predicted.every((p) => p >= 0 && p < 3));
  t.is(
    confusionOf(examples, predicted)
      .flat()
      .reduce((a, b) => a + b, 0),
    examples.length,
  );
});
