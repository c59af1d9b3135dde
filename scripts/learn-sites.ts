/** The site statistics a run's first pass would learn from these pages: for the scripts that clean pages as a run does. */
import type { PreparedPage } from '../pipeline/page.js';
import { pageSignature, SiteStatsBuilder, type SiteStats } from '../pipeline/site-stats.js';

export function learnSites(pages: Iterable<PreparedPage>): SiteStats {
  const builder = new SiteStatsBuilder();
  for (const page of pages)
    builder.addPage(
      page.site,
      page.pageHash,
      pageSignature(page.blocks),
      page.blocks.map((b) => b.hash),
    );
  return builder.build();
}
