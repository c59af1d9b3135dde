/**
 * Stage blocks (HTML): a page becomes ordered blocks plus the metadata the page states about itself.
 *
 * Dropped: script, style, noscript, template, svg and other embedded content, form controls, comments,
 * ruby annotations (`rt`, `rp`) and hidden elements (`hidden`, `aria-hidden="true"`, inline
 * `display:none`/`visibility:hidden`).
 * Kept as separate blocks: headings, paragraphs, list items, table cells, `pre`, and paragraphs split by two
 * `br`s; one `br` breaks a line inside its block (kept as a newline), unless the line is mostly link or a
 * short line with a date, which stays a block of its own. Each block records its tag path, link density,
 * heading level and the element that holds it; the element tree records, per element, whether it says it is
 * boilerplate (nav, header, footer, aside, or a class/id such as menu, breadcrumb, share, cookie). The walk is
 * iterative, so depth costs no stack.
 */
import { decodeHTML } from 'entities';
import { makeBlock } from './blocks.js';
import { countWords, textForms } from './normalize.js';
import { DATED_LINE_MAX_WORDS, findDates } from './date-parse.js';
import { childUnder, commonAncestor, PROSE_LINK_DENSITY, type Block, type BlockKind, type ElementTree } from './types.js';
import { attribute, MetaCollector, pageMeta, type Attributes, type PageMeta } from './html-meta.js';
import { SkippingTokenizer } from './html-tokenizer.js';
import { HtmlParser } from './html-parser.js';

const SKIPPED = new Set([
  'title',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'embed',
  'canvas',
  'video',
  'audio',
  'map',
  'select',
  'textarea',
  'button',
  'input',
  'option',
  'datalist',
  'dialog',
  // A ruby annotation (a reading over its kanji) and its fallback brackets: the text is the base it annotates.
  'rt',
  'rp',
]);
const BLOCK_LEVEL = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'center',
  'legend',
  'option',
  'picture',
]);
/** A table's header row and cells. */
const TABLE_HEADS: ReadonlySet<string> = new Set(['thead', 'th']);
/** Elements that are never the content: site chrome, forms, an image's caption. */
const BOILERPLATE_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'menu', 'form', 'figcaption']);
/** Words in an element's class, id or role that say it is not the article. */
const BOILERPLATE_WORDS = new Set([
  'nav',
  'navbar',
  'navigation',
  'menu',
  'breadcrumb',
  'breadcrumbs',
  'share',
  'sharing',
  'social',
  'cookie',
  'cookies',
  'consent',
  'related',
  'comment',
  'comments',
  'footer',
  'header',
  'masthead',
  'sidebar',
  'widget',
  'promo',
  'advert',
  'advertisement',
  'ads',
  'banner',
  'subscribe',
  'newsletter',
  'signup',
  'popular',
  'trending',
  'tags',
  'pagination',
  'pager',
  'disqus',
  'outbrain',
  'taboola',
  'sponsored',
  'recommended',
  'toolbar',
  'caption',
  'author',
  'bio',
  'byline',
  'meta',
  'cta',
  'disclaimer',
  'login',
  'modal',
  'popup',
  'donate',
  'donation',
  'subscription',
  'rating',
  'ratings',
  'signature',
  'copyright',
  'legend',
]);
/**
 * Hint words that say boilerplate on a product page only (stages/boilerplate.ts): its customers' reviews,
 * where a review site's article or a shop's list of reviewed products is the content elsewhere.
 */
export const PRODUCT_ONLY_HINTS: ReadonlySet<string> = new Set(['review', 'reviews', 'testimonial', 'testimonials']);
/** Ancestors named in a block's path. */
const PATH_DEPTH = 6;

export interface HtmlPage {
  readonly blocks: Block[];
  readonly tree: ElementTree;
  readonly meta: PageMeta;
  /** Characters of text inside hidden elements and `<noscript>`, not in the blocks (0 when they were revealed). */
  readonly hiddenChars: number;
}

export interface BlockOptions {
  /**
   * Read hidden elements and `<noscript>` as visible: for a page whose visible text is an empty shell
   * (an app that a script fills in, with its content in `<noscript>` or in a hidden wrapper).
   */
  readonly reveal?: boolean;
  /**
   * The page's address: links to its host are the site's own (`Block.ownLinkDensity`). Without one, the address the
   * page's head states for itself (its canonical link, its og:url) tells its host.
   */
  readonly url?: string | null;
}

/** An open element that holds text; frames link to their parent, so entering an element costs O(1). */
interface Frame {
  readonly id: number;
  readonly label: string;
  readonly inLink: boolean;
  /** Inside a link to the page's own site. */
  readonly inOwnLink: boolean;
  /** The kind of block the innermost element that says one makes (li: list-item...), inherited. */
  readonly kind: BlockKind | undefined;
  /** The innermost enclosing h1..h6, inherited. */
  readonly headingLevel: number | undefined;
  /** Read with hidden text shown: inside the site's chrome (`isChromeWrapper`), whose hidden parts stay hidden. */
  readonly chrome: boolean;
  readonly parent: Frame | null;
}

