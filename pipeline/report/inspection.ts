/**
 * What the HTML run report shows beyond the JSON report, gathered during the run in bounded memory:
 * the blocks of the first pages (coloured by verdict), the template blocks each site learned, duplicate
 * clusters, and histograms of languages, publication years and date sources.
 *
 * Everything here is chosen by a fixed order (read order, support, source), never by arrival order,
 * so the report is the same whatever the concurrency.
 */
import { compareSources } from '../../stages/dedup.js';
import type { BlockClass } from '../../stages/extract.js';
import type { Inspected, TemplateBlock } from '../page.js';
import type { ArticleRecord } from '../output/record.js';
import { addCount, sortedByKey } from './report.js';

/** Defaults for InspectOptions. */
export const DEFAULT_INSPECT_PAGES = 300;
const TEMPLATE_BLOCKS_PER_SITE = 30;
const CLUSTERS_SHOWN = 200;
/** Block text kept per template block and per page block. */
const TEMPLATE_TEXT_CHARS = 160;
const BLOCK_TEXT_CHARS = 2000;

export interface InspectOptions {
  /** Pages (the first read, in input order) whose blocks the report shows. Default 300. */
  readonly pages?: number;
}

export interface PageView {
  readonly source: string;
  readonly site: string;
  readonly url: string | null;
  readonly title: string | null;
  outcome: 'emitted' | 'duplicate' | 'rejected';
  /** The reject reason and detail, or the survivor of a duplicate. */
  detail: string | null;
  readonly blocks: readonly { readonly text: string; readonly class: BlockClass; readonly reason: string }[];
}

export interface SiteTemplate {
  readonly site: string;
  /** Distinct pages of the site. */
  readonly pages: number;
  /** The blocks carried by most pages first. */
  readonly blocks: readonly { readonly text: string; readonly support: number }[];
}

export interface Cluster {
  readonly survivor: string;
  readonly title: string | null;
  readonly members: readonly string[];
}

export interface Inspection {
  /** How many pages the run was asked to show block by block (`pages` has at most this many). */
  readonly pagesShown: number;
  readonly pages: readonly PageView[];
  readonly templates: readonly SiteTemplate[];
  readonly clusters: readonly Cluster[];
  /** Clusters in the whole run (only the largest are listed). */
  readonly clusterCount: number;
  readonly languages: Readonly<Record<string, number>>;
  readonly years: Readonly<Record<string, number>>;
  readonly publishedFrom: Readonly<Record<string, number>>;
}

const byTemplateRank = (a: TemplateBlock, b: TemplateBlock) => b.support - a.support || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);

export class InspectionBuilder {
  private readonly limit: number;
  private claimed = 0;
  private readonly views = new Map<string, PageView>();
  private readonly templates = new Map<string, { pages: number; blocks: Map<number, TemplateBlock> }>();
  private readonly clusters: Cluster[] = [];
  private clusterCount = 0;
  private readonly languages = new Map<string, number>();
  private readonly years = new Map<string, number>();
  private readonly publishedFrom = new Map<string, number>();

  constructor(options: InspectOptions = {}) {
    this.limit = options.pages ?? DEFAULT_INSPECT_PAGES;
  }

  /** Whether the next page read (in input order) is one whose blocks are shown. */
  claimPage(): boolean {
    return this.claimed++ < this.limit;
  }

  /** A cleaned page: its blocks if it was claimed, its template blocks always. `sitePages`: distinct pages of a site. */
  addPage(source: string, inspected: Inspected, sitePages: (site: string) => number): void {
    const explained = inspected.explanation;
    if (explained) {
      this.views.set(source, {
        source,
        site: explained.site,
        url: explained.url,
        title: explained.title,
        outcome: 'emitted',
        detail: null,
        blocks: explained.blocks.map((b) => ({ text: b.text.slice(0, BLOCK_TEXT_CHARS), class: b.class, reason: b.reason })),
      });
    }
    const template = inspected.templateBlocks;
    if (!template?.blocks.length) return;
    let site = this.templates.get(template.site);
    if (!site) this.templates.set(template.site, (site = { pages: sitePages(template.site), blocks: new Map() }));
    for (const block of template.blocks) {
      const text = block.text.slice(0, TEMPLATE_TEXT_CHARS);
      const known = site.blocks.get(block.hash);
      // The same hash may come with different spellings; keep one by a fixed rule, not by arrival.
      if (!known || text < known.text) site.blocks.set(block.hash, { ...block, text });
    }
    if (site.blocks.size > TEMPLATE_BLOCKS_PER_SITE * 4) {
      const kept = [...site.blocks.values()].sort(byTemplateRank).slice(0, TEMPLATE_BLOCKS_PER_SITE);
      site.blocks = new Map(kept.map((b) => [b.hash, b]));
    }
  }

  /** A rejected page, if its blocks are shown. */
  addRejected(source: string, reason: string): void {
    const view = this.views.get(source);
    if (view) {
      view.outcome = 'rejected';
      view.detail = reason;
    }
  }

  /** A record the run keeps, or (with keepDuplicates) writes as a duplicate. */
  addRecord(record: ArticleRecord): void {
    if (record.duplicate_of !== null) return;
    addCount(this.languages, record.language);
    addCount(this.years, record.published ? record.published.slice(0, 4) : 'none');
    addCount(this.publishedFrom, record.published_from ?? 'none');
    if (record.duplicates.length) {
      this.clusterCount++;
      this.clusters.push({ survivor: record.source, title: record.title, members: record.duplicates });
      if (this.clusters.length > CLUSTERS_SHOWN * 4) this.pruneClusters();
    }
  }

  /** A page merged into another record. */
  addDuplicate(source: string, survivor: string): void {
    const view = this.views.get(source);
    if (view) {
      view.outcome = 'duplicate';
      view.detail = survivor;
    }
  }

  build(): Inspection {
    this.pruneClusters();
    return {
      pagesShown: this.limit,
      pages: [...this.views.values()].sort((a, b) => compareSources(a.source, b.source)),
      templates: [...this.templates]
        .map(([site, t]) => ({
          site,
          pages: t.pages,
          blocks: [...t.blocks.values()]
            .sort(byTemplateRank)
            .slice(0, TEMPLATE_BLOCKS_PER_SITE)
            .map(({ text, support }) => ({ text, support })),
        }))
        .sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0)),
      clusters: this.clusters,
      clusterCount: this.clusterCount,
      languages: sortedByKey(this.languages),
      years: sortedByKey(this.years),
      publishedFrom: sortedByKey(this.publishedFrom),
    };
  }

  private pruneClusters(): void {
    this.clusters.sort((a, b) => b.members.length - a.members.length || compareSources(a.survivor, b.survivor));
    this.clusters.length = Math.min(this.clusters.length, CLUSTERS_SHOWN);
  }
}
