import test from 'ava';
import fc from 'fast-check';
import { francAll } from 'franc';
import { rankLanguages, trigramFit } from '../../stages/trigram-rank.js';
import { DEFAULT_LANGUAGES } from '../../stages/language.js';

/** Sentences in many scripts and languages (the fixtures' own articles and a few more). */
const SAMPLES = [
  'The city council approved the new budget for public transport on Tuesday evening.',
  'Der Stadtrat hat am Dienstagabend den neuen Haushalt für den öffentlichen Nahverkehr beschlossen.',
  'Le conseil municipal a approuvé mardi soir le nouveau budget des transports publics.',
  'El ayuntamiento aprobó el martes por la noche el nuevo presupuesto para el transporte público.',
  'Городской совет во вторник вечером утвердил новый бюджет общественного транспорта.',
  'Міська рада у вівторок увечері затвердила новий бюджет громадського транспорту.',
  'Градският съвет одобри във вторник вечерта новия бюджет за обществения транспорт.',
  'Η δημοτική επιτροπή ενέκρινε την Τρίτη τον νέο προϋπολογισμό.',
  '市议会周二晚上批准了新的公共交通预算。',
  '市議会は火曜日の夜、公共交通機関の新しい予算を承認した。',
  'مجلس المدينة وافق مساء الثلاثاء على الميزانية الجديدة للنقل العام.',
  'Rada miasta zatwierdziła we wtorek wieczorem nowy budżet transportu publicznego.',
  '12.03.2021 — 1234 !!! ???',
  'a',
  '',
];

const same = (t: import('ava').ExecutionContext, sample: string, only: readonly string[]) =>
  t.deepEqual(rankLanguages(sample, only), francAll(sample, { only: [...only], minLength: 1 }), JSON.stringify(sample));

test("rankLanguages gives franc's ranking and scores, to the last digit, on real sentences", (t) => {
  for (const sample of SAMPLES) {
    same(t, sample, DEFAULT_LANGUAGES);
    same(t, sample, []);
    same(t, sample, ['rus', 'ukr', 'bul']);
    same(t, sample, ['ell']);
    same(t, sample, ['xxx']);
    same(t, sample.slice(0, 40), DEFAULT_LANGUAGES);
  }
});

test("rankLanguages gives franc's ranking on any mix of letters, digits, punctuation, scripts and astral or lone surrogates", (t) => {
  const units = [..."aeiou nrstlкаоиьпрїγαλ中日ا1.,!?-'\n\t", 'ä', 'ß', ' ', '«', '’', '😀', '𝐀', '\u{1df00}', '\ud800', '\udc00'];
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...units), maxLength: 200 }), (sample) => {
      same(t, sample, DEFAULT_LANGUAGES);
    }),
    { numRuns: 1500 },
  );
});

test("trigramFit names franc's first language, and tells text from a wrong decoding of its bytes", (t) => {
  for (const sample of SAMPLES) {
    const fit = trigramFit(sample, DEFAULT_LANGUAGES);
    const [first] = rankLanguages(sample, DEFAULT_LANGUAGES);
    if (fit) t.is(fit.language, first![0], sample);
  }
  t.is(trigramFit('Η δημοτική επιτροπή ενέκρινε την Τρίτη τον νέο προϋπολογισμό.', DEFAULT_LANGUAGES), null, 'Greek has no trigram model');
  const russian = 'Городской совет во вторник вечером утвердил новый бюджет общественного транспорта.';
  // Its windows-1251 bytes (А..я are 0xC0..0xFF) read as KOI8-R: Cyrillic letters still, in a jumble.
  const windows1251 = Uint8Array.from(russian, (ch) => (ch >= 'А' && ch <= 'я' ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0)));
  const misreadRussian = new TextDecoder('koi8-r').decode(windows1251);
  const fit = trigramFit(russian, DEFAULT_LANGUAGES)!;
  t.like(fit, { language: 'rus', foreignLetters: 0 });
  t.true(trigramFit(misreadRussian, DEFAULT_LANGUAGES)!.distance > fit.distance + 0.1);
  const polish = trigramFit('Rada miasta zatwierdziła we wtorek wieczorem nowy budżet transportu publicznego.', DEFAULT_LANGUAGES)!;
  t.like(polish, { language: 'pol', foreignLetters: 0 });
  const hungarian = trigramFit('Minden emberi lény szabadon születik és egyenlő méltósága és joga van.', DEFAULT_LANGUAGES)!;
  // ő read from windows-1250 bytes as windows-1252: õ, a letter Hungarian does not have.
  const hungarianMisread = trigramFit('Minden emberi lény szabadon születik és egyenlõ méltósága és joga van.', DEFAULT_LANGUAGES)!;
  t.like(hungarian, { language: 'hun', foreignLetters: 0 });
  t.like(hungarianMisread, { language: 'hun', foreignLetters: 1 });
});
