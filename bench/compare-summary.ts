/**
 * What `bench:compare` prints of two builds' runs: each build's medians (a run that a burst of other work on the
 * machine slowed does not move them) and fastest CPU time a page (other work only ever adds to it), and how this
 * build differs from the base.
 */
import { cpuPerPage, type Row } from './measure.js';

export interface BuildRuns {
  readonly name: string;
  /** The build's compiled `dist` directory. */
  readonly dist: string;
  readonly runs: Row[];
}

export interface BuildSummary {
  readonly name: string;
  readonly runs: number;
  readonly wallSeconds: number;
  readonly cpuMicrosPerPage: number;
  readonly fastestCpuMicrosPerPage: number;
}

function summary({ name, runs }: BuildRuns): BuildSummary {
  return {
    name,
    runs: runs.length,
    wallSeconds: median(runs.map((r) => r.seconds)),
    cpuMicrosPerPage: median(runs.map(cpuPerPage)),
    fastestCpuMicrosPerPage: Math.min(...runs.map(cpuPerPage)),
  };
}

/** The middle value; the mean of the two middle ones when there are an even number. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each build's summary, and this build's changes against the base as fractions (-0.03: 3% less). */
export function compareBuilds(
  base: BuildRuns,
  head: BuildRuns,
): { rows: [BuildSummary, BuildSummary]; wallChange: number; cpuChange: number; fastestCpuChange: number } {
  const [b, h] = [summary(base), summary(head)];
  return {
    rows: [b, h],
    wallChange: h.wallSeconds / b.wallSeconds - 1,
    cpuChange: h.cpuMicrosPerPage / b.cpuMicrosPerPage - 1,
    fastestCpuChange: h.fastestCpuMicrosPerPage / b.fastestCpuMicrosPerPage - 1,
  };
}
