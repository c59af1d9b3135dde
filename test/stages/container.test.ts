import test from 'ava';
import { articleContainer } from '../../stages/container.js';
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
