/**
 * The outputs of a run split into tasks, in its output directory: `part-00000.ndjson` … one per shard,
 * whose concatenation in order is the run's records, then `report.json` and `rejects.ndjson`. Each file
 * is written to a temporary sibling and renamed into place (`outputs.ts`): a task stopped at any moment
 * leaves the file whole or absent.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { RunOutputs } from '../steps/step.js';
import { reportText } from '../report/report.js';
import { abortAll, commitAll, planOutputs } from './outputs.js';

export const RESULT_FILES = { report: 'report.json', rejects: 'rejects.ndjson' } as const;

function partName(shard: number): string {
  return `part-${String(shard).padStart(5, '0')}.ndjson`;
}

export function partFiles(dir: string): RunOutputs {
  return {
    records(shard) {
      const [output] = planOutputs([{ flag: '--out', path: join(dir, partName(shard)) }], []).outputs;
      return {
        write: (line) => output!.write(line),
        commit: () => commitAll([output!]),
        abort: () => output!.abort(),
      };
    },
    async result(report, rejectFiles) {
      const { outputs } = planOutputs(
        [
          { flag: '--out', path: join(dir, RESULT_FILES.report) },
          { flag: '--out', path: join(dir, RESULT_FILES.rejects) },
        ],
        [],
      );
      const [reportFile, rejectsFile] = outputs as [(typeof outputs)[number], (typeof outputs)[number]];
      try {
        await reportFile.write(Buffer.from(reportText(report)));
        for (const file of rejectFiles) for await (const chunk of createReadStream(file)) await rejectsFile.write(chunk as Buffer);
        await commitAll(outputs);
      } catch (error) {
        abortAll(outputs);
        throw error;
      }
    },
  };
}
