/** What every command of the CLI reads the same way: its flags (for that command only), inputs, exit codes. */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateSettings, type Config } from './config.js';
import type { RunOptions } from '../run.js';
import type { RunSettings } from '../steps/step.js';
import { parseArgsOptions, settingsOfFlags, type Command } from './options.js';

export const EXIT = { ok: 0, fatal: 1, usage: 2 } as const;

/** A mistake in the command: exit 2 with one line, nothing read or written. */
export class UsageError extends Error {}

export interface CommandLine {
  readonly flags: Partial<Config>;
  readonly positionals: readonly string[];
  readonly configFile: string | null;
  readonly printConfig: boolean;
  readonly help: boolean;
  readonly version: boolean;
  readonly dryRun: boolean;
  readonly rank: string | null;
}

/** The flags of `command` (others are a usage error), positionals the inputs unless `inputs` is false. */
export function parseCommandLine(argv: readonly string[], command: Command, inputs = true): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: parseArgsOptions(command) });
  } catch (error) {
    throw new UsageError(command === 'main' ? (error as Error).message : `${command}: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  const given = settingsOfFlags(values);
  if (inputs && positionals.length) given['inputs'] = positionals;
  let flags: Partial<Config>;
  try {
    flags = validateSettings(given, null);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    flags,
    positionals,
    configFile: typeof values['config'] === 'string' ? values['config'] : null,
    printConfig: values['print-config'] === true,
    help: values['help'] === true,
    version: values['version'] === true,
    dryRun: values['dry-run'] === true,
    rank: typeof values['rank'] === 'string' ? values['rank'] : null,
  };
}

/** An input that does not exist is a mistake in the command, not a reject. */
export function checkInputs(inputs: readonly string[]): void {
  for (const input of inputs) {
    if (input === '-') continue;
    try {
      statSync(input);
    } catch (error) {
      throw new UsageError(
        `${input}: no such file or directory${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '' : ` (${(error as NodeJS.ErrnoException).code})`}`,
      );
    }
  }
}

/** The log format the arguments ask for, before they are parsed (so that usage errors are logged in it). */
export function askedLogFormat(argv: readonly string[]): Config['logFormat'] {
  return argv.some((arg, i) => arg === '--log-format=json' || (arg === '--log-format' && argv[i + 1] === 'json')) ? 'json' : 'text';
}

/** The run options the settings of a configuration give (those that decide the output). */
export function settingsOptions(config: Config): Pick<RunOptions, keyof RunSettings> {
  return {
    maxPageBytes: config.maxPageBytes,
    languages: config.languages,
    keepLanguages: config.keepLanguages,
    minWords: config.minWords,
    pageTypes: config.pageTypes,
    nearDuplicates: config.nearDup,
    nearDupThreshold: config.nearDupThreshold,
    keepDuplicates: config.keepDuplicates,
    pageTimeoutMs: config.pageTimeout,
  };
}

export function printVersion(): number {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  process.stdout.write(pkg.version + '\n');
  return EXIT.ok;
}