/** The page's blocks, its element tree and its metadata. `html`: the markup, whole or in consecutive pieces. */
export function htmlBlocks(html: string | readonly string[], options: BlockOptions = {}): HtmlPage {
  const pieces = typeof html === 'string' ? [html] : html;
  const meta = new MetaCollector();
  const given = hostOf(options.url ?? null);
  const blocks = new BlockBuilder(options.reveal ?? false, () => given ?? hostOf(meta.statedAddress()));
  // Character references are decoded here, not by htmlparser2's tokenizer: told to decode, it steps through
  // text and attribute values one character at a time; told not to, it skips to the next `<` or quote, and
  // only what holds an `&` needs decoding (attribute values as they are read, by `attribute`). Text is
  // gathered up to the next markup event, so a reference that a piece boundary cuts is decoded whole.
  let written = '';
  let rawText = false;
  const flushText = () => {
    if (written === '') return;
    const text = written.includes('&') ? decodeHTML(written) : written;
    written = '';
    meta.text(text);
    blocks.text(text);
  };
  const parser = new HtmlParser(
    {
      onopentag: (tag, attrs) => {
        flushText();
        meta.open(tag, attrs);
        blocks.open(tag, attrs);
        rawText = RAW_TEXT.has(tag);
      },
      ontext: (text) => {
        if (!rawText) written += text;
        else {
          meta.text(text);
          blocks.text(text);
        }
      },
      onclosetag: () => {
        flushText();
        rawText = false;
        meta.close();
        blocks.close();
      },
      oncomment: flushText,
      onprocessinginstruction: flushText,
    },
    { decodeEntities: false, Tokenizer: SkippingTokenizer },
  );
  for (const piece of pieces) parser.write(piece);
  parser.end();
  flushText();
  return { ...blocks.finish(), meta: pageMeta(meta.elements()) };
}

/** Elements whose text is taken as written, with no character references (the HTML Standard's raw text elements htmlparser2 knows). */
const RAW_TEXT = new Set(['script', 'style', 'xmp']);

/**
 * Markup a page escaped into the text of a hidden element (`&lt;img src=…&gt;` in a `<noscript>`: a tracking
 * pixel for readers without scripts), which shows as code, not as content hidden from the reader.
 */
const ESCAPED_TAG = /<\/?[a-z][^<>]*>/gi;

/**
 * What closing an element does: leave a frame (restoring the enclosing one), or nothing. `glyphFrom`: for a heading's
 * anchor, where its text starts in the block (-1 for any other element): an anchor that shows only a glyph (`¶`, `#`,
 * an icon font's character) is the heading's permalink, not its text.
 */
type Opened = { readonly leave: string; readonly restore: Frame | null; readonly glyphFrom: number } | Skipped | 'outside' | 'void';
/** A skipped element: its text is `hidden` (it could be shown: a hidden element, `<noscript>`) or never text. */
type Skipped = 'hidden' | 'never';

/** Elements of the document head; any other element, or text, starts the body (HTML Standard, "in head"). */
const HEAD_ELEMENTS = new Set([
  'base',
  'basefont',
  'bgsound',
  'link',
  'meta',
  'title',
  'noscript',
  'noframes',
  'style',
  'script',
  'template',
]);
/** Skipped elements whose text a page hides rather than never shows: revealed when asked. */
const REVEALABLE = new Set(['noscript']);

/**
 * Builds blocks and the element tree from a parser's balanced open/close events. Text gathers until a
 * block-level element opens or closes (or a `br`), then becomes one block; scripts, forms, hidden
 * elements and everything inside them are skipped. The body starts as a browser starts it: at `<body>`,
 * or at the first element or text that cannot be in the head; a `</body>` does not end it.
 */
