import test from 'ava';
import { textBlocks } from '../../stages/blocks.js';
import { isProseText } from '../../stages/types.js';

test('blank-line separated paragraphs become blocks; wrapped lines are joined', (t) => {
  const blocks = textBlocks('First line of a paragraph\nthat wraps here.\n\n\nSecond paragraph.\n');
  t.deepEqual(
    blocks.map((b) => b.text),
    ['First line of a paragraph that wraps here.', 'Second paragraph.'],
  );
  t.deepEqual(
    blocks.map((b) => b.position),
    [0, 1],
  );
});

test('a line ends at CR LF, CR or LF', (t) => {
  t.deepEqual(
    textBlocks('Title\r\nBody one.\rBody two.').map((b) => b.text),
    ['Title', 'Body one.', 'Body two.'],
  );
  t.deepEqual(
    textBlocks('One line that\r\nwraps.\r\n\r\nAfter a blank line.').map((b) => b.text),
    ['One line that wraps.', 'After a blank line.'],
  );
});

test('without blank lines, every line is a block', (t) => {
  t.deepEqual(
    textBlocks('Title\nBody one.\nBody two.').map((b) => b.text),
    ['Title', 'Body one.', 'Body two.'],
  );
});

test('list items are their own blocks, whatever the marker', (t) => {
  const blocks = textBlocks('Priorities:\n\n  • first item;\n\n– second item;\n- third\n1. numbered');
  t.deepEqual(
    blocks.map((b) => b.kind),
    ['paragraph', 'list-item', 'list-item', 'list-item', 'list-item'],
  );
  t.is(blocks[1]!.text, '• first item;');
});

test('the matching form folds NFKC, case, quotes, dashes and non-breaking spaces', (t) => {
  const [a, b] = textBlocks('“PROXY” operation\u00a0 — done\n\n"proxy" OPERATION - done');
  t.is(a!.norm, '"proxy" operation - done');
  t.is(a!.norm, b!.norm);
  t.is(a!.hash, b!.hash);
  t.is(a!.text, '“PROXY” operation — done');
});

test('text of lines a single br joined is prose when its lines average half a prose line, not as a list of short lines', (t) => {
  const wrapped = 'Gym equipment refers to the various machines, tools, and accessories used in a\nfitness facility.';
  t.true(isProseText(wrapped));
  const list = ['Russian Mostly Positive (1,316,678)', 'English Very Positive (822,894)', 'Thai Very Positive (21,535)'].join('\n');
  t.false(isProseText(list));
  t.true(isProseText(list.replace(/\n/g, ' ')));
});
