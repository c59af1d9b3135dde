import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { asFilesDataset } from '../../eval/as-files.js';
import { loadDataset } from '../../eval/datasets.js';
import { run } from '../../pipeline/run.js';
import { scratch } from '../helpers.js';

const article = (title: string, head: string, story: string) =>
  `<!doctype html><html><head><meta charset="windows-1252">${head}<title>${title}</title></head><body><h1>${title}</h1>` +
  `<p>The café on the quay ${story}</p><p>Its owners said the season’s first guests came before the doors were open.</p></body></html>`;

test("--as-files: an NDJSON set's pages become one file a page, with no URL, read as their markup says and scored by their ids", async (t) => {
  const dir = scratch(t);
  const set = join(dir, 'set.ndjson');
  const lines = [
    {
      id: 'p/1',
      url: 'https://example.org/quay',
      html: article(
        'Quay café reopens',
        '<link rel="canonical" href="https://example.org/quay">',
        'reopened on Monday after a winter of repairs to its roof and its terrace, which the storms of January had torn open.',
      ),
    },
    {
      id: 'p/2',
      url: 'https://example.net/lamps',
      html: article(
        'Lamps on the quay',
        '',
        'lit its new lamps for the first time, forty brass lanterns that a foundry in the next town cast over the summer.',
      ),
    },
  ];
  writeFileSync(set, lines.map((l) => `${JSON.stringify({ ...l, gold_text: 'x' })}\n`).join(''));
  const files = await asFilesDataset(await loadDataset(set), join(dir, 'files'));
  t.is(files.inputs.length, 2);
  const records: { id: string[]; url: string | null; text: string }[] = [];
  await run({ inputs: files.inputs }, (record) => void records.push({ id: files.pagesOf(record), url: record.url, text: record.text }));
  records.sort((a, b) => a.id.join().localeCompare(b.id.join()));
  // The text as the NDJSON held it: each page declares windows-1252, and its file's bytes are UTF-8, which wins.
  t.deepEqual(
    records.map((r) => [r.id, r.url, r.text.includes('The café on the quay') && r.text.includes('season’s first guests')]),
    [
      [['p/1'], 'https://example.org/quay', true],
      [['p/2'], null, true],
    ],
  );
  // A page file's own dataset is returned as it is.
  const pageFiles = { ...files, kind: 'cleaneval' as const };
  t.is(await asFilesDataset(pageFiles, join(dir, 'again')), pageFiles);
});
