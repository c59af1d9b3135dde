import test from 'ava';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchCopy, fixtureFiles, ROOT } from '../helpers.js';
import { runRecords } from '../dist.js';

const seedText = (name: string) => readFileSync(join(ROOT, 'fixtures/seeds', name), 'utf8');

/** Paragraphs (blank-line separated, whitespace folded) of a page that occur on at least `min` of the given pages. */
function sharedParagraphs(pages: string[], min: number): string[] {
  const count = new Map<string, number>();
  for (const page of pages) {
    for (const p of new Set(
      page
        .split(/\n\s*\n/)
        .map((s) => s.replace(/\s+/g, ' ').trim())
        .filter(Boolean),
    )) {
      count.set(p, (count.get(p) ?? 0) + 1);
    }
  }
  return [...count].filter(([, n]) => n >= min).map(([p]) => p);
}

test('seeds: exact titles, dates, language, and no teaser, date line or footer left', async (t) => {
  const { records, report } = await runRecords({ inputs: [join(ROOT, 'fixtures/seeds')] });
  t.deepEqual(
    records.map((r) => r.published),
    ['2019-06-19', '2023-11-13', '2019-07-16', '2024-02-05', '2024-03-29'],
  );
  t.true(records.every((r) => r.language === 'eng'));
  t.is(
    records[3]!.title,
    'Commentary by the CSTO Deputy Secretary General Valery Semerikov in response to an enquiry by “Russia Today” News Agency',
  );
  t.true(records[0]!.text.startsWith('On June 20, 2019, at 16:00, a "round table"'));
  t.true(records[0]!.text.endsWith('As expected, a resolution will be adopted at the end of "the round table" meeting.'));
  const pages = fixtureFiles('seeds').map(seedText);
  const shared = sharedParagraphs(pages, 2);
  t.true(shared.length >= 10, 'the seeds share teasers, date lines and footer');
  for (const record of records) {
    for (const paragraph of shared) t.false(record.text.includes(paragraph), `${record.source} keeps "${paragraph.slice(0, 40)}"`);
    t.false(/^\d{2}\.\d{2}\.\d{4}$/m.test(record.text), 'no lone date line');
  }
  t.deepEqual(report.totals, { read: 5, emitted: 5, duplicates: 0, rejected: 0, skipped: 0, filtered: 0 });
});

test('a site in another language with other teasers and footer is cleaned as well', async (t) => {
  const { records } = await runRecords({ inputs: [join(ROOT, 'fixtures/sites/zarechye')] });
  t.is(records.length, 4);
  t.true(records.every((r) => r.language === 'rus' && r.title && r.published));
  const pages = fixtureFiles('sites/zarechye').map((f) => readFileSync(join(ROOT, 'fixtures/sites/zarechye', f), 'utf8'));
  const shared = sharedParagraphs(pages, 3);
  const detskiySad = records.find((r) => r.source.endsWith('detskiy-sad.txt'))!;
  for (const record of records) {
    for (const paragraph of shared) {
      // The kindergarten article is itself one of the teasers: its title, date and lead are its own.
      if (record === detskiySad && record.text.startsWith(paragraph)) continue;
      t.false(record.text.includes(paragraph), `${record.source} keeps "${paragraph.slice(0, 40)}"`);
    }
    t.false(/Пресс-служба|Анна Петрова|Поделиться/.test(record.text));
  }
  t.true(detskiySad.text.startsWith('В микрорайоне Северный после двух лет строительства'));
  t.is(detskiySad.published, '2024-07-24');
});

