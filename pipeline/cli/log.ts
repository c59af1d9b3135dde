/**
 * What the CLI tells on standard error. `text`: a progress line redrawn on a TTY and a one-line summary.
 * `json`: one JSON object a line — `progress` (every second, TTY or not), `reject` warnings, `done`,
 * and `error` — each with `level` and `event`, for CI logs and tools. `quiet` drops progress and info;
 * warnings and errors always go out.
 */
import type { Config } from './config.js';
import { progressFigures, progressLine, throttled } from './progress.js';
import type { Totals } from '../report/report.js';
import type { Progress } from '../run.js';
import type { Reject } from '../types.js';

/** Milliseconds between redraws of the progress line, and between JSON progress events. */
const TTY_REDRAW_MS = 250;
const JSON_PROGRESS_MS = 1000;

export interface Log {
  /** A progress callback for the run, or none when progress is not shown. */
  readonly progress: ((p: Readonly<Progress>) => void) | undefined;
  rejects(rejects: readonly Reject[]): void;
  done(totals: Totals, out: string | null): void;
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
    done(t, out) {
      clear();
      if (quiet) return;
      stream.write(
        `winnow: read ${t.read}, emitted ${t.emitted}, duplicates ${t.duplicates}, rejected ${t.rejected}, skipped ${t.skipped}` +
          (out ? ` -> ${out}` : '') +
          '\n',
      );
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
      for (const { source, reason, detail, offset } of rejects) line('warn', 'reject', { source, reason, detail, ...(offset === undefined ? {} : { offset }) });
    },
    done(totals, out) {
      if (!quiet) line('info', 'done', { totals, out, exit_code: 0 });
    },
    error(kind, message, exitCode) {
      line('error', kind, { message, exit_code: exitCode });
    },
  };
}
