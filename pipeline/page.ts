/**
 * One page through the stages. `preparePage` (both passes): decode and split into blocks.
 * `cleanPage` (second pass): template marks, segment, dates, language, fingerprint.
 */
import { textBlocks } from '../stages/blocks.js';
import { findPublicationDates, type DateEvidence, type PublishedFrom } from '../stages/dates.js';
import { urlDate } from '../stages/html-meta.js';
import { dateLine, findDates, labelledDate, type FoundDate } from '../stages/date-parse.js';
import { decode } from '../stages/decode.js';
import { fingerprintOfNorm } from '../stages/fingerprint.js';
import { hash53 } from '../stages/hash.js';
import { htmlBlocks } from '../stages/html-blocks.js';
import { detectLanguage } from '../stages/language.js';
import { countWords, wordCount } from '../stages/normalize.js';
import { segment } from '../stages/segment.js';
import { boilerplateReasons } from '../stages/boilerplate.js';
import { articleContainer } from '../stages/container.js';
import {
  markBoilerplate,
  markTemplate,
  reclaimOwnCopies,
  STRONG_SUPPORT_CAP,
  type MarkedBlock,
  type SiteView,
} from '../stages/template.js';
import { PROSE_CHARS, type BlockRole, type Segmented } from '../stages/segment.js';
import { mapPacked, type Block, type ElementTree, type Tally } from '../stages/types.js';
import type { Signature } from '../stages/minhash.js';
import type { PageFields, RawPage, Reject } from './types.js';

export const STAGES = ['decode', 'blocks', 'template', 'boilerplate', 'segment', 'dates', 'language', 'dedup'] as const;
export type StageName = (typeof STAGES)[number];
export type StageTallies = Partial<Record<StageName, Tally>>;

export interface PreparedPage {
  /** The page's own fields; its bytes are not kept (the pass cache stores these fields, not the bytes). */
  readonly raw: PageFields;
  readonly format: 'html' | 'text';
  readonly blocks: Block[];
  /** HTML only: the elements holding the blocks. */
  readonly tree: ElementTree | null;
  readonly site: string;
  readonly url: string | null;
  /** The title the HTML states (og:title, h1, `<title>`), used when segmenting finds none. */
  readonly statedTitle: string | null;
  /** Publication dates the page states outside its text (HTML metadata, the URL), most reliable first. */
  readonly dateEvidence: readonly DateEvidence[];
  /** HTML: the first plain `<time datetime>`. */
  readonly firstTime: string | null;
  /** Hash of the page's whole normalised content: equal for the same page saved twice. */
  readonly pageHash: number;
}

export type Prepared =
  { readonly page: PreparedPage; readonly tallies: StageTallies } | { readonly reject: Reject; readonly tallies: StageTallies };

export function preparePage({ bytes, ...raw }: RawPage): Prepared {
  const decoded = decode(bytes, raw.contentType);
  if (!decoded.ok) {
    return {
      reject: { source: raw.source, reason: decoded.reason, detail: decoded.detail },
      tallies: { decode: { kept: 0, dropped: { [decoded.reason]: 1 } } },
    };
  }
  const html = isHtml(raw.contentType, decoded.text);
  if (!html && isJsonData(decoded.text)) {
    return {
      reject: { source: raw.source, reason: 'no-article', detail: 'the text is JSON data, not prose' },
      tallies: { decode: { kept: 0, dropped: { json: 1 } } },
    };
  }
  let blocks: Block[];
  let tree: ElementTree | null = null;
  let statedTitle: string | null = null;
  let dateEvidence: readonly DateEvidence[] = [];
  let firstTime: string | null = null;
  let url = raw.url;
  if (html) {
    const parsed = htmlBlocks(decoded.text);
    blocks = parsed.blocks;
    tree = parsed.tree;
    statedTitle = parsed.meta.title;
    dateEvidence = parsed.meta.dateEvidence;
    firstTime = parsed.meta.firstTime;
    url ??= absoluteUrl(parsed.meta.canonicalUrl);
  } else {
    blocks = textBlocks(decoded.text);
  }
  const page: PreparedPage = {
    raw,
    format: html ? 'html' : 'text',
    blocks,
    tree,
    site: siteOf(url, raw.directory),
    url,
    statedTitle,
    dateEvidence: [...dateEvidence, ...[urlDate(url)].filter((d): d is DateEvidence => d !== null)],
    firstTime,
    pageHash: hash53(mapPacked(blocks, (b) => b.norm).join('\n')),
  };
  return { page, tallies: { decode: { kept: 1, dropped: {} }, blocks: { kept: blocks.length, dropped: {} } } };
}

