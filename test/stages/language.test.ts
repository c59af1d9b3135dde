import test from 'ava';
import { detectLanguage } from '../../stages/language.js';

test('English, Russian and German bodies', (t) => {
  t.is(detectLanguage('The meeting participants expressed particular concern about the threats posed by the leakage of data.').language, 'eng');
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
