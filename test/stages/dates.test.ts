import test from 'ava';
import { dateLine, findDates, findLineDates, labelledDate } from '../../stages/date-parse.js';
import { findPublicationDates } from '../../stages/dates.js';

const datesIn = (text: string) => findDates(text).map((d) => d.datetime ?? d.date);

test('numeric, ISO, CJK and written formats in ten languages', (t) => {
  t.deepEqual(datesIn('Budget 19.06.2019 adopted'), ['2019-06-19']);
  t.deepEqual(datesIn('Kommentar vom 14. 01. 2020, 13:47'), ['2020-01-14']);
  t.deepEqual(datesIn('On 25 July 2024, staff met'), ['2024-07-25']);
  t.deepEqual(datesIn('On July 16, 2019 and Jul. 4 2020'), ['2019-07-16', '2020-07-04']);
  t.deepEqual(datesIn('published 2020-03-15T08:30:00+0100'), ['2020-03-15T08:30:00+01:00']);
  t.deepEqual(datesIn('25 июля 2024 г.'), ['2024-07-25']);
  t.deepEqual(datesIn('5 вересня 2023 року'), ['2023-09-05']);
  t.deepEqual(datesIn('am 12. März 2020'), ['2020-03-12']);
  t.deepEqual(datesIn('le 3 janv. 2021'), ['2021-01-03']);
  t.deepEqual(datesIn('el 3 de enero de 2021'), ['2021-01-03']);
  t.deepEqual(datesIn('pubblicato il 12 maggio 2020'), ['2020-05-12']);
  t.deepEqual(datesIn('publicado em 3 de março de 2021'), ['2021-03-03']);
  t.deepEqual(datesIn('gepubliceerd op 14 februari 2022'), ['2022-02-14']);
  t.deepEqual(datesIn('opublikowano 5 września 2019'), ['2019-09-05']);
  t.deepEqual(datesIn('于2023年10月27日0时10分在上海'), ['2023-10-27']);
  t.deepEqual(datesIn('2019年6月24日 18時00分'), ['2019-06-24']);
  t.deepEqual(datesIn('입력 2019년 6월 24일'), ['2019-06-24']);
  t.deepEqual(datesIn('2023年13月1日 and 12023年1月1日'), []);
});

