import test from 'ava';
import { bareHtml } from '../../eval/bare.js';

test('bare markup keeps the text and the element structure, without names, sectioning tags or metadata', (t) => {
  const html = `<html><head><meta charset="utf-8"><meta property="og:type" content="article">
    <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-02"}</script>
    <script>var x = '<div class="keep">';</script></head>
    <body class="home"><nav id="menu" role="navigation"><a href="/" class='logo' aria-label="Home">Home</a></nav>
    <main><article itemscope itemtype="https://schema.org/NewsArticle"><header><h1 itemprop="headline">Quay works</h1>
    <time datetime="2020-01-02">2 January</time></header><section><p data-x="1">The class="x" stays in text.</p></section>
    <figure><img src="a.jpg" alt="A quay"><figcaption>The quay</figcaption></figure></article></main>
    <aside class="sidebar"><p>Side</p></aside><footer>Footer</footer></body></html>`;
  const bare = bareHtml(html);
  t.notRegex(bare, /<(?:nav|main|article|header|section|figure|figcaption|aside|footer|time)\b/);
  t.false(bare.includes('og:type'));
  t.notRegex(bare, /<[^>]*\s(?:class|id|role|itemprop|itemscope|itemtype|aria-label)\b[^>]*>/);
  t.false(bare.includes('NewsArticle'));
  for (const text of ['Home', 'Quay works', '2 January', 'The class="x" stays in text.', 'The quay', 'Side', 'Footer'])
    t.true(bare.includes(text), text);
  t.true(
    bare.includes('<p data-x="1">') && bare.includes('<img src="a.jpg" alt="A quay">') && bare.includes('<span datetime="2020-01-02">'),
  );
  t.true(bare.includes('<meta charset="utf-8">'));
});

test('an element its class or ARIA attributes hid stays hidden in bare markup', (t) => {
  const bare = bareHtml(
    '<div class="menu d-none"><a href="/">Home</a></div><span aria-hidden="true">icon</span><div role="dialog"><p>Sign in</p></div><p class="lead">Shown</p>',
  );
  t.is(bare, '<div hidden><a href="/">Home</a></div><span hidden>icon</span><div hidden><p>Sign in</p></div><p>Shown</p>');
});
