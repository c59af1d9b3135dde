/**
 * What `bench:compare` prints of two builds' runs: each build's medians (a run that a burst of other work on the
 * machine slowed does not move them), and how this build differs from the base.
 */
import { cpuPerPage, type Row } from './measure.js';

export interface BuildRuns {
  readonly name: string;
  /** The build's `winnow` command: its compiled `dist/pipeline/cli/cli.js`. */
  readonly cli: string;
  readonly runs: Row[];
}

export interface BuildSummary {
  readonly name: string;
  readonly runs: number;
  readonly wallSeconds: number;
  readonly cpuMicrosPerPage: number;
}

function summary({ name, runs }: BuildRuns): BuildSummary {
  return {
    name,
    runs: runs.length,
    wallSeconds: median(runs.map((r) => r.seconds)),
    cpuMicrosPerPage: median(runs.map(cpuPerPage)),
  };
}

/** The middle value; the mean of the two middle ones when there are an even number. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each build's medians, and this build's change against the base as a fraction (-0.03: 3% less). */
export function compareBuilds(
  base: BuildRuns,
  head: BuildRuns,
): { rows: [BuildSummary, BuildSummary]; wallChange: number; cpuChange: number } {
  const [b, h] = [summary(base), summary(head)];
  return { rows: [b, h], wallChange: h.wallSeconds / b.wallSeconds - 1, cpuChange: h.cpuMicrosPerPage / b.cpuMicrosPerPage - 1 };
}
