import test from 'ava';
import { htmlBlocks } from '../../stages/html-blocks.js';

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
