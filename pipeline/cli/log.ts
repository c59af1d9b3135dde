/**
 * What the CLI tells on standard error. `text`: a progress line redrawn on a TTY and a one-line summary.
 * `json`: one JSON object a line — `progress` (every second, TTY or not), `reject` warnings, `done`,
 * and `error` — each with `level` and `event`, for CI logs and tools. `quiet` drops progress and info;
 * warnings and errors always go out.
 */
import type { Config } from './config.js';
import { progressFigures, progressLine, throttled } from './progress.js';
import type { RunReport } from '../report/report.js';
import type { Progress } from '../run.js';
import type { Reject } from '../types.js';

/** Milliseconds between redraws of the progress line, and between JSON progress events. */
const TTY_REDRAW_MS = 250;
const JSON_PROGRESS_MS = 1000;

export interface Log {
  /** A progress callback for the run, or none when progress is not shown. */
  readonly progress: ((p: Readonly<Progress>) => void) | undefined;
  rejects(rejects: readonly Reject[]): void;
  /** The run's summary; `configFile`: where settings came from besides the flags (null: none). */
  done(report: RunReport, out: string | null, configFile: string | null): void;
  /** A line of what is going on (not shown with --quiet). */
  info(message: string): void;
  warn(message: string): void;
  error(kind: 'usage' | 'config' | 'fatal', message: string, exitCode: number): void;
}

export function createLog(format: Config['logFormat'], quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Log {
  return format === 'json' ? jsonLog(quiet, stream) : textLog(quiet, stream);
}

function textLog(quiet: boolean, stream: NodeJS.WriteStream): Log {
  let drawn = false;
  const clear = () => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    progress:
      quiet || !stream.isTTY
        ? undefined
        : throttled(TTY_REDRAW_MS, (p, now) => {
            stream.write(`\r\x1b[2K${progressLine(p, now)}`);
            drawn = true;
          }),
    // Rejects are counted in the summary and listed in --rejects; one line each would flood a terminal.
    rejects: () => undefined,
    done(report, out, configFile) {
      clear();
      if (!quiet)
        stream.write(`winnow: ${summary(report)}${out ? ` -> ${out}` : ''}${configFile ? ` (settings from ${configFile})` : ''}\n`);
    },
    info(message) {
      clear();
      if (!quiet) stream.write(`winnow: ${message}\n`);
    },
    warn(message) {
      clear();
      stream.write(`winnow: warning: ${message}\n`);
    },
    error(_kind, message) {
      clear();
      stream.write(`winnow: ${message}\n`);
    },
  };
}

function jsonLog(quiet: boolean, stream: NodeJS.WriteStream): Log {
  const line = (level: 'info' | 'warn' | 'error', event: string, fields: object) =>
    stream.write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }) + '\n');
  return {
    progress: quiet ? undefined : throttled(JSON_PROGRESS_MS, (p, now) => line('info', 'progress', progressFigures(p, now))),
    rejects(rejects) {
      for (const { source, reason, detail, offset } of rejects)
        line('warn', 'reject', { source, reason, detail, ...(offset === undefined ? {} : { offset }) });
    },
    done(report, out, configFile) {
      if (!quiet)
        line('info', 'done', {
          totals: report.totals,
          rejects: report.rejects,
          filters: report.filters,
          out,
          config: configFile,
          exit_code: 0,
        });
    },
    info(message) {
      if (!quiet) line('info', 'info', { message });
    },
    warn(message) {
      line('warn', 'warning', { message });
    },
    error(kind, message, exitCode) {
      line('error', kind, { message, exit_code: exitCode });
    },
  };
}

/** `read 13, emitted 12, duplicates 0, rejected 1 (no-article 1), skipped 0`, with what was filtered and why. */
export function summary(report: RunReport): string {
  const t = report.totals;
  const reasons = (counts: Record<string, number | undefined>) => {
    const listed = Object.entries(counts).map(([reason, n]) => `${reason} ${n}`);
    return listed.length ? ` (${listed.join(', ')})` : '';
  };
  const filtered = t.filtered ? `, filtered ${t.filtered}${reasons(report.filters)}` : '';
  return `read ${t.read}, emitted ${t.emitted}, duplicates ${t.duplicates}, rejected ${t.rejected}${reasons(report.rejects)}, skipped ${t.skipped}${filtered}`;
}
