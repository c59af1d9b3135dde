/**
 * npm run bench:cache -- INPUT... [--bytes 0,17179869184]
 *
 * What the pass cache (RunOptions.passCacheBytes: prepared pages kept on disk between the passes) buys: runs the
 * compiled pipeline in this process once per cache size, in the order given, and prints the run time and
 * the peak RSS (sampled every 50 ms; worker threads share the process).
 */
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';

const USAGE = 'usage: npm run bench:cache -- INPUT... [--bytes 0,17179869184,...]';
const { values, positionals } = toolArgs(USAGE, {
  allowPositionals: true,
  options: { bytes: { type: 'string', default: '0,17179869184' } },
});
if (positionals.length === 0) exitWithUsage(USAGE);
// The compiled pipeline, as users run it (the script is started by tsx, the workers load dist/).
const { run } = (await import(new URL('../dist/pipeline/run.js', import.meta.url).href)) as typeof import('../pipeline/run.js');

console.log('| pass cache (bytes) | seconds | peak RSS |\n|---|---|---|');
for (const bytes of values.bytes.split(',').map(Number)) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  await run({ inputs: positionals, passCacheBytes: bytes }, () => undefined);
  clearInterval(sampler);
  console.log(`| ${bytes} | ${((performance.now() - started) / 1000).toFixed(1)} | ${(peak / 1e6).toFixed(0)} MB |`);
}
