/** Progress on stderr: a redrawn line on a TTY, or JSON events; pages, pages/s, MB/s and an ETA when the input size is known. */
import type { Progress } from '../run.js';

export interface ProgressFigures {
  pass: 1 | 2;
  pages: number;
  pages_per_s: number;
  mb_per_s: number;
  /** Share of the input read in this pass, 0..1, when the input size is known. */
  done: number | null;
  /** Seconds left for the whole run (both passes), once 1% of a pass is read. */
  eta_s: number | null;
}

export function progressFigures(p: Readonly<Progress>, now = performance.now()): ProgressFigures {
  const seconds = Math.max(0.001, (now - p.startedAt) / 1000);
  const share = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : null;
  const eta = share !== null && share > 0.01 ? (seconds / share) * (1 - share) + (p.pass === 1 ? seconds / share : 0) : null;
  return {
    pass: p.pass,
    pages: p.pages,
    pages_per_s: Math.round(p.pages / seconds),
    mb_per_s: Math.round((p.bytes / 1e6 / seconds) * 10) / 10,
    done: share === null ? null : Math.round(share * 1000) / 1000,
    eta_s: eta === null ? null : Math.round(eta),
  };
}

export function progressLine(p: Readonly<Progress>, now = performance.now()): string {
  const f = progressFigures(p, now);
  const parts = [`pass ${f.pass}/2`, `${f.pages} pages`, `${f.pages_per_s} pages/s`, `${f.mb_per_s.toFixed(1)} MB/s`];
  if (f.done !== null) parts.push(`${(f.done * 100).toFixed(0)}%`);
  if (f.eta_s !== null) parts.push(`ETA ${formatDuration(f.eta_s)}`);
  return parts.join(' · ');
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** A progress callback that calls `show` at most every `everyMs`, with the figures of that moment. */
export function throttled(everyMs: number, show: (p: Readonly<Progress>, now: number) => void): (p: Readonly<Progress>) => void {
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    show(p, now);
  };
}
