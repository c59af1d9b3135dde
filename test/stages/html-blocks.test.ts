import test from 'ava';
import { htmlBlocks } from '../../stages/html-blocks.js';

const page = (body: string, head = '') => `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;

test('scripts, styles, forms controls, comments and hidden elements give no text', (t) => {
  const { blocks } = htmlBlocks(
    page(`<script>if (a < b) document.write("<p>x</p>")</script><style>p{}</style><!-- note -->
      <p>Visible paragraph.</p><p hidden>h1</p><p style="display: none">h2</p><p aria-hidden="true">h3</p>
      <p class="sr-only">h4</p><form><input value="v"><button>Go</button><p>Form text stays.</p></form>
      <noscript>Enable JS</noscript><template><p>t</p></template><svg><text>s</text></svg>`),
  );
  t.deepEqual(
    blocks.map((b) => b.text),
    ['Visible paragraph.', 'Form text stays.'],
  );
});

test('a hiding class hides its element as a whole class token, in any case, after any whitespace; a class that only contains one does not', (t) => {
  const { blocks } = htmlBlocks(
    page(`<p class="btn\tHIDDEN">h1</p><p class=" visually-hidden ">h2</p><p class="hidden-xs">Shown on wide screens.</p>
      <p class="unhidden">Shown always.</p><p class="d-none-print">Shown on screen.</p>`),
  );
  t.deepEqual(
    blocks.map((b) => b.text),
    ['Shown on wide screens.', 'Shown always.', 'Shown on screen.'],
  );
});

test('a ruby annotation is not text: the base it annotates is, with no reading or fallback brackets', (t) => {
  const { blocks } = htmlBlocks(
    page('<p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>（</rp><rt>ぎゃくたい</rt><rp>）</rp></ruby>をなくす</p>'),
  );
  t.deepEqual(
    blocks.map((b) => b.text),
    ['子どもへの虐待をなくす'],
  );
});

test('block structure: headings, list items, table cells, pre, br-separated lines', (t) => {
  const { blocks } = htmlBlocks(
    page(`<h2>Section <em>two</em></h2><ul><li>one</li><li>two &amp; three</li></ul>
      <table><tr><td>cell a</td><td>cell b</td></tr></table><pre>code  line</pre><p>line one<br>line two</p>`),
  );
  t.deepEqual(
    blocks.map((b) => [b.kind, b.text]),
    [
      ['heading', 'Section two'],
      ['list-item', 'one'],
      ['list-item', 'two & three'],
      ['table-cell', 'cell a'],
      ['table-cell', 'cell b'],
      ['preformatted', 'code line'],
      ['paragraph', 'line one\nline two'],
    ],
  );
  t.is(blocks[0]!.headingLevel, 2);
});

test('a single br breaks a line inside its block, two end it; a line that is mostly link stays a block of its own', (t) => {
  const { blocks } = htmlBlocks(
    page(`<p>Difficulty: easy <br>
      Length: 5
      miles<br>Steward: Dave</p><p>First paragraph.<br> <br>Second paragraph.</p>
      <li>A reference (2016).<br><a href="https://x.org/a">https://x.org/a</a></li>
      <p><a href="/more">Read more</a><br>Genre: <a href="/a">Action</a>, <a href="/s">Strategy</a><br>Title: Dota 2</p>`),
  );
  t.deepEqual(
    blocks.map((b) => [b.text, b.linkDensity]),
    [
      ['Difficulty: easy\nLength: 5 miles\nSteward: Dave', 0],
      ['First paragraph.', 0],
      ['Second paragraph.', 0],
      ['A reference (2016).', 0],
      ['https://x.org/a', 1],
      ['Read more', 1],
      ['Genre: Action, Strategy', 14 / 23],
      ['Title: Dota 2', 0],
    ],
  );
  t.is(blocks[0]!.norm, 'difficulty: easy length: 5 miles steward: dave');
});

test('a short line stating a date stays a block of its own where a single br ends it or starts it', (t) => {
  const { blocks } = htmlBlocks(
    page(`<h1>Fans return to the stadiums<br>02.02.2022 • Region</h1>
      <p>Last changed: 31.10.2023 - 14:49<br>Published on: 01.11.2023<br>In the November issue</p>
      <p>On 3 May 2020 the club met in the town hall to decide on the stadium,<br>and the vote was close.</p>`),
  );
  t.deepEqual(
    blocks.map((b) => b.text),
    [
      'Fans return to the stadiums',
      '02.02.2022 • Region',
      'Last changed: 31.10.2023 - 14:49',
      'Published on: 01.11.2023',
      'In the November issue',
      // A sentence with a date in it runs on: only a short line is a date line.
      'On 3 May 2020 the club met in the town hall to decide on the stadium,\nand the vote was close.',
    ],
  );
});

test('link density, paths and element ids are recorded', (t) => {
  const { blocks, tree } = htmlBlocks(
    page(`<div id="main"><p>Read <a href="/x">this long link text</a>.</p></div><nav><a href="/">Home</a></nav>`),
  );
  const [p, nav] = blocks;
  t.true(p!.linkDensity! > 0.5 && p!.linkDensity! < 1);
  t.is(nav!.linkDensity, 1);
  t.true(p!.path!.endsWith('div#main>p'));
  t.is(tree.hint[nav!.element!], 'nav');
  t.is(tree.tag[tree.parent[p!.element!]!], 'div');
});

test("a table's header cells named `header` are its column heads, not the page's header; a layout table's `td.header` is", (t) => {
  const { blocks, tree } = htmlBlocks(
    page(
      `<table><thead><tr><th class="headerSort">Film</th><th class="header">Year</th></tr></thead>` +
        `<tbody><tr><td>Repeat Performance</td><td>1947</td></tr></tbody></table>` +
        `<table><tr><td class="header">Example Gazette</td></tr><tr><td>The council approved the plan.</td></tr></table>`,
    ),
  );
  const hinted = (text: string) => {
    let e = blocks.find((b) => b.text === text)!.element!;
    while (e > 0 && !tree.hint[e]) e = tree.parent[e]!;
    return tree.hint[e];
  };
  t.deepEqual(['Film', 'Year', 'Repeat Performance', 'Example Gazette'].map(hinted), [undefined, undefined, undefined, 'header']);
});

test('a custom element is read as its name says: `site-footer` and `pp-navigation` are hinted; one with an address is a link', (t) => {
  const { blocks, tree } = htmlBlocks(
    page(
      `<pp-navigation><pp-link href="/arbeit"><div><p class="text">Arbeit und Soziales</p></div></pp-link></pp-navigation>` +
        `<story-body><p>The council approved the plan.</p></story-body><site-footer><p>Imprint and privacy</p></site-footer>`,
    ),
    { url: 'https://www.example.com/page' },
  );
  const hinted = (b: (typeof blocks)[number]) => {
    let e = b.element!;
    while (e > 0 && !tree.hint[e]) e = tree.parent[e]!;
    return tree.hint[e];
  };
  t.deepEqual(
    blocks.map((b) => [b.text, hinted(b), b.linkDensity, b.ownLinkDensity]),
    [
      ['Arbeit und Soziales', 'navigation', 1, 1],
      ['The council approved the plan.', undefined, 0, 0],
      ['Imprint and privacy', 'footer', 0, 0],
    ],
  );
});

test("links to the page's own site are told from links elsewhere and from anchors without an address", (t) => {
  const { blocks } = htmlBlocks(
    page(
      `<p><a href="/a">own relative</a></p><p><a href="https://example.com/b">own absolute</a></p><p><a href="https://other.org/c">elsewhere</a></p>` +
        `<p><a href="mailto:x@example.com">mail</a></p><p><a name="here">an anchor</a></p>`,
    ),
    { url: 'https://www.example.com/page' },
  );
  t.deepEqual(
    blocks.map((b) => [b.linkDensity, b.ownLinkDensity]),
    [
      [1, 1],
      [1, 1],
      [1, 0],
      [1, 0],
      [1, 0],
    ],
  );
});

test("without a URL, the address the head states (canonical link, else og:url) tells which links are the site's own", (t) => {
  const links = `<p><a href="/a">own relative</a></p><p><a href="https://example.com/b">own absolute</a></p><p><a href="https://other.org/c">elsewhere</a></p>`;
  const own = (head: string) => htmlBlocks(page(links, head)).blocks.map((b) => b.ownLinkDensity);
  t.deepEqual(own('<link rel="canonical" href="https://www.example.com/page">'), [1, 1, 0]);
  t.deepEqual(own('<meta property="og:url" content="https://example.com/page">'), [1, 1, 0]);
  // The canonical link outranks og:url, as it does for the page's URL.
  t.deepEqual(
    own('<link rel="canonical" href="https://other.org/page"><meta property="og:url" content="https://example.com/page">'),
    [1, 0, 1],
  );
  // No address stated, or one without a host: every address may be the site's own.
  t.deepEqual(own(''), [1, 1, 1]);
  t.deepEqual(own('<link rel="canonical" href="/page">'), [1, 1, 1]);
  // A URL given outranks what the page states.
  t.deepEqual(
    htmlBlocks(page(links, '<link rel="canonical" href="https://other.org/page">'), { url: 'https://example.com/page' }).blocks.map(
      (b) => b.ownLinkDensity,
    ),
    [1, 1, 0],
  );
});

test('class and id words (split at camelCase) say boilerplate', (t) => {
  const { blocks, tree } = htmlBlocks(
    page(
      `<div class="commentContent"><p>A comment.</p></div><div id="shareTools"><p>Share</p></div><div class="sharpen"><p>Not a share box.</p></div>`,
    ),
  );
  t.deepEqual(
    blocks.map((b) => tree.hint[tree.parent[b.element!]!]),
    ['comment', 'share', undefined],
  );
});

test('metadata: title confirmed by h1, canonical URL, lang, dates', (t) => {
  const head = `<title>Night buses approved | Harbor Gazette</title><meta property="og:title" content="Night buses approved | Harbor Gazette">
    <link rel="canonical" href="https://example.org/city/night-buses"><meta property="article:published_time" content="2024-05-08T10:00:00Z">
    <script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","datePublished":"2024-05-07"}]}</script>`;
  const { meta } = htmlBlocks(
    page(
      `<h1>Night buses approved</h1><time class="published" datetime="2024-05-09">9 May</time><p>Comment <time datetime="2024-06-01">1 June</time></p>`,
      head,
    ),
  );
  t.is(meta.title, 'Night buses approved');
  t.is(meta.canonicalUrl, 'https://example.org/city/night-buses');
  t.is(meta.lang, 'en');
  t.deepEqual(meta.dateEvidence, [
    { from: 'json-ld', value: '2024-05-07', item: 'article' },
    { from: 'meta', value: '2024-05-08T10:00:00Z' },
    { from: 'time', value: '2024-05-09' },
  ]);
  t.is(meta.firstTime, '2024-05-09');
});

