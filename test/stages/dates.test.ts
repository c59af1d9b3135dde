import test from 'ava';
import { dateLine, findDates } from '../../stages/date-parse.js';
import { findPublicationDates } from '../../stages/dates.js';

const datesIn = (text: string) => findDates(text).map((d) => d.datetime ?? d.date);

test('numeric, ISO and written formats in six languages', (t) => {
  t.deepEqual(datesIn('Budget 19.06.2019 adopted'), ['2019-06-19']);
  t.deepEqual(datesIn('On 25 July 2024, staff met'), ['2024-07-25']);
  t.deepEqual(datesIn('On July 16, 2019 and Jul. 4 2020'), ['2019-07-16', '2020-07-04']);
  t.deepEqual(datesIn('published 2020-03-15T08:30:00+0100'), ['2020-03-15T08:30:00+01:00']);
  t.deepEqual(datesIn('25 июля 2024 г.'), ['2024-07-25']);
  t.deepEqual(datesIn('5 вересня 2023 року'), ['2023-09-05']);
  t.deepEqual(datesIn('am 12. März 2020'), ['2020-03-12']);
  t.deepEqual(datesIn('le 3 janv. 2021'), ['2021-01-03']);
  t.deepEqual(datesIn('el 3 de enero de 2021'), ['2021-01-03']);
});

test('impossible and ambiguous dates are not dates', (t) => {
  t.deepEqual(datesIn('31.02.2020 and 13.13.2020 and 1.1.1850'), []);
  t.deepEqual(datesIn('06/07/2019'), []);
  t.deepEqual(datesIn('13/07/2019 and 07/13/2019'), ['2019-07-13', '2019-07-13']);
  t.deepEqual(datesIn('firmware v1.2.2019 and 20190101 and 1.2.20191'), []);
});

test('a date line is a date with at most a weekday, a time and punctuation', (t) => {
  t.is(dateLine('26.07.2024')?.date, '2024-07-26');
  t.is(dateLine('Monday, 25 July 2024, 12:30')?.date, '2024-07-25');
  t.is(dateLine('24 июля 2024 г.')?.date, '2024-07-24');
  t.is(dateLine('Meeting on 25 July 2024'), null);
});

test('publication date: the dated title wins over a near-title line, which wins over the text', (t) => {
  const paragraphs = [{ kind: 'paragraph' as const, lines: ['On 13 November 2023, the meeting was held.'] }];
  const base = { title: 'T', paragraphs, nearTitleDates: [], titleDate: null };
  t.like(findPublicationDates(base), { published: '2023-11-13', publishedFrom: 'text' });
  const near = findDates('3 марта 2023 г.');
  t.like(findPublicationDates({ ...base, nearTitleDates: near }), { published: '2023-03-03', publishedFrom: 'near-title' });
  t.like(findPublicationDates({ ...base, nearTitleDates: near, titleDate: findDates('19.06.2019')[0]! }), { published: '2019-06-19', publishedFrom: 'title-date' });
  t.deepEqual(findPublicationDates(base).dates, ['2023-11-13']);
});

test('dates after the crawl date are skipped', (t) => {
  const paragraphs = [{ kind: 'paragraph' as const, lines: ['It will be held on 1 October 2030, after 5 May 2020.'] }];
  const result = findPublicationDates({ title: null, paragraphs, nearTitleDates: [], titleDate: null }, { notAfter: '2024-01-01' });
  t.like(result, { published: '2020-05-05', publishedFrom: 'text' });
  t.deepEqual(result.dates, ['2020-05-05']);
});
