import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanPage, preparePage } from '../../pipeline/page.js';
import { CANDIDATES, guessSingleByteEncoding } from '../../stages/charset-guess.js';
import { decode } from '../../stages/decode.js';
import { prescanCharset } from '../../stages/charset-prescan.js';
import { decodeAs } from '../../stages/encodings.js';
import { DEFAULT_LANGUAGES } from '../../stages/language.js';
import { rankLanguages } from '../../stages/trigram-rank.js';
import { SHARED_DATASETS, sharedDataTest } from '../helpers.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** `decode`, its pieces joined as the page's text. */
function decodeText(...args: Parameters<typeof decode>) {
  const result = decode(...args);
  return result.ok ? { ...result, text: result.pieces.join('') } : result;
}
const russian = 'Жители Заречья выбрали проекты благоустройства на следующий год, голосование завершилось.';

/** Each character of a single-byte encoding and its byte: the inverse of decoding each of the 256 bytes. */
function byteOf(encoding: string): ReadonlyMap<string, number> {
  const table = decodeAs(
    Uint8Array.from({ length: 256 }, (_, b) => b),
    encoding,
  );
  return new Map([...table].map((ch, b) => [ch, b]));
}

function encoderFor(encoding: string): (text: string) => Uint8Array {
  const bytes = byteOf(encoding);
  return (text) =>
    Uint8Array.from([...text], (ch) => {
      const b = bytes.get(ch);
      if (b === undefined) throw new Error(`${encoding} has no ${ch}`);
      return b;
    });
}
const windows1251 = encoderFor('windows-1251');

test('UTF-8 with and without BOM', (t) => {
  const plain = decodeText(utf8('Hello “world”'));
  t.true(plain.ok);
  if (plain.ok) t.is(plain.text, 'Hello “world”');
  const bom = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Hi there')]));
  t.like(bom, { ok: true, text: 'Hi there', from: 'bom' });
});

test('text an upstream tool decoded from UTF-8 as windows-1252 or ISO-8859-1 is read again as UTF-8; Latin text is left alone', (t) => {
  const original = 'Le café coûte 3 € — c’est “cher”, déjà vu';
  const asLatin1 = Buffer.from(original, 'utf8').toString('latin1');
  const asWindows1252 = decodeAs(Buffer.from(original, 'utf8'), 'windows-1252');
  t.not(asWindows1252, asLatin1);
  t.like(decodeText(asLatin1), { ok: true, text: original, from: 'repaired', warnings: ['repaired-encoding'] });
  t.like(decodeText(asWindows1252), { ok: true, text: original, from: 'repaired' });
  for (const latin of ['Café crème, Ã la carte', 'SÃO PAULO', 'naïve “quotes” Ã©tÃ© beside a real ’', '½ Â¼']) {
    t.like(decodeText(latin), { ok: true, text: latin, from: 'text' }, latin);
  }
});

test('text given as text is checked as decoded bytes are: lone surrogates, control characters', (t) => {
  t.like(decodeText('Hello “world”\r\n'), { ok: true, text: 'Hello “world”\r\n', from: 'text', warnings: [] });
  t.like(decodeText('a lone \ud800 surrogate'), { ok: true, text: 'a lone \ufffd surrogate', warnings: ['replacement-characters'] });
  t.like(decodeText('\u0001'.repeat(50) + 'words'), { ok: false, reason: 'binary' });
  t.like(decodeText(' \n '), { ok: false, reason: 'empty' });
});

test('windows-1251 without any declaration is guessed', (t) => {
  const bytes = windows1251(russian);
  t.is(guessSingleByteEncoding(bytes), 'windows-1251');
  t.like(decodeText(bytes), { ok: true, text: russian, encoding: 'windows-1251', from: 'sniffed' });
});

test('a declared charset wins: Content-Type and <meta charset>', (t) => {
  const html = `<html><head><meta charset="windows-1251"></head><body>${russian}</body></html>`;
  const bytes = windows1251(html);
  t.like(decodeText(bytes), { ok: true, encoding: 'windows-1251', from: 'declared' });
  t.like(decodeText(windows1251(russian), 'text/html; charset=windows-1251'), { ok: true, text: russian, from: 'declared' });
});

test('Latin-1 text that is not UTF-8 falls back to windows-1252', (t) => {
  const bytes = Uint8Array.from([...'Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, d\u00e9j\u00e0 vu.'].map((c) => c.charCodeAt(0)));
  t.like(decodeText(bytes), { ok: true, text: 'Café crème brûlée, déjà vu.', encoding: 'windows-1252' });
});

