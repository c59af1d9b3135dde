/**
 * One page through the stages. `preparePage` (both passes): decode, split into blocks, page type.
 * `cleanPage` (second pass): template marks, segment, dates, language, fingerprint.
 */
import { textBlocks } from '../stages/blocks.js';
import type { DateEvidence, PublishedFrom } from '../stages/dates.js';
import { urlDate, type TypeEvidence } from '../stages/html-meta.js';
import { decode, firstChars, type DecodeWarning } from '../stages/decode.js';
import {
  explain,
  extract,
  teaserFront,
  UNLEARNED,
  type AttemptName,
  type BlockExplanation,
  type Extraction,
  type TeaserFront,
} from '../stages/extract.js';
import { fingerprintOfNorm } from '../stages/fingerprint.js';
import { hash53 } from '../stages/hash.js';
import { htmlBlocks, type HtmlPage } from '../stages/html-blocks.js';
import { detectLanguage } from '../stages/language.js';
import { wordCount } from '../stages/normalize.js';
import { pageDates } from '../stages/page-dates.js';
import { features, pageType, type PageType, type PageTypeInput, type PageTypeResult } from '../stages/page-type.js';
import type { SiteView } from '../stages/template.js';
import { isProseBlock, mapPacked, type Block, type ElementTree } from '../stages/types.js';
import type { Signature } from '../stages/minhash.js';
import type { PageFields, RawPage, Reject } from './types.js';
import type { StageTallies } from './stage-tallies.js';

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
  /** HTML: what kind of page it is (`stages/page-type.ts`), from the page alone; null for a text page. */
  readonly pageType: PageTypeResult | null;
  /** Hash of the page's whole normalised content: equal for the same page saved twice. */
  readonly pageHash: number;
  /** HTML: the visible page was an empty shell, and its hidden elements and `<noscript>` were read as visible. */
  readonly revealed: boolean;
  /**
   * HTML: the main text the page's JSON-LD carries (`structuredBody`), when its blocks do not show it; null when they
   * do, or it has none. The last resort of a page whose attempts find nothing: a shell a script fills in from it.
   */
  readonly structuredBody: string | null;
  /** What a reader of the record should know about the page's text (decode.ts). */
  readonly warnings: readonly DecodeWarning[];
}

export type Prepared =
  { readonly page: PreparedPage; readonly tallies: StageTallies } | { readonly reject: Reject; readonly tallies: StageTallies };

export function preparePage(raw: RawPage): Prepared {
  return prepareWithTypeInput(raw).prepared;
}

/**
 * `preparePage`, with what the page-type stage read of the page (null for a text page or a reject): for
 * scripts/train-page-type.ts, which trains on the same features the pipeline computes.
 */
