/**
 * An NDJSON dataset's pages as a folder of saved pages, for `npm run eval -- --as-files`: one HTML file a page, read
 * with no URL given, as a user's dump of saved pages is. A page still names its address where its markup states one
 * (a canonical link, og:url); its site is then that address's host, else the folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalDataset, EvalPage } from './datasets.js';

/**
 * The dataset's pages written under `dir` as UTF-8 files (the NDJSON holds each page decoded already; a page that
 * declares another charset is still read as UTF-8, which its bytes are). Page files are returned as they are.
 */
export async function asFilesDataset(data: EvalDataset, dir: string): Promise<EvalDataset> {
  if (data.kind !== 'ndjson') return data;
  mkdirSync(dir, { recursive: true });
  const written = new Map<string, EvalPage>();
  for await (const { page, html } of data.htmlPages()) {
    const file = pageFileName(dir, written.size);
    writeFileSync(file, html);
    written.set(file, page);
  }
  return writtenDataset(data, written);
}

/** Where the Nth page's file goes: names in dataset order. */
export function pageFileName(dir: string, n: number): string {
  return join(dir, `${String(n).padStart(5, '0')}.html`);
}

/** The dataset read from page files written for it (`written`: each file and the page it holds). */
export function writtenDataset(data: EvalDataset, written: ReadonlyMap<string, EvalPage>): EvalDataset {
  return {
    ...data,
    inputs: [...written.keys()],
    pagesOf: (record) =>
      [record.source, ...(record.duplicates ?? [])].flatMap((source) => {
        const page = written.get(source ?? '');
        return page ? [page.id] : [];
      }),
    htmlPages: async function* () {
      for (const [file, page] of written) yield { page, url: null, html: readFileSync(file, 'utf8') };
    },
  };
}