test('UTF-16 with a BOM and without one', (t) => {
  const le = Buffer.from('\ufeffПривет, мир and hello', 'utf16le');
  t.like(decodeText(le), { ok: true, text: 'Привет, мир and hello', encoding: 'utf-16le' });
  const noBom = Buffer.from('Plain ASCII text stored as UTF-16', 'utf16le');
  t.like(decodeText(noBom), { ok: true, text: 'Plain ASCII text stored as UTF-16', encoding: 'utf-16le' });
});

test('binary and empty input are rejected with a reason', (t) => {
  t.like(decodeText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0])), { ok: false, reason: 'binary' });
  t.like(decodeText(Uint8Array.from([65, 66, 0, 67, 3, 4, 5, 6, 7, 8, 1, 2])), { ok: false, reason: 'binary' });
  t.like(decodeText(new Uint8Array()), { ok: false, reason: 'empty' });
  t.like(decodeText(utf8(' \n\t \n')), { ok: false, reason: 'empty' });
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
        const decoded = decodeText(input, null);
        t.true(decoded.ok && decoded.text === text && decoded.encoding === 'utf-8');
      }
    }),
    { numRuns: 2000 },
  );
});

test('long valid UTF-8 decodes to pieces cut between characters, each small enough for the young generation, that join to its text', (t) => {
  const units = ['a', ' ', '<p>', 'é', 'Ж', '中', '😀', '\u0301'];
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...units), minLength: 20_000, maxLength: 60_000 }), (text) => {
      fc.pre(text.trim() !== '');
      const decoded = decode(utf8(text), null);
      if (!decoded.ok) return t.fail();
      t.true(decoded.pieces.length > 1);
      t.true(decoded.pieces.every((piece) => piece.length <= 32_768 && !/^[\udc00-\udfff]/.test(piece)));
      t.is(decoded.pieces.join(''), text);
    }),
    { numRuns: 40 },
  );
});

test('replacement and control characters past the first piece are found', (t) => {
  const page = 'Ordinary text of a page that decodes well enough. '.repeat(1000);
  const marred = 'The region\ufffds farmers \ufffdplan ahead\ufffd. '.repeat(4);
  t.like(decode(utf8(page + marred)), { ok: true, warnings: ['replacement-characters'] });
  t.like(decode(utf8(page + '\u0001'.repeat(2000))), { ok: false, reason: 'binary' });
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
      const decoded = decodeText(padded.subarray(pad, pad + bytes.length), null);
      const controls = bytes.filter(isControl).length;
      const rejected = !decoded.ok && decoded.detail === `${controls} control bytes in the first ${bytes.length}`;
      t.is(rejected, controls / bytes.length > 0.02, `${controls} of ${bytes.length}`);
    }),
    { numRuns: 3000 },
  );
});

test('replacement characters mar a text (kept, with a warning) until most of its words are undecodable; control characters reject it', (t) => {
  const page = 'Ordinary text of a page that decodes well enough. '.repeat(40);
  t.like(decodeText(utf8(page)), { ok: true, text: page, warnings: [] });
  // Curly quotes an upstream tool decoded with the wrong charset: one word in ten or so.
  const marred = 'The Midwest’s winters are long, and the region’s farmers “plan ahead” for them. '.repeat(30).replace(/[’“”]/g, '\ufffd');
  t.like(decodeText(utf8(marred)), { ok: true, text: marred, warnings: ['replacement-characters'] });
  const russianAsUtf8 = 'Жители Заречья выбрали проекты благоустройства. '.repeat(20).replace(/[А-яЁё]/g, '\ufffd');
  t.like(decodeText(utf8(russianAsUtf8)), { ok: false, reason: 'encoding', detail: '100 of 100 words undecodable as utf-8' });
  // Control characters the byte sniffer lets pass (past its first 8 KB) are counted in the decoded text.
  t.like(decodeText(utf8(`${page.repeat(5)}${'\u0001'.repeat(300)}`)), {
    ok: false,
    reason: 'binary',
    detail: '300 control characters after decoding as utf-8',
  });
});

test('windows-1252 bytes 0x80-0x9F decode to their characters (curly quotes, dashes, euro), declared or guessed', (t) => {
  const text = 'It’s “café” – €5';
  const bytes = encoderFor('windows-1252')(text);
  t.deepEqual([...bytes.subarray(2, 3)], [0x92]);
  t.like(decodeText(bytes, 'text/html; charset=windows-1252'), { ok: true, text, encoding: 'windows-1252', from: 'declared' });
  t.like(decodeText(bytes, 'text/html; charset=ISO-8859-1'), { ok: true, text, encoding: 'windows-1252' });
  t.like(decodeText(bytes), { ok: true, text, encoding: 'windows-1252', from: 'sniffed' });
});

