/**
 * What htmlparser2's parser reports on a page, for the tests that compare Winnow's replacements of its parts
 * (the tokenizer, the parser's stacks) with htmlparser2's own: every event, on pages whole and in pieces.
 */
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { ExecutionContext } from 'ava';
import fc from 'fast-check';
import type { Parser, Tokenizer } from 'htmlparser2';
import { ROOT, SHARED_DATASETS } from './helpers.js';

export type Event = readonly unknown[];
/** A parser's events on a page given in pieces. */
export type Events = (pieces: readonly string[]) => Event[];

/** Every event the parser gives on the pieces, with the tokenizer given. */
export function parserEvents(pieces: readonly string[], parser: typeof Parser, tokenizer: typeof Tokenizer): Event[] {
  const out: Event[] = [];
  const instance = new parser(
    {
      onopentag: (name, attrs, implied) => out.push(['open', name, attrs, implied]),
      ontext: (text) => out.push(['text', text]),
      onclosetag: (name, implied) => out.push(['close', name, implied]),
      oncomment: (text) => out.push(['comment', text]),
      oncdatastart: () => out.push(['cdata']),
      onprocessinginstruction: (name, text) => out.push(['instruction', name, text]),
    },
    { decodeEntities: false, Tokenizer: tokenizer },
  );
  for (const piece of pieces) instance.write(piece);
  instance.end();
  return out;
}

/** Tag soup: up to `maxParts` of `markup` and then `end`, cut into pieces at up to six places at random. */
export function soupInPieces(markup: fc.Arbitrary<string>, maxParts: number, end = ''): fc.Arbitrary<string[]> {
  return fc.tuple(fc.array(markup, { maxLength: maxParts }), fc.array(fc.nat(), { maxLength: 6 })).map(([parts, cuts]) => {
    const html = `${parts.join('')}${end}`;
    const at = [...new Set(cuts.map((c) => c % (html.length + 1)))].sort((a, b) => a - b);
    return [0, ...at].map((from, i) => html.slice(from, at[i] ?? html.length));
  });
}

/** On 2,000 soups in pieces, the two parsers give the same events. */
export function sameOnSoups(t: ExecutionContext, soups: fc.Arbitrary<string[]>, actual: Events, expected: Events): void {
  fc.assert(
    fc.property(soups, (pieces) => {
      t.deepEqual(actual(pieces), expected(pieces), JSON.stringify(pieces));
    }),
    { numRuns: 2000 },
  );
}

/** The page in pieces of 1 kB, as long pages are decoded and parsed. */
function inPieces(html: string): string[] {
  return Array.from({ length: Math.ceil(html.length / 1024) }, (_, i) => html.slice(i * 1024, (i + 1) * 1024));
}

/** The two parsers give the same events on the page, whole and in pieces of 1 kB. */
export function sameEvents(t: ExecutionContext, html: string, name: string, actual: Events, expected: Events): void {
  sameFrom(t, actual([html]), expected([html]), name);
  const pieces = inPieces(html);
  sameFrom(t, actual(pieces), expected(pieces), `${name} in pieces`);
}

/** `sameEvents` on each of the bundled HTML pages (`fixtures/html`). */
export function sameOnBundledPages(t: ExecutionContext, actual: Events, expected: Events): void {
  const dir = join(ROOT, 'fixtures/html');
  const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
  t.true(pages.length > 0);
  for (const name of pages) sameEvents(t, readFileSync(join(dir, name), 'utf8'), name, actual, expected);
}

/**
 * The two lists of a page's events are equal, compared as JSON lines: a deep comparison of tens of thousands of
 * events takes seconds. Where they differ, the three events from the first difference are compared.
 */
export function sameFrom(t: ExecutionContext, actual: Event[], expected: Event[], name: string): void {
  const a = actual.map((event) => JSON.stringify(event));
  const b = expected.map((event) => JSON.stringify(event));
  const first = a.findIndex((line, i) => line !== b[i]);
  const at = first !== -1 ? first : a.length !== b.length ? Math.min(a.length, b.length) : -1;
  if (at === -1) t.pass(name);
  else t.deepEqual(a.slice(at, at + 3), b.slice(at, at + 3), `${name}: from event ${at}`);
}

export const HTMLDATE = join(SHARED_DATASETS, 'dates/htmldate-dev.ndjson.gz');

/**
 * `sameEvents` on the first `count` pages of htmldate's set (real pages of many sites, with long inline scripts, JSON
 * and comments), read as a stream: the file is 126 MB unpacked.
 */
export async function sameOnHtmldatePages(t: ExecutionContext, count: number, actual: Events, expected: Events): Promise<void> {
  const lines = createInterface({ input: createReadStream(HTMLDATE).pipe(createGunzip()), crlfDelay: Infinity });
  let pages = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const { id, html } = JSON.parse(line) as { id: string; html: string };
    sameEvents(t, html, id, actual, expected);
    if (++pages === count) break;
  }
  t.is(pages, count);
}
