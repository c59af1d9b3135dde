/** The run report: what happened to every input, and what each stage kept and dropped. */
import { addTally, emptyTally, type Tally } from '../stages/types.js';
import { STAGES, type StageName, type StageTallies } from './page.js';
import type { RejectReason } from './types.js';

export interface Totals {
  read: number;
  emitted: number;
  duplicates: number;
  rejected: number;
  skipped: number;
}

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
  rejects: Partial<Record<RejectReason, number>>;
  /** Records read but not pages (WARC requests, redirects, images), by reason. */
  skips: Record<string, number>;
  stages: Record<StageName, Tally>;
  sites: Record<string, SiteSummary>;
}

export class ReportBuilder {
  readonly totals: Totals = { read: 0, emitted: 0, duplicates: 0, rejected: 0, skipped: 0 };
  private readonly rejects = new Map<RejectReason, number>();
  private readonly skips = new Map<string, number>();
  private readonly stages = new Map<StageName, Tally>(STAGES.map((s) => [s, emptyTally()]));
  private readonly sites = new Map<string, SiteSummary>();

  addTallies(tallies: StageTallies): void {
    for (const [stage, tally] of Object.entries(tallies) as [StageName, Tally][]) addTally(this.stages.get(stage)!, tally);
  }

  reject(reason: RejectReason): void {
    this.totals.rejected++;
    this.rejects.set(reason, (this.rejects.get(reason) ?? 0) + 1);
  }

  skip(reason: string): void {
    this.totals.skipped++;
    this.skips.set(reason, (this.skips.get(reason) ?? 0) + 1);
  }

  site(name: string, pages: number): SiteSummary {
    let summary = this.sites.get(name);
    if (!summary) this.sites.set(name, (summary = { pages, read: 0, emitted: 0, template_blocks: 0 }));
    return summary;
  }

  /** The accounting equation every run must satisfy; a description of the gap when it does not. */
  imbalance(): string | null {
    const t = this.totals;
    const accounted = t.emitted + t.duplicates + t.rejected + t.skipped;
    return accounted === t.read
      ? null
      : `read ${t.read} != emitted ${t.emitted} + duplicates ${t.duplicates} + rejected ${t.rejected} + skipped ${t.skipped}`;
  }

  build(): RunReport {
    const sorted = <V>(map: Map<string, V>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const sortTally = (t: Tally): Tally => ({ kept: t.kept, dropped: sorted(new Map(Object.entries(t.dropped))) });
    return {
      totals: { ...this.totals },
      rejects: sorted(this.rejects),
      skips: sorted(this.skips),
      stages: Object.fromEntries(STAGES.map((s) => [s, sortTally(this.stages.get(s)!)])) as Record<StageName, Tally>,
      sites: sorted(this.sites),
    };
  }
}
