/**
 * What an HTML page states about itself: title, canonical URL, language and publication-date evidence.
 * Pure: reads the parsed document only.
 */
import type { HTMLElement, Node } from 'node-html-parser';
import { findDates } from './date-parse.js';
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
}

/** The elements metadata is read from, gathered in one iterative walk (selectors recurse, and pages nest deep). */
export interface MetaElements {
  readonly html: HTMLElement | null;
  readonly body: HTMLElement | null;
  readonly title: HTMLElement | null;
  readonly metas: HTMLElement[];
  readonly links: HTMLElement[];
  readonly h1s: HTMLElement[];
  readonly times: HTMLElement[];
  readonly jsonLd: HTMLElement[];
}

/** Elements collected per kind at most; a page with more is not telling the truth about itself. */
const MAX_PER_KIND = 50;

export function metaElements(root: HTMLElement): MetaElements {
  const found: MetaElements = { html: null, body: null, title: null, metas: [], links: [], h1s: [], times: [], jsonLd: [] };
  const mutable = found as { -readonly [K in keyof MetaElements]: MetaElements[K] };
  const add = (list: HTMLElement[], el: HTMLElement) => list.length < MAX_PER_KIND && list.push(el);
  const stack: HTMLElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    const tag = el.rawTagName?.toLowerCase();
    if (tag === 'html') mutable.html ??= el;
    else if (tag === 'body') mutable.body ??= el;
    else if (tag === 'title') mutable.title ??= el;
    else if (tag === 'meta') add(found.metas, el);
    else if (tag === 'link') add(found.links, el);
    else if (tag === 'h1') add(found.h1s, el);
    else if (tag === 'time' || isMarkedDate(el)) add(found.times, el);
    else if (tag === 'script' && el.getAttribute('type')?.toLowerCase() === 'application/ld+json') add(found.jsonLd, el);
    for (let i = el.childNodes.length - 1; i >= 0; i--) {
      const child = el.childNodes[i]!;
      if (child.nodeType === 1) stack.push(child as HTMLElement);
    }
  }
  return found;
}

/** `itemprop=datePublished` on any element, or the hAtom microformat: `<abbr class="published" title="2016-12-23T05:11:00-05:00">`. */
function isMarkedDate(el: HTMLElement): boolean {
  const attrs = el.rawAttrs;
  if (attrs.includes('datePublished') && el.getAttribute('itemprop') === 'datePublished') return true;
  return attrs.includes('published') && el.hasAttribute('title') && /(?:^|\s)published(?:\s|$)/.test(el.getAttribute('class') ?? '');
}

/** The text of an element, without recursion. */
export function textOf(el: HTMLElement | null): string {
  if (!el) return '';
  let text = '';
  const stack: Node[] = [el];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3) text += node.text;
    else for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return text;
}

