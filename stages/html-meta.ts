/**
 * What an HTML page states about itself: title, canonical URL, language, publication-date evidence and
 * the kinds of page it declares.
 * `MetaCollector` gathers the elements it is read from while the page is parsed; `pageMeta` is pure.
 */
import { decodeHTMLAttribute } from 'entities';
import { findDates, monthNumber } from './date-parse.js';
import type { DateEvidence } from './dates.js';
import { cleanText, matchText, words } from './normalize.js';

export interface PageMeta {
  /** The first h1 when og:title or `<title>` confirms it, else og:title or `<title>` without the site name. */
  readonly title: string | null;
  /** `<link rel=canonical>` or og:url. */
  readonly canonicalUrl: string | null;
  /** `<html lang>`, lower-cased. */
  readonly lang: string | null;
  /** Publication dates the page states, most reliable first: JSON-LD, meta tags, `<time>` marked as such. */
  readonly dateEvidence: readonly DateEvidence[];
  /** The first plain `<time datetime>`: used after the text near the title. */
  readonly firstTime: string | null;
  readonly typeEvidence: TypeEvidence;
  /** The main text the page's JSON-LD carries (`structuredBody`), as an HTML fragment, or null. */
  readonly structuredBody: string | null;
}

/** What a page says of its kind outside its text blocks, for the page-type stage. */
export interface TypeEvidence {
  /** schema.org type names without their URL (`Product`, `NewsArticle`) of JSON-LD nodes and microdata items, in document order, repeats kept. */
  readonly schemaTypes: readonly string[];
  /** `og:type`, lower-cased (`article`, `product`, `website`), or null. */
  readonly ogType: string | null;
  /** Labels of its buttons, which are not text blocks: "Add to cart", "Reply", "Get a quote". */
  readonly buttons: readonly string[];
}

/** An element's attributes, names lower-cased, values as written: read a value with `attribute`, which decodes it. */
export type Attributes = Readonly<Record<string, string>>;

/** An attribute's value, its character references decoded; undefined if the element has no such attribute. */
export function attribute(attrs: Attributes, name: string): string | undefined {
  const value = attrs[name];
  return value !== undefined && value.includes('&') ? decodeHTMLAttribute(value) : value;
}

/** An element metadata is read from, with its text when that matters. */
export interface MetaElement {
  readonly attrs: Attributes;
  readonly text: string;
}

/** The elements metadata is read from, in document order. */
export interface MetaElements {
  readonly html: MetaElement | null;
  readonly title: MetaElement | null;
  readonly metas: readonly MetaElement[];
  readonly links: readonly MetaElement[];
  readonly h1s: readonly MetaElement[];
  readonly times: readonly MetaElement[];
  readonly jsonLd: readonly MetaElement[];
  /** Microdata `itemtype` values. */
  readonly itemTypes: readonly string[];
  /** `<button>`s and `<input type=submit|button>`s. */
  readonly buttons: readonly MetaElement[];
}

/** Elements collected per kind at most; a page with more is not telling the truth about itself. */
const MAX_PER_KIND = 50;

type Kind = 'html' | 'title' | 'metas' | 'links' | 'h1s' | 'times' | 'jsonLd' | 'buttons';

/** An element being collected: its text grows until it closes. */
interface Open {
  readonly kind: Kind;
  readonly attrs: Attributes;
  text: string;
}

/**
 * Gathers `MetaElements` from a parser's events: `open` and `close` for every element (balanced, as a
 * SAX parser reports them), `text` for every piece of text.
 */
export class MetaCollector {
  private readonly found: { [K in Kind]: MetaElement[] } = {
    html: [],
    title: [],
    metas: [],
    links: [],
    h1s: [],
    times: [],
    jsonLd: [],
    buttons: [],
  };
  /** Per open element: the element being collected, or null. */
  private readonly stack: (Open | null)[] = [];
  /** Elements being collected that are open now (an h1 inside a time: both). */
  private readonly collecting: Open[] = [];
  private readonly itemTypes: string[] = [];

