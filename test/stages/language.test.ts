import test from 'ava';
import fc from 'fast-check';
import { detectLanguage, EXPECTED_LETTERS, letterClasses, SCRIPT_EVIDENCE } from '../../stages/language.js';

test('English, Russian and German bodies', (t) => {
  t.is(
    detectLanguage('The meeting participants expressed particular concern about the threats posed by the leakage of data.').language,
    'eng',
  );
  t.is(detectLanguage('Завершилось голосование за объекты, которые благоустроят в следующем году.').language, 'rus');
  t.is(detectLanguage('Die Teilnehmer der Sitzung äußerten sich besorgt über die Bedrohungen durch Datenlecks.').language, 'deu');
});

test('too little text is und with score 0', (t) => {
  t.like(detectLanguage('Go back'), { language: 'und', score: 0 });
});

test('the candidate list restricts the answer; the score is a margin in 0..1', (t) => {
  const result = detectLanguage('Завершилось голосование за объекты, которые благоустроят в следующем году.', { only: ['ukr', 'bel'] });
  t.true(['ukr', 'bel'].includes(result.language));
  t.true(result.score >= 0 && result.score <= 1);
});

test('letters only some Cyrillic languages use overrule trigram look-alikes', (t) => {
  // Short Russian is often ranked Bulgarian or Macedonian by trigrams alone; ы and э say Russian.
  t.is(detectLanguage('Мы были в этом городе вчера вечером.').language, 'rus');
  t.is(detectLanguage('Ми були в цьому місті вчора ввечері, їхали потягом.').language, 'ukr');
  t.is(detectLanguage('Мы былі ў гэтым горадзе ўчора ўвечары.').language, 'bel');
  t.is(detectLanguage('Біз кеше кешке осы қалада болдық, әрине.').language, 'kaz');
  t.is(detectLanguage('Бяхме в този град вчера вечерта с приятели.').language, 'bul');
});

test('Chinese needs fewer characters than alphabetic scripts', (t) => {
  t.is(detectLanguage('我们昨天晚上在这个城市。').language, 'cmn');
});

test('letterClasses reads a text as the evidence expressions do, one code unit at a time or by surrogate pairs', (t) => {
  const expressions = [...SCRIPT_EVIDENCE.map(([letters]) => letters), ...EXPECTED_LETTERS.map(([letters]) => letters)];
  const units = [...'aeзыэїєґіўәңғјђъəňʻqЁ1 .,', '\u{10780}', '\u{1df00}', '😀', '\ud800', '\udc00'];
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...units), maxLength: 120 }), (text) => {
      const expected = expressions.reduce((bits, letters, bit) => (letters.test(text) ? bits | (1 << bit) : bits), 0);
      const { present, cyrillicOrLatin } = letterClasses(text);
      t.is(present & ((1 << expressions.length) - 1), expected, JSON.stringify(text));
      t.is(cyrillicOrLatin, text.match(/[\p{Script=Cyrillic}\p{Script=Latin}]/gu)?.length ?? 0, JSON.stringify(text));
    }),
    { numRuns: 1000 },
  );
});
