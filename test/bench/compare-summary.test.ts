import test from 'ava';
import { compareBuilds } from '../../bench/compare-summary.js';
import type { Row } from '../../bench/measure.js';

const run = (seconds: number, cpuSeconds: number, pages = 800): Row => ({
  name: 'compare',
  pages,
  mb: 126,
  seconds,
  cpuSeconds,
  rssMb: 300,
});

test("bench:compare takes the median of each build's runs, which a slowed run does not move, and its fastest, and gives this build against the base as a fraction", (t) => {
  const base = { name: 'base', dist: 'base/dist', runs: [run(5.0, 9.6), run(7.9, 12.0), run(5.2, 9.2)] };
  const head = { name: 'this build', dist: 'dist', runs: [run(4.9, 9.0), run(4.7, 8.6)] };
  const { rows, wallChange, cpuChange, fastestCpuChange } = compareBuilds(base, head);
  t.deepEqual(
    rows.map((r) => [r.name, r.runs, r.wallSeconds.toFixed(2), Math.round(r.cpuMicrosPerPage), Math.round(r.fastestCpuMicrosPerPage)]),
    [
      ['base', 3, '5.20', 12000, 11500],
      ['this build', 2, '4.80', 11000, 10750],
    ],
  );
  t.is(wallChange.toFixed(4), (4.8 / 5.2 - 1).toFixed(4));
  t.is(cpuChange.toFixed(4), (11000 / 12000 - 1).toFixed(4));
  t.is(fastestCpuChange.toFixed(4), (10750 / 11500 - 1).toFixed(4));
});