test('an HTTP charset no decoder knows is passed over for the markup declaration', (t) => {
  const bytes = windows1251(`<meta charset="windows-1251"><p>${russian}</p>`);
  t.like(decodeText(bytes, 'text/html; charset=no-such-charset'), { ok: true, encoding: 'windows-1251', from: 'declared' });
});

/** ASCII markup around text in a single-byte encoding. */
const legacyPage = (encoding: string, html: string) => encoderFor(encoding)(html);
const greek = 'Η δημοτική επιτροπή ενέκρινε την Τρίτη τον νέο προϋπολογισμό για τις δημόσιες συγκοινωνίες της πόλης.';
const longScript = `<script>var settings = {${'"key": "value", '.repeat(350)}};</script>`;

test('the issue: a windows-1253 page whose <meta charset> comes after 5 KB of script decodes as Greek', (t) => {
  t.true(longScript.length > 5000);
  const bytes = legacyPage(
    'windows-1253',
    `<html><head>${longScript}<meta charset="windows-1253"><title>Νέα</title></head><body><p>${greek}</p></body></html>`,
  );
  t.is(prescanCharset(bytes), 'windows-1253');
  const decoded = decodeText(bytes);
  t.like(decoded, { ok: true, encoding: 'windows-1253', from: 'declared' });
  t.true(decoded.ok && decoded.text.includes(greek));
});

test('prescan: <meta charset>, quoted or not, and http-equiv content-type with a content charset', (t) => {
  const at = (html: string) => prescanCharset(legacyPage('windows-1251', html));
  t.is(at('<meta charset="windows-1251">'), 'windows-1251');
  t.is(at("<meta charset='koi8-r'>"), 'koi8-r');
  t.is(at('<META CHARSET=Windows-1251>'), 'windows-1251');
  t.is(at('<meta charset = cp1251 /><p>x</p>'), 'windows-1251');
  t.is(at('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'), 'windows-1251');
  t.is(at('<meta content="text/html;charset=\'koi8-r\'" http-equiv=content-type>'), 'koi8-r');
  t.is(at('<meta content="text/html; charset=koi8-r">'), null, 'content without http-equiv declares nothing');
  t.is(at('<meta charset="koi8-r" charset="windows-1251">'), 'koi8-r', 'the first attribute of a name wins');
  t.is(at('<meta name="description" content="charset=koi8-r"><meta charset="windows-1251">'), 'windows-1251');
  t.is(at('<meta charset="no-such-label"><meta charset="windows-1251">'), 'windows-1251', 'a label naming no encoding is passed over');
  t.is(at('<meta charset="x-user-defined">'), 'windows-1252');
  t.is(at('<meta charset="utf-16le">'), 'utf-8');
});

test('prescan: comments and other tags are skipped, their charsets ignored; an XML declaration counts when no meta does', (t) => {
  const at = (html: string) => prescanCharset(legacyPage('windows-1251', html));
  t.is(at('<!-- <meta charset="koi8-r"> --><meta charset="windows-1251">'), 'windows-1251');
  t.is(at('<!--><meta charset="koi8-r">'), 'koi8-r', '<!--> is a whole comment');
  t.is(
    at('<script charset="koi8-r" src="a.js"></script><div charset=koi8-r title="<meta charset=koi8-r>"><meta charset="windows-1251">'),
    'windows-1251',
  );
  t.is(at('<div charset="koi8-r"></div>'), null);
  t.is(at('<?xml version="1.0" encoding="windows-1251"?><html>'), 'windows-1251');
  t.is(at('<?xml version="1.0" encoding="koi8-r"?><html><meta charset="windows-1251">'), 'windows-1251');
});

test('prescan: past 1024 bytes it reads on to the end of the head, and 64 KiB at most', (t) => {
  const at = (html: string) => prescanCharset(legacyPage('windows-1251', html));
  const filler = (n: number) => `<style>${'p{}'.repeat(n / 3)}</style>`;
  t.is(at(`<head>${filler(3000)}<meta charset="windows-1251"></head>`), 'windows-1251');
  t.is(at(`<head>${filler(60_000)}<meta charset="windows-1251"></head>`), 'windows-1251');
  t.is(at(`<head>${filler(70_000)}<meta charset="windows-1251"></head>`), null);
  t.is(at(`<head></head><body>${filler(3000)}<meta charset="windows-1251">`), null, 'past 1024 bytes and the head');
  t.is(at(`<head></head><body><p>text</p><meta charset="windows-1251">`), 'windows-1251', 'within 1024 bytes as the Standard reads');
});

