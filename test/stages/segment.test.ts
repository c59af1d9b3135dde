import test from 'ava';
import { isContactLine, segment } from '../../stages/segment.js';
import { marked } from '../helpers.js';

const TEASERS = [
  'On 25 July 2024, staff of the Secretariat met with graduates of the universities of the region.',
  'Allow me to thank the presidency for the invitation to take part in the debate.',
];
const FOOTER = ['Go back', 'Back to the section'];
const everywhere = Object.fromEntries([...TEASERS, ...FOOTER].map((text) => [text, 5]));
const BODY = [
  'The meeting was opened by the Deputy Secretary General, who noted the need to step up cooperation.',
  'Speakers noted an increase in the skills of attackers and in the number of attacks using the supply chain.',
];

const page = (...blocks: string[]) => blocks.join('\n\n');
const bodyOf = (text: string, supports: Record<string, number> = everywhere) =>
  segment(marked(text, supports, 5)).paragraphs.map((p) => p.lines.join('\n'));

test('title, its dated copy, body; teasers and footer removed', (t) => {
  const result = segment(
    marked(page('26.07.2024', ...TEASERS, 'A meeting was held', 'A meeting was held 29.03.2024', ...BODY, ...FOOTER), everywhere, 5),
  );
  t.is(result.title, 'A meeting was held');
  t.is(result.titleDate?.date, '2024-03-29');
  t.deepEqual(
    result.paragraphs.map((p) => p.lines[0]),
    BODY,
  );
  t.true(result.roles.includes('title-date'));
});

test('the dated copy may put the date first', (t) => {
  const result = segment(marked(page(...TEASERS, 'Budget adopted', '19.06.2019 Budget adopted', ...BODY), everywhere, 5));
  t.is(result.title, 'Budget adopted');
  t.is(result.titleDate?.date, '2019-06-19');
});

test("a teaser that is its own article's lead stays in the body", (t) => {
  const lead = TEASERS[0]!;
  const body = bodyOf(page(...TEASERS, 'Graduates visit the Secretariat', lead, ...BODY, ...FOOTER));
  t.deepEqual(body, [lead, ...BODY]);
});

test('a page whose article is a teaser keeps its title, date and lead', (t) => {
  const teaserTitle = 'Graduates visit the Secretariat';
  const supports = { ...everywhere, [teaserTitle]: 5, '24 July 2024': 5 };
  const text = page('24 July 2024', teaserTitle, ...TEASERS, teaserTitle, '24 July 2024', TEASERS[0]!, ...BODY, ...FOOTER);
  const result = segment(marked(text, supports, 5));
  t.is(result.title, teaserTitle);
  t.deepEqual(
    result.nearTitleDates.map((d) => d.date),
    ['2024-07-24'],
  );
  t.deepEqual(
    result.paragraphs.map((p) => p.lines[0]),
    [TEASERS[0], ...BODY],
  );
});

test('weak template at the edges (rotating teasers, a signature) is trimmed, the article kept', (t) => {
  const supports = { ...everywhere, 'Rotating teaser one is here.': 2, 'Rotating teaser two is here.': 2, 'Press secretary John Smith': 2 };
  const text = page(
    'Rotating teaser one is here.',
    'Rotating teaser two is here.',
    'The title of the article',
    ...BODY,
    'Press secretary John Smith',
    ...FOOTER,
  );
  const result = segment(marked(text, supports, 5));
  t.is(result.title, 'The title of the article');
  t.deepEqual(
    result.paragraphs.map((p) => p.lines[0]),
    BODY,
  );
});

test('an article repeated on a few pages (all weak) is not gutted', (t) => {
  const supports = { ...everywhere, 'The title of the article': 2, [BODY[0]!]: 2, [BODY[1]!]: 2 };
  const result = segment(marked(page(...TEASERS, 'The title of the article', ...BODY, ...FOOTER), supports, 9));
  t.is(result.title, 'The title of the article');
  t.deepEqual(
    result.paragraphs.map((p) => p.lines[0]),
    BODY,
  );
});

test('a page without any template keeps everything; a trailing signature and e-mail go', (t) => {
  const text = page('Council approves the budget', ...BODY, 'Press office of the council', 'email: press@example.org');
  const result = segment(marked(text, {}, 1));
  t.is(result.title, 'Council approves the budget');
  t.deepEqual(
    result.paragraphs.map((p) => p.lines[0]),
    BODY,
  );
  t.deepEqual(result.roles.slice(-2), ['signature', 'contact']);
});

test('lone date lines are dropped; consecutive list items form one list', (t) => {
  const text = page(
    ...TEASERS,
    'Priorities for the year',
    '15.07.2024',
    'The main areas are:',
    '– the first area;',
    '– the second area.',
    ...BODY,
    ...FOOTER,
  );
  const result = segment(marked(text, everywhere, 5));
  t.deepEqual(
    result.nearTitleDates.map((d) => d.date),
    ['2024-07-15'],
  );
  t.deepEqual(result.paragraphs[1], { kind: 'list', lines: ['– the first area;', '– the second area.'] });
});

test('contact lines: an address or number with a label, not a sentence that mentions one', (t) => {
  t.true(isContactLine('email: odkb-pressa@gov.ru'));
  t.true(isContactLine('Тел.: +7 (495) 123-45-67'));
  t.false(isContactLine('Write to press@example.org if you want to take part in the round table next week.'));
});

test("a forum thread's per-post furniture (short lines whose shape repeats: Joined, Posts, likes) goes; its posts stay", (t) => {
  const POSTS = [
    'Has anyone tried the new ferry timetable? The first crossing seems to leave ten minutes earlier now.',
    'Yes, since Monday. It suits commuters, but the last boat back is still far too early for the theatre.',
    'I wrote to the harbour office about the late boat; they said a trial of a later crossing starts in May.',
  ];
  const furniture = [
    ['Joined: Mar 2019', 'Posts: 4032', '12 likes'],
    ['Joined: Jan 2021', 'Posts: 158', '3 likes'],
    ['Joined: Sep 2011', 'Posts: 17', '1 likes'],
  ];
  const thread = page('The new ferry timetable', ...POSTS.flatMap((post, i) => [...furniture[i]!, post]));
  const lines = (repeats: boolean) => segment(marked(thread), { repeats }).paragraphs.flatMap((p) => p.lines);
  t.deepEqual(lines(true), POSTS);
  t.true(lines(false).includes('Posts: 4032'));
});
