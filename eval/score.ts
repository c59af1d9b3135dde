/**
 * A system's predictions on a dataset scored as `score.py` scores them: word F1 over the pages with gold
 * text, overall and per page type; snippets pooled over all pages; a page without a prediction scores 0.
 */
import type { EvalDataset, EvalPage, Prediction } from './datasets.js';
import { countSnippets, mean, noSnippets, pythonFixed, snippetScore, tokens, wordScore, type Prf, type SnippetScore } from './tokens.js';

/** Page id → predicted text. */
export type Predictions = ReadonlyMap<string, string>;

/**
 * The text each page is predicted to have: a record's text goes to its own page and its duplicates'
 * (the first record naming a page wins, as in score.py). Only the text counts, not the title.
 */
export function predictionsOf(
  records: Iterable<Prediction & { readonly text?: string | null }>,
  dataset: EvalDataset,
): Map<string, string> {
  const predictions = new Map<string, string>();
  for (const record of records) {
    for (const id of dataset.pagesOf(record)) if (!predictions.has(id)) predictions.set(id, record.text ?? '');
  }
  return predictions;
}

export interface PageScore {
  readonly page: EvalPage & { readonly gold: string };
  readonly predicted: boolean;
  readonly word: Prf;
  readonly goldWords: number;
  readonly predictedWords: number;
}

export interface TypeScore {
  readonly pageType: string;
  readonly pages: number;
  readonly f1: number;
}

export interface DatasetScore {
  readonly pages: number;
  /** Pages with a prediction. */
  readonly predicted: number;
  /** Mean word F1 over the pages with gold text; null when none has any. */
  readonly wordF1: number | null;
  /** Per labelled page type (`?` for pages without one), in code-unit order of the type. */
  readonly byType: readonly TypeScore[];
  readonly snippets: SnippetScore | null;
  /** The pages with gold text, in dataset order. */
  readonly perPage: readonly PageScore[];
}

export function scoreDataset(pages: readonly EvalPage[], predictions: Predictions): DatasetScore {
  const perPage = pages.filter((p): p is PageScore['page'] => p.gold !== null).map((page) => scorePage(page, predictions.get(page.id)));
  const snippets = noSnippets();
  for (const page of pages) countSnippets(snippets, predictions.get(page.id) ?? '', page.with, page.without);
  return {
    pages: pages.length,
    predicted: pages.filter((p) => predictions.has(p.id)).length,
    wordF1: perPage.length ? mean(perPage.map((s) => s.word.f1)) : null,
    byType: scoresByType(perPage),
    snippets: snippetScore(snippets),
    perPage,
  };
}

function scorePage(page: PageScore['page'], predicted: string | undefined): PageScore {
  return {
    page,
    predicted: predicted !== undefined,
    word: wordScore(predicted ?? '', page.gold),
    goldWords: tokens(page.gold).length,
    predictedWords: tokens(predicted ?? '').length,
  };
}

function scoresByType(perPage: readonly PageScore[]): TypeScore[] {
  const groups = new Map<string, PageScore[]>();
  for (const score of perPage) {
    const type = score.page.pageType || '?';
    groups.set(type, [...(groups.get(type) ?? []), score]);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([pageType, scores]) => ({ pageType, pages: scores.length, f1: mean(scores.map((s) => s.word.f1)) }));
}

/** score.py's `--pages` file: one line a page with gold text, worst F1 first (then by id), byte for byte. */
export function pagesTsv(perPage: readonly PageScore[]): string {
  const rows = [...perPage].sort((a, b) => a.word.f1 - b.word.f1 || (a.page.id < b.page.id ? -1 : a.page.id > b.page.id ? 1 : 0));
  const fixed = (x: number) => pythonFixed(x, 3);
  return [
    'id\tpage_type\tpredicted\tprecision\trecall\tf1\tgold_words\tpredicted_words\n',
    ...rows.map(
      (s) =>
        `${s.page.id}\t${s.page.pageType ?? ''}\t${s.predicted ? 'yes' : 'no'}\t${fixed(s.word.precision)}\t${fixed(s.word.recall)}\t${fixed(s.word.f1)}\t${s.goldWords}\t${s.predictedWords}\n`,
    ),
  ].join('');
}

/** One page's record against another system's text, as bags of score.py's words. */
export interface Agreement {
  readonly page: EvalPage;
  /** Words of the other system's text, and of the record. */
  readonly otherWords: number;
  readonly ownWords: number;
  /** Share of the other system's words that the record holds (its recall against that text). */
  readonly otherInOwn: number;
  /** Share of the record's words that the other text holds. */
  readonly ownInOther: number;
}

/**
 * Where a dataset has no gold text (htmldate's pages), another extractor's text is the nearest reference: the pages
 * where the record holds little of that text, or that text little of the record, are where one of the two lost or
 * added a part. Only pages whose other text has `minWords` words or more: below that, the other system found no
 * article either.
 */
export function agreements(pages: readonly EvalPage[], own: Predictions, other: Predictions, minWords: number): Agreement[] {
  return pages.flatMap((page) => {
    const theirs = other.get(page.id) ?? '';
    const otherWords = tokens(theirs).length;
    if (otherWords < minWords) return [];
    const ours = own.get(page.id) ?? '';
    const { precision, recall } = wordScore(ours, theirs);
    return [{ page, otherWords, ownWords: tokens(ours).length, otherInOwn: recall, ownInOther: precision }];
  });
}