export function pageMeta(elements: MetaElements): PageMeta {
  const { metas } = elements;
  const metaContent = (key: string) =>
    metas.find((m) => (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop'))?.toLowerCase() === key)?.getAttribute('content') ?? null;
  return {
    title: pageTitle(elements, metaContent('og:title')),
    canonicalUrl: elements.links.find((l) => l.getAttribute('rel')?.toLowerCase() === 'canonical')?.getAttribute('href') ?? metaContent('og:url'),
    lang: elements.html?.getAttribute('lang')?.trim().toLowerCase() || null,
    dateEvidence: [...jsonLdDates(elements.jsonLd), ...metaDates(metas), ...timeDates(elements.times)],
    firstTime: firstTimeDate(elements.times),
  };
}

const TITLE_SEPARATOR = /\s+[|\-–—:·•»/\\]\s+/u;

function pageTitle(elements: MetaElements, og: string | null): string | null {
  const stated = [cleanText(og ?? ''), cleanText(textOf(elements.title))].filter(Boolean);
  const h1s = elements.h1s
    .slice(0, 3)
    .map((h) => cleanText(textOf(h)))
    .filter(Boolean);
  const confirmed = h1s.find((text) => stated.some((s) => matchText(s).includes(matchText(text))));
  if (confirmed) return confirmed;
  // Nothing states a title: the first h1 is the best there is.
  return stated[0] ? withoutSiteName(stated[0]) : h1s[0] ?? null;
}

/** "Article title | Site name" → "Article title" (Readability's rule: keep the head if it has 3+ words). */
export function withoutSiteName(title: string): string {
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const head = title.slice(0, title.lastIndexOf(parts[parts.length - 1]!)).replace(new RegExp(`${TITLE_SEPARATOR.source}$`, 'u'), '');
  if (words(head).length >= 3) return head;
  const tail = title.slice(title.indexOf(parts[1]!));
  return words(tail).length >= 3 ? tail : title;
}

/** Meta keys (name, property or itemprop) that carry a publication date, lower-cased. */
const PUBLISHED_META = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'datepublished', 'pubdate', 'publishdate',
  'publish-date', 'publish_date', 'publication_date', 'published-date', 'published_time', 'date_published', 'dc.date.issued',
  'dcterms.issued', 'dc.date.created', 'dcterms.created', 'dc.date', 'dcterms.date', 'date', 'sailthru.date',
  'parsely-pub-date', 'article.published', 'citation_publication_date', 'citation_date', 'originalpublicationdate',
  'article_date_original', 'displaydate', 'bt:pubdate', 'created',
];

function metaDates(metas: HTMLElement[]): DateEvidence[] {
  const found: DateEvidence[] = [];
  for (const key of PUBLISHED_META) {
    for (const meta of metas) {
      const name = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop'))?.toLowerCase();
      if (name !== key) continue;
      const value = normaliseDate(meta.getAttribute('content') ?? meta.getAttribute('datetime') ?? '');
      if (value) found.push({ from: 'meta', value });
    }
  }
  return found;
}

/** A `<time>` that says it is the publication date: `pubdate`, `itemprop=datePublished`, a class like `published`. */
const PUBLISHED_CLASS = /publish|posted|entry-date|post-date|article-date|dateline/i;

function timeDates(times: HTMLElement[]): DateEvidence[] {
  const found: DateEvidence[] = [];
  for (const el of times) {
    const explicit =
      el.hasAttribute('pubdate') || el.getAttribute('itemprop') === 'datePublished' || PUBLISHED_CLASS.test(el.getAttribute('class') ?? '');
    if (!explicit) continue;
    const value = normaliseDate(el.getAttribute('datetime') ?? el.getAttribute('content') ?? el.getAttribute('title') ?? textOf(el));
    if (value) found.push({ from: 'time', value });
  }
  return found;
}

/** The first plain `<time datetime>` of the page: weaker evidence (it may date a comment or a teaser). */
function firstTimeDate(times: HTMLElement[]): string | null {
  for (const el of times) {
    const datetime = el.getAttribute('datetime');
    const value = datetime ? normaliseDate(datetime) : null;
    if (value) return value;
  }
  return null;
}

const ARTICLE_TYPES = /article|posting|report|news|blog/i;

/** JSON-LD `datePublished` of article-like items first, then of any other item (a WebPage). */
function jsonLdDates(scripts: HTMLElement[]): DateEvidence[] {
  const articles: DateEvidence[] = [];
  const others: DateEvidence[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 8 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((item) => visit(item, depth + 1));
    const record = node as Record<string, unknown>;
    const type = String(record['@type'] ?? '');
    if (typeof record['datePublished'] === 'string') {
      const value = normaliseDate(record['datePublished']);
      if (value) (ARTICLE_TYPES.test(type) ? articles : others).push({ from: 'json-ld', value });
    }
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement']) visit(record[key], depth + 1);
  };
  for (const script of scripts) {
    try {
      visit(JSON.parse(script.rawText), 0);
    } catch {
      // malformed JSON-LD is common; it is simply not evidence
    }
  }
  return [...articles, ...others];
}

/** `YYYY-MM-DD` or a full ISO date-time from a machine-readable date, or null. */
function normaliseDate(value: string): string | null {
  const found = findDates(value.trim().slice(0, 100))[0];
  return found ? found.datetime ?? found.date : null;
}

/** A date in a URL path: /2020/03/15/, /2020-03-15/, /20200315/. */
export function urlDate(url: string | null): DateEvidence | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /\/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(path);
  if (!m) return null;
  const value = `${m[1]}-${m[2]}-${m[3]}`;
  return findDates(value).length ? { from: 'url', value } : null;
}