class BlockBuilder {
  private readonly blocks: Block[] = [];
  private readonly tree = { parent: [-1], tag: ['body'], hint: [undefined] as (string | undefined)[], named: [false] };
  private readonly opened: Opened[] = [];
  /** Elements whose boilerplate hint comes from their id alone, with that id: a heading's anchor, unless proved otherwise. */
  private readonly idHinted: { element: number; id: string }[] = [];
  /** The ids of the elements opened so far: the places a link can lead back to. */
  private readonly ids = new Set<string>();
  /** `img` elements that are pictures rather than icons, in document order. */
  private readonly pictures: number[] = [];
  /** Elements open inside a skipped one (counting it), and how many of them never hold text. */
  private skipDepth = 0;
  private neverDepth = 0;
  private inBody = false;
  private context: Frame | null = null;
  /**
   * The block's text: its lines up to the last `br` joined into it (with the line break), and the line after it. Kept
   * apart so that judging a line reads that line alone: a slice of the whole would copy it at each `br`.
   */
  private blockText = '';
  private lineText = '';
  private linkChars = 0;
  private ownLinkChars = 0;
  /** One text node, delivered in pieces (entities apart): link characters count its trimmed whole. */
  private nodeText = '';
  private hiddenChars = 0;
  /** Text inside hidden elements and `<noscript>` since the outermost of them opened, measured when it closes. */
  private hiddenText = '';
  /** A `br` ended the last line and no text followed yet: a second one ends the block. */
  private lineBroken = false;
  /** The link characters before the block's current line. */
  private lineLinkChars = 0;
  private lineOwnLinkChars = 0;
  /** The element the last joined `br` stood in: the text before a link line is a block of it. */
  private lineContext: Frame | null = null;

  /** The page's host, known once the body begins: links to it are the site's own. */
  private host: string | null = null;

  constructor(
    private readonly reveal: boolean,
    /** The page's host as known when its body begins (the head may state its address), or null. */
    private readonly hostAtBody: () => string | null,
  ) {}

  open(tag: string, attrs: Attributes): void {
    this.endTextNode();
    if (this.skipDepth > 0) return this.skip(SKIPPED.has(tag) ? 'never' : 'hidden');
    if (tag === 'html' || tag === 'head' || tag === 'body') {
      // The one root: a second <html> or <body> only adds attributes to it.
      if (tag === 'body' && !this.inBody) this.enterBody();
      return void this.opened.push('outside');
    }
    if (!this.inBody) {
      if (HEAD_ELEMENTS.has(tag)) return this.skip('never');
      this.enterBody();
    }
    const parent = this.context;
    const inChrome = parent?.chrome ?? false;
    if (SKIPPED.has(tag) && !(this.reveal && REVEALABLE.has(tag) && !inChrome)) return this.skip(REVEALABLE.has(tag) ? 'hidden' : 'never');
    const read = readAttributes(attrs);
    if (read.id !== '') this.ids.add(read.id);
    // A dialog is closed until the reader opens it, even on a page read with its hidden text shown.
    if (read.dialog) return this.skip('never');
    // A custom element's name (`pp-navigation`, `site-footer`, `amp-sidebar`) names it as a class would.
    const custom = tag.includes('-');
    const named = BOILERPLATE_TAGS.has(tag) ? tag : boilerplateWord(custom ? `${tag} ${read.names}` : read.names);
    // A table's header cells are called `header` (`th.headerSort`) for what they are in the table, not in the page.
    const hint = named === 'header' && TABLE_HEADS.has(tag) ? undefined : named;
    if (read.hidden && !(this.reveal && !(inChrome || isChrome(hint, read.names)))) return this.skip('hidden');
    if (tag === 'hr' || (tag === 'br' && this.lineBroken)) {
      this.flush();
      return void this.opened.push('void');
    }
    if (tag === 'br') {
      // A line that is mostly link (a source's address, a "read more", `Genre: <a>…</a>, <a>…</a>`) stays a block of
      // its own, for link density to judge as it would a paragraph; so does a short line stating a date (a date line
      // under a headline, `Erschienen am: 01.11.2023`), for the dates stage to read as a line.
      if (this.lineStandsApart()) this.flush();
      else {
        this.lineBroken = true;
        this.blockText += this.lineText + LINE_BREAK;
        this.lineText = '';
        this.lineLinkChars = this.linkChars;
        this.lineOwnLinkChars = this.ownLinkChars;
        this.lineContext = parent;
      }
      return void this.opened.push('void');
    }
    const id = this.tree.parent.length;
    this.tree.parent.push(parent?.id ?? 0);
    this.tree.tag.push(tag);
    this.tree.hint.push(hint);
    if (hint !== undefined && !BOILERPLATE_TAGS.has(tag) && isAnchorLike(read.id) && boilerplateWord(read.classNames) === undefined)
      this.idHinted.push({ element: id, id: read.id });
    this.tree.named.push(read.label !== '');
    if (BLOCK_LEVEL.has(tag)) this.flush();
    else if (tag === 'img' || tag === 'td' || tag === 'th') this.lineText += ' ';
    if (tag === 'img' && !isIcon(attrs)) this.pictures.push(id);
    // A custom element with an address (`<pp-link href>`, a design system's link or button) is a link. A heading's
    // link back to a place already on the page (its own anchor, a documentation's contents) is not a headline's; one to
    // a place further down is a jump menu's entry.
    const href = tag === 'a' || custom ? attribute(attrs, 'href') : undefined;
    const linkTag = tag === 'a' || href !== undefined;
    const headingsAnchor =
      linkTag && parent?.headingLevel !== undefined && HEADING.test(this.tree.tag[parent.id]!) && this.placeAbove(href);
    const link = linkTag && !headingsAnchor;
    this.context = {
      id,
      label: read.label ? `${tag}${read.label}` : tag,
      inLink: link || !!parent?.inLink,
      inOwnLink: (link && isOwnLink(href, this.host)) || !!parent?.inOwnLink,
      kind: KIND_OF_TAG[tag] ?? parent?.kind,
      headingLevel: HEADING.test(tag) ? Number(tag[1]) : parent?.headingLevel,
      chrome: this.reveal && (inChrome || isChromeWrapper(tag, read.names)),
      parent,
    };
    this.opened.push({ leave: tag, restore: parent, glyphFrom: headingsAnchor ? this.blockText.length + this.lineText.length : -1 });
  }