export function prepareWithTypeInput({ body, ...raw }: RawPage): { prepared: Prepared; typeInput: PageTypeInput | null } {
  const decoded = decode(body, raw.contentType);
  if (!decoded.ok) {
    const reject = { source: raw.source, reason: decoded.reason, detail: decoded.detail };
    return { prepared: { reject, tallies: { decode: { kept: 0, dropped: { [decoded.reason]: 1 } } } }, typeInput: null };
  }
  const { pieces } = decoded;
  const html = isHtml(raw.contentType, pieces);
  const text = html ? null : pieces.join('');
  if (text !== null && isJsonData(text)) {
    const reject: Reject = { source: raw.source, reason: 'no-article', detail: 'the text is JSON data, not prose' };
    return { prepared: { reject, tallies: { decode: { kept: 0, dropped: { json: 1 } } } }, typeInput: null };
  }
  let blocks: Block[];
  let tree: ElementTree | null = null;
  let statedTitle: string | null = null;
  let dateEvidence: readonly DateEvidence[] = [];
  let firstTime: string | null = null;
  let typeEvidence: TypeEvidence | null = null;
  let url = raw.url;
  let revealed = false;
  let structuredBody: string | null = null;
  if (text === null) {
    let parsed = htmlBlocks(pieces, { url });
    url ??= absoluteUrl(parsed.meta.canonicalUrl);
    if (isEmptyShell(parsed) && !isShopShowingProse(parsed, url)) {
      const shown = htmlBlocks(pieces, { reveal: true, url });
      // A single line that a shell hides, and no prose, is its notice (`You need to enable JavaScript`), not its content.
      revealed = shown.blocks.length > parsed.blocks.length + 1 || shown.blocks.some(isProseBlock);
      if (revealed) parsed = shown;
    }
    blocks = parsed.blocks;
    tree = parsed.tree;
    statedTitle = parsed.meta.title;
    dateEvidence = parsed.meta.dateEvidence;
    firstTime = parsed.meta.firstTime;
    typeEvidence = parsed.meta.typeEvidence;
    structuredBody = unshown(parsed.meta.structuredBody, blocks);
  } else {
    blocks = textBlocks(text);
  }
  const allDateEvidence = withUrlDate(dateEvidence, url);
  const typeInput: PageTypeInput | null = typeEvidence
    ? { url, blocks, tree, typeEvidence, dateEvidence: allDateEvidence, statedTitle }
    : null;
  const page: PreparedPage = {
    raw,
    format: html ? 'html' : 'text',
    blocks,
    tree,
    site: siteOf(url, raw.directory),
    url,
    statedTitle,
    dateEvidence: allDateEvidence,
    firstTime,
    pageType: typeInput ? pageType(features(typeInput)) : null,
    pageHash: hash53(mapPacked(blocks, (b) => b.norm).join('\n')),
    revealed,
    structuredBody,
    warnings: decoded.warnings,
  };
  return { prepared: { page, tallies: { decode: { kept: 1, dropped: {} }, blocks: { kept: blocks.length, dropped: {} } } }, typeInput };
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
  readonly warnings: readonly DecodeWarning[];
  /** HTML: the page's type; null for a text page. */
  readonly pageType: PageType | null;
}

/**
 * Which attempt found the content: an extraction attempt, `revealed` for a page read with its hidden content shown, or
 * `structured-data` for one whose attempts found nothing, read from the main text its JSON-LD carries.
 */
export type Attempt = AttemptName | 'revealed' | 'structured-data';

/** An article and the near-duplicate signature computed with it (kept apart: it is not serialised). */
export interface CleanArticle {
  readonly article: Article;
  readonly signature: Signature | null;
  readonly attempt: Attempt;
}

/** What the HTML report shows of a cleaned page, when asked for. */
/** A block the site's template learning removed, and on how many of the site's pages it appeared. */
export interface TemplateBlock {
  readonly hash: number;
  readonly text: string;
  readonly support: number;
}

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

export function cleanPage(page: PreparedPage, site: SiteView, options: CleanOptions = {}): Cleaned {
  const found = extract(page, site);
  const structured = found.segmented.paragraphs.length === 0 ? structuredExtraction(page) : null;
  const extraction = structured ?? found;
  const { segmented } = extraction;
  const tallies: StageTallies = { ...extraction.tallies };
  const title = segmented.title ?? page.statedTitle;
  const inspected: Inspected = {
    ...(options.explain ? { explanation: { site: page.site, url: page.url, title, blocks: explain(extraction, site) } } : {}),
    ...(options.templateBlocks
      ? {
          templateBlocks: {
            site: page.site,
            blocks: extraction.blocks
              .filter((b) => b.verdict === 'template')
              .map((b) => ({ hash: b.hash, text: b.text, support: b.support })),
          },
        }
      : {}),
  };
  const text = mapPacked(segmented.paragraphs, (p) => p.lines.join('\n')).join('\n\n');
  const front = teaserFront(extraction, page.pageType?.type);
  if (!text || front) {
    return { reject: { source: page.raw.source, reason: 'no-article', detail: noArticleDetail(page, front) }, tallies, ...inspected };
  }
  const dates = pageDates(page, { segmented, title }, page.raw.fetchedAt?.slice(0, 10));
  const bodyWords = wordCount(text);
  const language = detectLanguage(bodyWords >= 5 ? text : `${title ?? ''}\n${text}`, { only: options.languages });
  tallies.dates = dates.tally;
  tallies.language = language.tally;
  const print = fingerprintOfNorm(segmented.bodyNorm, title);
  return {
    signature: print.signature,
    attempt: structured ? 'structured-data' : page.revealed ? 'revealed' : extraction.attempt,
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
      warnings: page.warnings,
      pageType: page.pageType?.type ?? null,
    },
    tallies,
    ...inspected,
  };
}