export interface CleanOptions {
  /** ISO 639-3 codes the language stage chooses from. */
  readonly languages?: readonly string[] | undefined;
  /** Return every block with its verdict and reason (for the HTML report and `scripts/explain.ts`). */
  readonly explain?: boolean;
  /** Return the site-template blocks the page carries, with their support (for the HTML report). */
  readonly templateBlocks?: boolean;
}

export interface Article {
  readonly source: string;
  readonly url: string | null;
  readonly site: string;
  readonly title: string | null;
  readonly published: string | null;
  readonly publishedFrom: PublishedFrom | null;
  readonly language: string;
  readonly languageScore: number;
  readonly text: string;
  readonly dates: readonly string[];
  readonly wordCount: number;
  readonly exact: string;
  readonly meta: Readonly<Record<string, unknown>> | null;
}

/** An article and the near-duplicate signature computed with it (kept apart: it is not serialised). */
export interface CleanArticle {
  readonly article: Article;
  readonly signature: Signature | null;
}

/** What the HTML report shows of a cleaned page, when asked for. */
export interface Inspected {
  readonly explanation?: {
    readonly site: string;
    readonly url: string | null;
    readonly title: string | null;
    readonly blocks: readonly BlockExplanation[];
  };
  readonly templateBlocks?: { readonly site: string; readonly blocks: readonly TemplateBlock[] };
}

export type Cleaned = ((CleanArticle & { readonly tallies: StageTallies }) | { readonly reject: Reject; readonly tallies: StageTallies }) &
  Inspected;

interface Segmentation {
  readonly blocks: readonly MarkedBlock[];
  readonly segmented: Segmented;
  readonly tallies: StageTallies;
  /** HTML: why the boilerplate stage dropped each block (undefined: it did not). */
  readonly boilerplate: readonly (string | undefined)[] | null;
}

/** A site view that knows nothing: every block is the page's own. */
const UNLEARNED: SiteView = { pages: 1, support: () => 1 };

/**
 * Template marks, then (HTML) boilerplate marks and the article container, then segmenting.
 *
 * When learning leaves no article and the page's prose repeats on only a few pages (fewer than a large
 * site's template would), the page is one of a few copies of one article — the same story crawled with
 * different comments or menus on a tiny site — and is segmented again from its own signals alone.
 */
function segmentPage(page: PreparedPage, site: SiteView): Segmentation {
  const learned = segmentWith(page, site);
  if (hasProse(learned.segmented) || site === UNLEARNED) return learned;
  const proseSupport = Math.max(0, ...learned.blocks.filter((b) => b.text.length >= PROSE_CHARS).map((b) => b.support));
  if (proseSupport < 2 || proseSupport >= STRONG_SUPPORT_CAP) return learned;
  const alone = segmentWith(page, UNLEARNED);
  if (!hasProse(alone.segmented)) return learned;
  return {
    ...alone,
    tallies: { ...alone.tallies, template: { kept: alone.tallies.template!.kept, dropped: { 'few-copies-fallback': 1 } } },
  };
}

const hasProse = (segmented: Segmented) => segmented.paragraphs.some((p) => p.lines.join(' ').length >= PROSE_CHARS);

function segmentWith(page: PreparedPage, site: SiteView): Segmentation {
  const template = markTemplate(page.blocks, site);
  if (!page.tree) {
    const blocks = reclaimOwnCopies(template.blocks, null);
    const segmented = segment(blocks);
    return { blocks, segmented, tallies: { template: template.tally, segment: segmented.tally }, boilerplate: null };
  }
  const reasons = boilerplateReasons(page.blocks, page.tree);
  const blocks = reclaimOwnCopies(markBoilerplate(template.blocks, reasons), page.tree);
  const boilerplate: Tally = { kept: 0, dropped: {} };
  blocks.forEach((b, i) => {
    if (b.verdict === 'boilerplate') boilerplate.dropped[reasons[i]!] = (boilerplate.dropped[reasons[i]!] ?? 0) + 1;
    else if (b.verdict !== 'template') boilerplate.kept++;
  });
  const segmented = segment(blocks, { span: articleContainer(blocks, page.tree), statedTitle: page.statedTitle });
  return { blocks, segmented, tallies: { template: template.tally, boilerplate, segment: segmented.tally }, boilerplate: reasons };
}

/** Where a block ended up, as the HTML report colours it. */
export type BlockClass = 'article' | 'template' | 'boilerplate' | 'other';