test('character references are decoded in text, titles and attribute values, also where a piece boundary cuts one; xmp text stays as written', (t) => {
  const head = `<title>Fish &amp; Chips</title><link rel="canonical" href="https://example.org/a?x=1&amp;y=2">`;
  const [start, end] = page(
    `<h1>Fish &amp; Chips</h1><p>Cod &amp; chips &mdash; caf&eacute; &#169; &copy 2024 &bogus; &not one</p>
      <p><abbr class="published" title="2016-12-23T05:11:00&#45;05:00">Dec 23</abbr></p><xmp>a &amp; b</xmp>`,
    head,
  ).split('&amp; chips');
  const { blocks, meta } = htmlBlocks([`${start}&am`, `p; chips${end}`]);
  t.deepEqual(
    blocks.map((b) => b.text),
    ['Fish & Chips', 'Cod & chips — café © © 2024 &bogus; ¬ one', 'Dec 23', 'a &amp; b'],
  );
  t.is(meta.title, 'Fish & Chips');
  t.is(meta.canonicalUrl, 'https://example.org/a?x=1&y=2');
  t.deepEqual(meta.dateEvidence, [{ from: 'time', value: '2016-12-23T05:11:00-05:00' }]);
});

test('without an h1, the site name is cut from the title', (t) => {
  t.is(htmlBlocks(page('<p>x</p>', '<title>Council approves the budget - City News</title>')).meta.title, 'Council approves the budget');
});