test('the same page saved twice is one record, and its article is not taken for template', async (t) => {
  const clean = await runRecords({ inputs: [join(ROOT, 'fixtures/seeds')] });
  const dir = scratchCopy(t, 'seeds');
  cpSync(join(dir, 'seeds/002_aea447755fbbf99c.txt'), join(dir, 'seeds/002_copy.txt'));
  const { records, report } = await runRecords({ inputs: [join(dir, 'seeds')] });
  t.is(records.length, 5);
  const survivor = records.find((r) => r.source.endsWith('002_aea447755fbbf99c.txt'))!;
  t.deepEqual(survivor.duplicates, [join(dir, 'seeds/002_copy.txt')]);
  t.is(survivor.text, clean.records[2]!.text);
  t.deepEqual(report.totals, { read: 6, emitted: 5, duplicates: 1, rejected: 0, skipped: 0, filtered: 0 });
});

test('a page with no template at all is kept whole', async (t) => {
  const dir = scratchCopy(t);
  mkdirSync(join(dir, 'single'));
  const article = [
    'Council approves the 2025 budget',
    '12.12.2024',
    'The city council approved the budget for 2025 on Thursday after a long debate.',
    'Spending on schools rises by a tenth, while road repairs get less than last year.',
  ];
  writeFileSync(join(dir, 'single/page.txt'), article.join('\n\n'));
  const { records } = await runRecords({ inputs: [join(dir, 'single')] });
  t.is(records.length, 1);
  t.like(records[0], { title: article[0], published: '2024-12-12', published_from: 'near-title', text: `${article[2]}\n\n${article[3]}` });
});

test('output is identical whatever the concurrency and the order files were written in', async (t) => {
  const one = await runRecords({ inputs: [join(ROOT, 'fixtures/seeds'), join(ROOT, 'fixtures/sites')], concurrency: 1 });
  const many = await runRecords({ inputs: [join(ROOT, 'fixtures/sites'), join(ROOT, 'fixtures/seeds')], concurrency: 8 });
  t.deepEqual(many.records, one.records);
  t.deepEqual(many.report, one.report);

  const dir = scratchCopy(t);
  mkdirSync(join(dir, 'seeds'));
  for (const name of fixtureFiles('seeds').reverse()) cpSync(join(ROOT, 'fixtures/seeds', name), join(dir, 'seeds', name));
  const reversed = await runRecords({ inputs: [join(dir, 'seeds')], concurrency: 3 });
  const strip = (records: typeof one.records) =>
    records.map(({ source, site: _site, ...rest }) => ({ ...rest, name: source.split('/').pop() }));
  t.deepEqual(strip(reversed.records), strip(one.records.filter((r) => r.source.includes('/seeds/'))));
});