/** One row per block: what the stages made of it, and why. */
export interface BlockExplanation {
  readonly text: string;
  readonly path: string | undefined;
  /** Distinct pages of the site carrying the block. */
  readonly support: number;
  readonly verdict: MarkedBlock['verdict'];
  readonly role: BlockRole;
  readonly class: BlockClass;
  readonly reason: string;
}

/** A block the site's template learning removed, and on how many of the site's pages it appeared. */
export interface TemplateBlock {
  readonly hash: number;
  readonly text: string;
  readonly support: number;
}

function explain(segmentation: Segmentation, site: SiteView): BlockExplanation[] {
  const { blocks, segmented, boilerplate } = segmentation;
  return blocks.map((b, i) => {
    const role = segmented.roles[i]!;
    const [cls, reason] = classify(b, role, boilerplate?.[i], site.pages);
    return { text: b.text, path: b.path, support: b.support, verdict: b.verdict, role, class: cls, reason };
  });
}

/** The colour a block gets in the report, and the reason shown with it. */
function classify(b: MarkedBlock, role: BlockRole, boilerplateReason: string | undefined, sitePages: number): [BlockClass, string] {
  const onPages = `on ${b.support} of ${sitePages} pages of the site`;
  if (role === 'title') return ['article', 'the title'];
  if (role === 'body') return ['article', b.support > 1 ? `article body; also ${onPages}, kept as this page's own` : 'article body'];
  if (b.verdict === 'template') return ['template', `site template: ${onPages}`];
  if (role === 'weak-template') return ['template', `repeated ${onPages}, trimmed at the article's edge`];
  if (b.verdict === 'boilerplate') return ['boilerplate', `boilerplate: ${boilerplateReason ?? 'page structure'}`];
  return ['other', OTHER_REASONS[role] ?? role];
}

const OTHER_REASONS: Partial<Record<BlockRole, string>> = {
  outside: 'outside the article',
  'date-line': 'a date line next to the title (read as the date)',
  'title-date': "the title's dated copy (read as the date)",
  contact: 'contact details after the article',
  signature: 'a signature after the article',
  'repeat-link': 'a repeated link after the article',
};

export function cleanPage(page: PreparedPage, site: SiteView, options: CleanOptions = {}): Cleaned {
  const segmentation = segmentPage(page, site);
  const { segmented, tallies } = segmentation;
  const title = segmented.title ?? page.statedTitle;
  const inspected: Inspected = {
    ...(options.explain ? { explanation: { site: page.site, url: page.url, title, blocks: explain(segmentation, site) } } : {}),
    ...(options.templateBlocks
      ? {
          templateBlocks: {
            site: page.site,
            blocks: segmentation.blocks
              .filter((b) => b.verdict === 'template')
              .map((b) => ({ hash: b.hash, text: b.text, support: b.support })),
          },
        }
      : {}),
  };
  const text = mapPacked(segmented.paragraphs, (p) => p.lines.join('\n')).join('\n\n');
  if (!text) {
    return { reject: { source: page.raw.source, reason: 'no-article', detail: noArticleDetail(page) }, tallies, ...inspected };
  }
  const dates = findPublicationDates(
    {
      evidence: page.dateEvidence,
      firstTime: page.firstTime,
      titleDate: segmented.titleDate,
      nearTitleDates: segmented.nearTitleDates.length ? segmented.nearTitleDates : datelineNearHeading(page.blocks),
      scan: () => ({ bylines: bylineDates(page.blocks), datelines: articleDateline(page.blocks, segmented.roles) }),
      title,
      paragraphs: segmented.paragraphs,
    },
    { notAfter: page.raw.fetchedAt?.slice(0, 10) },
  );
  const bodyWords = wordCount(text);
  const language = detectLanguage(bodyWords >= 5 ? text : `${title ?? ''}\n${text}`, { only: options.languages });
  tallies.dates = dates.tally;
  tallies.language = language.tally;
  const print = fingerprintOfNorm(segmented.bodyNorm, title);
  return {
    signature: print.signature,
    article: {
      source: page.raw.source,
      url: page.url,
      site: page.site,
      title,
      published: dates.published,
      publishedFrom: dates.publishedFrom,
      language: language.language,
      languageScore: language.score,
      text,
      dates: dates.dates,
      wordCount: (title ? wordCount(title) : 0) + bodyWords,
      exact: print.exact,
      meta: page.raw.meta ?? null,
    },
    tallies,
    ...inspected,
  };
}

/** Blocks after an HTML page's h1 searched for its dateline, which often sits outside the article container. */
const DATELINE_SEARCH_BLOCKS = 6;
/** A dateline is short: "By Ann Smith, 12 March 2020, 10:04". */
const DATELINE_MAX_WORDS = 14;

