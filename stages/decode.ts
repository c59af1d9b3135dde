/**
 * Stage decode: bytes to text.
 *
 * Order of evidence: a byte-order mark; UTF-16 without a BOM (NUL bytes on every other position);
 * strict UTF-8 (valid UTF-8 is UTF-8 whatever the page declares); a declared charset: HTTP Content-Type's,
 * else the one the markup declares, found as a browser's prescan finds it (stages/charset-prescan.ts);
 * UTF-8 with a few broken sequences; and, with nothing declared, the single-byte encoding in which the
 * page's text reads as a language the language stage knows (stages/charset-guess.ts). Binary input (NUL
 * bytes, many control characters) and text that stays garbled after decoding are rejected with a reason.
 */
import { isAscii, isUtf8, transcode } from 'node:buffer';
import { guessSingleByteEncoding } from './charset-guess.js';
import { prescanCharset } from './charset-prescan.js';
import { decodeAs, encodeWindows1252, encodingForLabel, WINDOWS_1252_C1 } from './encodings.js';
import { STRING_PIECE_CHARS } from './types.js';

/**
 * `utf-8`: the bytes are valid UTF-8 (whatever the page declares); `declared`: the declared legacy charset;
 * `text`: the input gave text, not bytes; `repaired`: it gave UTF-8 read as windows-1252, read again as UTF-8.
 */
export type DecodeSource = 'bom' | 'declared' | 'utf-8' | 'sniffed' | 'text' | 'repaired';

/**
 * Something a reader of the record should know about its text: `replacement-characters`, the text holds
 * U+FFFD where an upstream tool could not decode a character (often a curly quote decoded with the wrong
 * charset before the page reached Winnow); `repaired-encoding`, the input gave UTF-8 that a tool had read
 * as windows-1252, and decode read it again as UTF-8.
 */
export type DecodeWarning = 'repaired-encoding' | 'replacement-characters';

export type DecodeResult =
  | {
      readonly ok: true;
      /** The text, in order: pieces of at most PIECE_BYTES bytes' worth when decoded from valid UTF-8, else one. */
      readonly pieces: readonly string[];
      readonly encoding: string;
      readonly from: DecodeSource;
      readonly warnings: readonly DecodeWarning[];
    }
  | { readonly ok: false; readonly reason: 'binary' | 'encoding' | 'empty'; readonly detail: string };

/** How much of the input the binary and charset sniffers look at. */
const SNIFF_BYTES = 8192;
/** Share of C0 control bytes (besides tab, newline, carriage return, form feed) that makes input binary. */
const MAX_CONTROL_SHARE = 0.02;
/** Share of words holding a U+FFFD replacement character from which the text is undecodable, not merely marred. */
const MAX_DAMAGED_WORD_SHARE = 0.5;
/** Share of broken sequences up to which text that is otherwise valid UTF-8 is decoded as UTF-8. */
const MAX_BROKEN_UTF8_SHARE = 0.002;
/** Decoded characters checked for replacement and control characters. */
const CHECK_CHARS = 1 << 18;
/** Bytes of valid UTF-8 decoded into one piece: no more characters than that. */
const PIECE_BYTES = STRING_PIECE_CHARS;

/**
 * Text given as its UTF-8 bytes (valid UTF-8): a JSON string field unescaped without making it one string, so that
 * it is decoded in pieces as a page's bytes are. It is text, not a page's bytes: no charset applies to it.
 */
export interface TextBytes {
  readonly utf8: Uint8Array;
}

/**
 * Bytes to text. Text given as text (or as `TextBytes`) is checked as decoded bytes are (a lone surrogate becomes
 * U+FFFD, as in UTF-8), and text that an upstream tool decoded from UTF-8 as windows-1252 is decoded again as UTF-8.
 */
