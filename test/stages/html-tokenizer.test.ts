/**
 * The skipping tokenizer gives htmlparser2's own tokens: every parser event, on tag soup cut into pieces at
 * random and on the bundled HTML pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import { Parser, Tokenizer } from 'htmlparser2';
import { SkippingTokenizer } from '../../stages/html-tokenizer.js';
import { ROOT, SHARED_DATASETS, sharedDataTest } from '../helpers.js';

type Event = readonly unknown[];

function events(pieces: readonly string[], tokenizer: typeof Tokenizer): Event[] {
  const out: Event[] = [];
  const parser = new Parser(
    {
      onopentag: (name, attrs) => out.push(['open', name, attrs]),
      ontext: (text) => out.push(['text', text]),
      onclosetag: (name, implied) => out.push(['close', name, implied]),
      oncomment: (text) => out.push(['comment', text]),
      oncdatastart: () => out.push(['cdata']),
      onprocessinginstruction: (name, text) => out.push(['instruction', name, text]),
    },
    { decodeEntities: false, Tokenizer: tokenizer },
  );
  for (const piece of pieces) parser.write(piece);
  parser.end();
  return out;
}

test('htmlparser2 still has the search the skipping tokenizer replaces', (t) => {
  // An upgrade that renames it would leave the replacement unused, and the pages parsed slowly again.
  t.is(typeof (Tokenizer.prototype as unknown as Record<string, unknown>).fastForwardTo, 'function');
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

const cutSoup = fc.tuple(fc.array(markup, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 6 })).map(([parts, cuts]) => {
  const html = parts.join('');
  const at = [...new Set(cuts.map((c) => c % (html.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((from, i) => html.slice(from, at[i] ?? html.length));
});

test('property: on tag soup in pieces, the skipping tokenizer gives htmlparser2 tokenizer’s events', (t) => {
  fc.assert(
    fc.property(cutSoup, (pieces) => {
      t.deepEqual(events(pieces, SkippingTokenizer), events(pieces, Tokenizer), JSON.stringify(pieces));
    }),
    { numRuns: 2000 },
  );
});

/** The page whole, then in pieces of 1 kB, as long pages are decoded and parsed. */
function sameEvents(t: ExecutionContext, html: string, name: string): void {
  const pieces = Array.from({ length: Math.ceil(html.length / 1024) }, (_, i) => html.slice(i * 1024, (i + 1) * 1024));
  t.deepEqual(events([html], SkippingTokenizer), events([html], Tokenizer), name);
  t.deepEqual(events(pieces, SkippingTokenizer), events(pieces, Tokenizer), name);
}

test('on the bundled HTML pages, the skipping tokenizer gives htmlparser2 tokenizer’s events', (t) => {
  const dir = join(ROOT, 'fixtures/html');
  const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
  t.true(pages.length > 0);
  for (const name of pages) sameEvents(t, readFileSync(join(dir, name), 'utf8'), name);
});

const HTMLDATE = join(SHARED_DATASETS, 'dates/htmldate-dev.ndjson.gz');

// Real pages of many sites, with long inline scripts, JSON and comments.
sharedDataTest([HTMLDATE])('on 100 of htmldate’s pages, the skipping tokenizer gives htmlparser2 tokenizer’s events', (t) => {
  const lines = gunzipSync(readFileSync(HTMLDATE)).toString('utf8').split('\n').filter(Boolean).slice(0, 100);
  for (const line of lines) {
    const { id, html } = JSON.parse(line) as { id: string; html: string };
    sameEvents(t, html, id);
  }
});