test('a BOM and an HTTP charset each beat the markup declaration', (t) => {
  const html = `<meta charset="koi8-r"><p>${russian}</p>`;
  const bom = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(html)]));
  t.like(bom, { ok: true, encoding: 'utf-8', from: 'bom' });
  t.like(decodeText(windows1251(html), 'text/html; charset=windows-1251'), { ok: true, encoding: 'windows-1251', from: 'declared' });
  t.like(decodeText(windows1251(html)), { ok: true, encoding: 'koi8-r', from: 'declared' });
});

/** The same news item in each language, and the encoding legacy pages in it used. */
const UNDECLARED: readonly (readonly [string, string, string])[] = [
  [
    'ell',
    'windows-1253',
    'Το δημοτικό συμβούλιο ενέκρινε χθες το βράδυ τον νέο προϋπολογισμό για τις δημόσιες συγκοινωνίες. Από τον Σεπτέμβριο οι κάτοικοι θα μπορούν να χρησιμοποιούν τα λεωφορεία χωρίς εισιτήριο τις Κυριακές. Ο δήμαρχος δήλωσε ότι το μέτρο θα μειώσει την κυκλοφορία στο κέντρο της πόλης.',
  ],
  [
    'rus',
    'windows-1251',
    'Городской совет во вторник вечером утвердил новый бюджет общественного транспорта. С сентября жители смогут бесплатно ездить на автобусах по воскресеньям. Мэр заявил, что эта мера сократит количество машин в центре города.',
  ],
  [
    'rus',
    'koi8-r',
    'Городской совет во вторник вечером утвердил новый бюджет общественного транспорта. С сентября жители смогут бесплатно ездить на автобусах по воскресеньям. Мэр заявил, что эта мера сократит количество машин в центре города.',
  ],
  [
    'ukr',
    'koi8-u',
    'Міська рада у вівторок увечері затвердила новий бюджет громадського транспорту. З вересня мешканці зможуть щонеділі безкоштовно їздити автобусами. Мер заявив, що це зменшить кількість автомобілів у центрі міста.',
  ],
  [
    'pol',
    'windows-1250',
    'Rada miasta zatwierdziła we wtorek wieczorem nowy budżet transportu publicznego. Od września mieszkańcy będą mogli w niedziele jeździć autobusami za darmo. Prezydent miasta powiedział, że dzięki temu w centrum będzie mniej samochodów.',
  ],
  [
    'ces',
    'windows-1250',
    'Městské zastupitelstvo v úterý večer schválilo nový rozpočet na veřejnou dopravu. Od září budou moci obyvatelé v neděli jezdit autobusy zdarma. Starosta řekl, že to sníží počet aut v centru města.',
  ],
  [
    'tur',
    'windows-1254',
    'Belediye meclisi salı akşamı toplu taşıma için yeni bütçeyi onayladı. Eylül ayından itibaren şehir sakinleri pazar günleri otobüslere ücretsiz binebilecek. Belediye başkanı, bu kararın şehir merkezindeki trafiği azaltacağını söyledi.',
  ],
  [
    'heb',
    'windows-1255',
    'מועצת העיר אישרה ביום שלישי בערב את התקציב החדש לתחבורה הציבורית. החל מספטמבר יוכלו תושבי העיר לנסוע באוטובוסים בחינם בימי ראשון. ראש העיר אמר כי הצעד יפחית את מספר המכוניות במרכז העיר.',
  ],
  [
    'arb',
    'windows-1256',
    'وافق مجلس المدينة مساء الثلاثاء على الميزانية الجديدة للنقل العام. واعتبارا من سبتمبر سيتمكن السكان من ركوب الحافلات مجانا أيام الأحد. وقال رئيس البلدية إن هذا القرار سيقلل عدد السيارات في وسط المدينة.',
  ],
  [
    'fra',
    'windows-1252',
    'Le conseil municipal a approuvé mardi soir le nouveau budget des transports publics. À partir de septembre, les habitants pourront prendre le bus gratuitement le dimanche. D’après le maire, cette mesure réduira la circulation dans le centre-ville.',
  ],
  [
    'deu',
    'windows-1252',
    'Der Stadtrat hat am Dienstagabend den neuen Haushalt für den öffentlichen Nahverkehr beschlossen. Ab September können die Einwohner sonntags kostenlos mit dem Bus fahren. Der Bürgermeister sagte, die Maßnahme werde den Verkehr in der Innenstadt verringern.',
  ],
];