/** The first date in a short block just before or after the page's h1, or none. */
function datelineNearHeading(blocks: readonly Block[]): FoundDate[] {
  const h1 = blocks.findIndex((b) => b.headingLevel === 1);
  if (h1 < 0) return [];
  for (const i of [h1 + 1, h1 - 1, h1 - 2, ...Array.from({ length: DATELINE_SEARCH_BLOCKS - 1 }, (_, k) => h1 + 2 + k)]) {
    const block = blocks[i];
    if (!block || countWords(block.text, DATELINE_MAX_WORDS) > DATELINE_MAX_WORDS) continue;
    const found = findDates(block.text)[0];
    if (found) return [found];
  }
  return [];
}

/** A byline is a short line; a longer one with a date is prose that mentions one. */
const BYLINE_MAX_WORDS = 20;

/** The first date a short line labels as published, anywhere on the page. */
export function bylineDates(blocks: readonly Block[]): FoundDate[] {
  for (const block of blocks) {
    if (block.text.length > 400 || countWords(block.text, BYLINE_MAX_WORDS) > BYLINE_MAX_WORDS) continue;
    const found = labelledDate(block.text);
    if (found) return [found];
  }
  return [];
}

/** Blocks before the article (or its h1) and after its last paragraph searched for a lone date line. */
const DATELINE_LEAD_BLOCKS = 5;
const DATELINE_TAIL_BLOCKS = 5;
/** Without an article: blocks after the h1 searched. */
const DATELINE_AFTER_H1_BLOCKS = 10;

/**
 * The first line that is only a date ("12.01.2017", "Samstag, 5. Oktober 2013") in the article's region:
 * from a few blocks before its h1 or first paragraph to a few after its last. `roles` null: the page has
 * no article, and the region is the h1 and the blocks after it.
 */
export function articleDateline(blocks: readonly Block[], roles: readonly BlockRole[] | null): FoundDate[] {
  const h1 = blocks.findIndex((b) => b.headingLevel === 1);
  const firstBody = roles ? roles.indexOf('body') : -1;
  const lastBody = roles ? roles.lastIndexOf('body') : -1;
  const starts = [h1, firstBody].filter((i) => i >= 0);
  if (starts.length === 0) return [];
  const from = Math.max(0, Math.min(...starts) - DATELINE_LEAD_BLOCKS);
  const to = lastBody >= 0 ? lastBody + DATELINE_TAIL_BLOCKS : h1 + DATELINE_AFTER_H1_BLOCKS;
  for (let i = from; i <= to && i < blocks.length; i++) {
    const found = blocks[i]!.text.length <= 80 ? (dateLine(blocks[i]!.text) ?? leadingDate(blocks[i]!.text)) : null;
    if (found) return [found];
  }
  return [];
}

/** A dateline may carry a little more after its date: "02.02.2022 10:16 - Sport", "13 juin 2019, par Attac". */
const LEADING_DATE_MAX_WORDS = 10;
/** Characters before the date: at most a weekday ("Mittwoch, "). */
const LEADING_DATE_MAX_OFFSET = 12;

/** The date a short line starts with, or null. */
function leadingDate(text: string): FoundDate | null {
  if (countWords(text, LEADING_DATE_MAX_WORDS) > LEADING_DATE_MAX_WORDS) return null;
  const first = findDates(text)[0];
  return first && first.index <= LEADING_DATE_MAX_OFFSET ? first : null;
}

function noArticleDetail(page: PreparedPage): string {
  const total = page.blocks.length;
  return total === 0 ? 'no text blocks' : `none of ${total} blocks is article body (template, boilerplate or a listing)`;
}

/** A text that is one JSON object or array (an export read as a page, a `text` field holding JSON). */
function isJsonData(text: string): boolean {
  const trimmed = text.trim();
  const first = trimmed[0];
  const last = trimmed[trimmed.length - 1];
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

function isHtml(contentType: string | null, text: string): boolean {
  if (contentType && /html|xml/i.test(contentType)) return true;
  if (contentType && /text\/plain/i.test(contentType)) return false;
  return /<(?:!doctype html|html|head|body|p|div|br)\b[^>]*>/i.test(text.slice(0, 8192));
}

function absoluteUrl(href: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href).href;
  } catch {
    return null;
  }
}

/** The site of a page: its URL host without `www.`, else the directory the file sits in. */
export function siteOf(url: string | null, directory: string): string {
  if (url) {
    try {
      const host = new URL(url).hostname.toLowerCase();
      if (host) return host.replace(/^www\./, '');
    } catch {
      // not a URL: fall back to the directory
    }
  }
  return directory;
}