test('markup inside pre is parsed, not kept as text', (t) => {
  const { blocks } = htmlBlocks(page(`<pre><code><span class="k">def</span> f(x) &lt; 3: <a href="#r">see</a></code></pre>`));
  t.deepEqual(
    blocks.map((b) => [b.kind, b.text]),
    [['preformatted', 'def f(x) < 3: see']],
  );
});

test("a crawler's wrapper tag before <html> adds no text", (t) => {
  const { blocks } = htmlBlocks(`<text id="http://x"> <!DOCTYPE html>${page('<p>Only this.</p>', '<script>var x = "<div>";</script>')}`);
  t.deepEqual(
    blocks.map((b) => b.text),
    ['Only this.'],
  );
});

test('100,000 nested elements cost no stack', (t) => {
  const deep = '<div>'.repeat(100_000) + 'deep text' + '</div>'.repeat(100_000);
  const { blocks } = htmlBlocks(page(deep));
  t.deepEqual(
    blocks.map((b) => b.text),
    ['deep text'],
  );
});

test('a dialog is closed on load: no text, even on a page read with its hidden text revealed', (t) => {
  const html = page(`<p>The product and what it is made of.</p>
    <div role="dialog"><p>Shipping policy: returns within thirty days.</p></div>
    <div aria-modal="true"><p>Sign up for our newsletter.</p></div><div hidden><p>Late part.</p></div>`);
  t.deepEqual(
    htmlBlocks(html).blocks.map((b) => b.text),
    ['The product and what it is made of.'],
  );
  t.deepEqual(
    htmlBlocks(html, { reveal: true }).blocks.map((b) => b.text),
    ['The product and what it is made of.', 'Late part.'],
  );
});