export function decode(bytes: Uint8Array | string | TextBytes, contentType?: string | null): DecodeResult {
  if (typeof bytes === 'string') return decodeText([bytes]);
  if ('utf8' in bytes) return decodeText(validUtf8(bytes.utf8));
  if (bytes.length === 0) return { ok: false, reason: 'empty', detail: 'zero bytes' };

  const bom = bomEncoding(bytes);
  if (bom) return finish([new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length))], bom.encoding, 'bom');

  const utf16 = sniffUtf16(bytes);
  if (utf16) return finish([new TextDecoder(utf16).decode(bytes)], utf16, 'sniffed');

  const binary = binaryEvidence(bytes);
  if (binary) return { ok: false, reason: 'binary', detail: binary };

  // Valid UTF-8 wins over a declared legacy charset: multi-byte UTF-8 sequences almost never occur by
  // chance in legacy text, and pages often declare a charset they were not saved in. So the declaration
  // is only read when the bytes are not valid UTF-8.
  if (isUtf8(bytes)) return finish(validUtf8(bytes), 'utf-8', 'utf-8');
  const declared = declaredEncoding(bytes, contentType);
  if (declared && declared !== 'utf-8') return finish([decodeAs(bytes, declared)], declared, 'declared');
  // UTF-8 with a few broken sequences (a bad byte, a cut character) is still UTF-8.
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const broken = countReplacements(lenient);
  if (broken <= Math.max(2, lenient.length * MAX_BROKEN_UTF8_SHARE) && multiByteSequences(bytes) > broken) {
    return finish([lenient], 'utf-8', 'sniffed');
  }
  const guess = guessSingleByteEncoding(bytes);
  return finish([decodeAs(bytes, guess)], guess, 'sniffed');
}

/**
 * Valid UTF-8 as strings of PIECE_BYTES bytes at most, cut between characters: ICU's transcoding to UTF-16 and a
 * copy into a string, several times faster than V8's own decoder (Buffer#toString, TextDecoder) on pages of mixed
 * scripts. ASCII is copied as it is.
 */
function validUtf8(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pieces: string[] = [];
  for (let from = 0; from < buffer.length;) {
    let to = Math.min(buffer.length, from + PIECE_BYTES);
    // Back to the lead byte of the character the cut would split (continuation bytes are 10xxxxxx).
    while (to < buffer.length && (buffer[to]! & 0xc0) === 0x80) to--;
    const piece = buffer.subarray(from, to);
    pieces.push(isAscii(piece) ? piece.toString('latin1') : transcode(piece, 'utf8', 'utf16le').toString('utf16le'));
    from = to;
  }
  return pieces;
}

/** Text given as text, in pieces cut between characters. */
function decodeText(pieces: readonly string[]): DecodeResult {
  const misread = pieces.some(
    (piece, i) =>
      UTF8_PAIR_READ_AS_LATIN.test(piece) || (i > 0 && UTF8_PAIR_READ_AS_LATIN.test(`${pieces[i - 1]!.slice(-1)}${piece.slice(0, 1)}`)),
  );
  const repaired = misread ? utf8ReadAsWindows1252(pieces.join('')) : null;
  if (repaired !== null) {
    const result = finish([repaired], 'utf-8', 'repaired');
    return result.ok ? { ...result, warnings: ['repaired-encoding', ...result.warnings] } : result;
  }
  return finish(
    pieces.map((piece) => (piece.isWellFormed() ? piece : piece.toWellFormed())),
    'utf-16',
    'text',
  );
}

/** A UTF-8 lead byte read as windows-1252 or ISO-8859-1, then a continuation byte read so (`Ã©`, `â€™`). */
const UTF8_PAIR_READ_AS_LATIN = new RegExp(`[\\u00c2-\\u00f4][\\u0080-\\u00bf${WINDOWS_1252_C1}]`);

/**
 * The text an upstream tool turned into `Ã©` and `â€™` by reading UTF-8 as windows-1252 (or ISO-8859-1):
 * every character is one byte of that encoding, and those bytes are valid UTF-8 with multi-byte sequences,
 * which legacy text almost never is by chance (a lone `é` before a letter is not valid UTF-8). Null if the
 * text is not such.
 */
function utf8ReadAsWindows1252(text: string): string | null {
  const bytes = encodeWindows1252(text);
  return bytes && isUtf8(bytes) ? Buffer.from(bytes.buffer).toString('utf8') : null;
}

/** What `finish` counts: replacement characters and control characters but tab, newline, form feed and carriage return. */
const SUSPECT_CHAR = /[\ufffd\u0000-\u0008\u000b\u000e-\u001f]/;

