/**
 * The work one page needs in each pass, as plain messages: what the main thread sends to a worker
 * thread and what comes back. Shared by the worker and by the pool that drives it.
 */
import type { DecodeWarning } from '../../stages/decode.js';
import type { Signature } from '../../stages/minhash.js';
import type { PageType } from '../../stages/page-type.js';
import { cleanPage, preparePage, type Article, type Attempt, type CleanOptions, type Inspected } from '../page.js';
import type { StageTallies } from '../stage-tallies.js';
import type { ArticleToStore } from '../work/article-table.js';
import { recordLine } from '../output/record.js';
import { decodePrepared, encodePrepared } from '../cache/prepared-codec.js';
import { CacheLane, type CacheFiles, type CacheLocation } from '../cache/cache-lane.js';
import { pageSignature, SiteStats, type SiteStatsSnapshot } from '../site-stats.js';
import type { RawPage, Reject } from '../types.js';

/** What pass 1 keeps of a page: hashes for the site statistics, and where the pass cache stored the prepared page. */
export interface Learned {
  readonly site: string;
  readonly pageHash: number;
  readonly signature: Signature;
  readonly blockHashes: Float64Array;
  /** Where the prepared page went (null: the cache is off or full). */
  readonly cached: CacheLocation | null;
}

export type LearnResult = { readonly learned: Learned } | { readonly reject: Reject; readonly tallies: StageTallies };

/** What the run keeps: a record that fails a filter is counted as filtered, not emitted. */
export interface RecordFilters {
  /** ISO 639-3 codes (`und` too) of the languages kept; null keeps all. */
  readonly keepLanguages: readonly string[] | null;
  /** Words of title and text a record needs. */
  readonly minWords: number;
  /** The page types kept; null keeps all. */
  readonly pageTypes: readonly PageType[] | null;
}

/** The filter a record fails, by the name the report counts it under. */
export type FilterName = 'language' | 'min-words' | 'page-type';

export interface CleanSettings extends CleanOptions {
  readonly filters: RecordFilters;
}

export type Task =
  | { readonly kind: 'learn'; readonly page: RawPage }
  /** `from`: where pass 1 stored what it made of the page, or, if it did not, the page to prepare again. */
  | {
      readonly kind: 'clean';
      readonly from: { readonly cached: CacheLocation } | { readonly page: RawPage };
      readonly options: CleanSettings;
    };

/**
 * A cleaned page as pass 2 hands it back: what the shard's articles keep of it, with the record to spill;
 * and, for the report, which attempt found it and its warnings.
 */
export type CleanedRecord = ArticleToStore & {
  readonly attempt: Attempt;
  readonly warnings: readonly DecodeWarning[];
};

/** `pageType`: the report counts every HTML page cleaned by its type; null for a text page, or one rejected before it was parsed. */
export type CleanResult = (
  | { readonly cleaned: CleanedRecord; readonly pageType: PageType | null; readonly tallies: StageTallies }
  | { readonly reject: Reject; readonly pageType: PageType | null; readonly tallies: StageTallies }
  | {
      readonly filtered: { readonly source: string; readonly filter: FilterName };
      readonly pageType: PageType | null;
      readonly tallies: StageTallies;
    }
) &
  Inspected;

export type TaskResult = LearnResult | CleanResult;

/** A worker's state across the two passes: its lane of the pass cache, and the site statistics once pass 1 is done. */
export class PageWork {
  private stats: SiteStats | null = null;
  private readonly cache: CacheLane | null;

  /** `cache`: the pass cache's files, or null to keep nothing between the passes. */
  constructor(cache: CacheFiles | null) {
    this.cache = cache && new CacheLane(cache);
  }

  setStats(snapshot: SiteStatsSnapshot): void {
    this.stats = SiteStats.fromSnapshot(snapshot);
  }

  run(task: Task): TaskResult {
    return task.kind === 'learn' ? this.learn(task.page) : this.clean(task.from, task.options);
  }

  private cachedPage(location: CacheLocation): Uint8Array {
    if (!this.cache) throw new Error('a cached page sent to a worker without the pass cache');
    return this.cache.fetch(location);
  }

  private learn(raw: RawPage): LearnResult {
    const prepared = preparePage(raw);
    if (!('page' in prepared)) return prepared;
    const page = prepared.page;
    return {
      learned: {
        site: page.site,
        pageHash: page.pageHash,
        signature: pageSignature(page.blocks),
        blockHashes: Float64Array.from(page.blocks, (b) => b.hash),
        cached: this.cache?.store(() => encodePrepared(page, prepared.tallies)) ?? null,
      },
    };
  }

  private clean(from: Extract<Task, { kind: 'clean' }>['from'], options: CleanSettings): CleanResult {
    if (!this.stats) throw new Error('clean before the site statistics arrived');
    const prepared = 'page' in from ? preparePage(from.page) : decodePrepared(this.cachedPage(from.cached));
    if (!('page' in prepared)) return { ...prepared, pageType: null };
    const { explanation, templateBlocks, ...cleaned } = cleanPage(prepared.page, this.stats.view(prepared.page.site), options);
    const inspected = { ...(explanation ? { explanation } : {}), ...(templateBlocks ? { templateBlocks } : {}) };
    const tallies = { ...prepared.tallies, ...cleaned.tallies };
    const pageType = prepared.page.pageType?.type ?? null;
    if ('reject' in cleaned) return { reject: cleaned.reject, pageType, tallies, ...inspected };
    const { article, signature } = cleaned;
    const filter = failedFilter(article, options.filters);
    if (filter) return { filtered: { source: article.source, filter }, pageType, tallies, ...inspected };
    return {
      cleaned: {
        source: article.source,
        site: article.site,
        exact: article.exact,
        signature,
        length: (article.title?.length ?? 0) + article.text.length,
        published: article.published,
        attempt: cleaned.attempt,
        warnings: article.warnings,
        record: recordLine(article),
      },
      pageType,
      tallies,
      ...inspected,
    };
  }
}

/** The first filter an article fails, or null. */
function failedFilter(article: Pick<Article, 'language' | 'wordCount' | 'pageType'>, filters: RecordFilters): FilterName | null {
  if (filters.keepLanguages && !filters.keepLanguages.includes(article.language)) return 'language';
  if (article.wordCount < filters.minWords) return 'min-words';
  // A text page has no type: it is not one of the types asked for.
  if (filters.pageTypes && !(article.pageType && filters.pageTypes.includes(article.pageType))) return 'page-type';
  return null;
}