test('a collapsed tab, accordion body or FAQ answer is part of the page; a hidden menu or cart drawer is not', (t) => {
  const { blocks } = htmlBlocks(
    page(`<div class="tab-panel" hidden><p>Specifications: 40 cm, 2 kg.</p></div>
      <div class="accordion__body" style="display:none"><p>Care: wash cold.</p></div>
      <div id="faqAnswer3" class="hidden"><p>Yes, it ships abroad.</p></div>
      <div class="tab-menu" hidden><p>Menu tab</p></div><div class="cart-drawer collapse" hidden><p>Your cart is empty.</p></div>`),
  );
  t.deepEqual(
    blocks.map((b) => b.text),
    ['Specifications: 40 cm, 2 kg.', 'Care: wash cold.', 'Yes, it ships abroad.'],
  );
});

test("an accordion's panel written as WAI-ARIA says (a region labelled by its button) is part of the page though its names say nothing; a hidden region otherwise is not", (t) => {
  const { blocks } = htmlBlocks(
    page(`<div class="es-accordion"><h3><button aria-expanded="false" aria-controls="p1" id="b1">Permits</button></h3>
      <div id="p1" role="region" aria-labelledby="b1" style="display:none"><p>The council issues the permit within six weeks.</p></div></div>
      <div role="region" aria-label="Notifications" hidden><p>You have no new messages.</p></div>`),
  );
  t.deepEqual(
    blocks.map((b) => b.text),
    ['The council issues the permit within six weeks.'],
  );
});

test("React's streamed segments (hidden, id S: and a hex number) are content; other hidden divs are not", (t) => {
  const { blocks } = htmlBlocks(page(`<div hidden id="S:2e"><p>Streamed part.</p></div><div hidden id="S:note"><p>Hidden.</p></div>`));
  t.deepEqual(
    blocks.map((b) => b.text),
    ['Streamed part.'],
  );
});

test('a signature is boilerplate by its class word', (t) => {
  const { blocks, tree } = htmlBlocks(page(`<div class="post-signature"><p>Sent from my phone</p></div>`));
  t.is(tree.hint[tree.parent[blocks[0]!.element!]!], 'signature');
});

test("read with its hidden text shown, a page keeps its hidden chrome hidden: a hidden menu, a nav's hidden panels, a drawer", (t) => {
  const html = page(`<nav><a href="/">Home</a><ul class="level2" hidden><li><a href="/a">Sub page A</a></li></ul></nav>
    <div class="mega-menu" hidden><p>All departments</p></div><div class="flyout" style="display:none"><p>Your cart</p></div>
    <div class="page with-sidebar"><div id="app" hidden><p>The story a script shows.</p></div><noscript><p>Read it without scripts.</p></noscript></div>`);
  t.deepEqual(
    htmlBlocks(html, { reveal: true }).blocks.map((b) => b.text),
    ['Home', 'The story a script shows.', 'Read it without scripts.'],
  );
});

test("a copyright notice and an image's legend are boilerplate by their class words", (t) => {
  const { blocks, tree } = htmlBlocks(
    page(
      `<div class="article-copyright"><p>All rights reserved</p></div><div class="legend"><div class="content">The old quay in 1910.</div></div>`,
    ),
  );
  t.deepEqual(
    blocks.map((b) => {
      let e = b.element!;
      while (e > 0 && !tree.hint[e]) e = tree.parent[e]!;
      return tree.hint[e];
    }),
    ['copyright', 'legend'],
  );
});

