/**
 * Tag soup read as a browser reads it. The reference is parse5, the HTML Standard's tree construction
 * (what jsdom uses): for each page, the words of Winnow's blocks are the words of the text parse5 puts
 * in the document's body (leaving out what Winnow never reads as text: scripts, styles, `<noscript>`,
 * `<template>`). Words are compared as a bag: a table's stray text is moved before the table by the
 * Standard, which changes order, not text.
 */
import test from 'ava';
import fc from 'fast-check';
import { parse } from 'parse5';
import { htmlBlocks } from '../../stages/html-blocks.js';

type Node = { nodeName: string; value?: string; childNodes?: Node[] };

const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'title']);

function browserWords(html: string): string[] {
  const document = parse(html) as unknown as Node;
  const root = document.childNodes!.find((n) => n.nodeName === 'html')!;
  const body = root.childNodes!.find((n) => n.nodeName === 'body');
  const out: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeName === '#text') out.push(node.value!);
    else if (!NOT_TEXT.has(node.nodeName)) for (const child of node.childNodes ?? []) visit(child);
  };
  if (body) visit(body);
  return bag(out.join(' '));
}

const winnowWords = (html: string) =>
  bag(
    htmlBlocks(html)
      .blocks.map((b) => b.text)
      .join(' '),
  );
const bag = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).sort();

const SOUP: readonly [string, string][] = [
  [
    'no </head> and no <body>: the head ends at the first body content',
    '<html><head><meta charset="utf-8"><title>T</title><p>First paragraph.</p><div>Second.</div>',
  ],
  [
    'text right in the head starts the body',
    '<html><head><title>T</title>Loose text<p>then a paragraph</p></head><body><p>Body.</p></body></html>',
  ],
  ['a <body> inside the head', '<html><head><title>T</title><body><p>Inside.</p></body></head></html>'],
  ['content after </body> and </html> is body content', '<html><body><p>In.</p></body><p>After body.</p></html><p>After html.</p>'],
  ['a second <body> adds nothing but attributes', '<body><p>One.</p><body class="x"><p>Two.</p></body>'],
  ['an unclosed <title> takes the rest of the page', '<html><head><title>Never closed<p>Not shown'],
  ['stray end tags are ignored', '<body></div></span><p>Kept</p></b></p><p>also kept</p></li></body>'],
  ['misnested formatting elements keep their text', '<body><p><b>bold <i>both</b> italic</i> plain</p></body>'],
  ['a table with text outside its cells', '<body><table><tr><td>cell one</td>stray words<td>cell two</td></tr></table></body>'],
  ['implied ends of p and li', '<body><p>one<p>two<div>three</div><ul><li>a<li>b</ul></body>'],
  ['<![CDATA[ in HTML content is a comment up to >', '<body><p>before <![CDATA[ hidden ]]> after</p><p>and the rest</p></body>'],
  ['CDATA inside a script stays the script', '<body><script>//<![CDATA[\nvar x = "<p>no</p>";\n//]]></script><p>Visible.</p></body>'],
  [
    'CDATA after a script or style has ended, in any case, is a comment again',
    '<body><STYLE>p{}</STYLE><p>one <![CDATA[ two > three</p><Script>//<![CDATA[\n</SCRIPT><p>four <![CDATA[ five ]]> six</p></body>',
  ],
  ['a comment that never ends swallows the rest', '<body><p>Shown</p><!-- open comment <p>Not shown</p>'],
  ['junk between </head> and <body>', '<html><head></head>junk words<body><p>Body.</p></body></html>'],
];

for (const [name, html] of SOUP) {
  test(`tag soup: ${name}`, (t) => {
    t.deepEqual(winnowWords(html), browserWords(html));
  });
}

/** Fragments of tag soup: elements Winnow reads as text, misnested and unclosed at random. */
const fragment = fc.oneof(
  fc.constantFrom(
    '<p>',
    '</p>',
    '<div>',
    '</div>',
    '<span>',
    '</span>',
    '<b>',
    '</b>',
    '<i>',
    '</i>',
    '<a href="/x">',
    '</a>',
    '<ul>',
    '<li>',
    '</li>',
    '</ul>',
    '<h2>',
    '</h2>',
    '<table>',
    '<tr>',
    '<td>',
    '</td>',
    '</tr>',
    '</table>',
    '<br>',
    '<head>',
    '</head>',
    '<body>',
    '</body>',
    '<html>',
    '</html>',
    '<section>',
    '</section>',
    '<blockquote>',
    '</blockquote>',
    '<!-- c -->',
    '<meta name="x">',
    '<link rel="x">',
    '<title>t</title>',
    '<script>var s = 1;</script>',
    '<style>p { color: red }</style>',
    '&amp;',
    '&nbsp;',
    '&copy',
    '&notit;',
    '&#233;',
    '&#x2014;',
    '&#0;',
    '&bogus;',
    '&',
    '<title>a &amp; b</title>',
    '<![CDATA[',
    ']]>',
    '<![CDATA[ x ]]>',
  ),
  fc.stringMatching(/^[a-z]{1,8}$/),
);

test('property: on any tag soup of text elements, Winnow reads the words a browser shows', (t) => {
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
      const html = parts.join(' ');
      t.deepEqual(winnowWords(html), browserWords(html), html);
    }),
    { numRuns: 400 },
  );
});

/** Markup cut anywhere (inside a tag, an attribute, an entity, a comment or a CDATA section) as decode cuts long pages. */
const cutMarkup = fc
  .tuple(
    fc.array(
      fc.oneof(
        fragment,
        fc.constantFrom('<p class="story-body" title="a &amp; b">', '<![CDATA[', ' ]]> ', '<img src="x.jpg">', '&eacute;'),
      ),
      {
        minLength: 1,
        maxLength: 40,
      },
    ),
    fc.array(fc.nat(), { maxLength: 6 }),
  )
  .map(([parts, cuts]) => {
    const html = parts.join('');
    const at = [...new Set(cuts.map((c) => c % (html.length + 1)))].sort((a, b) => a - b);
    return { html, pieces: [0, ...at].map((from, i) => html.slice(from, at[i] ?? html.length)) };
  });

test('property: markup given in pieces reads as the same markup given whole', (t) => {
  fc.assert(
    fc.property(cutMarkup, ({ html, pieces }) => {
      t.deepEqual(htmlBlocks(pieces), htmlBlocks(html), JSON.stringify(pieces));
    }),
    { numRuns: 1000 },
  );
});