/** A page with nothing declared: a title, a script, navigation in English, the text, a footer. */
const undeclaredPage = (text: string) =>
  `<!DOCTYPE html><html><head><title>${text.slice(0, 40)}</title><script>var n = 1; if (n < 2) { n++; }</script></head>` +
  `<body><div class="nav"><a href="/">Home</a> | <a href="/news">News</a></div><h1>${text.slice(0, 40)}</h1><p>${text}</p>` +
  '<div class="footer">Copyright 2004 Example Ltd.</div></body></html>';

test('an undeclared legacy page is read in the encoding whose text reads as its language', (t) => {
  for (const [language, encoding, text] of UNDECLARED) {
    const decoded = decodeText(legacyPage(encoding, undeclaredPage(text)));
    t.like(decoded, { ok: true, encoding, from: 'sniffed' }, language);
    t.true(decoded.ok && decoded.text.includes(text), language);
  }
});

const UNLEARNED = { pages: 1, support: () => 1 };

function pageLanguage(bytes: Uint8Array): string {
  const prepared = preparePage({ source: 'p.html', url: null, directory: 'd', body: bytes, contentType: 'text/html', fetchedAt: null });
  if (!('page' in prepared)) throw new Error(prepared.reject.reason);
  const cleaned = cleanPage(prepared.page, UNLEARNED);
  if (!('article' in cleaned)) throw new Error(cleaned.reject.reason);
  return cleaned.article.language;
}

test('end to end, the issue page and an undeclared Greek page come out in Greek (ell), not Russian', (t) => {
  const [, , text] = UNDECLARED[0]!;
  const body = `<body><h1>Νέος προϋπολογισμός</h1><p>${text}</p><p>${text}</p></body>`;
  t.is(pageLanguage(legacyPage('windows-1253', `<html><head>${longScript}<meta charset="windows-1253"></head>${body}</html>`)), 'ell');
  t.is(pageLanguage(legacyPage('windows-1253', `<html><head>${longScript}</head>${body}</html>`)), 'ell');
});

const FLORES = join(SHARED_DATASETS, 'langid/flores200-devtest');
const FLORES_ENCODINGS: Record<string, readonly string[]> = {
  rus_Cyrl: ['windows-1251', 'koi8-r'],
  ukr_Cyrl: ['windows-1251', 'koi8-u'],
  bel_Cyrl: ['windows-1251'],
  arb_Arab: ['windows-1256'],
  deu_Latn: ['windows-1252'],
  fra_Latn: ['windows-1252'],
  spa_Latn: ['windows-1252'],
  eng_Latn: ['windows-1252'],
};

sharedDataTest([FLORES])('FLORES news sentences, three to an undeclared page, are read in their encoding', (t) => {
  for (const [file, encodings] of Object.entries(FLORES_ENCODINGS)) {
    const sentences = readFileSync(join(FLORES, `${file}.devtest`), 'utf8')
      .split('\n')
      .filter(Boolean);
    for (const encoding of encodings) {
      const characters = byteOf(encoding);
      // Pages whose every character the encoding has (FLORES has dashes and quotes KOI8-R lacks).
      const pages = Array.from({ length: 40 }, (_, i) => sentences.slice(i * 25, i * 25 + 3).join(' ')).filter((text) =>
        [...text].every((ch) => characters.has(ch)),
      );
      const right = pages.filter((text) => {
        const decoded = decodeText(legacyPage(encoding, undeclaredPage(text)));
        return decoded.ok && decoded.text.includes(text);
      }).length;
      t.log(`${file} in ${encoding}: ${right}/${pages.length}`);
      t.is(right, pages.length, `${file} in ${encoding}`);
    }
  }
});

test('every candidate of the guess reads its letters in a script the language stage covers', (t) => {
  for (const encoding of CANDIDATES) {
    const letters = [...byteOf(encoding).keys()].filter((ch) => /\p{L}/u.test(ch) && !/\p{Script=Common}/u.test(ch));
    const uncovered = letters.filter((ch) => rankLanguages(ch.repeat(3), DEFAULT_LANGUAGES)[0]![0] === 'und');
    t.deepEqual(uncovered, [], encoding);
  }
});