test('a boilerplate word glued to a component name (`relatedposts`, `cookieconsent`, `sidebarright`, `metadata`) says boilerplate', (t) => {
  const { blocks, tree } = htmlBlocks(
    page(
      `<div id="jp-relatedposts"><p>Related</p></div><div class="fi-cookieconsent"><p>Cookies</p></div><div id="sidebarright"><p>Side</p></div>` +
        `<div class="authors"><p>Ann Lee</p></div><div class="metadata"><p>Posted in News</p></div><div class="database"><p>Rows</p></div>`,
    ),
  );
  t.deepEqual(
    blocks.map((b) => tree.hint[tree.parent[b.element!]!]),
    ['related', 'cookie', 'sidebar', undefined, 'meta', undefined],
  );
});

test("a card's header and a token that sets alignment (`header-content-align-left`) do not say page header", (t) => {
  const { blocks, tree } = htmlBlocks(
    page(
      `<div class="recipe-card header-content-align-left"><p>120 g flat rice noodles</p></div>` +
        `<div class="card-header"><p>How are the rates set?</p></div><div class="site-header"><p>Home</p></div>`,
    ),
  );
  t.deepEqual(
    blocks.map((b) => tree.hint[tree.parent[b.element!]!]),
    [undefined, undefined, 'header'],
  );
});

test("an id that spells the heading its element opens with is the heading's anchor, not a boilerplate name", (t) => {
  const { blocks, tree } = htmlBlocks(
    page(
      `<div id="menu-innovation-strategies-for-caterers"><h2>Menu Innovation Strategies: for Caterers</h2><p>Design a menu.</p></div>` +
        `<h3 id="what-s-social-media-marketing">What's social media marketing?</h3>` +
        `<div id="related-stories-box"><h2>More to read</h2><p>Other story</p></div>` +
        `<div id="main-menu-links"><p>Home</p></div>`,
    ),
  );
  const hintOf = (i: number) => {
    let e = blocks[i]!.element!;
    while (e > 0 && !tree.hint[e]) e = tree.parent[e]!;
    return tree.hint[e];
  };
  t.deepEqual(
    blocks.map((_, i) => hintOf(i)),
    [undefined, undefined, undefined, 'related', 'related', 'menu'],
  );
});

test('a flag that switches a part off or on (`sidebar-enabled--false`, `no-sidebar`) does not name its element after that part', (t) => {
  const { blocks, tree } = htmlBlocks(
    page(
      `<div class="layout sidebar-enabled--false"><p>Story text</p></div><div class="layout no-sidebar"><p>More story</p></div>` +
        `<div class="sidebar"><p>Side box</p></div>`,
    ),
  );
  t.deepEqual(
    blocks.map((b) => tree.hint[tree.parent[b.element!]!] ?? tree.hint[b.element!]),
    [undefined, undefined, 'sidebar'],
  );
});

test('a picture and the short lines under it, in an element of their own, are its caption, though no figure names them', (t) => {
  const { blocks, tree } = htmlBlocks(
    page(`<div><h1>Headline</h1>
      <div><img src="/a.jpg" width="640" height="400"><div><p><span>The minister at the fair.</span> <span>Photo: Jane Doe</span></p></div></div>
      <p>Story text that is the article's own.</p>
      <p><img src="/b.jpg">Text beside a picture in its own paragraph is the paragraph's.</p>
      <div><img src="/icon.svg" width="16" height="16"><span>Jane Doe</span></div>
      <div><a href="/other"><img src="/c.jpg"></a><a href="/other">A teaser's headline is a link</a></div></div>`),
  );
  const hintOf = (text: string) => {
    let e = blocks.find((b) => b.text.startsWith(text))!.element!;
    while (e > 0 && !tree.hint[e]) e = tree.parent[e]!;
    return tree.hint[e];
  };
  t.is(hintOf('The minister'), 'caption');
  t.is(hintOf('Story text'), undefined);
  t.is(hintOf('Text beside'), undefined);
  t.is(hintOf('Jane Doe'), undefined);
  t.is(hintOf("A teaser's"), undefined);
});

test("a heading's anchor that shows only a glyph (a permalink's ¶, #, an icon) is not its text; an anchor's words and symbols are", (t) => {
  const { blocks } = htmlBlocks(
    page(`<section id="usage"><h2>Usage<a class="headerlink" href="#usage">¶</a></h2><p>Run it once.</p></section>
      <section id="operator"><h3><a href="#operator">The <code>?</code> Operator</a> <a href="#operator">\uf0c1</a></h3></section>
      <h3>Changelog <a href="/changelog">#</a></h3>`),
  );
  t.deepEqual(
    blocks.map((b) => [b.text, b.linkDensity]),
    [
      ['Usage', 0],
      ['Run it once.', 0],
      ['The ? Operator', 0],
      ['Changelog #', 1 / 11],
    ],
  );
});
