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
import { metaElements, pageMeta, type PageMeta } from './html-meta.js';

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
  readonly meta: PageMeta;
}

/** An open element during the walk; frames link to their parent, so entering an element costs O(1). */
interface Frame {
  readonly id: number;
  readonly tag: string;
  readonly label: string;
  readonly inLink: boolean;
  readonly parent: Frame | null;
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
  let context: Frame | null = null;

  const flush = () => {
    const clean = cleanText(text);
    if (clean) {
      const labels: string[] = [];
      let kind: BlockKind | undefined;
      let headingLevel: number | undefined;
      for (let f = context; f; f = f.parent) {
        if (labels.length < PATH_DEPTH) labels.push(f.label);
        kind ??= KIND_OF_TAG[f.tag];
        if (headingLevel === undefined && HEADING.test(f.tag)) headingLevel = Number(f.tag[1]);
      }
      blocks.push(
        makeBlock(clean, kind ?? 'paragraph', blocks.length, {
          path: labels.reverse().join('>'),
          linkDensity: Math.min(1, linkChars / Math.max(1, clean.length)),
          element: context?.id ?? 0,
          ...(headingLevel ? { headingLevel } : {}),
        }),
      );
    }
    text = '';
    linkChars = 0;
  };

  // Iterative walk: a stack of nodes to enter and of frames to leave.
  type Step = { node: Node; frame: Frame | null } | { leave: string; frame: Frame | null };
  const elements = metaElements(root);
  const body = elements.body ?? root;
  const stack: Step[] = [{ node: body, frame: null }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('leave' in step) {
      if (BLOCK_LEVEL.has(step.leave)) flush();
      context = step.frame;
      continue;
    }
    const { node, frame } = step;
    if (node.nodeType === 3) {
      const piece = node.text;
      text += piece;
      if (frame?.inLink) linkChars += piece.trim().length;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as HTMLElement;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (SKIPPED.has(tag)) continue;
    const attrs = readAttributes(el.rawAttrs);
    if (attrs.hidden) continue;
    if (tag === 'br' || tag === 'hr') {
      flush();
      continue;
    }
    const id = tree.parent.length;
    tree.parent.push(frame?.id ?? 0);
    tree.tag.push(tag);
    tree.hint.push(BOILERPLATE_TAGS.has(tag) ? tag : boilerplateWord(attrs.names));
    const inner: Frame = { id, tag, label: attrs.label ? `${tag}${attrs.label}` : tag, inLink: tag === 'a' || !!frame?.inLink, parent: frame };
    if (BLOCK_LEVEL.has(tag)) flush();
    else if (tag === 'img' || tag === 'td' || tag === 'th') text += ' ';
    context = inner;
    stack.push({ leave: tag, frame });
    for (let i = el.childNodes.length - 1; i >= 0; i--) stack.push({ node: el.childNodes[i]!, frame: inner });
  }
  flush();

  return { blocks, tree, meta: pageMeta(elements) };
}

const HEADING = /^h[1-6]$/;
/** The kind of block an enclosing element makes; the innermost one that says wins. */
const KIND_OF_TAG: Readonly<Record<string, BlockKind>> = {
  h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  li: 'list-item', dd: 'list-item', dt: 'list-item',
  pre: 'preformatted',
  td: 'table-cell', th: 'table-cell',
  p: 'paragraph', blockquote: 'paragraph',
};

interface Attributes {
  /** `#id` or `.firstclass`, for paths. */
  readonly label: string;
  /** id, class and role values, for boilerplate words. */
  readonly names: string;
  readonly hidden: boolean;
}

/** Class names that CSS frameworks use for hidden elements. */
const HIDDEN_CLASSES = new Set(['hidden', 'hide', 'd-none', 'invisible', 'sr-only', 'visually-hidden', 'screen-reader-text']);
const NO_ATTRIBUTES: Attributes = { label: '', names: '', hidden: false };
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** One pass over an element's raw attribute text, reading only what the walk needs. */
function readAttributes(raw: string): Attributes {
  if (!raw) return NO_ATTRIBUTES;
  let id = '';
  let cls = '';
  let role = '';
  let hidden = false;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(raw); m; m = ATTRIBUTE.exec(raw)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    switch (m[1]!.toLowerCase()) {
      case 'id': id = value.trim(); break;
      case 'class':
        cls = value.trim();
        hidden ||= cls.split(/\s+/).some((c) => HIDDEN_CLASSES.has(c.toLowerCase()));
        break;
      case 'role': role = value; break;
      case 'hidden': hidden = true; break;
      case 'aria-hidden': hidden ||= value.trim().toLowerCase() === 'true'; break;
      case 'style': hidden ||= /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(value); break;
    }
  }
  const label = id ? `#${id.split(/\s+/)[0]}` : cls ? `.${cls.split(/\s+/)[0]}` : '';
  return { label, names: `${id} ${cls} ${role}`, hidden };
}

/** The first class/id/role word (split at -, _, spaces and camelCase) that says boilerplate. */
function boilerplateWord(names: string): string | undefined {
  if (!names.trim()) return undefined;
  for (const word of names.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/)) {
    if (BOILERPLATE_WORDS.has(word)) return word;
  }
  return undefined;
}
