/**
 * The skipping tokenizer gives htmlparser2's own tokens but for `<![`: every parser event, on tag soup cut into
 * pieces at random and on real pages. htmlparser2's tokenizer reads `<![CDATA[` as a CDATA section up to `]]>`;
 * the skipping one, as the HTML Standard says, as a bogus comment up to the first `>`, the way htmlparser2 reads
 * any `<!x…>`. So the reference reads the page with each `[` written `x`, and both sides' events are compared
 * with `[` written `x`.
 */
import test from 'ava';
import fc from 'fast-check';
import { Parser, Tokenizer } from 'htmlparser2';
import { SkippingTokenizer } from '../../stages/html-tokenizer.js';
import { sharedDataTest } from '../helpers.js';
import {
  HTMLDATE,
  parserEvents,
  sameOnBundledPages,
  sameOnHtmldatePages,
  sameOnSoups,
  soupInPieces,
  type Event,
} from '../parser-events.js';

/**
 * `[` written `x`. A tokenizer reads `[` only after `<!`, where htmlparser2's starts a CDATA section on it and on
 * `x` a declaration, which is what the skipping tokenizer starts on either.
 */
const asDeclaration = (text: string) => text.replaceAll('[', 'x');

/** A value with `asDeclaration` applied to every string in it: keys and values of attributes too. */
function inStrings(value: unknown): unknown {
  if (typeof value === 'string') return asDeclaration(value);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [asDeclaration(key), inStrings(inner)]));
  return value;
}

const skipping = (pieces: readonly string[]) => parserEvents(pieces, Parser, SkippingTokenizer).map((event) => event.map(inStrings));

/** htmlparser2's own tokenizer on the same pieces with `[` written `x` (the same length: the cuts stay where they were). */
function reference(pieces: readonly string[]): Event[] {
  const text = asDeclaration(pieces.join(''));
  let from = 0;
  const cut = pieces.map((piece) => text.slice(from, (from += piece.length)));
  return parserEvents(cut, Parser, Tokenizer).map((event) => event.map(inStrings));
}

test('htmlparser2 still has the methods the skipping tokenizer replaces', (t) => {
  // An upgrade that renames one would leave its replacement unused: pages parsed slowly again, or CDATA read to `]]>`.
  const methods = Tokenizer.prototype as unknown as Record<string, unknown>;
  t.is(typeof methods.fastForwardTo, 'function');
  t.is(typeof methods.stateBeforeDeclaration, 'function');
  t.is(typeof methods.handleTrailingData, 'function');
});

test('<![CDATA[ is a bogus comment up to the first >, in pieces too; in a script it is the script’s text', (t) => {
  const html = '<p>a <![CDATA[ b > c ]]> d</p><script>//<![CDATA[\nx = "<p>";\n//]]></script>';
  const expected = [
    ['open', 'p', {}, false],
    ['text', 'a '],
    ['instruction', '![cdata[', '![CDATA[ b '],
    ['text', ' c ]]> d'],
    ['close', 'p', false],
    ['open', 'script', {}, false],
    ['text', '//<![CDATA[\nx = "<p>";\n//]]>'],
    ['close', 'script', false],
  ];
  const all = (pieces: readonly string[]) => parserEvents(pieces, Parser, SkippingTokenizer);
  t.deepEqual(all([html]), expected);
  t.deepEqual(all([html.slice(0, 6), html.slice(6, 9), html.slice(9)]), expected, 'cut inside the mark');
  // A page that ends in the comment: the rest is comment, not text (htmlparser2's own tokenizer gives it as text).
  t.deepEqual(all(['<p>a <![CDATA[ b ]]', ' c']), [
    ['open', 'p', {}, false],
    ['text', 'a '],
    ['close', 'p', true],
  ]);
});

/** Markup where each single-character search starts or ends: text, quotes, comments, raw text, CDATA. */
const markup = fc.constantFrom(
  '<',
  '>',
  '"',
  "'",
  '=',
  '/',
  '-',
  '!',
  '?',
  ']',
  ' ',
  'x',
  '&amp;',
  '<p class="a b">',
  "<a href='/x?y=1&amp;z'>",
  '<img alt=unquoted src="s">',
  '</p>',
  '<!-- c -->',
  '<!--',
  '-->',
  '<!DOCTYPE html>',
  '<?xml version="1.0"?>',
  '<![CDATA[',
  ']]>',
  '<script>',
  '</script>',
  '</SCRIPT >',
  '<style>',
  '</style>',
  '<title>',
  '</title>',
  '<textarea>',
  '</textarea>',
  'if (a < b) x = "</p>";',
);

// Each soup ends in `>>`, which ends any declaration (`<!` and one character, `>` too, open one): a page that ends
// inside a declaration is where the two tokenizers differ (the test above).
test('property: on tag soup in pieces, the skipping tokenizer gives htmlparser2 tokenizer’s events', (t) => {
  sameOnSoups(t, soupInPieces(markup, 60, '>>'), skipping, reference);
});

test('on the bundled HTML pages, the skipping tokenizer gives htmlparser2 tokenizer’s events', (t) => {
  sameOnBundledPages(t, skipping, reference);
});

sharedDataTest([HTMLDATE])('on 100 of htmldate’s pages, the skipping tokenizer gives htmlparser2 tokenizer’s events', (t) =>
  sameOnHtmldatePages(t, 100, skipping, reference),
);