  text(text: string): void {
    if (this.skipDepth > 0) {
      if (this.neverDepth === 0) this.hiddenText += text;
      return;
    }
    if (!this.inBody) {
      if (!/\S/.test(text)) return;
      this.enterBody();
    }
    if (/\S/.test(text)) this.lineBroken = false;
    this.nodeText += text;
  }

  private enterBody(): void {
    this.inBody = true;
    this.host = this.hostAtBody();
  }

  close(): void {
    this.endTextNode();
    const opened = this.opened.pop();
    if (opened === 'hidden' || opened === 'never') {
      this.skipDepth--;
      if (opened === 'never') this.neverDepth--;
      if (this.skipDepth === 0) this.measureHidden();
    } else if (opened && opened !== 'outside' && opened !== 'void') {
      if (opened.glyphFrom >= 0) this.cutGlyph(opened.glyphFrom);
      if (BLOCK_LEVEL.has(opened.leave)) this.flush();
      this.context = opened.restore;
    }
  }

  finish(): { blocks: Block[]; tree: ElementTree; hiddenChars: number } {
    this.endTextNode();
    this.flush();
    this.measureHidden();
    this.clearAnchorHints();
    hintPictureBoxes(this.blocks, this.tree, this.pictures);
    return { blocks: this.blocks, tree: this.tree, hiddenChars: this.hiddenChars };
  }

  /**
   * An id that spells the heading its element opens with (`<h2 id="menu-design-for-large-events">Menu design for large
   * events</h2>`, a section `id="related-work-on-social-media"` under that heading) is an anchor a table of contents
   * links to, made from the heading's words: a boilerplate word in it is a word of the text, not the element's name.
   */
  private clearAnchorHints(): void {
    if (this.idHinted.length === 0) return;
    const { parent } = this.tree;
    let b = 0;
    for (const { element, id } of this.idHinted) {
      while (b < this.blocks.length && (this.blocks[b]!.element ?? 0) < element) b++;
      const first = this.blocks[b];
      if (first === undefined || first.headingLevel === undefined) continue;
      const inside = childUnder(this.tree, first.element, parent[element]!) === element;
      if (inside && spellsAnchor(first.text, id)) this.tree.hint[element] = undefined;
    }
  }

  private measureHidden(): void {
    if (this.hiddenText === '') return;
    this.hiddenChars += this.hiddenText.replace(ESCAPED_TAG, '').length;
    this.hiddenText = '';
  }

  private skip(kind: Skipped): void {
    this.skipDepth++;
    if (kind === 'never') this.neverDepth++;
    this.opened.push(kind);
  }

  private endTextNode(): void {
    if (!this.nodeText) return;
    this.lineText += this.nodeText;
    if (this.context?.inLink) this.linkChars += this.nodeText.trim().length;
    if (this.context?.inOwnLink) this.ownLinkChars += this.nodeText.trim().length;
    this.nodeText = '';
  }

  /** An address that is a place on the page (`#usage`) opened before: the element holding the link, or one above it. */
  private placeAbove(href: string | undefined): boolean {
    return href !== undefined && href.startsWith('#') && this.ids.has(href.slice(1));
  }

  /** Cuts the block's text back to `from` (an offset into the whole of it) when what follows holds no letter or digit. */
  private cutGlyph(from: number): void {
    const inLine = from - this.blockText.length;
    if (inLine >= 0) {
      if (inLine <= this.lineText.length && !LETTER_OR_DIGIT.test(this.lineText.slice(inLine)))
        this.lineText = this.lineText.slice(0, inLine);
    } else if (!LETTER_OR_DIGIT.test(this.blockText.slice(from) + this.lineText)) {
      this.blockText = this.blockText.slice(0, from);
      this.lineText = '';
    }
  }

