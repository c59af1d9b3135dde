/**
 * Readers for the evaluation datasets' layouts:
 * - NDJSON (gzipped or not), one page a line: `id`, `url`, `html`, and gold fields: `gold_text`,
 *   `page_type`, `with` / `without` snippets (the WCXB and trafilatura sets beside `score.py`);
 * - CleanEval style (`input/NAME.html`, `gold/NAME.txt` with a `URL:` line and `<p>`/`<h>`/`<l>` markers);
 * - Readability's test pages (`NAME/source.html`, `NAME/expected.html`, `NAME/expected-metadata.json`).
 *
 * Pages hold their gold only; their HTML is read again when a system needs it (`htmlPages`), so that a
 * 450 MB set is never held whole.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

export interface EvalPage {
  /** The dataset's id of the page; a page file's path for the file layouts. */
  readonly id: string;
  /** Site used for the per-site breakdown. */
  readonly site: string;
  /** The labelled page type (WCXB); null where the dataset has none. */
  readonly pageType: string | null;
  /** The main content's text; null where the dataset has no gold text (trafilatura's snippets only). */
  readonly gold: string | null;
  /** Text that belongs to the main content. */
  readonly with: readonly string[];
  /** Boilerplate that must not appear in it. */
  readonly without: readonly string[];
}

/** What a system's record says it stands for, as score.py matches it (Winnow's records have these fields). */
export interface Prediction {
  readonly id?: unknown;
  readonly source?: string;
  readonly duplicates?: readonly string[];
  readonly meta?: Readonly<Record<string, unknown>> | null;
}

export interface EvalDataset {
  readonly kind: 'ndjson' | 'cleaneval' | 'readability';
  readonly pages: readonly EvalPage[];
  /** What Winnow reads, as a user would name it on the command line: the NDJSON file, or the page files. */
  readonly inputs: readonly string[];
  /**
   * The ids of the pages a record predicts: its own and its duplicates' (`FILE#N` is the Nth page), and
   * its `meta.id`, which Winnow passes through from the NDJSON line.
   */
  pagesOf(record: Prediction): string[];
  /** Every page with its URL and HTML, in dataset order. */
  htmlPages(): AsyncIterable<{ readonly page: EvalPage; readonly url: string | null; readonly html: string }>;
}

export async function loadDataset(path: string): Promise<EvalDataset> {
  if (statSync(path).isFile()) return ndjson(path);
  if (existsSync(join(path, 'gold')) && existsSync(join(path, 'input'))) return files('cleaneval', cleanEval(path));
  if (readdirSync(path).some((name) => existsSync(join(path, name, 'expected.html')))) return files('readability', readability(path));
  throw new Error(`${path}: neither an NDJSON file, a CleanEval layout (input/, gold/) nor Readability test pages (*/expected.html)`);
}

interface NdjsonLine {
  readonly id: string;
  readonly url?: string | null;
  readonly html: string;
  readonly gold_text?: string | null;
  readonly page_type?: string | null;
  readonly with?: string[] | null;
  readonly without?: string[] | null;
}

/** The text lines of an NDJSON file, gunzipped if it is gzipped, blank lines left out (score.py numbers the others). */
export async function* ndjsonTextLines(path: string): AsyncGenerator<string> {
  const bytes = createReadStream(path);
  const input = path.endsWith('.gz') ? bytes.pipe(createGunzip()) : bytes;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line.trim()) yield line;
}

async function* ndjsonLines(path: string): AsyncGenerator<NdjsonLine> {
  for await (const line of ndjsonTextLines(path)) yield JSON.parse(line) as NdjsonLine;
}

function pageOfLine(line: NdjsonLine): EvalPage {
  return {
    id: line.id,
    site: siteOfUrl(line.url ?? null),
    pageType: line.page_type ?? null,
    gold: line.gold_text ?? null,
    with: line.with ?? [],
    without: line.without ?? [],
  };
}

function siteOfUrl(url: string | null): string {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : '';
  } catch {
    return '';
  }
}

async function ndjson(path: string): Promise<EvalDataset> {
  const pages: EvalPage[] = [];
  for await (const line of ndjsonLines(path)) pages.push(pageOfLine(line));
  const ids = new Set(pages.map((p) => p.id));
  return {
    kind: 'ndjson',
    pages,
    inputs: [path],
    pagesOf: (record) => {
      const keys: string[] = [];
      if (typeof record.id === 'string' && ids.has(record.id)) keys.push(record.id);
      const metaId = record.meta?.['id'];
      if (typeof metaId === 'string') keys.push(metaId);
      for (const source of [record.source, ...(record.duplicates ?? [])]) {
        const line = /#(\d+)$/.exec(source ?? '');
        const page = line ? pages[Number(line[1]) - 1] : undefined;
        if (page) keys.push(page.id);
      }
      return keys;
    },
    htmlPages: async function* () {
      let i = 0;
      for await (const line of ndjsonLines(path)) yield { page: pages[i++]!, url: line.url ?? null, html: line.html };
    },
  };
}

/** A dataset of page files: a page's id is the path of its HTML file. */
function files(kind: 'cleaneval' | 'readability', pages: EvalPage[]): EvalDataset {
  const ids = new Set(pages.map((p) => p.id));
  return {
    kind,
    pages,
    inputs: pages.map((p) => p.id),
    pagesOf: (record) => [record.source, ...(record.duplicates ?? [])].filter((source): source is string => ids.has(source ?? '')),
    htmlPages: async function* () {
      for (const page of pages) yield { page, url: null, html: readFileSync(page.id, 'utf8') };
    },
  };
}

function filePage(file: string, site: string, gold: string): EvalPage {
  return { id: file, site, pageType: null, gold, with: [], without: [] };
}

function cleanEval(path: string): EvalPage[] {
  return readdirSync(join(path, 'input'))
    .filter((name) => /\.html?$/.test(name))
    .sort()
    .map((name) => {
      const base = name.replace(/\.html?$/, '');
      const raw = readFileSync(join(path, 'gold', `${base}.txt`), 'utf8');
      const gold = decodeHTML(
        raw
          .replace(/^\s*URL:.*$/m, '')
          .replace(/<!--[\s\S]*?-->/g, '')
          .replace(/<[phl]>/gi, '\n'),
      );
      return filePage(join(path, 'input', name), base.replace(/_\d+$/, '').replace(/_blog\d$/, ''), gold);
    });
}

function readability(path: string): EvalPage[] {
  return readdirSync(path)
    .filter((name) => existsSync(join(path, name, 'expected.html')))
    .sort()
    .map((name) => filePage(join(path, name, 'source.html'), name, textContent(readFileSync(join(path, name, 'expected.html'), 'utf8'))));
}

/**
 * The text of an HTML document, entities decoded, markup left out (as the DOM's textContent). Parsed, not
 * taken raw, inside `pre` too: the gold pages' code blocks carry links and spans.
 */
function textContent(html: string): string {
  let text = '';
  new Parser({ ontext: (piece) => (text += piece) }, { decodeEntities: true }).end(html);
  return text;
}
