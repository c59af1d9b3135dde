/**
 * The record: Winnow's one public contract with downstream tools. Every record is validated against
 * this schema before it is written. Fields are documented in the README; bump SCHEMA_VERSION on any
 * change a reader could notice.
 */
import { z } from 'zod';
import { PAGE_TYPES } from '../../stages/page-type.js';
import type { Article } from '../page.js';

export const SCHEMA_VERSION = '1.3.0';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const isoDateOrTime = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

const PUBLISHED_FROM = ['json-ld', 'meta', 'time', 'url', 'title-date', 'near-title', 'byline', 'dateline', 'text'] as const;

export const RecordSchema = z
  .object({
    schema_version: z.literal(SCHEMA_VERSION),
    id: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .describe("Stable id: a hash of the article's clean content."),
    source: z
      .string()
      .min(1)
      .describe(
        'Input path as given, joined with the path inside it; FILE#N for the Nth record of a container; input:N for a stream or page object given to the library.',
      ),
    url: z.string().nullable().describe('The page URL, when the input or the page gives one.'),
    site: z.string().min(1).describe('URL host, or the directory the file sits in.'),
    page_type: z
      .enum(PAGE_TYPES)
      .nullable()
      .describe(
        'HTML pages: what kind of page it is (article, forum, documentation, product, collection, listing, service), from the page alone — its declared schema.org and og:type, URL, title, structure and text cues — by the model in stages/page-type.ts. null for a plain-text page.',
      ),
    title: z.string().min(1).nullable(),
    published: z.string().regex(isoDateOrTime).nullable().describe('YYYY-MM-DD, or a full ISO date-time when known.'),
    published_from: z.enum(PUBLISHED_FROM).nullable().describe('Where the publication date was found.'),
    language: z
      .string()
      .regex(/^[a-z]{3}$/)
      .describe('ISO 639-3 code of the body, or und.'),
    language_score: z.number().min(0).max(1),
    text: z.string().describe('The article body: paragraphs separated by a blank line, list items one per line.'),
    dates: z.array(z.string().regex(isoDay)).describe('Dates mentioned in the title and body, in order of first mention.'),
    word_count: z.number().int().nonnegative(),
    warnings: z
      .array(z.enum(['repaired-encoding', 'replacement-characters']))
      .describe(
        'What a reader should know about the text: repaired-encoding — the input gave UTF-8 text read as windows-1252 (cafÃ©), read again as UTF-8; replacement-characters — it holds U+FFFD where a character could not be decoded upstream.',
      ),
    duplicates: z.array(z.string()).describe('Sources of the other inputs merged into this record, in source order.'),
    meta: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("NDJSON inputs: the input object's other fields, as given; null otherwise."),
    duplicate_of: z.string().nullable().describe('With --keep-duplicates: the source of the record this one duplicates; null otherwise.'),
  })
  .strict()
  .refine((r) => (r.published === null) === (r.published_from === null), {
    message: 'published and published_from are both set or both null',
  });

export type ArticleRecord = z.infer<typeof RecordSchema>;

/** The record's JSON Schema (draft 2020-12), generated from the zod schema: `winnow schema` prints it. */
export function recordJsonSchema(): Record<string, unknown> {
  return { $id: `https://winnow.invalid/schema/record-${SCHEMA_VERSION}.json`, title: 'Winnow record', ...z.toJSONSchema(RecordSchema) };
}

/**
 * A validated record as pass 2 spills it: its JSON with no duplicates yet (`"duplicates":[]`,
 * `"duplicate_of":null`), and the byte offset of `"duplicates"` in it. Workers build and validate these;
 * the output only splices in what dedup decided (`withDuplicates`), so the main thread neither parses
 * nor validates nor serialises the record again.
 */
export interface RecordLine {
  readonly json: Uint8Array;
  readonly duplicatesAt: number;
}

const NO_DUPLICATES = '"duplicates":[]';
/** The record's last member is `"duplicate_of"`: its value and the closing brace end the JSON. */
const NO_DUPLICATE_OF_END = 'null}';

const UTF8 = new TextEncoder();

/** The record of an article, validated, as spilled. */
export function recordLine(article: Article): RecordLine {
  // TextEncoder, not Buffer.from: faster, and the bytes get a buffer of their own, where Buffer.from puts
  // a small record in an 8 KB shared pool that posting it to the main thread copies whole.
  const bytes = UTF8.encode(JSON.stringify(RecordSchema.parse(recordOf(article))));
  const json = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Inside string values every quote is escaped, so the first `"duplicates":[],` is the member itself.
  return { json, duplicatesAt: json.indexOf(`${NO_DUPLICATES},"meta":`) };
}

/**
 * The NDJSON line (UTF-8, with its newline) of a record spilled as `json` (a `RecordLine`'s, read back),
 * naming the inputs it absorbed or the record it duplicates. The record's bytes are copied as they are,
 * never decoded: the output is most of what the main thread writes.
 */
export function withDuplicates(json: Uint8Array, duplicatesAt: number, duplicates: readonly string[], duplicateOf: string | null): Buffer {
  return Buffer.concat([
    json.subarray(0, duplicatesAt),
    Buffer.from(`"duplicates":${JSON.stringify(duplicates)}`),
    json.subarray(duplicatesAt + NO_DUPLICATES.length, json.length - NO_DUPLICATE_OF_END.length),
    Buffer.from(`${JSON.stringify(duplicateOf)}}\n`),
  ]);
}

function recordOf(article: Article): ArticleRecord {
  return {
    schema_version: SCHEMA_VERSION,
    id: article.exact.slice(0, 16),
    source: article.source,
    url: article.url,
    site: article.site,
    page_type: article.pageType,
    title: article.title,
    published: article.published,
    published_from: article.publishedFrom,
    language: article.language,
    language_score: article.languageScore,
    text: article.text,
    dates: [...article.dates],
    word_count: article.wordCount,
    warnings: [...article.warnings],
    duplicates: [],
    meta: article.meta ? { ...article.meta } : null,
    duplicate_of: null,
  };
}
