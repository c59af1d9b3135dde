/**
 * The work one page needs in each pass, as plain messages: what the main thread sends to a worker
 * thread and what comes back. Shared by the worker and by the pool that drives it.
 */
import type { Signature } from '../stages/minhash.js';
import { cleanPage, preparePage, type Cleaned, type CleanOptions, type Prepared, type StageTallies } from './page.js';
import { pageSignature, SiteStats, type SiteStatsSnapshot } from './site-stats.js';
import type { RawPage, Reject } from './types.js';

/** What pass 1 keeps of a page: hashes only. */
export interface Learned {
  readonly site: string;
  readonly pageHash: number;
  readonly signature: Signature;
  readonly blockHashes: Float64Array;
}

export type LearnResult = { readonly learned: Learned } | { readonly reject: Reject; readonly tallies: StageTallies };

export type Task =
  | { readonly kind: 'learn'; readonly page: RawPage }
  | { readonly kind: 'clean'; readonly page: RawPage; readonly options: CleanOptions };

export type TaskResult = LearnResult | Cleaned;

/** A worker's state across the two passes: its share of the pass cache and, in pass 2, the site stats. */
export class PageWork {
  private readonly cache = new Map<string, Prepared>();
  private stats: SiteStats | null = null;

  constructor(private cacheRoom: number) {}

  setStats(snapshot: SiteStatsSnapshot): void {
    this.stats = SiteStats.fromSnapshot(snapshot);
  }

  run(task: Task): TaskResult {
    return task.kind === 'learn' ? this.learn(task.page) : this.clean(task.page, task.options);
  }

  private learn(raw: RawPage): LearnResult {
    const prepared = preparePage(raw);
    if (!('page' in prepared)) return prepared;
    const page = prepared.page;
    const chars = page.blocks.reduce((sum, b) => sum + b.text.length + b.norm.length, 0);
    if (chars <= this.cacheRoom) {
      this.cache.set(raw.source, prepared);
      this.cacheRoom -= chars;
    }
    return {
      learned: {
        site: page.site,
        pageHash: page.pageHash,
        signature: pageSignature(page.site, page.blocks),
        blockHashes: Float64Array.from(page.blocks, (b) => b.hash),
      },
    };
  }

  private clean(raw: RawPage, options: CleanOptions): Cleaned {
    if (!this.stats) throw new Error('clean before the site statistics arrived');
    const prepared = this.cache.get(raw.source) ?? preparePage(raw);
    this.cache.delete(raw.source);
    if (!('page' in prepared)) return prepared;
    const cleaned = cleanPage(prepared.page, this.stats.view(prepared.page.site), options);
    return { ...cleaned, tallies: { ...prepared.tallies, ...cleaned.tallies } };
  }
}
