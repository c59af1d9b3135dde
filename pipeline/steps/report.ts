/**
 * report (one task): the run report, merged from every shard's (the accounting checked: a run that does not
 * balance fails), and the rejects, every shard's in turn, to the run's outputs.
 */
import { readFileSync } from 'node:fs';
import { AccountingError, ReportBuilder, type RunReport } from '../report/report.js';
import { CLEANED } from './clean.js';
import { single, type Step } from './step.js';
import { WRITTEN } from './write.js';

export const report: Step = {
  name: 'report',
  tasks: single,
  async run({ work, world, plan, env }) {
    const merged = new ReportBuilder(plan().inputs);
    for (let shard = 0; shard < world; shard++)
      merged.absorb(JSON.parse(readFileSync(work.file('write', shard, WRITTEN.report), 'utf8')) as RunReport);
    const imbalance = merged.imbalance();
    if (imbalance) throw new AccountingError(imbalance);
    const built = merged.build();
    await env.outputs.result(
      built,
      Array.from({ length: world }, (_, shard) => work.file('clean', shard, CLEANED.rejects)),
    );
    const { emitted, duplicates, rejected, skipped, filtered } = built.totals;
    return { kept: emitted, dropped: { duplicates, rejected, skipped, filtered } };
  },
};
