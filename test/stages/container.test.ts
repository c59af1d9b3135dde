import test from 'ava';
import { articleContainer, proseCore, withEarlierPost } from '../../stages/container.js';
import { htmlBlocks } from '../../stages/html-blocks.js';
import { boilerplateReasons } from '../../stages/boilerplate.js';
import { markBoilerplate, markTemplate } from '../../stages/template.js';

test('the container is the element whose blocks are the article, not the sidebar', (t) => {
  const para = (n: number) => `<p>Paragraph ${n} of the article, long enough to be prose and to count for its container.</p>`;
  const html = `<html><body><div id="page"><div id="story">${para(1)}${para(2)}${para(3)}</div>
    <div id="side"><ul><li><a href="/a">Link one</a></li><li><a href="/b">Link two</a></li></ul></div></div></body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const marked = markBoilerplate(markTemplate(blocks, { pages: 1, support: () => 1 }).blocks, boilerplateReasons(blocks, tree));
  const container = articleContainer(marked, tree);
  t.is(tree.tag[container.element], 'div');
  t.deepEqual(
    blocks.slice(container.from, container.to).map((b) => b.text.slice(0, 11)),
    ['Paragraph 1', 'Paragraph 2', 'Paragraph 3'],
  );
});

test('learned template pulls the container away from repeated prose', (t) => {
  const sidebar = [
    'Subscribe to our newsletter to get every story of the day in your inbox each morning for free.',
    'Follow us on every network to read the stories of the day before anybody else does.',
  ];
  const html = `<html><body><div id="a"><p>${sidebar[0]}</p><p>${sidebar[1]}</p></div><div id="b"><p>Own text of this page, shorter than the sidebar.</p></div></body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const supports = new Map(blocks.map((b, i) => [b.hash, i < 2 ? 9 : 1]));
  const marked = markTemplate(blocks, { pages: 9, support: (h) => supports.get(h) ?? 1 }).blocks;
  const container = articleContainer(marked, tree);
  t.deepEqual([container.from, container.to], [2, 3]);
});

