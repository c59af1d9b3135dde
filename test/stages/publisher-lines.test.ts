import test from 'ava';
import { htmlBlocks } from '../../stages/html-blocks.js';
import { isPublisherLine } from '../../stages/publisher-lines.js';
import type { MarkedBlock } from '../../stages/template.js';

/** The blocks of an HTML fragment, each kept (`content`) unless listed in `dropped`. */
function marked(html: string, dropped: readonly string[] = []): MarkedBlock[] {
  return htmlBlocks(`<html><body>${html}</body></html>`).blocks.map((b): MarkedBlock => ({
    ...b,
    support: 1,
    verdict: dropped.includes(b.text) ? 'boilerplate' : 'content',
  }));
}

/** Which lines of the paragraphs `lines` are the publisher's. */
function publisherLines(lines: readonly string[]): string[] {
  const blocks = marked(lines.map((l) => `<p>${l}</p>`).join(''));
  return blocks.filter((_, i) => isPublisherLine(blocks, i)).map((b) => b.text);
}

test("credits, calls to the reader and ads' labels are the publisher's; the story's lines that name the same things are not", (t) => {
  const publisher = [
    '© 2024 The Harbor Gazette. All rights reserved.',
    'Foto: Hafenamt / J. Doe',
    'Follow us on Telegram, Facebook, Instagram and X for the latest news.',
    'Follow The Harbor Gazette on Twitter',
    'Subscribe to our newsletter',
    'Share this post',
    '- Anzeige -',
    'Story continues below advertisement',
    '5 min read',
    'Lesezeit: 4 Minuten',
  ];
  const story = [
    'The harbour master, who has 40,000 followers on Instagram, posted the new timetable on Facebook.',
    'Follow the prompts on WhatsApp to register your berth.',
    'Skippers read the port notices and subscribe to industry newsletters.',
    'Advertising',
    'Share',
    'The excerpt is from Quays of the North Sea, by Jane Doe, Copyright 2013.',
    'The ferry crossing takes 5 minutes.',
  ];
  t.deepEqual(publisherLines([...story, ...publisher]), publisher);
});

test("a contents title is the publisher's over the links the page drops, not over text it keeps or a single link", (t) => {
  const toc =
    '<p>Table of Contents</p><ul><li><a href="#a">Works</a></li><li><a href="#b">Moorings</a></li></ul><p>The works begin in June.</p>';
  const over = marked(toc, ['Works', 'Moorings']);
  t.true(isPublisherLine(over, 0));
  const kept = marked(toc);
  t.false(isPublisherLine(kept, 0));
  const one = marked('<h2>Contents</h2><p><a href="/summary">See SUMMARY.md</a></p><h2>Contributing</h2>', ['See SUMMARY.md']);
  t.false(isPublisherLine(one, 0));
});

test("a counter of reactions alone on its line is the site's; a heading so worded opens the comments, and stays for the cut there", (t) => {
  t.deepEqual(
    publisherLines(['7 Likes', '1,693 views', '60 replies', '12 Kommentare', 'The quay took 7 years and 60 replies to a survey.']),
    ['7 Likes', '1,693 views', '60 replies', '12 Kommentare'],
  );
  const heading = marked('<h3>3 Comments</h3><p>Ann: the works are late again.</p>');
  t.false(isPublisherLine(heading, 0));
});

test('a dropped line is not read again', (t) => {
  const blocks = marked('<p>Subscribe to our newsletter</p>', ['Subscribe to our newsletter']);
  t.false(isPublisherLine(blocks, 0));
});
