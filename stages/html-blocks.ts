/**
 * Stage blocks (HTML): a page becomes ordered blocks plus the metadata the page states about itself.
 *
 * Dropped: script, style, noscript, template, svg and other embedded content, form controls, comments,
 * and hidden elements (`hidden`, `aria-hidden="true"`, inline `display:none`/`visibility:hidden`).
 * Kept as separate blocks: headings, paragraphs, list items, table cells, `pre`, and `br`-separated
 * lines. Each block records its tag path, link density, heading level and the element that holds it; the
 * element tree records, per element, whether it says it is boilerplate (nav, header, footer, aside, or a
 * class/id such as menu, breadcrumb, share, cookie). The walk is iterative, so depth costs no stack.
 */
import { parse, type HTMLElement, type Node } from 'node-html-parser';
import { makeBlock } from './blocks.js';
import { cleanText } from './normalize.js';
import type { Block, BlockKind, ElementTree } from './types.js';

const SKIPPED = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'embed', 'canvas',
  'video', 'audio', 'map', 'select', 'textarea', 'button', 'input', 'option', 'datalist', 'dialog',
]);
const BLOCK_LEVEL = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul', 'center', 'legend', 'option', 'picture',
]);
const BOILERPLATE_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
/** Words in an element's class, id or role that say it is not the article. */
const BOILERPLATE_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'share', 'sharing', 'social', 'cookie', 'cookies',
  'consent', 'related', 'comment', 'comments', 'footer', 'header', 'masthead', 'sidebar', 'widget', 'promo', 'advert',
  'advertisement', 'ads', 'banner', 'subscribe', 'newsletter', 'signup', 'popular', 'trending', 'tags', 'pagination',
  'pager', 'skip', 'disqus', 'outbrain', 'taboola', 'sponsored', 'recommended', 'toolbar', 'byline-social',
]);
/** Ancestors named in a block's path. */
const PATH_DEPTH = 6;

export interface HtmlPage {
  readonly blocks: Block[];
  readonly tree: ElementTree;
  /** og:title, else the first h1, else `<title>` without its site-name suffix. */
  readonly title: string | null;
  /** `<link rel=canonical>` or og:url. */
  readonly canonicalUrl: string | null;
  /** `<html lang>`, lower-cased. */
  readonly lang: string | null;
}

interface Frame {
  readonly id: number;
  readonly tag: string;
  readonly label: string;
  readonly inLink: boolean;
}

export function htmlBlocks(html: string): HtmlPage {
  // Whatever precedes <html> (a crawler's wrapper, a server notice) is not part of the page.
  const start = html.search(/<html[\s>]/i);
  // Raw-text elements are read as one text node each, so markup-like text in a script cannot leak.
  const rawText = { script: true, style: true, noscript: true, pre: true, textarea: true, title: true };
  const root = parse(start > 0 ? html.slice(start) : html, { comment: false, blockTextElements: rawText });
  const blocks: Block[] = [];
  const tree = { parent: [-1], tag: ['body'], hint: [undefined] as (string | undefined)[] };
  let text = '';
  let linkChars = 0;
  let context: Frame[] = [];

  const flush = () => {
    const clean = cleanText(text);
    if (clean) {
      const kind = kindOf(context);
      const heading = context.findLast((f) => /^h[1-6]$/.test(f.tag));
      blocks.push(
        makeBlock(clean, kind, blocks.length, {
          path: context.slice(-PATH_DEPTH).map((f) => f.label).join('>'),
          linkDensity: Math.min(1, linkChars / Math.max(1, text.trim().length)),
          element: context[context.length - 1]?.id ?? 0,
          ...(heading ? { headingLevel: Number(heading.tag[1]) } : {}),
        }),
      );
    }
    text = '';
    linkChars = 0;
  };

  // Iterative walk: a stack of nodes to enter and of frames to leave.
  type Step = { node: Node; frames: Frame[] } | { leave: string; frames: Frame[] };
  const body = root.querySelector('body') ?? root;
  const stack: Step[] = [{ node: body, frames: [] }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('leave' in step) {
      if (BLOCK_LEVEL.has(step.leave)) flush();
      context = step.frames;
      continue;
    }
    const { node, frames } = step;
    if (node.nodeType === 3) {
      const piece = node.text;
      text += piece;
      if (frames.some((f) => f.inLink)) linkChars += piece.trim().length;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as HTMLElement;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (SKIPPED.has(tag) || isHidden(el)) continue;
    if (tag === 'br' || tag === 'hr') {
      flush();
      continue;
    }
    const id = tree.parent.length;
    tree.parent.push(frames[frames.length - 1]?.id ?? 0);
    tree.tag.push(tag);
    tree.hint.push(BOILERPLATE_TAGS.has(tag) ? tag : boilerplateToken(el));
    const frame: Frame = { id, tag, label: labelOf(el, tag), inLink: tag === 'a' };
    if (BLOCK_LEVEL.has(tag)) flush();
    else if (tag === 'img' || tag === 'td' || tag === 'th') text += ' ';
    const inner = [...frames, frame];
    context = inner;
    stack.push({ leave: tag, frames });
    for (let i = el.childNodes.length - 1; i >= 0; i--) stack.push({ node: el.childNodes[i]!, frames: inner });
  }
  flush();

  return {
    blocks,
    tree,
    title: pageTitle(root),
    canonicalUrl:
      root.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
      root.querySelector('meta[property="og:url"]')?.getAttribute('content') ??
      null,
    lang: root.querySelector('html')?.getAttribute('lang')?.trim().toLowerCase() || null,
  };
}

function kindOf(frames: readonly Frame[]): BlockKind {
  for (let i = frames.length - 1; i >= 0; i--) {
    const tag = frames[i]!.tag;
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'li' || tag === 'dd' || tag === 'dt') return 'list-item';
    if (tag === 'pre') return 'preformatted';
    if (tag === 'td' || tag === 'th') return 'table-cell';
    if (tag === 'p' || tag === 'blockquote') return 'paragraph';
  }
  return 'paragraph';
}

function isHidden(el: HTMLElement): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return !!style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** The first class/id/role word (split at -, _, spaces and camelCase) that says boilerplate. */
export function boilerplateToken(el: HTMLElement): string | undefined {
  const names = `${el.getAttribute('id') ?? ''} ${el.getAttribute('class') ?? ''} ${el.getAttribute('role') ?? ''}`;
  for (const word of names.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/)) {
    if (BOILERPLATE_WORDS.has(word)) return word;
  }
  return undefined;
}

function labelOf(el: HTMLElement, tag: string): string {
  const id = el.getAttribute('id');
  if (id) return `${tag}#${id.trim().split(/\s+/)[0]}`;
  const cls = el.getAttribute('class')?.trim().split(/\s+/)[0];
  return cls ? `${tag}.${cls}` : tag;
}

const TITLE_SEPARATOR = /\s+[|\-–—:·•»]\s+/u;

function pageTitle(root: HTMLElement): string | null {
  const og = root.querySelector('meta[property="og:title"]')?.getAttribute('content');
  if (og && cleanText(og)) return cleanText(og);
  const h1 = root.querySelector('h1')?.text;
  if (h1 && cleanText(h1)) return cleanText(h1);
  const title = cleanText(root.querySelector('title')?.text ?? '');
  if (!title) return null;
  // "Article title | Site name": keep the longest part when the page title has a separator.
  const parts = title.split(TITLE_SEPARATOR);
  return parts.length > 1 ? parts.reduce((a, b) => (b.length > a.length ? b : a)) : title;
}