  open(tag: string, attrs: Attributes): void {
    const itemType = attribute(attrs, 'itemtype');
    if (itemType && this.itemTypes.length < MAX_PER_KIND) this.itemTypes.push(itemType);
    const kind = kindOf(tag, attrs);
    const wanted =
      kind !== null &&
      this.found[kind].length + this.collecting.filter((c) => c.kind === kind).length <
        (kind === 'html' || kind === 'title' ? 1 : MAX_PER_KIND);
    const open = wanted ? { kind, attrs, text: '' } : null;
    this.stack.push(open);
    if (open) this.collecting.push(open);
  }

  text(text: string): void {
    for (const open of this.collecting) open.text += text;
  }

  close(): void {
    const open = this.stack.pop();
    if (!open) return;
    this.collecting.splice(this.collecting.lastIndexOf(open), 1);
    this.found[open.kind].push({ attrs: open.attrs, text: open.text });
  }

  /** The address the page has stated for itself so far (`statedAddress`): the head states it before the body begins. */
  statedAddress(): string | null {
    return statedAddress(this.found.links, this.found.metas);
  }

  elements(): MetaElements {
    // Elements still open when the page ends count too.
    while (this.stack.length) this.close();
    const { html, title, metas, links, h1s, times, jsonLd, buttons } = this.found;
    return { html: html[0] ?? null, title: title[0] ?? null, metas, links, h1s, times, jsonLd, itemTypes: this.itemTypes, buttons };
  }
}

function kindOf(tag: string, attrs: Attributes): Kind | null {
  switch (tag) {
    case 'html':
      return 'html';
    case 'title':
      return 'title';
    case 'meta':
      return 'metas';
    case 'link':
      return 'links';
    case 'h1':
      return 'h1s';
    case 'time':
      return 'times';
    case 'script':
      return attribute(attrs, 'type')?.toLowerCase() === 'application/ld+json' ? 'jsonLd' : null;
    case 'button':
      return 'buttons';
    case 'input':
      return /^(?:submit|button)$/i.test(attribute(attrs, 'type') ?? '') ? 'buttons' : null;
    default:
      return isMarkedDate(attrs) ? 'times' : null;
  }
}

/**
 * `itemprop=datePublished` (or `dateCreated`, which Q&A and forum pages mark their posts with) on any element, or the
 * hAtom microformat: `<abbr class="published" title="2016-12-23T05:11:00-05:00">`.
 */
function isMarkedDate(attrs: Attributes): boolean {
  if (PUBLISHED_ITEMPROPS.has(attribute(attrs, 'itemprop') ?? '')) return true;
  return attribute(attrs, 'title') !== undefined && /(?:^|\s)published(?:\s|$)/.test(attribute(attrs, 'class') ?? '');
}

export function pageMeta(elements: MetaElements): PageMeta {
  const { metas } = elements;
  const metaContent = (key: string) => {
    const meta = metas.find((m) => metaName(m) === key);
    return (meta && attribute(meta.attrs, 'content')) ?? null;
  };
  const jsonLd = parseJsonLd(elements.jsonLd);
  return {
    title: pageTitle(elements, metaContent('og:title')),
    canonicalUrl: statedAddress(elements.links, metas),
    lang: (elements.html && attribute(elements.html.attrs, 'lang')?.trim().toLowerCase()) || null,
    dateEvidence: [...jsonLdDates(jsonLd), ...metaDates(metas), ...timeDates(elements.times)],
    firstTime: firstTimeDate(elements.times),
    typeEvidence: {
      schemaTypes: schemaTypes(jsonLd, elements.itemTypes),
      ogType: metaContent('og:type')?.trim().toLowerCase() || null,
      buttons: elements.buttons.map(buttonLabel).filter(Boolean),
    },
    structuredBody: structuredBody(jsonLd),
  };
}

const TITLE_SEPARATOR = /\s+[|\-–—:·•»/\\]\s+/u;

