/** The run report: what happened to every input, and what each stage kept and dropped. */
import { addTally, emptyTally, type Tally } from '../../stages/types.js';
import { STAGES, type StageName, type StageTallies } from '../stage-tallies.js';
import type { Reject, RejectReason } from '../types.js';
import type { PageType } from '../../stages/page-type.js';

export interface Totals {
  read: number;
  emitted: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  /** Records left out by a filter the run was asked for (`--keep-languages`, `--min-words`, `--page-types`). */
  filtered: number;
}

const noTotals = (): Totals => ({ read: 0, emitted: 0, duplicates: 0, rejected: 0, skipped: 0, filtered: 0 });

export interface SiteSummary {
  /** Distinct pages of the site (a page saved twice counts once). */
  pages: number;
  read: number;
  emitted: number;
  /** Blocks removed as template across the site's pages. */
  template_blocks: number;
}

export interface RunReport {
  totals: Totals;
  /**
   * The same accounting per input: per container file (WARC, NDJSON) and per command-line input for
   * single-page files (a directory of HTML files is one entry).
   */
  inputs: Record<string, Totals>;
  rejects: Partial<Record<RejectReason, number>>;
  /** Records read but not pages (WARC requests, redirects, images), by reason. */
  skips: Record<string, number>;
  /** Records left out by filters, by filter (`language`, `min-words`, `page-type`). */
  filters: Record<string, number>;
  /**
   * Pages whose content each extraction attempt found (before dedup): `article`, `article-alone`, `article-unhinted`,
   * `listing`, `revealed` (stages/extract.ts).
   */
  attempts: Record<string, number>;
  /** Records with each warning (`repaired-encoding`, `replacement-characters`: see the record's `warnings`). */
  warnings: Record<string, number>;
  /**
   * Every HTML page cleaned, by its page type (stages/page-type.ts): records, duplicates, filtered pages and
   * `no-article` rejects alike. Plain-text pages have no type and are not counted here.
   */
  page_types: Partial<Record<PageType, number>>;
  stages: Record<StageName, Tally>;
  sites: Record<string, SiteSummary>;
}

export class ReportBuilder {
  readonly totals: Totals = noTotals();
  private readonly perInput = new Map<string, Totals>();

  /** `arguments`: the inputs as given on the command line. */
  constructor(private readonly args: readonly string[] = []) {}

  /** Count one outcome for a source, in the totals and for its input. */
  count(source: string, outcome: keyof Totals): void {
    this.totals[outcome]++;
    const key = this.inputOf(source);
    let totals = this.perInput.get(key);
    if (!totals) this.perInput.set(key, (totals = noTotals()));
    totals[outcome]++;
  }

