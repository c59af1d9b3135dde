/**
 * write (a task per shard): the shard's records in source order, each survivor with the sources it absorbed
 * in `duplicates`, duplicates left out (or, with keepDuplicates, kept and naming their survivor), to the
 * run's records output for the shard. Its part of the report (`report.json`) is clean's with what was
 * emitted and merged.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drop, emptyTally } from '../../stages/types.js';
import { withDuplicates, type ArticleRecord } from '../output/record.js';
import { ReportBuilder, reportText, type RunReport } from '../report/report.js';
import { ArticleTable, ArticleTables } from '../work/article-table.js';
import { CLEANED } from './clean.js';
import { DECISIONS, Kind, shardDecisions } from './join.js';
import { perShard, type Step } from './step.js';

export const WRITTEN = { report: 'report.json' } as const;

export const write: Step = {
  name: 'write',
  tasks: perShard,
  async run({ work, world, plan, rank, out, env }) {
    const { settings, inputs } = plan();
    const report = new ReportBuilder(inputs);
    report.absorb(JSON.parse(readFileSync(work.file('clean', rank, CLEANED.report), 'utf8')) as RunReport);
    const decisions = shardDecisions(work.file('join', 0, DECISIONS), rank, world);
    const table = new ArticleTable(work.task('clean', rank));
    const others = new ArticleTables((shard) => work.task('clean', shard));
    const sourceOf = (id: number) => others.article(id).source;
    const records = env.outputs.records(rank);
    const { inspection } = env;
    const tally = emptyTally();
    try {
      let at = 0;
      for (let r = 0; r < table.count; r++) {
        const article = table.article(r);
        let survivorId: number | null = null;
        let absorbed: string[] = [];
        if (at < decisions.length && decisions[at] === r) {
          const kind = decisions[at + 2]!;
          const n = decisions[at + 3]!;
          if (kind === Kind.Survivor) absorbed = Array.from(decisions.subarray(at + 4, at + 4 + n), sourceOf);
          else {
            survivorId = decisions[at + 1]!;
            drop(tally, kind === Kind.Exact ? 'exact-duplicate' : 'near-duplicate');
          }
          at += 4 + n;
        }
        if (survivorId === null) tally.kept++;
        const duplicateOf = survivorId === null ? null : sourceOf(survivorId);
        if (duplicateOf !== null) inspection?.addDuplicate(article.source, duplicateOf);
        if (duplicateOf !== null && !settings.keepDuplicates) {
          report.count(article.source, 'duplicates');
          continue;
        }
        const line = withDuplicates(table.record(r), article.duplicatesAt, absorbed, duplicateOf);
        const record = () => JSON.parse(line.toString()) as ArticleRecord;
        report.count(article.source, 'emitted');
        report.knownSite(article.site).emitted++;
        if (inspection) inspection.addRecord(record());
        await records.write(line, record);
      }
      report.addTallies({ dedup: tally });
      await records.commit();
    } catch (error) {
      records.abort();
      throw error;
    } finally {
      table.close();
      others.close();
    }
    writeFileSync(join(out, WRITTEN.report), reportText(report.build()));
    return tally;
  },
};
