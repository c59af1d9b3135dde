/**
 * The encoding a page's markup declares, found as the HTML Standard's "prescan a byte stream to determine
 * its encoding" finds it: comments are skipped; in `<meta>` the attributes are read as the tokenizer reads
 * them (quoted or not, first of a name wins), `charset` or `http-equiv="content-type"` with a `content`
 * naming a charset; other tags are skipped with their attributes, so a `charset` on them is not a
 * declaration. An XML declaration's encoding is used when no `<meta>` declares one.
 *
 * The Standard stops at 1024 bytes. Pages put the `<meta>` later, after long inline scripts and styles,
 * so when nothing is found there the same scan goes on to the end of the head (`</head>` or `<body>`),
 * and 64 KiB at most: a bound for pages whose head never ends.
 */
import { encodingForLabel } from './encodings.js';

const STANDARD_SCAN_BYTES = 1024;
const MAX_SCAN_BYTES = 64 * 1024;

const TAB = 0x09,
  LF = 0x0a,
  FF = 0x0c,
  CR = 0x0d,
  SPACE = 0x20;
const QUOTE = 0x22,
  APOSTROPHE = 0x27,
  SLASH = 0x2f,
  LT = 0x3c,
  EQUALS = 0x3d,
  GT = 0x3e;
const BANG = 0x21,
  QUESTION = 0x3f;

const isSpace = (c: number | undefined) => c === TAB || c === LF || c === FF || c === CR || c === SPACE;
const isLetter = (c: number | undefined) => c !== undefined && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
/** The tokenizer's lowercasing: ASCII capitals only; other bytes stand for themselves. */
const lowerChar = (c: number) => String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

/** Whether `ascii` (lowercase) is at `at`, ASCII case ignored. */
function startsWithAt(b: Uint8Array, at: number, ascii: string): boolean {
  if (at + ascii.length > b.length) return false;
  for (let i = 0; i < ascii.length; i++) {
    const c = b[at + i]!;
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== ascii.charCodeAt(i)) return false;
  }
  return true;
}

export function prescanCharset(bytes: Uint8Array): string | null {
  // Every step below reads `b` only: its end is the end of the scan.
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, MAX_SCAN_BYTES));
  let xmlEncoding: string | null = null;
  let headEnded = false;
  for (let p = b.indexOf(LT); p >= 0 && !(headEnded && p >= STANDARD_SCAN_BYTES); p = b.indexOf(LT, p + 1)) {
    if (startsWithAt(b, p, '<!--')) {
      // The comment ends at the first `-->`, whose dashes may be those of `<!--`.
      const close = b.indexOf('-->', p + 2, 'latin1');
      p = close < 0 ? b.length : close + 2;
    } else if (startsWithAt(b, p, '<meta') && (isSpace(b[p + 5]) || b[p + 5] === SLASH)) {
      const meta = metaDeclaration(b, p + 5);
      if (meta.encoding) return meta.encoding;
      p = meta.next;
    } else if (isLetter(b[p + 1]) || (b[p + 1] === SLASH && isLetter(b[p + 2]))) {
      if (endsHead(b, p)) headEnded = true;
      p = afterTag(b, p);
    } else if (b[p + 1] === BANG || b[p + 1] === SLASH || b[p + 1] === QUESTION) {
      const close = b.indexOf(GT, p + 1);
      const declarationEnd = close < 0 ? b.length : close;
      if (xmlEncoding === null && startsWithAt(b, p, '<?xml')) xmlEncoding = xmlDeclarationEncoding(b.subarray(p + 5, declarationEnd));
      p = declarationEnd;
    }
  }
  return xmlEncoding;
}

/** `<body` or `</head` at `p`. */
function endsHead(b: Uint8Array, p: number): boolean {
  const name = b[p + 1] === SLASH ? (startsWithAt(b, p + 2, 'head') ? p + 6 : -1) : startsWithAt(b, p + 1, 'body') ? p + 5 : -1;
  return name >= 0 && (isSpace(b[name]) || b[name] === SLASH || b[name] === GT);
}

/** Where a tag other than `<meta>` ends: past its name, then past its attributes (at its `>`). */
function afterTag(b: Uint8Array, p: number): number {
  let at = p + 1;
  while (at < b.length && !isSpace(b[at]) && b[at] !== GT) at++;
  for (;;) {
    const attribute = readAttribute(b, at);
    at = attribute.next;
    if (attribute.name === null) return at;
  }
}

type AttributeRead =
  { readonly name: string; readonly value: string; readonly next: number } | { readonly name: null; readonly next: number };

