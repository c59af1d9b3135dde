/**
 * The training examples of a labelled NDJSON set (`html`, `url`, `page_type`: the WCXB dev split), read as
 * the pipeline reads a page (`prepareWithTypeInput`): each page three times, as given, without its URL (nor
 * the date in it) and bare (`bareHtml`). The label is read for training and scoring only.
 */
import { bareHtml } from '../eval/bare.js';
import { ndjsonTextLines } from '../eval/datasets.js';
import { prepareWithTypeInput } from '../pipeline/page.js';
import { FEATURE_NAMES, features, PAGE_TYPES, type Features, type PageType } from '../stages/page-type.js';
import { domainOf, type Copy, type Example } from './page-type-training.js';

export interface LabelledExamples {
  /** Three a page, in the set's line order: given, no-url, bare. */
  readonly examples: Example[];
  /** Milliseconds spent in `features()` on the pages as given, for the cost a page. */
  readonly featureMs: number;
}

export async function readExamples(path: string): Promise<LabelledExamples> {
  const examples: Example[] = [];
  let featureMs = 0;
  let line = 0;
  for await (const text of ndjsonTextLines(path)) {
    line++;
    const page = JSON.parse(text) as { url: string | null; html: string; page_type: string };
    const label = PAGE_TYPES.indexOf(page.page_type as PageType);
    if (label < 0) throw new Error(`line ${line}: unknown page_type ${page.page_type}`);
    const prepare = (body: string) =>
      prepareWithTypeInput({
        source: `${path}#${line}`,
        url: page.url,
        directory: '',
        body,
        contentType: 'text/html; charset=utf-8',
        fetchedAt: null,
      });
    const { prepared, typeInput } = prepare(page.html);
    if (!('page' in prepared) || !typeInput) throw new Error(`line ${line}: not prepared as an HTML page`);
    const bare = prepare(bareHtml(page.html)).typeInput;
    if (!bare) throw new Error(`line ${line}: not prepared as an HTML page once bare`);
    const site = domainOf(prepared.page.site);
    const add = (featured: Features, copy: Copy) =>
      examples.push({ x: Float64Array.from(FEATURE_NAMES, (name) => featured[name]), label, site, copy });
    const started = performance.now();
    const given = features(typeInput);
    featureMs += performance.now() - started;
    add(given, 'given');
    add(features({ ...typeInput, url: null, dateEvidence: typeInput.dateEvidence.filter((d) => d.from !== 'url') }), 'no-url');
    add(features(bare), 'bare');
  }
  return { examples, featureMs };
}
