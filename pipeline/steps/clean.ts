/**
 * clean (a task per shard): pass 2 over the shard's pages with the models of its sites. Every page is
 * cleaned in the workers (from the pass cache when learn ran in this process and kept it, else read and
 * parsed again), which build and validate its record. The task leaves:
 * - the shard's articles (`ShardArticlesWriter`: records, signatures, a table in source order);
 * - their exact and band keys, partitioned for dedup (`DedupKeysWriter`);
 * - `report.json`: the shard's part of the run report (what was read, rejected, skipped, filtered);
 * - `rejects.ndjson`: its rejects, in source order.
 */
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { compareSources } from '../../stages/dedup.js';
import { drop, emptyTally } from '../../stages/types.js';
import { excerptOf } from '../input/bytes.js';
import type { CleanResult, RecordFilters } from '../workers/work.js';
import { ReportBuilder, rejectLine, reportText } from '../report/report.js';
import { SiteStats } from '../site-stats.js';
import { bodyBytes, sourceOf, type PageBody, type Reject } from '../types.js';
import { articleId, ShardArticlesWriter } from '../work/article-table.js';
import { DedupKeysWriter } from '../work/dedup-keys.js';
import { numbersOf, readPartition } from '../work/partitioned.js';
import { LEARNED } from './learn.js';
import { MODELS } from './merge-stats.js';
import { pageFeeder, passProgress } from './page-pass.js';
import { perShard, type Step } from './step.js';

export const CLEANED = { report: 'report.json', rejects: 'rejects.ndjson' } as const;

export const clean: Step = {
  name: 'clean',
  tasks: perShard,
  async run({ work, world, plan, rank, out, env }) {
    const { settings, inputs: labels } = plan();
    const inputs = plan().shard(rank);
    const models: Float64Array[] = [];
    for (let partition = 0; partition < world; partition++)
      models.push(numbersOf(readPartition(work.file('merge-stats', partition, MODELS), rank)));
    const stats = SiteStats.fromModels(models);
    models.length = 0;
    const sitePages = (site: string) => stats.view(site).pages;
    const timedOut = new Map(JSON.parse(readFileSync(work.file('learn', rank, LEARNED.timeouts), 'utf8')) as [string, string][]);
    const workers = env.workers();
    const { pool, passCache } = workers;
    pool.setStats(stats.snapshot());

    const filters: RecordFilters = {
      keepLanguages: settings.keepLanguages,
      minWords: settings.minWords,
      pageTypes: settings.pageTypes,
    };
    const report = new ReportBuilder(labels);
    const articles = new ShardArticlesWriter(out);
    const rejects: Reject[] = [];
    const tally = emptyTally();
    const { inspection } = env;
    const rejectInput = (reject: Reject) => {
      rejects.push(reject);
      report.reject(reject.source, reject.reason);
      drop(tally, reject.reason);
      inspection?.addRejected(reject.source, `${reject.reason}: ${reject.detail}`);
    };
    /** `body`: the page's body, for the excerpt of a reject. */
    const accept = (source: string, body: () => PageBody, result: CleanResult) => {
      report.addTallies(result.tallies);
      if (result.pageType) report.pageType(result.pageType);
      inspection?.addPage(source, result, sitePages);
      if ('reject' in result) return rejectInput({ ...result.reject, excerpt: excerptOf(body()) });
      if ('filtered' in result) {
        drop(tally, `filter:${result.filtered.filter}`);
        return report.filter(source, result.filtered.filter);
      }
      const { record, attempt, warnings, ...entry } = result.cleaned;
      report.attempt(attempt);
      for (const warning of warnings) report.warning(warning);
      const site = report.site(entry.site, sitePages(entry.site));
      site.read++;
      site.template_blocks += result.tallies.template?.dropped['template'] ?? 0;
      tally.kept++;
      articles.add({ ...entry, record });
    };

    const progress = await passProgress(env, 2, inputs);
    const feeder = pageFeeder(workers, env.signal);
    try {
      let ordinal = 0;
      // A page pass 1 prepared and the pass cache kept (a file that is one page, an NDJSON line) is not read again.
      const unread = passCache ? (source: string) => passCache.has(ordinal, source) : undefined;
      for await (const item of inputs.read(progress.onBytes, unread)) {
        const source = sourceOf(item);
        report.count(source, 'read');
        if ('reject' in item) {
          rejectInput(item.reject);
          continue;
        }
        if ('skip' in item) {
          drop(tally, 'skipped');
          report.skip(source, item.skip.reason);
          continue;
        }
        const body = 'page' in item ? () => item.page.body : item.unread.reread;
        const pageOrdinal = ordinal++;
        const timeout = timedOut.get(source);
        if (timeout) {
          rejectInput({ source, reason: 'timeout', detail: timeout, excerpt: excerptOf(body()) });
          continue;
        }
        const cleanOptions = {
          languages: settings.languages ?? undefined,
          explain: inspection?.claimPage() ?? false,
          templateBlocks: inspection !== null,
          filters,
        };
        const cached = passCache?.take(pageOrdinal, source) ?? null;
        // With its prepared page at hand, the worker needs neither the page's body nor its fields.
        const from = cached ? { cached } : 'page' in item ? { page: item.page } : null;
        if (!from) throw new Error(`${source}: the pass cache lost a page it said it had`);
        await feeder.feed('page' in item ? bodyBytes(item.page.body) : item.unread.heldBytes, async () => {
          const result = await pool.run({ kind: 'clean', from, options: cleanOptions });
          progress.page();
          if ('failure' in result) rejectInput({ source, reason: result.failure, detail: result.detail, excerpt: excerptOf(body()) });
          else accept(source, body, result as CleanResult);
        });
      }
      await feeder.idle();
    } catch (error) {
      articles.abandon();
      throw error;
    }

    const keys = new DedupKeysWriter(out, world, settings.nearDuplicates);
    articles.finish((articleRank, exact, signature) => keys.add(articleId(rank, articleRank), exact, signature));
    keys.finish();
    writeFileSync(join(out, CLEANED.report), reportText(report.build()));
    rejects.sort((a, b) => compareSources(a.source, b.source));
    const lines = createWriteStream(join(out, CLEANED.rejects));
    for (const reject of rejects) if (!lines.write(rejectLine(reject))) await once(lines, 'drain');
    lines.end();
    await finished(lines);
    return tally;
  },
};