function pageTitle(elements: MetaElements, og: string | null): string | null {
  const stated = [cleanText(og ?? ''), cleanText(elements.title?.text ?? '')].filter(Boolean);
  const h1s: string[] = [];
  for (const h of elements.h1s.slice(0, 3)) {
    const text = cleanText(h.text);
    if (text) h1s.push(text);
  }
  const confirmed = h1s.find((text) => stated.some((s) => matchText(s).includes(matchText(text))));
  if (confirmed) return confirmed;
  // Nothing states a title: the first h1 is the best there is.
  return stated[0] ? withoutSiteName(stated[0]) : (h1s[0] ?? null);
}

/** "Article title | Site name" → "Article title" (Readability's rule: keep the head if it has 3+ words). */
function withoutSiteName(title: string): string {
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const head = title.slice(0, title.lastIndexOf(parts[parts.length - 1]!)).replace(new RegExp(`${TITLE_SEPARATOR.source}$`, 'u'), '');
  if (words(head).length >= 3) return head;
  const tail = title.slice(title.indexOf(parts[1]!));
  return words(tail).length >= 3 ? tail : title;
}

/** Meta keys (name, property or itemprop) that carry a publication date, lower-cased. */
const PUBLISHED_META = [
  'article:published_time',
  'og:published_time',
  'og:article:published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'published-date',
  'published_time',
  'date_published',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date.created',
  'dcterms.created',
  'dc.date',
  'dcterms.date',
  'date',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'citation_publication_date',
  'citation_date',
  'originalpublicationdate',
  'article_date_original',
  'displaydate',
  'bt:pubdate',
  'created',
  'published',
  'pub_date',
  'publish_time',
  'publisheddate',
  'article:published',
];

/** The address a page states for itself: its `<link rel=canonical>`, else its og:url. */
function statedAddress(links: readonly MetaElement[], metas: readonly MetaElement[]): string | null {
  const canonical = links.find((l) => attribute(l.attrs, 'rel')?.toLowerCase() === 'canonical');
  if (canonical) {
    const href = attribute(canonical.attrs, 'href');
    if (href !== undefined) return href;
  }
  const ogUrl = metas.find((m) => metaName(m) === 'og:url');
  return (ogUrl && attribute(ogUrl.attrs, 'content')) ?? null;
}

/** A meta tag's key: its property, name or itemprop, lower-cased. */
function metaName(meta: MetaElement): string | undefined {
  return (attribute(meta.attrs, 'property') ?? attribute(meta.attrs, 'name') ?? attribute(meta.attrs, 'itemprop'))?.toLowerCase();
}

function metaDates(metas: readonly MetaElement[]): DateEvidence[] {
  const found: DateEvidence[] = [];
  const names = metas.map(metaName);
  for (const key of PUBLISHED_META) {
    for (const [m, meta] of metas.entries()) {
      if (names[m] !== key) continue;
      const value = normaliseDate(attribute(meta.attrs, 'content') ?? attribute(meta.attrs, 'datetime') ?? '');
      if (value) found.push({ from: 'meta', value });
    }
  }
  return found;
}

/** Microdata properties that date an item's publication: a post's creation is its publication. */
const PUBLISHED_ITEMPROPS: ReadonlySet<string> = new Set(['datePublished', 'dateCreated']);

/** A `<time>` that says it is the publication date: `pubdate`, `itemprop=datePublished`, a class like `published`. */
const PUBLISHED_CLASS = /publish|posted|entry-date|post-date|article-date|dateline/i;

function timeDates(times: readonly MetaElement[]): DateEvidence[] {
  const found: DateEvidence[] = [];
  for (const { attrs, text } of times) {
    const explicit =
      attribute(attrs, 'pubdate') !== undefined ||
      PUBLISHED_ITEMPROPS.has(attribute(attrs, 'itemprop') ?? '') ||
      PUBLISHED_CLASS.test(attribute(attrs, 'class') ?? '');
    if (!explicit) continue;
    const value = normaliseDate(attribute(attrs, 'datetime') ?? attribute(attrs, 'content') ?? attribute(attrs, 'title') ?? text);
    if (value) found.push({ from: 'time', value });
  }
  return found;
}

