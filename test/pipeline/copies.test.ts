/**
 * One article crawled twice on a small site (issue: text dumps without their anchors): the copies count as
 * one page when the site's template is learned, so the paragraphs they share stay the article's. Every
 * copy is written by the test from the fixtures.
 */
import test from 'ava';
import { copyFileSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleRecord } from '../../pipeline/output/record.js';
import { fixtureFiles, ROOT, scratch } from '../helpers.js';
import { runRecords } from '../dist.js';

const NEW_WORDS = ['quite', 'another', 'phrase', 'stands', 'here'];

interface Edit {
  /** The copy of the page. */
  readonly text: string;
  /** The article as the copy has it. */
  readonly article: string;
}

/**
 * Words in the middle of the longest paragraph of the page's article (as its record has it) replaced in the
 * page — one in fifty of the article's words, one at least and five at most, as the example (five
 * words of an article of 270) — where they sit in the longest line or text node, the last such (a teaser quoting the lead
 * above the article stays as the site shows it everywhere).
 */
function reword(raw: string, article: string): Edit {
  const longest = article.split('\n').reduce((a, b) => (b.length > a.length ? b : a));
  const count = Math.min(NEW_WORDS.length, Math.max(1, Math.round(article.split(/\s+/).length / 50)));
  const words = longest.split(' ');
  const middle = Math.floor((words.length - count) / 2);
  const edited = [...words.slice(0, middle), ...NEW_WORDS.slice(0, count), ...words.slice(middle + count)].join(' ');
  // As the page writes it: any run of white space between the words.
  const written = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
  let best = { at: -1, length: 0, span: -1 };
  for (const match of raw.matchAll(written)) {
    const at = match.index;
    const start = Math.max(raw.lastIndexOf('\n', at), raw.lastIndexOf('>', at));
    const ends = [raw.indexOf('\n', at + match[0].length), raw.indexOf('<', at), raw.length].filter((i) => i >= 0);
    const span = Math.min(...ends) - start;
    if (span >= best.span) best = { at, length: match[0].length, span };
  }
  if (best.at < 0) throw new Error(`the paragraph is not in the page as written: ${longest}`);
  return { text: raw.slice(0, best.at) + edited + raw.slice(best.at + best.length), article: article.replace(longest, edited) };
}

const byFile = (records: readonly ArticleRecord[]) => new Map(records.map((r) => [r.source.split('/').pop()!, r]));

async function folderRun(dir: string) {
  const { records, rejects } = await runRecords({ inputs: [dir], concurrency: 2 });
  return { records: byFile(records), rejected: rejects.map((r) => r.source.split('/').pop()!) };
}

for (const folder of ['seeds', 'sites/zarechye', 'html']) {
  test(`property: in ${folder}, a copy of any page with a few words reworded changes no other page's record, and its record stays whole`, async (t) => {
    const dir = scratch(t);
    for (const file of fixtureFiles(folder)) copyFileSync(join(ROOT, 'fixtures', folder, file), join(dir, file));
    const before = await folderRun(dir);
    for (const name of fixtureFiles(folder)) {
      const original = before.records.get(name);
      if (!original) continue; // a page with no article has no paragraph to reword
      const copy = `copy-of-${name}`;
      const edit = reword(readFileSync(join(dir, name), 'utf8'), original.text);
      writeFileSync(join(dir, copy), edit.text);
      const after = await folderRun(dir);
      unlinkSync(join(dir, copy));

      for (const [file, record] of before.records) if (file !== name) t.deepEqual(after.records.get(file), record, `${name}: ${file}`);
      t.deepEqual(
        after.rejected.filter((file) => file !== copy),
        before.rejected,
        `${name}: the same rejects`,
      );
      // One record when dedup takes them for near-duplicates (a short article with five words changed may
      // not be); either way each record is the original article, up to the edit.
      const copies = [after.records.get(name), after.records.get(copy)].filter((r) => r !== undefined);
      t.true(copies.length >= 1, `${name}: the article survives`);
      if (copies.length === 1) t.is(copies[0]!.duplicates.length, 1, `${name}: one record absorbing the other copy`);
      for (const record of copies) {
        t.is(record.title, original.title, `${name}: title`);
        t.is(record.published, original.published, `${name}: date`);
        t.true(record.text === original.text || record.text === edit.article, `${name}: the whole text, up to the edit:\n${record.text}`);
      }
    }
  });
}

test("002 and a copy of it, reworded or with an editor's note, beside 003 only: the merged record is 002's whole article", async (t) => {
  const seeds = join(ROOT, 'fixtures/seeds');
  const [, , s002, s003] = fixtureFiles('seeds');
  const raw = readFileSync(join(seeds, s002!), 'utf8');
  const alone = scratch(t);
  for (const file of [s002!, s003!]) copyFileSync(join(seeds, file), join(alone, file));
  const aloneRun = await folderRun(alone);
  const original = aloneRun.records.get(s002!)!;
  t.true(original.text.length > 1500);

  const longest = raw.split('\n').reduce((a, b) => (b.length > a.length ? b : a));
  const note = "Editor's note: this article was updated to correct the name of the working group.";
  const copies = { reworded: reword(raw, original.text).text, 'with a note': raw.replace(longest, `${longest}\n${note}`) };
  for (const [kind, text] of Object.entries(copies)) {
    const dir = scratch(t);
    for (const file of [s002!, s003!]) copyFileSync(join(seeds, file), join(dir, file));
    writeFileSync(join(dir, 'copy.txt'), text);
    const { records } = await folderRun(dir);
    t.is(records.size, 2, kind);
    const merged = records.get(s002!) ?? records.get('copy.txt')!;
    t.is(merged.title, original.title, kind);
    t.is(merged.published, original.published, kind);
    // The longer copy survives: the whole article, edited or not.
    t.true(merged.text.length >= original.text.length - 40, `${kind}: ${merged.text.length} characters`);
    t.true(merged.text.startsWith(original.text.slice(0, 200)), kind);
    const other = (r: ArticleRecord | undefined) => r && { title: r.title, published: r.published, text: r.text };
    t.deepEqual(other(records.get(s003!)), other(aloneRun.records.get(s003!)), kind);
  }
});
