import test from 'ava';
import fc from 'fast-check';
import type { Article } from '../../pipeline/page.js';
import { RecordSchema, recordLine, SCHEMA_VERSION, withDuplicates } from '../../pipeline/output/record.js';
import { PAGE_TYPES } from '../../stages/page-type.js';

// Texts and meta that try to look like the members spliced in: quotes, brackets, the member names themselves.
const tricky = fc.string({
  unit: fc.constantFrom('a', 'é', '中', '"', '\\', '[', ']', ',', ':', '{', '}', '"duplicates":[],"meta":', 'null}'),
  maxLength: 40,
});
const article = fc
  .record({
    source: tricky.filter((s) => s.length > 0),
    url: fc.option(tricky),
    site: tricky.filter((s) => s.length > 0),
    title: fc.option(tricky.filter((s) => s.length > 0)),
    text: tricky,
    dates: fc.array(fc.constantFrom('2024-01-02', '1999-12-31'), { maxLength: 3 }),
    meta: fc.option(fc.dictionary(fc.constantFrom('duplicates', 'duplicate_of', 'meta', 'x'), tricky)),
    warnings: fc.subarray(['repaired-encoding', 'replacement-characters'] as const),
    pageType: fc.constantFrom(...PAGE_TYPES, null),
  })
  .map((a): Article => ({
    ...a,
    published: '2024-01-02',
    publishedFrom: 'meta',
    language: 'eng',
    languageScore: 0.5,
    wordCount: 3,
    exact: 'ab'.repeat(32),
  }));

test('a spilled record with its duplicates spliced in parses to the record built whole, and is valid', (t) => {
  fc.assert(
    fc.property(article, fc.array(tricky, { maxLength: 3 }), fc.option(tricky), (a, duplicates, duplicateOf) => {
      const line = withDuplicates(recordLine(a).json, recordLine(a).duplicatesAt, duplicates, duplicateOf).toString();
      t.true(line.endsWith('}\n'));
      const parsed = JSON.parse(line);
      t.deepEqual(parsed, {
        schema_version: SCHEMA_VERSION,
        id: a.exact.slice(0, 16),
        source: a.source,
        url: a.url,
        site: a.site,
        page_type: a.pageType,
        title: a.title,
        published: a.published,
        published_from: a.publishedFrom,
        language: a.language,
        language_score: a.languageScore,
        text: a.text,
        dates: a.dates,
        word_count: a.wordCount,
        warnings: a.warnings,
        duplicates,
        meta: a.meta,
        duplicate_of: duplicateOf,
      });
      t.true(RecordSchema.safeParse(parsed).success);
    }),
    { numRuns: 300 },
  );
});

test('an article that breaks the schema is refused when its record is built', (t) => {
  const bad: Article = {
    warnings: [],
    source: 's',
    url: null,
    site: 'x',
    title: null,
    text: 't',
    dates: [],
    meta: null,
    published: '2024-01-02',
    publishedFrom: null,
    language: 'eng',
    languageScore: 0.5,
    wordCount: 1,
    exact: 'ab'.repeat(32),
    pageType: 'article',
  };
  t.throws(() => recordLine(bad));
});
