/**
 * Pages as old sites wrote them, for `npm run eval -- --bare`: the same visible text and element structure, without
 * the names and metadata recent pages carry. Class, id, role, microdata and ARIA attributes are removed; HTML5's
 * sectioning and figure elements become `div`s (`time` a `span`); JSON-LD scripts and meta tags other than the
 * charset's are dropped. An element those attributes hid (a hiding class, `aria-hidden`, a dialog) gets `hidden`,
 * so that what a reader saw stays what the gold holds. What extraction still gets right on these pages rests on
 * structure and text alone, as it must on pages written before sites named their parts. The page-type model
 * learns these bare copies too (scripts/train-page-type.ts): a change here changes the model it trains.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { hasHiddenClass } from '../stages/html-blocks.js';
import { pageFileName, writtenDataset } from './as-files.js';
import { loadDataset, type EvalDataset, type EvalPage } from './datasets.js';

const NAMING_ATTRIBUTES =
  /\s(?:class|id|role|itemprop|itemtype|itemscope|itemid|aria-[\w-]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?(?=[\s/>])/gi;
const SECTIONING_TAGS = /<(\/?)(?:article|main|nav|header|footer|aside|section|figure|figcaption|hgroup)(?=[\s/>])/gi;
const TIME_TAGS = /<(\/?)time(?=[\s/>])/gi;
const JSON_LD = /<script\b[^>]*application\/ld\+json[^>]*>[\s\S]*?<\/script\s*>/gi;
/** Meta tags, but for the charset's (`<meta charset>`, `<meta http-equiv="Content-Type">`), which old pages had too. */
const META_TAGS = /<meta\b(?![^>]*\b(?:charset|http-equiv)\b)[^>]*>/gi;
/** A start or end tag (with its attributes), where the names are; text between tags is left as it is. */
const TAG = /<\/?[a-z][^<>]*>/gi;
const START_TAG_NAME = /^<[a-z][\w-]*/i;
const CLASS_VALUE = /\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;
const HIDING_ARIA = /\s(?:aria-hidden\s*=\s*["']?true|aria-modal\s*=\s*["']?true|role\s*=\s*["']?(?:alert)?dialog\b)/i;

/** The page's HTML without its names and metadata. */
export function bareHtml(html: string): string {
  return html.replace(JSON_LD, '').replace(META_TAGS, '').replace(TAG, bareTag);
}

function bareTag(tag: string): string {
  const bare = tag.replace(NAMING_ATTRIBUTES, '').replace(SECTIONING_TAGS, '<$1div').replace(TIME_TAGS, '<$1span');
  return hides(tag) ? bare.replace(START_TAG_NAME, '$& hidden') : bare;
}

/** Whether a start tag's class or ARIA attributes hide its element. */
function hides(tag: string): boolean {
  if (HIDING_ARIA.test(tag)) return true;
  const match = CLASS_VALUE.exec(tag);
  const classes = match ? (match[1] ?? match[2] ?? match[3] ?? '') : '';
  return hasHiddenClass(classes);
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
  const written = new Map<string, EvalPage>();
  for (const page of data.pages) {
    // Byte for byte outside the markup removed (Latin-1 maps bytes to characters one to one): a page in a legacy
    // encoding reaches Winnow as its bytes, to be decoded as the original was.
    const file = pageFileName(dir, written.size);
    writeFileSync(file, bareHtml(readFileSync(page.id, 'latin1')), 'latin1');
    written.set(file, page);
  }
  return writtenDataset(data, written);
}