/** The first plain `<time datetime>` of the page: weaker evidence (it may date a comment or a teaser). */
function firstTimeDate(times: readonly MetaElement[]): string | null {
  for (const { attrs } of times) {
    const datetime = attribute(attrs, 'datetime');
    const value = datetime ? normaliseDate(datetime) : null;
    if (value) return value;
  }
  return null;
}

const ARTICLE_TYPES = /article|posting|report|news|blog/i;

/** The JSON-LD scripts' values; malformed JSON-LD is common, and simply not evidence. */
function parseJsonLd(scripts: readonly MetaElement[]): unknown[] {
  const values: unknown[] = [];
  for (const script of scripts) {
    try {
      values.push(JSON.parse(script.text));
    } catch {
      // not evidence
    }
  }
  return values;
}

/** JSON-LD `datePublished` of article-like items first, then of any other item (a WebPage). */
function jsonLdDates(values: readonly unknown[]): DateEvidence[] {
  const articles: DateEvidence[] = [];
  const others: DateEvidence[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 8 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((item) => visit(item, depth + 1));
    const record = node as Record<string, unknown>;
    const type = typeOf(record);
    if (typeof record['datePublished'] === 'string') {
      const value = normaliseDate(record['datePublished']);
      if (value) {
        if (ARTICLE_TYPES.test(type)) articles.push({ from: 'json-ld', value, item: 'article' });
        else others.push({ from: 'json-ld', value, item: 'other' });
      }
    }
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement']) visit(record[key], depth + 1);
  };
  for (const value of values) visit(value, 0);
  return [...articles, ...others];
}

/** A JSON-LD node's `@type`, its names joined by spaces when it has several. */
function typeOf(record: Record<string, unknown>): string {
  const declared = record['@type'];
  return typeof declared === 'string' ? declared : Array.isArray(declared) ? declared.filter((t) => typeof t === 'string').join(' ') : '';
}

/**
 * The main text a page's JSON-LD carries, as an HTML fragment: an article's `articleBody` (or a posting's `text`), a
 * how-to's description and steps, a recipe's description, ingredients and instructions. An app shell that a script
 * fills in from its data (a React page's props, a Vue store) often states its story there too, where a crawler reads
 * it. A product's or a place's description is not a page's text: a shop's shell says nothing more than its card.
 */
function structuredBody(values: readonly unknown[]): string | null {
  let found: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (found.length > 0 || depth > 8 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((item) => visit(item, depth + 1));
    const record = node as Record<string, unknown>;
    const type = typeOf(record);
    const parts = /\b(?:HowTo|Recipe)\b/.test(type)
      ? [record['description'], record['recipeIngredient'], record['recipeInstructions'], record['step']].flatMap((value) => texts(value))
      : ARTICLE_TYPES.test(type)
        ? texts(record['articleBody'] ?? record['text'])
        : [];
    found = parts;
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) visit(record[key], depth + 1);
  };
  for (const value of values) visit(value, 0);
  return found.length > 0 ? found.map(asHtml).join('\n') : null;
}

/** The strings of a JSON-LD value: itself, a list's, or a step's or section's `text` and `itemListElement`. */
function texts(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return value.trim() ? [value] : [];
  if (depth > 6 || !value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item) => texts(item, depth + 1));
  const record = value as Record<string, unknown>;
  return [...texts(record['text'], depth + 1), ...texts(record['itemListElement'], depth + 1)];
}

/** A JSON-LD string as HTML: markup as it is (`<p>…</p>`), plain text a paragraph a line, escaped. */
function asHtml(value: string): string {
  if (/<\/?[a-z][^>]*>/i.test(value)) return value;
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .split(/\n+/)
    .filter((line) => line.trim())
    .map((line) => `<p>${line}</p>`)
    .join('');
}

