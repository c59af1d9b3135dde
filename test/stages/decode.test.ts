import test from 'ava';
import fc from 'fast-check';
import { decode, guessLegacyEncoding } from '../../stages/decode.js';
import { decodeAs } from '../../stages/encodings.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const russian = 'Жители Заречья выбрали проекты благоустройства на следующий год, голосование завершилось.';

/** A single-byte encoder: the inverse of decoding each of the 256 bytes. */
function encoderFor(encoding: string): (text: string) => Uint8Array {
  const byteOf = new Map<string, number>();
  const table = decodeAs(Uint8Array.from({ length: 256 }, (_, b) => b), encoding);
  [...table].forEach((ch, b) => byteOf.set(ch, b));
  return (text) =>
    Uint8Array.from([...text], (ch) => {
      const b = byteOf.get(ch);
      if (b === undefined) throw new Error(`${encoding} has no ${ch}`);
      return b;
    });
}
const windows1251 = encoderFor('windows-1251');

test('UTF-8 with and without BOM', (t) => {
  const plain = decode(utf8('Hello “world”'));
  t.true(plain.ok);
  if (plain.ok) t.is(plain.text, 'Hello “world”');
  const bom = decode(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Hi there')]));
  t.like(bom, { ok: true, text: 'Hi there', from: 'bom' });
});

test('CRLF line endings become LF', (t) => {
  t.like(decode(utf8('a\r\nb\rc')), { ok: true, text: 'a\nb\nc' });
});

test('windows-1251 without any declaration is detected from byte statistics', (t) => {
  const bytes = windows1251(russian);
  t.is(guessLegacyEncoding(bytes), 'windows-1251');
  t.like(decode(bytes), { ok: true, text: russian, encoding: 'windows-1251', from: 'sniffed' });
});

test('a declared charset wins: Content-Type and <meta charset>', (t) => {
  const html = `<html><head><meta charset="windows-1251"></head><body>${russian}</body></html>`;
  const bytes = windows1251(html);
  t.like(decode(bytes), { ok: true, encoding: 'windows-1251', from: 'declared' });
  t.like(decode(windows1251(russian), 'text/html; charset=windows-1251'), { ok: true, text: russian, from: 'declared' });
});

test('Latin-1 text that is not UTF-8 falls back to windows-1252', (t) => {
  const bytes = Uint8Array.from([...'Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, d\u00e9j\u00e0 vu.'].map((c) => c.charCodeAt(0)));
  t.like(decode(bytes), { ok: true, text: 'Café crème brûlée, déjà vu.', encoding: 'windows-1252' });
});

test('UTF-16 with a BOM and without one', (t) => {
  const le = Buffer.from('\ufeffПривет, мир and hello', 'utf16le');
  t.like(decode(le), { ok: true, text: 'Привет, мир and hello', encoding: 'utf-16le' });
  const noBom = Buffer.from('Plain ASCII text stored as UTF-16', 'utf16le');
  t.like(decode(noBom), { ok: true, text: 'Plain ASCII text stored as UTF-16', encoding: 'utf-16le' });
});

test('binary and empty input are rejected with a reason', (t) => {
  t.like(decode(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0])), { ok: false, reason: 'binary' });
  t.like(decode(Uint8Array.from([65, 66, 0, 67, 3, 4, 5, 6, 7, 8, 1, 2])), { ok: false, reason: 'binary' });
  t.like(decode(new Uint8Array()), { ok: false, reason: 'empty' });
  t.like(decode(utf8(' \n\t \n')), { ok: false, reason: 'empty' });
});

test('valid UTF-8 decodes to its text in every script, ASCII or not, in a plain buffer or a view', (t) => {
  const units = ['a', 'Z', ' ', '\n', '<p>', 'é', 'ß', 'Ж', 'ا', '中', 'ｱ', '😀', '\ud835\udc00', '\ufeff', '\u0301'];
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...units), minLength: 1 }), fc.nat(7), (text, pad) => {
      fc.pre(text.trim() !== '' && !text.startsWith('\ufeff'));
      const bytes = utf8(text);
      // The same bytes as a view into a larger buffer, as WARC payloads and NDJSON fields are.
      const padded = new Uint8Array(bytes.length + 2 * pad);
      padded.set(bytes, pad);
      for (const input of [bytes, padded.subarray(pad, pad + bytes.length)]) {
        const decoded = decode(input, null);
        t.true(decoded.ok && decoded.text === text && decoded.encoding === 'utf-8');
      }
    }),
    { numRuns: 2000 },
  );
});

test('control bytes are counted exactly wherever the page sits in its buffer, and too many reject it', (t) => {
  const isControl = (c: number) => c > 0 && c < 0x20 && ![9, 10, 12, 13, 27].includes(c);
  // Printable ASCII, newlines and tabs (which are not control bytes), and control bytes, in runs of any length.
  const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constantFrom(9, 10, 12, 13, 27), fc.integer({ min: 1, max: 0x1f }));
  fc.assert(
    fc.property(fc.array(byte, { minLength: 1, maxLength: 600 }), fc.nat(7), (bytes, pad) => {
      fc.pre(bytes[0] !== 0x1f); // not a gzip signature
      const padded = new Uint8Array(bytes.length + pad + 3);
      padded.set(bytes, pad);
      const decoded = decode(padded.subarray(pad, pad + bytes.length), null);
      const controls = bytes.filter(isControl).length;
      const rejected = !decoded.ok && decoded.detail === `${controls} control bytes in the first ${bytes.length}`;
      t.is(rejected, controls / bytes.length > 0.02, `${controls} of ${bytes.length}`);
    }),
    { numRuns: 3000 },
  );
});

test('replacement and control characters after decoding reject the text; a few do not', (t) => {
  const page = 'Ordinary text of a page that decodes well enough. '.repeat(40);
  t.like(decode(utf8(page)), { ok: true, text: page });
  t.like(decode(utf8(`${page}\ufffd`)), { ok: true });
  t.like(decode(utf8(`${page}${'\ufffd'.repeat(40)}`)), { ok: false, reason: 'encoding', detail: '40 undecodable characters as utf-8' });
  // Control characters the byte sniffer lets pass (past its first 8 KB) are counted in the decoded text.
  t.like(decode(utf8(`${page.repeat(5)}${'\u0001'.repeat(300)}`)), { ok: false, reason: 'binary', detail: '300 control characters after decoding as utf-8' });
});

test('windows-1252 bytes 0x80-0x9F decode to their characters (curly quotes, dashes, euro), declared or guessed', (t) => {
  const text = 'It’s “café” – €5';
  const bytes = encoderFor('windows-1252')(text);
  t.deepEqual([...bytes.subarray(2, 3)], [0x92]);
  t.like(decode(bytes, 'text/html; charset=windows-1252'), { ok: true, text, encoding: 'windows-1252', from: 'declared' });
  t.like(decode(bytes, 'text/html; charset=ISO-8859-1'), { ok: true, text, encoding: 'windows-1252' });
  t.like(decode(bytes), { ok: true, text, encoding: 'windows-1252', from: 'sniffed' });
});

test('an HTTP charset no decoder knows is passed over for the markup declaration', (t) => {
  const bytes = windows1251(`<meta charset="windows-1251"><p>${russian}</p>`);
  t.like(decode(bytes, 'text/html; charset=no-such-charset'), { ok: true, encoding: 'windows-1251', from: 'declared' });
});
