/**
 * npm run bench:profile -- INPUT... [--top N]
 *
 * Where the CPU time of a real run goes: runs the compiled `winnow` on the inputs with V8's sampling
 * profiler in every thread (`node --cpu-prof`), then adds up, over the main thread and all workers, the
 * busy samples (idle excluded) spent inside each stage. A stage's share is its inclusive time over the
 * whole run's busy time, so "language 7%" means 7% of all the CPU the pipeline used.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './measure.js';
import { STEPS } from './profile-steps.js';
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const USAGE = 'usage: npm run bench:profile -- INPUT... [--top N]';
const { values, positionals } = toolArgs(USAGE, { allowPositionals: true, options: { top: { type: 'string', default: '0' } } });
if (positionals.length === 0) exitWithUsage(USAGE);

const dir = mkdtempSync(join(tmpdir(), 'winnow-profile-'));
try {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      '--cpu-prof',
      '--cpu-prof-dir',
      dir,
      join(ROOT, 'dist/pipeline/cli/cli.js'),
      ...positionals,
      '--quiet',
      '--out',
      join(dir, 'out.ndjson'),
      '--report',
      join(dir, 'report.json'),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`winnow exited ${child.status}`);
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { totals: { read: number } };

  let busy = 0;
  const perStep = new Map<string, number>(STEPS.map(([name]) => [name, 0]));
  const selfTime = new Map<string, number>();
  const profiles = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  for (const name of profiles) {
    const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const timeOf = new Map<number, number>();
    profile.samples.forEach((id, i) => timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    for (const [id, micros] of timeOf) {
      const leaf = byId.get(id)!;
      if (leaf.callFrame.functionName === '(idle)' || leaf.callFrame.functionName === '(program)') continue;
      busy += micros;
      const leafKey = `${leaf.callFrame.functionName || '(anonymous)'} ${leaf.callFrame.url.split('/').slice(-2).join('/')}`;
      selfTime.set(leafKey, (selfTime.get(leafKey) ?? 0) + micros);
      const stack: ProfileNode['callFrame'][] = [];
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur)!.callFrame);
      for (const [step, pattern] of STEPS) {
        const parts = pattern.split('|');
        const hit = stack.some((frame) =>
          parts.some((p) => (p.startsWith('@') ? frame.url.includes(p.slice(1)) : frame.functionName === p)),
        );
        if (hit) perStep.set(step, perStep.get(step)! + micros);
      }
    }
  }
  console.log(
    `${report.totals.read} inputs in ${seconds.toFixed(1)} s (${(report.totals.read / seconds).toFixed(0)} pages/s with profiling on);`,
  );
  console.log(`${(busy / 1e6).toFixed(1)} CPU seconds busy over ${profiles.length} threads (main + workers)\n`);
  console.log('| step | CPU s | share of busy CPU |\n|---|---|---|');
  for (const [step] of STEPS) {
    const micros = perStep.get(step)!;
    console.log(`| ${step} | ${(micros / 1e6).toFixed(2)} | ${((micros / busy) * 100).toFixed(1)}% |`);
  }
  const top = Number(values.top);
  if (top > 0) {
    console.log(`\nTop ${top} functions by self time:`);
    for (const [fn, micros] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${fn}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