test('bad inputs are rejected with a reason while the good ones beside them come out unchanged', async (t) => {
  const dir = scratchCopy(t, 'seeds');
  writeFileSync(join(dir, 'seeds/empty.txt'), '');
  writeFileSync(join(dir, 'seeds/image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  const { records, rejects, report } = await runRecords({ inputs: [join(dir, 'seeds'), join(dir, 'missing')] });
  const clean = await runRecords({ inputs: [join(ROOT, 'fixtures/seeds')] });
  t.deepEqual(
    records.map((r) => r.text),
    clean.records.map((r) => r.text),
  );
  t.deepEqual(
    rejects.map((r) => [r.source.slice(dir.length + 1), r.reason]),
    [
      ['missing', 'unreadable'],
      ['seeds/empty.txt', 'empty'],
      ['seeds/image.txt', 'binary'],
    ],
  );
  t.deepEqual(report.totals, { read: 8, emitted: 5, duplicates: 0, rejected: 3, skipped: 0, filtered: 0 });
});

test('one article crawled twice on a two-page site is not taken for template', async (t) => {
  const dir = scratchCopy(t);
  mkdirSync(join(dir, 'tiny'));
  const article = [
    'Ferry timetable changes in June',
    'From 1 June the morning ferry leaves at 6:40 instead of 7:00, the operator said on Monday.',
    'The evening crossings stay as they are, and the weekend timetable is unchanged until September.',
    'The change follows a survey of commuters, most of whom asked for an earlier first crossing.',
  ];
  // Comments under the length of prose (no story of their own), enough of them that the two pages are not
  // copies of one page (their shingles about a third alike): the article is on both pages of the site, and
  // only the page's own signals keep it.
  const comments = [
    'Anna: good news for everyone who starts the early shift at the port',
    'Piotr: still too late for the welders, we begin at six every day',
    'Mette: will the bicycle racks on the morning boat stay where they are?',
    'Jonas: thank you for listening to the survey, that does not happen often',
    'Ilse: my daughter takes the evening crossing and is glad nothing changes',
    'Tomas: could the summer timetable start a week earlier next year please',
    'Greta: the café on board should open for the first departure as well',
    'Karl: parking at the terminal fills up before seven, something to fix',
    'Sofie: printed timetables at the library would help older passengers',
    'Lars: how about a later last crossing on Fridays during the festival',
  ];
  writeFileSync(join(dir, 'tiny/a.txt'), [...article, 'Comments are closed.'].join('\n\n'));
  writeFileSync(join(dir, 'tiny/b.txt'), [...article, '10 comments', ...comments].join('\n\n'));
  const { records, report } = await runRecords({ inputs: [join(dir, 'tiny')] });
  // Each page keeps the whole article (the comments too: nothing tells them from it on a page read alone).
  t.is(report.attempts['article-alone'], 2);
  t.is(records.length, 2);
  for (const record of records) {
    t.is(record.title, article[0]!);
    t.true(record.text.startsWith(article.slice(1).join('\n\n')));
  }
});

test('a syndicated, lightly edited copy on another site is one record; --keep-duplicates names the survivor', async (t) => {
  const dir = scratchCopy(t, 'seeds');
  const original = readFileSync(join(ROOT, 'fixtures/seeds/004_25d3ec7f288ff7e8.txt'), 'utf8');
  const article = original.slice(original.indexOf('A meeting of the heads'), original.indexOf('Go back'));
  mkdirSync(join(dir, 'other-site'));
  writeFileSync(
    join(dir, 'other-site/reprint.txt'),
    `Reprinted from the CSTO press office\n\n${article.replace('On 27 March 2024', 'On March 27, 2024')}\n\nMore news on our site`,
  );
  const merged = await runRecords({ inputs: [join(dir, 'seeds'), join(dir, 'other-site')] });
  t.is(merged.records.length, 5);
  t.is(merged.report.totals.duplicates, 1);
  const survivor = merged.records.find((r) => r.duplicates.length > 0)!;
  t.deepEqual(survivor.duplicates.length, 1);
  t.is(merged.report.stages.dedup.dropped['near-duplicate'], 1);

  const kept = await runRecords({ inputs: [join(dir, 'seeds'), join(dir, 'other-site')], keepDuplicates: true });
  t.is(kept.records.length, 6);
  const duplicate = kept.records.find((r) => r.duplicate_of !== null)!;
  t.is(duplicate.duplicate_of, survivor.source);
  t.is(kept.report.totals.duplicates, 0);

  const exactOnly = await runRecords({ inputs: [join(dir, 'seeds'), join(dir, 'other-site')], nearDuplicates: false });
  t.is(exactOnly.records.length, 6);
});

test('a dateline next to the h1 dates an HTML page even outside the article container', async (t) => {
  const dir = scratchCopy(t);
  mkdirSync(join(dir, 'dateline'));
  const prose =
    'The harbour board met on Tuesday and agreed a new plan for the quays, after months of talks with residents and the ferry company.';
  writeFileSync(
    join(dir, 'dateline/page.html'),
    `<html><body><header class="page-header"><h1>Quay plan agreed</h1><div class="meta">By Ann Holt, 12 March 2020</div></header>
     <div class="content"><p>${prose}</p><p>${prose.replace('Tuesday', 'Monday')}</p><p>The work starts on 1 June 2021.</p></div></body></html>`,
  );
  const { records } = await runRecords({ inputs: [join(dir, 'dateline')] });
  t.like(records[0], { title: 'Quay plan agreed', published: '2020-03-12', published_from: 'near-title' });
});