/** The attempts on the page's structured body (`PreparedPage.structuredBody`) alone; null without one, or when they find nothing. */
function structuredExtraction(page: PreparedPage): Extraction | null {
  if (page.structuredBody === null) return null;
  const { blocks, tree } = htmlBlocks([page.structuredBody], { url: page.url });
  const extraction = extract({ blocks, tree, statedTitle: page.statedTitle, pageType: page.pageType }, UNLEARNED);
  return extraction.segmented.paragraphs.length > 0 ? extraction : null;
}

/** Characters of a structured body's text that its page must show for the body to be what the page shows. */
const SHOWN_OPENING_CHARS = 60;

/** The structured body, unless the page's blocks show its opening words: then the attempts read it there. */
function unshown(body: string | null, blocks: readonly Block[]): string | null {
  if (body === null) return null;
  const opening = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, SHOWN_OPENING_CHARS);
  return blocks.some((b) => b.text.includes(opening)) ? null : body;
}

function noArticleDetail(page: PreparedPage, front: TeaserFront | null): string {
  const total = page.blocks.length;
  if (total === 0) return 'no text blocks';
  if (front) return `a front page: ${front.teaserBlocks} blocks of other pages' teasers around ${front.found} characters of its own`;
  return `none of ${total} blocks is article body (template, boilerplate or a listing)`;
}

/**
 * A page whose visible text is a small part of its text: an app shell that a script fills in, its
 * content in `<noscript>` (for crawlers) or in a wrapper hidden until the script runs.
 */
const EMPTY_SHELL_SHARE = 0.3;

function isEmptyShell(page: HtmlPage): boolean {
  if (page.hiddenChars === 0) return false;
  let visible = 0;
  for (const block of page.blocks) visible += block.text.length;
  return visible < EMPTY_SHELL_SHARE * (visible + page.hiddenChars);
}

/** Characters of visible prose (`isProseBlock`) from which a shop's page shows its own text. */
const SHOWN_PROSE_CHARS = 1000;

/**
 * A shop's page (typed product or collection as it shows) that shows prose of its own is not a shell, however
 * much it hides: what it hides is its variants' details, its cards' quick views and its menus. (A service
 * page's hidden tabs, by contrast, are its copy.)
 */
function isShopShowingProse(page: HtmlPage, url: string | null): boolean {
  let prose = 0;
  for (const block of page.blocks) if (isProseBlock(block)) prose += block.text.length;
  const { typeEvidence, dateEvidence, title: statedTitle } = page.meta;
  if (prose < SHOWN_PROSE_CHARS || !typeEvidence) return false;
  const input = { url, blocks: page.blocks, tree: page.tree, typeEvidence, dateEvidence: withUrlDate(dateEvidence, url), statedTitle };
  const type = pageType(features(input)).type;
  return type === 'product' || type === 'collection';
}

/** The dates a page states outside its text, and its URL's date last. */
function withUrlDate(evidence: readonly DateEvidence[], url: string | null): DateEvidence[] {
  const fromUrl = urlDate(url);
  return fromUrl ? [...evidence, fromUrl] : [...evidence];
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

function isHtml(contentType: string | null, pieces: readonly string[]): boolean {
  if (contentType && /html|xml/i.test(contentType)) return true;
  if (contentType && /text\/plain/i.test(contentType)) return false;
  return /<(?:!doctype html|html|head|body|p|div|br)\b[^>]*>/i.test(firstChars(pieces, HTML_SNIFF_CHARS));
}
/** The characters at the start of a page that isHtml looks at for a tag. */
const HTML_SNIFF_CHARS = 8192;

/** The page's stated address as a URL; a protocol-relative one (`//host/path`) is taken as `https:`. */
function absoluteUrl(href: string | null): string | null {
  const address = href?.trim();
  if (!address) return null;
  try {
    return new URL(address.startsWith('//') ? `https:${address}` : address).href;
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
