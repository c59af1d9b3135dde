// Preloaded into a benchmarked process: on exit, writes to $WINNOW_USAGE_FILE its peak resident set size
// (KiB) and the CPU time all its threads used (user + system, µs), as JSON.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (!process.env.WINNOW_USAGE_FILE) return;
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  writeFileSync(process.env.WINNOW_USAGE_FILE, JSON.stringify({ maxRssKb: maxRSS, cpuMicros: userCPUTime + systemCPUTime }));
});
