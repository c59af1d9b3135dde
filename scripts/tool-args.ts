/**
 * The command line of the project's tools (eval, bench and scripts), read the same way by each: `--help`
 * (or `-h`) prints the tool's usage and exits 0; an unknown option, a missing value or a missing required
 * argument prints what is wrong and the usage, and exits 2, as the CLI does for a usage error.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What reading a tool's arguments came to: its parsed arguments, a request for help, or what is wrong. */
export type ToolArgs<T extends ParseArgsConfig> =
  | { readonly ok: true; readonly args: ReturnType<typeof parseArgs<T>> }
  | { readonly ok: false; readonly help: true }
  | { readonly ok: false; readonly help: false; readonly why: string };

/** Reads `argv` (the arguments after the script) against `config`, node:util's parseArgs options. */
export function readToolArgs<T extends ParseArgsConfig>(argv: readonly string[], config: T): ToolArgs<T> {
  if (argv.includes('--help') || argv.includes('-h')) return { ok: false, help: true };
  try {
    return { ok: true, args: parseArgs<T>({ ...config, args: [...argv] }) };
  } catch (error) {
    return { ok: false, help: false, why: (error as Error).message };
  }
}

/** Prints `usage`, after `why` if given, and exits 2: the tool was called wrongly. */
export function exitWithUsage(usage: string, why?: string): never {
  console.error(why ? `${why}\n${usage}` : usage);
  process.exit(2);
}

/** `readToolArgs` on this process's arguments; prints and exits when they are not to run on. */
export function toolArgs<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  const read = readToolArgs(process.argv.slice(2), config);
  if (read.ok) return read.args;
  if (!read.help) return exitWithUsage(usage, read.why);
  console.log(usage);
  process.exit(0);
}