  private inputOf(source: string): string {
    const file = source.replace(/#\d+$/, '');
    if (file !== source || this.args.includes(file)) return file;
    const parent = this.args.filter((arg) => file.startsWith(arg.replace(/\/+$/, '') + '/')).sort((a, b) => b.length - a.length)[0];
    return parent ?? file;
  }
  private readonly rejects = new Map<RejectReason, number>();
  private readonly skips = new Map<string, number>();
  private readonly filters = new Map<string, number>();
  private readonly attempts = new Map<string, number>();
  private readonly warnings = new Map<string, number>();
  private readonly pageTypes = new Map<PageType, number>();
  private readonly stages = new Map<StageName, Tally>(STAGES.map((s) => [s, emptyTally()]));
  private readonly sites = new Map<string, SiteSummary>();

  addTallies(tallies: StageTallies): void {
    for (const [stage, tally] of Object.entries(tallies) as [StageName, Tally][]) addTally(this.stages.get(stage)!, tally);
  }

  reject(source: string, reason: RejectReason): void {
    this.count(source, 'rejected');
    addCount(this.rejects, reason);
  }

  skip(source: string, reason: string): void {
    this.count(source, 'skipped');
    addCount(this.skips, reason);
  }

  attempt(name: string): void {
    addCount(this.attempts, name);
  }

  warning(name: string): void {
    addCount(this.warnings, name);
  }

  filter(source: string, filter: string): void {
    this.count(source, 'filtered');
    addCount(this.filters, filter);
  }

  pageType(type: PageType): void {
    addCount(this.pageTypes, type);
  }

  /** Adds the counts of the report of some of the run's inputs (a shard's). */
  absorb(part: RunReport): void {
    for (const outcome of Object.keys(this.totals) as (keyof Totals)[]) this.totals[outcome] += part.totals[outcome];
    for (const [input, totals] of Object.entries(part.inputs)) {
      let mine = this.perInput.get(input);
      if (!mine) this.perInput.set(input, (mine = noTotals()));
      for (const outcome of Object.keys(mine) as (keyof Totals)[]) mine[outcome] += totals[outcome];
    }
    const add = <K>(into: Map<K, number>, counts: Partial<Record<string, number>>) => {
      for (const [key, n] of Object.entries(counts)) addCount(into, key as K, n ?? 0);
    };
    add(this.rejects, part.rejects);
    add(this.skips, part.skips);
    add(this.filters, part.filters);
    add(this.attempts, part.attempts);
    add(this.warnings, part.warnings);
    add(this.pageTypes, part.page_types);
    this.addTallies(part.stages);
    for (const [name, summary] of Object.entries(part.sites)) {
      const site = this.site(name, summary.pages);
      site.read += summary.read;
      site.emitted += summary.emitted;
      site.template_blocks += summary.template_blocks;
    }
  }

  /** The summary of a site already counted (the write step's, counted by clean). */
  knownSite(name: string): SiteSummary {
    const summary = this.sites.get(name);
    if (!summary) throw new Error(`the report has no site ${JSON.stringify(name)}`);
    return summary;
  }

  site(name: string, pages: number): SiteSummary {
    let summary = this.sites.get(name);
    if (!summary) this.sites.set(name, (summary = { pages, read: 0, emitted: 0, template_blocks: 0 }));
    return summary;
  }

  /** The accounting equation every run must satisfy; a description of the gap when it does not. */
  imbalance(): string | null {
    for (const [name, t] of [['total', this.totals] as const, ...this.perInput]) {
      const accounted = t.emitted + t.duplicates + t.rejected + t.skipped + t.filtered;
      if (accounted !== t.read) {
        return `${name}: read ${t.read} != emitted ${t.emitted} + duplicates ${t.duplicates} + rejected ${t.rejected} + skipped ${t.skipped} + filtered ${t.filtered}`;
      }
    }
    return null;
  }

  build(): RunReport {
    const sorted = sortedByKey;
    const sortTally = (t: Tally): Tally => ({ kept: t.kept, dropped: sorted(new Map(Object.entries(t.dropped))) });
    return {
      totals: { ...this.totals },
      inputs: sorted(this.perInput),
      rejects: sorted(this.rejects),
      skips: sorted(this.skips),
      filters: sorted(this.filters),
      attempts: sorted(this.attempts),
      warnings: sorted(this.warnings),
      page_types: sorted(this.pageTypes),
      stages: Object.fromEntries(STAGES.map((s) => [s, sortTally(this.stages.get(s)!)])) as Record<StageName, Tally>,
      sites: sorted(this.sites),
    };
  }
}

export class AccountingError extends Error {
  override readonly name = 'AccountingError';
}

/** A map as a plain object with its keys in code-unit order, so that JSON output does not depend on arrival. */
export function sortedByKey<V>(map: ReadonlyMap<string, V>): Record<string, V> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The report as its file holds it. */
export function reportText(report: RunReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** A reject as a line of the rejects file. */
export function rejectLine(reject: Reject): string {
  return JSON.stringify(reject) + '\n';
}

/** Adds `n` (default 1) to the count of `key`. */
export function addCount<K>(counts: Map<K, number>, key: K, n = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}