/**
 * The HTML Standard's "get an attribute" from `at`: name and value lowercased, the value unquoted;
 * `name: null` at the tag's `>` or at the end of the scan.
 */
function readAttribute(b: Uint8Array, at: number): AttributeRead {
  const end = b.length;
  let p = at;
  while (p < end && (isSpace(b[p]) || b[p] === SLASH)) p++;
  if (p >= end || b[p] === GT) return { name: null, next: p };
  let name = '';
  for (; ; p++) {
    if (p >= end) return { name: null, next: end };
    const c = b[p]!;
    if (c === EQUALS && name !== '') break;
    if (isSpace(c)) {
      while (p < end && isSpace(b[p])) p++;
      if (b[p] !== EQUALS) return { name, value: '', next: p };
      break;
    }
    if (c === SLASH || c === GT) return { name, value: '', next: p };
    name += lowerChar(c);
  }
  p++; // past `=`
  while (p < end && isSpace(b[p])) p++;
  if (p >= end) return { name: null, next: end };
  const first = b[p]!;
  if (first === QUOTE || first === APOSTROPHE) {
    const close = b.indexOf(first, p + 1);
    if (close < 0) return { name: null, next: end };
    return { name, value: lowered(b, p + 1, close), next: close + 1 };
  }
  if (first === GT) return { name, value: '', next: p };
  let stop = p + 1;
  while (stop < end && !isSpace(b[stop]) && b[stop] !== GT) stop++;
  if (stop >= end) return { name: null, next: end };
  return { name, value: lowered(b, p, stop), next: stop };
}

function lowered(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += lowerChar(b[i]!);
  return s;
}

/**
 * The encoding a `<meta>` declares (attributes read from `at`, just past `<meta`), and where its reading
 * stopped. A `content` charset counts only with `http-equiv="content-type"`; the first attribute of a
 * name wins; a label that names no encoding declares nothing.
 */
function metaDeclaration(b: Uint8Array, at: number): { encoding: string | null; next: number } {
  const names = new Set<string>();
  let gotPragma = false;
  let needPragma: boolean | null = null;
  // undefined: no charset yet; null: one whose label names no encoding.
  let charset: string | null | undefined;
  let p = at;
  for (;;) {
    const attribute = readAttribute(b, p);
    p = attribute.next;
    if (attribute.name === null) break;
    if (names.has(attribute.name)) continue;
    names.add(attribute.name);
    if (attribute.name === 'http-equiv') {
      if (attribute.value === 'content-type') gotPragma = true;
    } else if (attribute.name === 'content') {
      const label = charsetInContent(attribute.value);
      const encoding = label === null ? null : encodingForLabel(label);
      if (encoding && charset === undefined) {
        charset = encoding;
        needPragma = true;
      }
    } else if (attribute.name === 'charset') {
      charset = encodingForLabel(attribute.value);
      needPragma = false;
    }
  }
  const declared = p < b.length && needPragma !== null && (gotPragma || !needPragma) && charset ? charset : null;
  return { encoding: declared, next: p };
}

const isAsciiWhitespace = (c: string | undefined) => c === '\t' || c === '\n' || c === '\f' || c === '\r' || c === ' ';

/** The HTML Standard's "extracting a character encoding from a meta element": the label after `charset=` in a `content` value. */
function charsetInContent(content: string): string | null {
  const lower = content.toLowerCase();
  for (let from = 0; ;) {
    const at = lower.indexOf('charset', from);
    if (at < 0) return null;
    let p = at + 7;
    while (isAsciiWhitespace(content[p])) p++;
    if (content[p] !== '=') {
      from = p;
      continue;
    }
    p++;
    while (isAsciiWhitespace(content[p])) p++;
    const first = content[p];
    if (first === undefined) return null;
    if (first === '"' || first === "'") {
      const close = content.indexOf(first, p + 1);
      return close < 0 ? null : content.slice(p + 1, close);
    }
    let stop = p;
    while (stop < content.length && !isAsciiWhitespace(content[stop]) && content[stop] !== ';') stop++;
    return content.slice(p, stop);
  }
}

/** The encoding an XML declaration names (its bytes after `<?xml`, up to its `>`), as the HTML Standard's "get an XML encoding" reads it. */
function xmlDeclarationEncoding(declaration: Uint8Array): string | null {
  const text = Buffer.from(declaration).toString('latin1');
  const at = text.search(/encoding/i);
  const m = at < 0 ? null : /^encoding[\x00-\x20]*=[\x00-\x20]*(["'])(.*?)\1/is.exec(text.slice(at));
  return m && !/[\x00-\x20]/.test(m[2]!) ? encodingForLabel(m[2]!) : null;
}