  /** The current line holds text, most of it (PROSE_LINK_DENSITY) link text, or a date in few words. */
  private lineStandsApart(): boolean {
    const line = this.lineText.trim();
    if (line === '') return false;
    if (this.linkChars - this.lineLinkChars >= PROSE_LINK_DENSITY * line.length) return true;
    return countWords(line, DATED_LINE_MAX_WORDS) <= DATED_LINE_MAX_WORDS && findDates(line).length > 0;
  }

  private flush(): void {
    if (this.blockText !== '' && this.lineStandsApart()) {
      // The text before a last line that stands apart (mostly link, or a date) is a block apart from it.
      this.push(this.blockText, this.lineLinkChars, this.lineOwnLinkChars, this.lineContext);
      this.push(this.lineText, this.linkChars - this.lineLinkChars, this.ownLinkChars - this.lineOwnLinkChars, this.context);
    } else this.push(this.blockText + this.lineText, this.linkChars, this.ownLinkChars, this.context);
    this.blockText = '';
    this.lineText = '';
    this.lineBroken = false;
    this.lineLinkChars = 0;
    this.lineOwnLinkChars = 0;
    this.linkChars = 0;
    this.ownLinkChars = 0;
  }

  private push(text: string, linkChars: number, ownLinkChars: number, context: Frame | null): void {
    const { clean, norm } = blockForms(text);
    if (!clean) return;
    const labels: string[] = [];
    for (let f = context; f && labels.length < PATH_DEPTH; f = f.parent) labels.push(f.label);
    const headingLevel = context?.headingLevel;
    this.blocks.push(
      makeBlock(clean, norm, context?.kind ?? 'paragraph', this.blocks.length, {
        path: labels.reverse().join('>'),
        linkDensity: Math.min(1, linkChars / Math.max(1, clean.length)),
        ownLinkDensity: Math.min(1, ownLinkChars / Math.max(1, clean.length)),
        headingLevel,
        element: context?.id ?? 0,
      }),
    );
  }
}

/** An id of at least ANCHOR_MIN_WORDS words joined by `-` or `_`, as a heading's anchor is. */
function isAnchorLike(id: string): boolean {
  return id !== '' && !/\s/.test(id) && id.split(/[-_]+/).filter((w) => w !== '').length >= ANCHOR_MIN_WORDS;
}
const ANCHOR_MIN_WORDS = 3;

/**
 * A heading's text spells an id: the same letters and digits, whatever joins them (`what-s` or `whats` for
 * "What's"), or the text's first ones when the site cuts long anchors (at least ANCHOR_CUT_MIN characters).
 */
function spellsAnchor(text: string, id: string): boolean {
  const heading = lettersOf(text);
  const anchor = lettersOf(id);
  return heading === anchor || (anchor.length >= ANCHOR_CUT_MIN && heading.startsWith(anchor));
}
const ANCHOR_CUT_MIN = 24;

/** A text's letters and digits, lower-cased, accents dropped. */
function lettersOf(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Where a single `br` breaks a block's text (U+2028 LINE SEPARATOR; the page's own newlines are spaces). */
const LINE_BREAK = '\u2028';

/**
 * textForms of a block's text, its lines (joined at a single `br`) kept apart by a newline in the display form;
 * the matching form folds it as any other space.
 */
function blockForms(text: string): { clean: string; norm: string } {
  if (!text.includes(LINE_BREAK)) return textForms(text);
  const lines: string[] = [];
  for (const line of text.split(LINE_BREAK)) {
    const { clean } = textForms(line);
    if (clean) lines.push(clean);
  }
  const clean = lines.join('\n');
  return { clean, norm: textForms(clean).norm };
}