test('a date run into the word before it is a date; after a code, a version or a time it is not', (t) => {
  t.deepEqual(datesIn('Tanja Karrasch3.11.2023'), ['2023-11-03']);
  t.deepEqual(datesIn('Redaktion2023-11-03 and Stand2019/03/05'), ['2023-11-03', '2019-03-05']);
  t.deepEqual(datesIn('发布于2019-03-05'), ['2019-03-05']);
  t.deepEqual(datesIn('AB12.10.2020, IMG2019-03-05 and V2.3.2020'), []);
  // A two-digit year run into the time: `28.09.19` `12:44`, not 1912.
  t.deepEqual(datesIn('Posted 28.09.1912:44'), []);
  t.deepEqual(datesIn('Meeting of 28.09.2019:'), ['2019-09-28']);
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

test('a two-digit year is read in a line that may be a date, day first, not in running text', (t) => {
  t.deepEqual(
    findLineDates('28.01.22 / 0 Kommentare').map((d) => d.date),
    ['2022-01-28'],
  );
  t.like(dateLine('02.12.19'), { date: '2019-12-02', shortYear: true });
  t.is(dateLine('Mittwoch, 30.10.23, 18:56')?.date, '2023-10-30');
  // The century as POSIX reads `%y`.
  t.is(dateLine('31.12.98')?.date, '1998-12-31');
  t.is(dateLine('01.01.68')?.date, '2068-01-01');
  // Running text: a version or a section number has the same shape.
  t.deepEqual(datesIn('Release 02.12.19 fixes the installer'), []);
  // Not a date: an address, a one-digit part, an impossible day, a longer number.
  t.deepEqual(findLineDates('10.12.13.14'), []);
  t.deepEqual(findLineDates('1.2.19'), []);
  t.deepEqual(findLineDates('31.02.19 and 13.13.19'), []);
  t.deepEqual(findLineDates('02.12.195'), []);
  // A four-digit year is not read as a two-digit one.
  t.deepEqual(
    findLineDates('02.12.2019').map((d) => d.date),
    ['2019-12-02'],
  );
});

test('publication date: the dated title wins over a near-title line, which wins over the text', (t) => {
  const paragraphs = [{ kind: 'paragraph' as const, lines: ['On 13 November 2023, the meeting was held.'] }];
  const base = { title: 'T', paragraphs, nearTitleDates: [], titleDate: null };
  t.like(findPublicationDates(base), { published: '2023-11-13', publishedFrom: 'text' });
  const near = findDates('3 марта 2023 г.');
  t.like(findPublicationDates({ ...base, nearTitleDates: near }), { published: '2023-03-03', publishedFrom: 'near-title' });
  t.like(findPublicationDates({ ...base, nearTitleDates: near, titleDate: findDates('19.06.2019')[0]! }), {
    published: '2019-06-19',
    publishedFrom: 'title-date',
  });
  t.deepEqual(findPublicationDates(base).dates, ['2023-11-13']);
});

test('dates after the crawl date are skipped', (t) => {
  const paragraphs = [{ kind: 'paragraph' as const, lines: ['It will be held on 1 October 2030, after 5 May 2020.'] }];
  const result = findPublicationDates({ title: null, paragraphs, nearTitleDates: [], titleDate: null }, { notAfter: '2024-01-01' });
  t.like(result, { published: '2020-05-05', publishedFrom: 'text' });
  t.deepEqual(result.dates, ['2020-05-05']);
});

test('a line that labels its date as published, in several languages; modification dates and prose are not labels', (t) => {
  t.is(labelledDate('Posted on September 21, 2020 by Adi Tzlil')?.date, '2020-09-21');
  t.is(labelledDate('Veröffentlicht am: 6. August 2009')?.date, '2009-08-06');
  t.is(labelledDate('Datum:26. Januar 2022')?.date, '2022-01-26');
  t.is(labelledDate('Publié le 7 mai 2020 - 12:38')?.date, '2020-05-07');
  t.is(labelledDate('Опубликовано 12.03.2021')?.date, '2021-03-12');
  t.is(labelledDate('Updated June 13, 2019'), null);
  t.is(
    labelledDate('The plan was published after a long debate that began, as we reported, on 3 May 2020'),
    null,
    'too far from its label',
  );
  t.is(labelledDate('On 3 May 2020 the report was published'), null, 'the date comes before the label');
});

test('a UTC instant yields to the local day the page states one day apart (URL, dated title, dateline next to it)', (t) => {
  const base = { title: 'T', paragraphs: [], nearTitleDates: [], titleDate: null };
  // 02:25 UTC on the 25th is the evening of the 24th in New York, as the URL says.
  const us = findPublicationDates({
    ...base,
    evidence: [
      { from: 'json-ld', value: '2020-02-25T02:25:54Z', item: 'article' },
      { from: 'url', value: '2020-02-24' },
    ],
  });
  t.like(us, { published: '2020-02-24', publishedFrom: 'url' });
  // A zone other than UTC is the local time already; and a URL that agrees keeps the instant.
  const berlin = findPublicationDates({
    ...base,
    evidence: [
      { from: 'meta', value: '2019-12-31T23:30:00+01:00' },
      { from: 'url', value: '2020-01-01' },
    ],
  });
  t.like(berlin, { published: '2019-12-31T23:30:00+01:00', publishedFrom: 'meta' });
  const agrees = findPublicationDates({
    ...base,
    evidence: [
      { from: 'time', value: '2019-08-02T15:57:41Z' },
      { from: 'url', value: '2019-08-02' },
    ],
    scan: () => ({ bylines: [], datelines: findDates('3 August 2019') }),
  });
  t.like(agrees, { published: '2019-08-02T15:57:41Z', publishedFrom: 'time' });
  // Two days apart is not a time-zone shift.
  const far = findPublicationDates({
    ...base,
    evidence: [
      { from: 'meta', value: '2020-02-26T02:00:00Z' },
      { from: 'url', value: '2020-02-24' },
    ],
  });
  t.like(far, { published: '2020-02-26T02:00:00Z', publishedFrom: 'meta' });
});

test('the order of evidence below the metadata: near-title, byline, dateline in the article, then the text', (t) => {
  const paragraphs = [{ kind: 'paragraph' as const, lines: ['On 13 November 2023, the meeting was held.'] }];
  const base = { title: 'T', paragraphs, nearTitleDates: [], titleDate: null };
  const byline = findDates('4 May 2021');
  const dateline = findDates('5 May 2021');
  t.like(findPublicationDates({ ...base, scan: () => ({ bylines: [], datelines: dateline }) }), {
    published: '2021-05-05',
    publishedFrom: 'dateline',
  });
  t.like(findPublicationDates({ ...base, scan: () => ({ bylines: byline, datelines: dateline }) }), {
    published: '2021-05-04',
    publishedFrom: 'byline',
  });
  // Stated evidence settles it: the page's other lines are not even scanned.
  const settled = findPublicationDates({
    ...base,
    nearTitleDates: findDates('6 May 2021'),
    scan: () => {
      throw new Error('scanned although the date was settled');
    },
  });
  t.like(settled, { publishedFrom: 'near-title' });
});

test('a two-digit year beside the title dates a page only where its statements do not (US pages write it month first)', (t) => {
  const base = { title: 'T', paragraphs: [], titleDate: null };
  // Engadget's `11.03.17` is 3 November 2017, as its metadata says.
  const near = findLineDates('11.03.17 in Gadgetry').slice(0, 1);
  t.like(findPublicationDates({ ...base, nearTitleDates: near, evidence: [{ from: 'meta', value: '2017-11-03T03:01:00' }] }), {
    published: '2017-11-03T03:01:00',
    publishedFrom: 'meta',
  });
  t.like(findPublicationDates({ ...base, nearTitleDates: near }), { published: '2017-03-11', publishedFrom: 'near-title' });
  // A four-digit year beside the title still outranks the metadata.
  t.like(
    findPublicationDates({ ...base, nearTitleDates: findDates('11.03.2017'), evidence: [{ from: 'meta', value: '2017-11-03T03:01:00' }] }),
    { published: '2017-03-11', publishedFrom: 'near-title' },
  );
});

test("the day a page shows beside its title outranks its metadata's (an update the metadata's first publication hides), not a forum thread's", (t) => {
  const base = {
    title: 'T',
    paragraphs: [],
    titleDate: null,
    evidence: [{ from: 'json-ld' as const, value: '2019-10-15T16:59:59Z', item: 'article' as const }],
  };
  const near = findDates('Updated Mar 12, 2020');
  t.like(findPublicationDates({ ...base, nearTitleDates: near }), { published: '2020-03-12', publishedFrom: 'near-title' });
  // A forum thread's lines by its title date its last post or its author's joining: its metadata dates it.
  t.like(findPublicationDates({ ...base, nearTitleDates: near, metadataFirst: true }), {
    published: '2019-10-15T16:59:59Z',
    publishedFrom: 'json-ld',
  });
  // The same day in both: the metadata says it more fully.
  t.like(findPublicationDates({ ...base, nearTitleDates: findDates('15 October 2019') }), {
    published: '2019-10-15T16:59:59Z',
    publishedFrom: 'json-ld',
  });
});
