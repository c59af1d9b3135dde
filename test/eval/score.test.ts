/**
 * The evaluation's scorer against the reference `score.py`: the same figures (to the 4 decimals score.py
 * prints) and the same per-page file, byte for byte, on Winnow's output for a small dataset — the first
 * WCXB and trafilatura pages and a few built to reach the corners (merged duplicates, a page without
 * output, empty gold, no gold, many scripts, odd white space in snippets).
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { loadDataset } from '../../eval/datasets.js';
import { agreements, pagesTsv, predictionsOf, scoreDataset } from '../../eval/score.js';
import { normalizeSpace, pythonFixed, tokens, wordScore } from '../../eval/tokens.js';
import { scratch, SHARED_DATASETS, sharedDataTest } from '../helpers.js';
import { runRecords } from '../dist.js';

const EXTRACTION = join(SHARED_DATASETS, 'extraction');
const SCORE_PY = join(EXTRACTION, 'score.py');
const WCXB = join(EXTRACTION, 'wcxb-dev.ndjson.gz');
const TRAFILATURA = join(EXTRACTION, 'trafilatura-eval.ndjson.gz');

const PYTHON_MISSING = spawnSync('python3', ['--version']).error ? 'python3 absent' : null;

/** A test that needs python3 and the shared files: skipped with its reason when one is absent. */
function referenceTest(files: readonly string[]) {
  const withData = sharedDataTest(files);
  return (title: string, implementation: Parameters<typeof withData>[1]) =>
    PYTHON_MISSING ? test.skip(`${title} [skipped: ${PYTHON_MISSING}]`, implementation) : withData(title, implementation);
}

