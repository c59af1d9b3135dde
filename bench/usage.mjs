// Preloaded into a benchmarked process: writes its peak resident set size (KiB) to $WINNOW_PEAK_RSS_FILE on exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.WINNOW_PEAK_RSS_FILE) writeFileSync(process.env.WINNOW_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