/** JSON-LD nodes visited for their `@type` at most: a page's graph, not a catalogue dumped into it. */
const MAX_TYPED_NODES = 500;

/** The schema.org types of every JSON-LD node (nested ones too: a Product's Offer) and microdata item. */
function schemaTypes(jsonLd: readonly unknown[], itemTypes: readonly string[]): string[] {
  const found: string[] = [];
  const add = (type: unknown) => {
    if (typeof type !== 'string') return;
    const name = type.trim().replace(/^.*[/#:]/, '');
    if (name) found.push(name);
  };
  let budget = MAX_TYPED_NODES;
  const visit = (node: unknown, depth: number): void => {
    if (depth > 8 || !node || typeof node !== 'object' || budget-- <= 0) return;
    if (Array.isArray(node)) return node.forEach((item) => visit(item, depth + 1));
    const record = node as Record<string, unknown>;
    const declared = record['@type'];
    if (Array.isArray(declared)) declared.forEach(add);
    else add(declared);
    for (const value of Object.values(record)) if (value && typeof value === 'object') visit(value, depth + 1);
  };
  jsonLd.forEach((value) => visit(value, 0));
  for (const value of itemTypes) value.split(/\s+/).forEach(add);
  return found;
}

/** A button's label: its text, else its value or ARIA label. */
function buttonLabel({ attrs, text }: MetaElement): string {
  return cleanText(text || attribute(attrs, 'value') || attribute(attrs, 'aria-label') || '');
}

/** `YYYY-MM-DD` or a full ISO date-time from a machine-readable date, or null. */
function normaliseDate(value: string): string | null {
  const found = findDates(value.trim().slice(0, 100))[0];
  return found ? (found.datetime ?? found.date) : null;
}

/**
 * A date in a URL path: /2020/03/15/, /2020-03-15/, /20200315/, /2019/7/3/, with the month named (`/2020/jan/20/`,
 * `/2023/october/03/`); or one segment ending with the day and month before the year (`/meldungen/29-10-2021`,
 * `/news-10.29.2021`), read only when the two cannot trade places (one of them over 12): `/05-06-2021` could be either.
 */
export function urlDate(url: string | null): DateEvidence | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const yearFirst = /\/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(path);
  const value = yearFirst ? `${yearFirst[1]}-${yearFirst[2]}-${yearFirst[3]}` : (slashedDate(path) ?? yearLastDate(path));
  if (!value) return null;
  return findDates(value).length ? { from: 'url', value } : null;
}

/**
 * `YYYY-MM-DD` of a path's `/YYYY/M/D/` whose month and day need not be two digits (`/2019/7/3/`), or whose month is
 * named in ASCII letters (`/2020/jan/20/`, `/2023/october/03/`), or null.
 */
function slashedDate(path: string): string | null {
  const m = /\/((?:19|20)\d{2})\/([a-z]+|\d{1,2})\/(\d{1,2})(?:\/|$)/i.exec(path);
  const month = m && (/^\d/.test(m[2]!) ? Number(m[2]) : monthNumber(m[2]!));
  return month ? `${m[1]}-${String(month).padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : null;
}

/** `YYYY-MM-DD` of a path segment ending `DD-MM-YYYY` or `MM-DD-YYYY` whose day is over 12, or null. */
function yearLastDate(path: string): string | null {
  const m = /(?:^|[/_-])([0-3]?\d)([-_.])([0-3]?\d)\2((?:19|20)\d{2})(?:[/_.-]|$)/.exec(path);
  if (!m) return null;
  const [first, second] = [Number(m[1]), Number(m[3])];
  const [day, month] = first > 12 && second <= 12 ? [first, second] : second > 12 && first <= 12 ? [second, first] : [0, 0];
  if (day < 1 || day > 31 || month < 1) return null;
  return `${m[4]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