function python(code: string, input: string): string {
  const result = spawnSync('python3', ['-c', code], { input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

const MANY_SCRIPTS = [
  'Ünïcödé café naïve ŒUVRE straße İstanbul ΟΔΟΣ ΣΑΣ όνομα',
  'हिन्दी भाषा ไทย ภาษา العَرَبِيَّة עִבְרִית',
  '中文字符 日本語のテキスト 한국어 텍스트 Москва Ёжик',
  'e\u0301 x²³ ½ Ⅻ ① ٣٤٥ ५६ snake_case a‿b emoji😀x ﬁ ﬀ',
].join('\n');

const withPython = PYTHON_MISSING ? test.skip : test;

withPython("tokens are Python's lowercase \\w+ on many scripts", (t) => {
  const expected = JSON.parse(python("import re,sys,json; print(json.dumps(re.findall(r'\\w+', sys.stdin.read().lower())))", MANY_SCRIPTS));
  t.deepEqual(tokens(MANY_SCRIPTS), expected);
});

withPython("white space is normalised as Python's str.split() does", (t) => {
  const text = 'a\u00a0b\u2009c\x1cd\x85e\ufefff\u3000g\u200bh\n\ti';
  t.is(normalizeSpace(text), python("import sys; print(' '.join(sys.stdin.read().split()), end='')", text));
});

test('an empty prediction of an empty gold is perfect; of a real gold, zero', (t) => {
  t.deepEqual(wordScore('', ''), { precision: 1, recall: 1, f1: 1 });
  t.deepEqual(wordScore('words', ''), { precision: 0, recall: 0, f1: 0 });
  t.deepEqual(wordScore('', 'words'), { precision: 0, recall: 0, f1: 0 });
  t.deepEqual(wordScore('a a b c', 'a b b'), { precision: 1 / 2, recall: 2 / 3, f1: (2 * (1 / 2) * (2 / 3)) / (1 / 2 + 2 / 3) });
});

test("a record against another system's text: the share of each one's words the other holds, on pages where the other found enough", (t) => {
  const page = (id: string) => ({ id, site: 'example.org', pageType: null, gold: null, with: [], without: [] });
  const pages = [page('lost'), page('menu'), page('short'), page('none')];
  const theirs = new Map([
    ['lost', 'the story goes on here and ends there'],
    ['menu', 'the story'],
    ['short', 'two words'],
    ['none', 'a story the record lost'],
  ]);
  const ours = new Map([
    ['lost', 'the story goes on'],
    ['menu', 'home news sport the story'],
    ['short', 'whatever'],
  ]);
  t.deepEqual(
    agreements(pages, ours, theirs, 2).map((a) => [a.page.id, a.otherWords, a.ownWords, a.otherInOwn, a.ownInOther]),
    [
      ['lost', 8, 4, 4 / 8, 1],
      ['menu', 2, 5, 1, 2 / 5],
      ['short', 2, 1, 0, 0],
      ['none', 5, 0, 0, 0],
    ],
  );
  t.deepEqual(
    agreements(pages, ours, theirs, 3).map((a) => a.page.id),
    ['lost', 'none'],
  );
});

test('decimals are rounded as Python rounds a float: exact ties to even', (t) => {
  t.deepEqual(
    [0.0625, 0.1875, 0.3125, 0.9375, 0.68549, 1, 0].map((x) => pythonFixed(x, 3)),
    ['0.062', '0.188', '0.312', '0.938', '0.685', '1.000', '0.000'],
  );
  t.is(pythonFixed(0.03125, 4), '0.0312');
});

async function firstLines(file: string, count: number): Promise<string[]> {
  const lines: string[] = [];
  const reader = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of reader) {
    if (lines.length === count) break;
    lines.push(line);
  }
  reader.close();
  return lines;
}

const article = (title: string, paragraphs: string[]) =>
  `<!doctype html><html><head><title>${title}</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article><footer>© Example Press</footer></body></html>`;

const STORY = [
  'The river rose two metres overnight, and the ferry stopped until the water went down again on Tuesday.',
  'Residents of the lower town moved their cars uphill while volunteers stacked sandbags along the quay.',
];
const SCRIPTS_STORY = MANY_SCRIPTS.split('\n').map((line) => `${line}, and a sentence long enough to be read as prose by the segmenter.`);

/** Pages built for the corners the real ones may not reach. */
const BUILT = [
  { id: 'built/dup-a', url: 'https://a.example/flood', html: article('Flood', STORY), gold_text: STORY.join('\n'), page_type: 'article' },
  // The same article on another site: merged into dup-a, it is predicted by dup-a's record.
  {
    id: 'built/dup-b',
    url: 'https://b.example/flood',
    html: article('Flood', STORY),
    gold_text: `Flood\n${STORY[0]!}`,
    page_type: 'article',
  },
  {
    id: 'built/no-output',
    url: 'https://c.example/',
    html: '<html><body><nav><a href="/x">X</a></nav></body></html>',
    gold_text: 'Menu text',
  },
  { id: 'built/empty-gold', url: 'https://d.example/', html: '<html><body></body></html>', gold_text: '', page_type: 'listing' },
  {
    id: 'built/no-gold',
    url: null,
    html: article('Notes', STORY),
    with: ['volunteers  stacked\u00a0sandbags'],
    without: ['Example Press'],
  },
  {
    id: 'built/scripts',
    url: 'https://e.example/scripts',
    html: article('Σκripts', SCRIPTS_STORY),
    gold_text: SCRIPTS_STORY.slice(1).join('\n'),
    page_type: 'documentation',
    with: [SCRIPTS_STORY[2]!.replace(/ /g, '\u2009')],
    without: ['Home News'],
  },
];

referenceTest([SCORE_PY, WCXB, TRAFILATURA])(
  "the eval's figures and per-page file equal score.py's on Winnow's output for a small dataset",
  async (t) => {
    const dir = scratch(t);
    const lines = [...(await firstLines(WCXB, 30)), ...(await firstLines(TRAFILATURA, 10)), ...BUILT.map((page) => JSON.stringify(page))];
    const datasetFile = join(dir, 'small.ndjson');
    writeFileSync(datasetFile, lines.join('\n') + '\n');
    const dataset = await loadDataset(datasetFile);
    const { records } = await runRecords({ inputs: dataset.inputs, concurrency: 2 });
    t.true(
      records.some((r) => r.duplicates.length > 0),
      'the built duplicate is merged',
    );

    const ours = scoreDataset(dataset.pages, predictionsOf(records, dataset));
    const predictionsFile = join(dir, 'predictions.ndjson');
    writeFileSync(predictionsFile, records.map((r) => JSON.stringify(r) + '\n').join(''));
    const tsvFile = join(dir, 'pages.tsv');
    const result = spawnSync('python3', [SCORE_PY, datasetFile, predictionsFile, '--per-type', '--pages', tsvFile], { encoding: 'utf8' });
    t.is(result.status, 0, result.stderr);
    const reference = JSON.parse(result.stdout);

    const round4 = (x: number | null | undefined) => (x === null || x === undefined ? null : Number(pythonFixed(x, 4)));
    t.is(ours.pages, reference.pages);
    t.is(ours.predicted, reference.predicted);
    t.true(ours.predicted < ours.pages, 'some page has no output');
    t.is(round4(ours.wordF1), reference.word_f1);
    t.deepEqual(Object.fromEntries(ours.byType.map((s) => [s.pageType, { pages: s.pages, f1: round4(s.f1) }])), reference.word_f1_by_type);
    t.deepEqual(
      {
        precision: round4(ours.snippets?.precision),
        recall: round4(ours.snippets?.recall),
        f1: round4(ours.snippets?.f1),
        accuracy: round4(ours.snippets?.accuracy),
      },
      reference.snippets,
    );
    t.is(pagesTsv(ours.perPage), readFileSync(tsvFile, 'utf8'));
  },
);
