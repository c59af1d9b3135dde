/**
 * Pages as old sites wrote them, for `npm run eval -- --bare`: the same text and element structure, without the
 * names and metadata recent pages carry. Class, id, role, microdata and ARIA attributes are removed; HTML5's
 * sectioning and figure elements become `div`s (`time` a `span`); JSON-LD scripts and meta tags are dropped.
 * What extraction still gets right on these pages rests on structure and text alone, as it must on the pages of
 * 2005 whose benchmarks are kept aside.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset, type EvalDataset, type EvalPage } from './datasets.js';

const NAMING_ATTRIBUTES =
  /\s(?:class|id|role|itemprop|itemtype|itemscope|itemid|aria-[\w-]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?(?=[\s/>])/gi;
const SECTIONING_TAGS = /<(\/?)(?:article|main|nav|header|footer|aside|section|figure|figcaption|hgroup)(?=[\s/>])/gi;
const TIME_TAGS = /<(\/?)time(?=[\s/>])/gi;
const JSON_LD = /<script\b[^>]*application\/ld\+json[^>]*>[\s\S]*?<\/script\s*>/gi;
const META_TAGS = /<meta\b[^>]*>/gi;
/** A start or end tag (with its attributes), where the names are; text between tags is left as it is. */
const TAG = /<\/?[a-z][^<>]*>/gi;

/** The page's HTML without its names and metadata. */
export function bareHtml(html: string): string {
  return html
    .replace(JSON_LD, '')
    .replace(META_TAGS, '')
    .replace(TAG, (tag) => tag.replace(NAMING_ATTRIBUTES, '').replace(SECTIONING_TAGS, '<$1div').replace(TIME_TAGS, '<$1span'));
}

/**
 * The dataset with every page's HTML bare, written under `dir` (an NDJSON file with the gold, or one file a page)
 * for Winnow to read as a user would; the gold and the page ids are the dataset's own.
 */
export async function bareDataset(data: EvalDataset, dir: string): Promise<EvalDataset> {
  mkdirSync(dir, { recursive: true });
  if (data.kind === 'ndjson') {
    const file = join(dir, 'bare.ndjson');
    const out = openSync(file, 'w');
    for await (const { page, url, html } of data.htmlPages()) {
      const line = {
        id: page.id,
        url,
        html: bareHtml(html),
        page_type: page.pageType,
        gold_text: page.gold,
        with: page.with,
        without: page.without,
      };
      writeSync(out, `${JSON.stringify(line)}\n`);
    }
    closeSync(out);
    return loadDataset(file);
  }
  const original = new Map<string, EvalPage>();
  for await (const { page, html } of data.htmlPages()) {
    const file = join(dir, `${String(original.size).padStart(5, '0')}.html`);
    writeFileSync(file, bareHtml(html));
    original.set(file, page);
  }
  return {
    ...data,
    inputs: [...original.keys()],
    pagesOf: (record) =>
      [record.source, ...(record.duplicates ?? [])].flatMap((source) => {
        const page = original.get(source ?? '');
        return page ? [page.id] : [];
      }),
    htmlPages: async function* () {
      for (const [file, page] of original) yield { page, url: null, html: readFileSync(file, 'utf8') };
    },
  };
}
