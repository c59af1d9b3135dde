/**
 * HtmlParser gives htmlparser2's parser's events, with its stacks of open elements kept innermost last: on tag soup
 * that opens, closes, implies and leaves elements open (in foreign content too), cut into pieces at random; on pages
 * that nest deeply; on real pages.
 */
import test from 'ava';
import fc from 'fast-check';
import { Parser, Tokenizer } from 'htmlparser2';
import { HtmlParser, OpenElements } from '../../stages/html-parser.js';
import { sharedDataTest } from '../helpers.js';
import {
  HTMLDATE,
  parserEvents,
  sameEvents,
  sameOnBundledPages,
  sameOnHtmldatePages,
  sameOnSoups,
  soupInPieces,
} from '../parser-events.js';

const ours = (pieces: readonly string[]) => parserEvents(pieces, HtmlParser, Tokenizer);
const theirs = (pieces: readonly string[]) => parserEvents(pieces, Parser, Tokenizer);

test('htmlparser2 still keeps its open elements in the fields HtmlParser replaces', (t) => {
  // An upgrade that renamed them would leave the replacements unused, and deep pages quadratic again.
  const parser = new HtmlParser({});
  parser.write('<div><svg><g><p>text');
  const { stack, foreignContext } = parser as unknown as { stack: unknown; foreignContext: unknown };
  t.true(stack instanceof OpenElements && foreignContext instanceof OpenElements);
  t.deepEqual((stack as OpenElements<string>).innermostFirst(), ['p', 'g', 'svg', 'div']);
  t.deepEqual((foreignContext as OpenElements<boolean>).innermostFirst(), [true, false]);
});

test('OpenElements answers as an array of the elements innermost first', (t) => {
  const open = new OpenElements<string>(['html', 'body']);
  t.is(open.unshift('div'), 3);
  open.unshift('p');
  t.is(open[0], 'p');
  t.is(open.length, 4);
  t.is(open.indexOf('p'), 0);
  t.is(open.indexOf('body'), 2);
  t.is(open.indexOf('li'), -1);
  t.is(open.shift(), 'p');
  t.deepEqual(open.innermostFirst(), ['div', 'body', 'html']);
  open.length = 0;
  t.is(open[0], undefined);
  t.is(open.shift(), undefined);
});

/** Markup that opens, closes and implies elements: lists, tables, paragraphs, forms, void and foreign elements. */
const markup = fc.constantFrom(
  '<div>',
  '</div>',
  '<p>',
  '</p>',
  '<li>',
  '</li>',
  '<ul>',
  '</ul>',
  '<table>',
  '<tr>',
  '<td>',
  '<th>',
  '</td>',
  '</tr>',
  '</table>',
  '<tbody>',
  '<thead>',
  '<dd>',
  '<dt>',
  '<h2>',
  '</h2>',
  '<select>',
  '<option>',
  '<optgroup>',
  '<input>',
  '<button>',
  '<textarea>x</textarea>',
  '<br>',
  '</br>',
  '<br/>',
  '<img src=x>',
  '<hr>',
  '<b>',
  '</b>',
  '<i>',
  '</i>',
  '<font>',
  '<body>',
  '<head>',
  '<script>1</script>',
  '<svg>',
  '</svg>',
  '<math>',
  '</math>',
  '<g/>',
  '<path d="M0"/>',
  '<foreignObject>',
  '</foreignObject>',
  '<title>t</title>',
  '<mi>',
  '</mi>',
  '<rt>',
  '<rp>',
  '<div/>',
  'text',
  ' ',
);

test('property: on tag soup in pieces, HtmlParser gives htmlparser2 parser’s events', (t) => {
  sameOnSoups(t, soupInPieces(markup, 80), ours, theirs);
});

test('pages that nest thousands deep, left open or closed, give htmlparser2 parser’s events', (t) => {
  const open = (tags: readonly string[], depth: number) => Array.from({ length: depth }, (_, i) => `<${tags[i % tags.length]}>`).join('');
  sameEvents(t, `<p>a${open(['font', 'b', 'span'], 5000)}deep text`, 'left open', ours, theirs);
  sameEvents(t, `${open(['div'], 5000)}deep text${'</div>'.repeat(5000)}after`, 'closed', ours, theirs);
  sameEvents(
    t,
    `${open(['div', 'svg', 'g', 'foreignObject'], 4000)}<path/><p>x</p>${'</svg>'.repeat(500)}<li>y`,
    'in foreign content',
    ours,
    theirs,
  );
});

test('on the bundled HTML pages, HtmlParser gives htmlparser2 parser’s events', (t) => {
  sameOnBundledPages(t, ours, theirs);
});

sharedDataTest([HTMLDATE])('on 100 of htmldate’s pages, HtmlParser gives htmlparser2 parser’s events', (t) =>
  sameOnHtmldatePages(t, 100, ours, theirs),
);