function finish(pieces: readonly string[], encoding: string, from: DecodeSource): DecodeResult {
  if (!pieces.some((piece) => /\S/.test(piece))) return { ok: false, reason: 'empty', detail: 'only whitespace' };
  // Most text has none of them: a regular expression says so several times faster than the loop counts.
  if (!hasSuspectChar(pieces)) return { ok: true, pieces, encoding, from, warnings: [] };
  const sample = firstChars(pieces, CHECK_CHARS);
  const checked = sample.length;
  let controls = 0;
  for (let i = 0; i < checked; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) controls++;
  }
  if (controls / checked > MAX_CONTROL_SHARE) {
    return { ok: false, reason: 'binary', detail: `${controls} control characters after decoding as ${encoding}` };
  }
  if (!sample.includes('\ufffd')) return { ok: true, pieces, encoding, from, warnings: [] };
  const words = sample.match(/\S+/g) ?? [];
  const damaged = words.filter((word) => word.includes('\ufffd')).length;
  if (damaged > words.length * MAX_DAMAGED_WORD_SHARE) {
    return { ok: false, reason: 'encoding', detail: `${damaged} of ${words.length} words undecodable as ${encoding}` };
  }
  return { ok: true, pieces, encoding, from, warnings: ['replacement-characters'] };
}

/** The first `count` characters of a text given in pieces, joining no more pieces than they take. */
export function firstChars(pieces: readonly string[], count: number): string {
  let text = '';
  for (let i = 0; i < pieces.length && text.length < count; i++) text += pieces[i];
  return text.length > count ? text.slice(0, count) : text;
}

/** A SUSPECT_CHAR among the text's first CHECK_CHARS characters. */
function hasSuspectChar(pieces: readonly string[]): boolean {
  let seen = 0;
  for (const piece of pieces) {
    if (seen >= CHECK_CHARS) return false;
    if (SUSPECT_CHAR.test(seen + piece.length > CHECK_CHARS ? piece.slice(0, CHECK_CHARS - seen) : piece)) return true;
    seen += piece.length;
  }
  return false;
}

function bomEncoding(b: Uint8Array): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 text without a BOM: mostly ASCII, so one byte of each pair is NUL. */
function sniffUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, SNIFF_BYTES) & ~1;
  // Both answers need NUL bytes; the native search says there are none without a loop.
  if (n < 4 || b.subarray(0, n).indexOf(0) === -1) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

const MAGIC: ReadonlyArray<readonly [string, number[]]> = [
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['ZIP', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip', [0x1f, 0x8b]],
];

function binaryEvidence(b: Uint8Array): string | null {
  for (const [name, magic] of MAGIC) {
    if (magic.every((byte, i) => b[i] === byte)) return `${name} signature`;
  }
  const n = Math.min(b.length, SNIFF_BYTES);
  const nul = b.subarray(0, n).indexOf(0);
  if (nul !== -1) return `NUL byte at offset ${nul}`;
  const controls = controlBytes(b, n);
  return controls / n > MAX_CONTROL_SHARE ? `${controls} control bytes in the first ${n}` : null;
}

/**
 * Control bytes (below 0x20, but tab, newline, form feed, carriage return and escape) among the first `n`.
 * Four bytes are tested at once for one below 0x20 (a SWAR test: subtracting 0x20 from each byte borrows
 * into its top bit only if it was smaller); only words that have one, mostly a newline, are read byte by byte.
 */
function controlBytes(b: Uint8Array, n: number): number {
  let controls = 0;
  const control = (c: number) => (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 27 ? 1 : 0);
  let i = 0;
  // Words need an aligned start: bytes before it, and after the last whole word, one by one.
  for (; i < n && (b.byteOffset + i) % 4 !== 0; i++) controls += control(b[i]!);
  const wordCount = (n - i) >>> 2;
  if (wordCount > 0) {
    const words = new Uint32Array(b.buffer, b.byteOffset + i, wordCount);
    for (let w = 0; w < wordCount; w++, i += 4) {
      const word = words[w]!;
      if (((word - 0x20202020) & ~word & 0x80808080) === 0) continue;
      controls += control(b[i]!) + control(b[i + 1]!) + control(b[i + 2]!) + control(b[i + 3]!);
    }
  }
  for (; i < n; i++) controls += control(b[i]!);
  return controls;
}

function charsetFromContentType(contentType?: string | null): string | null {
  const m = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return m ? m[1]!.toLowerCase() : null;
}

/** The encoding HTTP's Content-Type names, else the one the page's markup declares; a label that names none is passed over. */
function declaredEncoding(bytes: Uint8Array, contentType?: string | null): string | null {
  const transport = charsetFromContentType(contentType);
  return (transport ? encodingForLabel(transport) : null) ?? prescanCharset(bytes);
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/** Well-formed two- and three-byte UTF-8 lead-and-continuation pairs: legacy text has almost none. */
function multiByteSequences(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const c = b[i]!;
    if (c >= 0xc2 && c <= 0xef && (b[i + 1]! & 0xc0) === 0x80) n++;
  }
  return n;
}
