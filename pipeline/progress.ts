/** The progress line on stderr: pages, pages/s, MB/s and, when the input size is known, an ETA. */
import type { Progress } from './run.js';

/** Redraws at most this often (ms). */
const REDRAW_MS = 250;

export function progressLine(p: Readonly<Progress>, now = performance.now()): string {
  const seconds = Math.max(0.001, (now - p.startedAt) / 1000);
  const mb = p.bytes / 1e6;
  const parts = [`pass ${p.pass}/2`, `${p.pages} pages`, `${(p.pages / seconds).toFixed(0)} pages/s`, `${(mb / seconds).toFixed(1)} MB/s`];
  if (p.totalBytes) {
    const share = Math.min(1, p.bytes / p.totalBytes);
    parts.push(`${(share * 100).toFixed(0)}%`);
    if (share > 0.01) parts.push(`ETA ${formatDuration((seconds / share) * (1 - share) + (p.pass === 1 ? seconds / share : 0))}`);
  }
  return parts.join(' · ');
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** A progress callback that redraws one line on a TTY stream, throttled. */
export function ttyProgress(stream: NodeJS.WriteStream): { update: (p: Readonly<Progress>) => void; clear: () => void } {
  let last = 0;
  return {
    update(p) {
      const now = performance.now();
      if (now - last < REDRAW_MS) return;
      last = now;
      stream.write(`\r\x1b[2K${progressLine(p, now)}`);
    },
    clear() {
      if (last) stream.write('\r\x1b[2K');
    },
  };
}