test("a thread's question in an element beside its answers' is its first post: the answers' container grows back over it", (t) => {
  const prose = (n: number) => `<p>Post paragraph ${n}, long enough to be prose and to count for the element that holds it.</p>`;
  const html = `<html><body><div id="main"><div class="question-header"><h1>How many chafing dishes?</h1><div class="stats">Viewed 6k times</div></div>
    <div class="question"><div class="post-text">${prose(1)}</div><div class="tags"><a href="/t/a">catering</a></div></div>
    <div id="answers"><div class="answer"><div class="post-text">${prose(2)}${prose(3)}</div></div>
    <div class="answer"><div class="post-text">${prose(4)}</div></div></div></div>
    <div id="side"><div class="widget"><p>Hot network questions and other links of the site.</p></div></div></body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const marked = markBoilerplate(markTemplate(blocks, { pages: 1, support: () => 1 }).blocks, boilerplateReasons(blocks, tree));
  const at = (prefix: string) => blocks.findIndex((b) => b.text.startsWith(prefix));
  // p < div.post-text < div.answer < div#answers
  const up = (e: number, n: number): number => (n === 0 ? e : up(tree.parent[e]!, n - 1));
  const answersElement = up(blocks[at('Post paragraph 2')]!.element!, 3);
  const answers = { element: answersElement, from: at('Post paragraph 2'), to: at('Post paragraph 4') + 1 };
  const grown = withEarlierPost(answers, marked, tree);
  t.deepEqual(
    blocks.slice(grown.from, grown.to).map((b) => b.text.slice(0, 16)),
    ['Post paragraph 1', 'catering', 'Post paragraph 2', 'Post paragraph 3', 'Post paragraph 4'],
  );
  // A sibling whose prose is set otherwise (a header's line, a widget) is not a post.
  const side = at('Hot network');
  t.deepEqual(withEarlierPost({ element: tree.parent[blocks[side]!.element!]!, from: side, to: side + 1 }, marked, tree), {
    element: tree.parent[blocks[side]!.element!]!,
    from: side,
    to: side + 1,
  });
});

test("a menu's blurbs, prose by their length, do not pull the container up to the page on a page without names", (t) => {
  const para = (n: number) => `<p>Paragraph ${n} of the article tells what the council decided and why, long enough to be prose.</p>`;
  const entry = (name: string) =>
    `<li><a href="/${name}">${name}</a><p>Everything about ${name}: the latest reports, the background and the people behind it.</p></li>`;
  const links = Array.from({ length: 36 }, (_, i) => `<li><a href="/section/${i}">Section ${i + 1}</a></li>`).join('');
  const menu = `<div><ul>${['harbour', 'council', 'schools', 'transport'].map(entry).join('')}${links}</ul></div>`;
  const story = `<div><h1>The council approves the harbour plan</h1>${Array.from({ length: 14 }, (_, i) => para(i + 1)).join('')}</div>`;
  const { blocks, tree } = htmlBlocks(`<html><body><div>${menu}${story}</div></body></html>`);
  const marked = markBoilerplate(markTemplate(blocks, { pages: 1, support: () => 1 }).blocks, boilerplateReasons(blocks, tree));
  const container = articleContainer(marked, tree);
  const texts = blocks.slice(container.from, container.to).map((b) => b.text);
  t.is(texts[0], 'The council approves the harbour plan');
  t.is(texts.length, 15);
});

/** A site header's mega menu on a page without names: each entry a title, a line of description and a link to it. */
function megaMenuPage(entries: number, blurb: (n: number) => string, story: string): string {
  const entry = (n: number) =>
    `<li><a href="/area/${n}">Area ${n}</a><ul>${[1, 2, 3, 4, 5, 6, 7, 8].map((k) => `<li><a href="/area/${n}/${k}">Topic ${n}.${k}</a></li>`).join('')}</ul>` +
    `<div><div>Featured in area ${n}</div><p>${blurb(n)}</p><div><a href="/area/${n}/more">Learn more</a></div></div></li>`;
  const menu = `<div><div><ul>${Array.from({ length: entries }, (_, i) => entry(i + 1)).join('')}</ul></div></div>`;
  return `<html><body><div>${menu}<div><div>${story}</div></div><div><p>© 2024 The Institute</p></div></div></body></html>`;
}

const containerTexts = (html: string): string[] => {
  const { blocks, tree } = htmlBlocks(html);
  const marked = markBoilerplate(markTemplate(blocks, { pages: 1, support: () => 1 }).blocks, boilerplateReasons(blocks, tree));
  const container = articleContainer(marked, tree);
  return blocks.slice(container.from, container.to).map((b) => b.text);
};

test("a header's mega menu above the page's heading does not vote: its blurbs and titles do not pull the container up to the page", (t) => {
  const blurb = (n: number) => `Area ${n} gathers our courses, our reports and the people who run them, with a note on each for you.`;
  const para = (n: number) => `<p>Paragraph ${n} of the guide tells what to check on the car and when, long enough to be prose here.</p>`;
  const story = `<h1>Car maintenance schedule</h1>${Array.from({ length: 8 }, (_, i) => para(i + 1)).join('')}`;
  const texts = containerTexts(megaMenuPage(6, blurb, story));
  t.is(texts[0], 'Car maintenance schedule');
  t.false(texts.some((text) => text.startsWith('Area ') || text.startsWith('Featured')));
});

test("a header's mega menu holding more prose than a short story is still not the page's text", (t) => {
  const blurb = (n: number) =>
    `Area ${n} gathers our courses, our reports and the people who run them: camps, lectures, field trips and a newsletter for every reader who wants to follow along.`;
  const para = (n: number) =>
    `<p>Paragraph ${n} of the notice says what the catalog holds and who may use it, long enough to be prose.</p>`;
  const story = `<h1>Free online courses</h1>${para(1)}${para(2)}${para(3)}`;
  const texts = containerTexts(megaMenuPage(5, blurb, story));
  t.false(texts.some((text) => text.startsWith('Area ') || text.startsWith('Featured')));
  t.true(texts.some((text) => text.startsWith('Paragraph 1')));
});

test("a list of linked questions with their answers past the page's heading is not a header's menu: its answers still vote", (t) => {
  const para = (n: number) => `<p>Paragraph ${n} of the article explains how restaurants serve their guests, long enough to be prose.</p>`;
  const faq = Array.from(
    { length: 6 },
    (_, i) =>
      `<div><div><a href="#q${i}">Question ${i + 1}?</a></div><div><p>Answer ${i + 1}: restaurants serve their guests at the table, at the counter, at a buffet or at the door, as the menu requires.</p></div></div>`,
  ).join('');
  const html = `<html><body><div><div><h1>Types of restaurant service</h1>${Array.from({ length: 6 }, (_, i) => para(i + 1)).join('')}</div><div><h2>Questions</h2><div>${faq}</div></div></div></body></html>`;
  const texts = containerTexts(html);
  t.true(texts.some((text) => text.startsWith('Answer 6')));
  t.is(texts[0], 'Types of restaurant service');
});

test("on a page without names, the story's core is the element whose own paragraphs hold most of the prose, not the thread under it", (t) => {
  const para = (n: number) => `<p>Paragraph ${n} of the story, long enough to be prose and to count for the element that holds it.</p>`;
  const comment = (n: number) =>
    `<div><div><div>Reader ${n}</div><div>${n} months ago</div></div><div><p>Comment ${n}, a reader's reply long enough to be prose: I tried this at home and it worked for us, thank you for writing it.</p></div><div>Reply</div></div>`;
  const html = `<html><body><div><div><div>${para(1)}${para(2)}${para(3)}${para(4)}${para(6)}${para(7)}</div></div><div><div>${para(5)}</div></div>
    <div><div>Comments</div><div>${comment(1)}${comment(2)}${comment(3)}</div></div><div><div>${para(8)}</div></div></div></body></html>`;
  const { blocks, tree } = htmlBlocks(html);
  const marked = markBoilerplate(markTemplate(blocks, { pages: 1, support: () => 1 }).blocks, boilerplateReasons(blocks, tree));
  const span = articleContainer(marked, tree);
  const at = (prefix: string) => blocks.findIndex((b) => b.text.startsWith(prefix));
  t.true(span.from <= at('Paragraph 1') && span.to > at('Comment 3'));
  const core = proseCore(span, marked, tree, true)!;
  t.deepEqual([core.from, core.to], [at('Paragraph 1'), at('Paragraph 7') + 1]);
  // A later section of the story in a twin of its element continues it; a comment, nested otherwise, does not.
  t.true(core.continues(at('Paragraph 5')));
  t.false(core.continues(at('Comment 1')));
  t.false(core.continues(at('Reader 1')));
  // Past the thread's prose, a twin of the story's element (a footer's note) no longer continues it.
  t.false(core.continues(at('Paragraph 8')));
  // Off an article the core stays the element holding most of the container's prose.
  const wide = proseCore(span, marked, tree)!;
  t.true(wide.to > at('Comment 3'));
});