/** An absolute web address (`https://`, `http://`, `//`), and its host without `www.`. */
const WEB_ADDRESS = /^(?:https?:)?\/\/(?:www\.)?([^/?#:]+)/i;

/** A page's host without `www.`, lower-cased; null when the address is missing or not a web address. */
function hostOf(url: string | null): string | null {
  const m = url ? WEB_ADDRESS.exec(url.trim()) : null;
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * A link to the page's own site: a relative address, or one on the page's host. An anchor without an address,
 * a `mailto:`/`tel:` link and a link to another host are not; with the page's host unknown, every address is.
 */
function isOwnLink(href: string | undefined, host: string | null): boolean {
  if (href === undefined) return false;
  const target = href.trim();
  if (/^(?:mailto|tel|sms):/i.test(target)) return false;
  if (host === null) return true;
  const address = WEB_ADDRESS.exec(target);
  return address === null || address[1]!.toLowerCase() === host;
}

const HEADING = /^h[1-6]$/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** The kind of block an enclosing element makes; the innermost one that says wins. */
const KIND_OF_TAG: Readonly<Record<string, BlockKind>> = {
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  li: 'list-item',
  dd: 'list-item',
  dt: 'list-item',
  pre: 'preformatted',
  td: 'table-cell',
  th: 'table-cell',
  p: 'paragraph',
  blockquote: 'paragraph',
};

interface WalkAttributes {
  /** `#id` or `.firstclass`, for paths. */
  readonly label: string;
  /** id, class and role values, for boilerplate words. */
  readonly names: string;
  /** The class and role values alone: the names without an id. */
  readonly classNames: string;
  /** The id value. */
  readonly id: string;
  readonly hidden: boolean;
  /** A dialog (`role="dialog"`, `aria-modal="true"`): a window the page opens over itself, closed on load. */
  readonly dialog: boolean;
}

/**
 * React's streamed server rendering sends each late part of a page as `<div hidden id="S:n">`, which a
 * script of the page moves into place at once: content, not hidden.
 */
const STREAMED_SEGMENT = /^S:[0-9a-f]+$/;

/** Roles of a window the page opens over itself. */
const DIALOG_ROLES = new Set(['dialog', 'alertdialog']);

/** Class tokens that hide an element (CSS frameworks' utility classes). */
const HIDDEN_CLASSES: ReadonlySet<string> = new Set([
  'hidden',
  'hide',
  'd-none',
  'invisible',
  'sr-only',
  'visually-hidden',
  'screen-reader-text',
]);

/** An element with none of the attributes the walk reads (most: `<p>`, `<li>`, `<a href>`). */
const PLAIN: WalkAttributes = { label: '', names: '', classNames: '', id: '', hidden: false, dialog: false };
/** A class attribute holding one of HIDDEN_CLASSES (plain words and hyphens) as a whole token. */
const HIDDEN_CLASS = new RegExp(`(?:^|\\s)(?:${[...HIDDEN_CLASSES].join('|')})(?=\\s|$)`, 'i');
/** An inline style that hides its element. */
const HIDING_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** The first token of an id or class attribute, for a path's label. */
const FIRST_TOKEN = /^\S+/;

/** Whether a class attribute holds a class that hides its element (HIDDEN_CLASSES, any case). */
export function hasHiddenClass(classes: string): boolean {
  return HIDDEN_CLASS.test(classes);
}

/** An image this low (its stated height, in pixels) is an icon or a spacer, not a picture with a caption. */
const ICON_PIXELS = 50;
/** An image narrower than this (its stated width) floats beside the text it illustrates: what follows it is that text. */
const BESIDE_TEXT_PIXELS = 300;
/** A picture's caption and credit under it, together: a few short lines. */
const PICTURE_BOX_CHARS = 250;
const PICTURE_BOX_BLOCKS = 3;
/** More captioned pictures than this on a page make a gallery or a list. */
const MAX_CAPTIONED_PICTURES = 5;

/** An icon, a spacer or a picture floated beside its text, by its stated size: no caption under it. */
function isIcon(attrs: Attributes): boolean {
  const pixels = (name: string) => Number.parseInt(attribute(attrs, name) ?? '', 10);
  return pixels('width') < BESIDE_TEXT_PIXELS || pixels('height') < ICON_PIXELS;
}

/**
 * A picture and the lines under it, in an element of their own with nothing before the picture (`<div><img><div>The
 * minister at the fair. Photo: Jane Doe</div></div>`, a `figure` without its name): its caption, hinted as a
 * `figcaption` or a class `caption` hints theirs. The lines must be few, short, not headings and not links (a teaser's
 * picture and headline are a link's); text in the picture's own element (`<p><img>Text</p>`) is the paragraph's.
 */
function hintPictureBoxes(
  blocks: readonly Block[],
  tree: ElementTree & { hint: (string | undefined)[] },
  pictures: readonly number[],
): void {
  if (pictures.length === 0 || blocks.length === 0) return;
  const { parent } = tree;
  const last = parent.map((_, e) => e);
  for (let e = parent.length - 1; e > 0; e--) last[parent[e]!] = Math.max(last[parent[e]!]!, last[e]!);
  // Each box: its element and the span of blocks it holds.
  const boxes: { box: number; from: number; to: number }[] = [];
  let k = 0;
  for (const picture of pictures) {
    while (k < blocks.length && (blocks[k]!.element ?? 0) <= picture) k++;
    if (k >= blocks.length) break;
    const first = blocks[k]!.element!;
    const box = commonAncestor(tree, picture, first);
    if (box <= 0 || box === first || tree.hint[box] !== undefined || boxes.some((x) => x.box === box)) continue;
    // Text before the picture in the same element: the picture sits in a story or a list, not over its caption.
    if (k > 0 && (blocks[k - 1]!.element ?? -1) >= box) continue;
    let chars = 0;
    let i = k;
    let caption = true;
    for (; i < blocks.length && (blocks[i]!.element ?? 0) <= last[box]!; i++) {
      const block = blocks[i]!;
      chars += block.text.length;
      if (
        block.kind === 'heading' ||
        (block.linkDensity ?? 0) >= PROSE_LINK_DENSITY ||
        chars > PICTURE_BOX_CHARS ||
        i - k >= PICTURE_BOX_BLOCKS
      ) {
        caption = false;
        break;
      }
    }
    if (caption) boxes.push({ box, from: k, to: i });
  }
  // Many captioned pictures make a gallery or a list of items, and boxes one right after the other a grid of cards:
  // their lines are what the page shows, not notes under a story's pictures.
  if (boxes.length > MAX_CAPTIONED_PICTURES) return;
  boxes.forEach(({ box, from, to }, n) => {
    if (boxes[n - 1]?.to === from || boxes[n + 1]?.from === to) return;
    tree.hint[box] = 'caption';
  });
}

/** What the walk needs of an element's attributes. Runs on every element: a lookup by name each (`attribute`), one regex a test. */
function readAttributes(attrs: Attributes): WalkAttributes {
  const idValue = attribute(attrs, 'id');
  const classValue = attribute(attrs, 'class');
  const role = attribute(attrs, 'role');
  const style = attribute(attrs, 'style');
  const hiddenAttribute = attribute(attrs, 'hidden');
  const ariaHidden = attribute(attrs, 'aria-hidden');
  const ariaModal = attribute(attrs, 'aria-modal');
  if (
    idValue === undefined &&
    classValue === undefined &&
    role === undefined &&
    style === undefined &&
    hiddenAttribute === undefined &&
    ariaHidden === undefined &&
    ariaModal === undefined
  )
    return PLAIN;
  const id = idValue?.trim() ?? '';
  const cls = classValue?.trim() ?? '';
  let hidden =
    (hiddenAttribute !== undefined && !STREAMED_SEGMENT.test(id)) ||
    ariaHidden?.trim().toLowerCase() === 'true' ||
    (cls !== '' && hasHiddenClass(cls)) ||
    (style !== undefined && HIDING_STYLE.test(style));
  const label = id ? `#${FIRST_TOKEN.exec(id)![0]}` : cls ? `.${FIRST_TOKEN.exec(cls)![0]}` : '';
  const classNames = `${cls} ${role ?? ''}`;
  const names = `${id} ${classNames}`;
  if (hidden && isCollapsedPanel(names, role?.trim().toLowerCase() === 'region' && attribute(attrs, 'aria-labelledby') !== undefined))
    hidden = false;
  const dialog = (role !== undefined && DIALOG_ROLES.has(role.trim().toLowerCase())) || ariaModal?.trim().toLowerCase() === 'true';
  return { label, names, classNames, id, hidden, dialog };
}

/** Words of a class, id or role that name a section the reader opens in place: a tab, an accordion, a FAQ's answer. */
const PANEL_WORDS = new Set(['accordion', 'collapse', 'collapsible', 'faq', 'faqs', 'tab', 'tabs', 'tabpanel', 'toggle']);
/** Words of the site's chrome that opens over or beside the page, besides the boilerplate words. */
const CHROME_WORDS = new Set(['dropdown', 'flyout', 'drawer', 'cart', 'search', 'overlay', 'mega', 'submenu']);

/**
 * A hidden element that is a collapsed section of the page — a tab panel, an accordion's body, a FAQ's
 * answer — rather than chrome (a menu, a cart drawer, a dialog): what a reader opens in place is part of
 * the page, as extractors that read the served HTML show it. Its names say so, or its ARIA does: a region
 * labelled by the heading or button that opens it (`labelledRegion`) is how WAI-ARIA writes an accordion's panel.
 */
function isCollapsedPanel(names: string, labelledRegion: boolean): boolean {
  const words = nameWords(names);
  if (!labelledRegion && !words.some((w) => PANEL_WORDS.has(w))) return false;
  return !words.some((w) => CHROME_WORDS.has(w)) && boilerplateWord(names) === undefined;
}

/**
 * A hidden element that says it is chrome (a boilerplate hint, a dropdown, a drawer) stays hidden on a page read with
 * its hidden text shown: the menus and dialogs that a script opens are not the content the script fills in.
 */
function isChrome(hint: string | undefined, names: string): boolean {
  return hint !== undefined || (names.trim() !== '' && nameWords(names).some((w) => CHROME_WORDS.has(w)));
}

/** Tags and class/id/role words of the site's chrome: a menu, a header or footer, a dialog, a cart. */
const CHROME_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
const CHROME_WRAPPER_WORDS = new Set([
  ...CHROME_WORDS,
  ...['nav', 'navbar', 'navigation', 'menu', 'header', 'footer', 'masthead', 'modal', 'popup', 'cookie', 'consent', 'login', 'signup'],
]);

/**
 * An element whose hidden descendants are chrome too. Not any boilerplate hint: a page's wrapper can carry a
 * `widget` (a blog engine's main column) or a `with-sidebar` class around the content a script reveals.
 */
function isChromeWrapper(tag: string, names: string): boolean {
  return CHROME_TAGS.has(tag) || (names.trim() !== '' && nameWords(names).some((w) => CHROME_WRAPPER_WORDS.has(w)));
}

/** The words of a class/id/role string, split at -, _, spaces and camelCase, lowercased. */
function nameWords(names: string): string[] {
  if (ONE_LOWERCASE_WORD.test(names)) return [names];
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
}

const ONE_LOWERCASE_WORD = /^[a-z]+$/;

/** Class/id/role tokens whose hint words are known: a site's template repeats them on every page, unlike its ids. */
const hintsOfToken = new Map<string, TokenHints>();
/** Entries the cache holds at most; it starts again when full. */
const TOKENS_CACHED = 4096;
/** The boilerplate word a token names, and the product-only one (null: none). */
interface TokenHints {
  readonly boilerplate: string | null;
  readonly productOnly: string | null;
}
const NO_TOKEN_HINTS: TokenHints = { boilerplate: null, productOnly: null };

/**
 * The first class/id/role word (split at -, _, spaces and camelCase) that says boilerplate. A token that
 * negates or qualifies its word (`no-share`, `has-sidebar`, `with-comments`, `modal-enabled`) says nothing.
 */
function boilerplateWord(names: string): string | undefined {
  if (!MAY_NAME_BOILERPLATE.test(names)) return undefined;
  let productOnly: string | null = null;
  for (const token of names.split(/\s+/)) {
    if (token === '') continue;
    const hints = tokenHints(token);
    if (hints.boilerplate) return hints.boilerplate;
    productOnly ??= hints.productOnly;
  }
  return productOnly ?? undefined;
}

/** The hint words of one class, id or role token: from the cache, or read and cached. */
function tokenHints(token: string): TokenHints {
  let hints = hintsOfToken.get(token);
  if (hints === undefined) {
    const words = QUALIFIED_TOKEN.test(token) ? [] : nameWords(token);
    const named = (set: ReadonlySet<string>) => words.find((w, i) => set.has(w) && !isCardPart(words, i)) ?? compoundWord(words, set);
    hints = words.some((w) => LAYOUT_WORDS.has(w))
      ? NO_TOKEN_HINTS
      : { boilerplate: named(BOILERPLATE_WORDS), productOnly: named(PRODUCT_ONLY_HINTS) };
    if (hintsOfToken.size === TOKENS_CACHED) hintsOfToken.clear();
    hintsOfToken.set(token, hints);
  }
  return hints;
}

/**
 * Names that hold a boilerplate word anywhere, the one test most names (a unique id, a layout class) need:
 * every word boilerplateWord finds, whole or glued, is a substring of the lower-cased names. Unicode case
 * folding (`u`), as lower-casing does, also reads the Kelvin sign as a `k`. The words are plain letters.
 */
const MAY_NAME_BOILERPLATE = new RegExp([...BOILERPLATE_WORDS, ...PRODUCT_ONLY_HINTS].join('|'), 'iu');

/** What a class name glues to a boilerplate word without a separator (`relatedposts`, `socials`, `sidebarright`, `cookieconsent`). */
const COMPOUND_TAILS = new Set([
  'post',
  'posts',
  'links',
  'news',
  'box',
  'bar',
  'wrap',
  'wrapper',
  'widget',
  'plugin',
  'consent',
  'list',
  'area',
  'right',
  'left',
  'block',
  'buttons',
  'icons',
  'data',
]);

/** The boilerplate word a glued class word starts with, if the rest is a component's name; else null. */
function compoundWord(tokenWords: readonly string[], words: ReadonlySet<string>): string | null {
  for (const w of tokenWords) {
    for (let cut = 3; cut < w.length; cut++) {
      const head = w.slice(0, cut);
      if (words.has(head) && COMPOUND_TAILS.has(w.slice(cut))) return head;
    }
  }
  return null;
}

/**
 * A card's header (`card-header`): the title bar of a box of content (a product reviewed, a question
 * answered), not the page's header.
 */
function isCardPart(tokenWords: readonly string[], i: number): boolean {
  return tokenWords[i] === 'header' && tokenWords[i - 1] === 'card';
}

/**
 * Words of a token that sets how an element lays out what it holds (`header-content-align-left`,
 * `submenu-align-auto`): a style modifier, not the element's name.
 */
const LAYOUT_WORDS = new Set(['align', 'aligned', 'alignment']);

const QUALIFIED_TOKEN = /^(?:no|not|has|with|without|hide|show)[-_]|[-_](?:enabled|disabled)(?:[-_]+(?:true|false))?$/i;
