/**
 * The configuration: every CLI flag has a key, `winnow.config.json` (or `--config FILE`) may set any of
 * them, flags win over the file, defaults fill the rest. Validated by zod; errors name the bad key.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_NEAR_DUP_THRESHOLD } from '../../stages/dedup.js';
import { DEFAULT_LANGUAGES } from '../../stages/language.js';
import { DEFAULT_MAX_PAGE_BYTES } from '../input/inputs.js';
import { DEFAULT_INSPECT_PAGES } from '../report/inspection.js';
import { DEFAULT_PAGE_TIMEOUT_MS } from '../run.js';

/** The file read when no `--config` is given, from the working directory, if it exists. */
export const DEFAULT_CONFIG_FILE = 'winnow.config.json';

const positiveInt = z.number({ error: 'expected a number' }).int('expected a whole number').min(1, 'expected a whole number of at least 1');
const path = z.string({ error: 'expected a path' }).min(1, 'expected a path');

export const ConfigSchema = z
  .object({
    inputs: z.array(path, { error: 'expected a list of paths' }).describe('Files and directories to read; - for standard input.'),
    out: path.nullable().describe('Records go to this file (written atomically); null: standard output.'),
    report: path.nullable().describe('The run report (JSON).'),
    reportHtml: path.nullable().describe('The run report as one self-contained HTML page.'),
    reportHtmlPages: positiveInt.describe('Pages the HTML report shows block by block (the first read).'),
    rejects: path.nullable().describe('One NDJSON line per rejected input.'),
    concurrency: positiveInt.describe('Worker threads; default the number of cores.'),
    languages: z
      .array(z.string().regex(/^[a-z]{3}$/, 'expected ISO 639-3 codes such as eng, rus, deu'), { error: 'expected a list of ISO 639-3 codes' })
      .min(1, 'expected at least one language')
      .describe('Languages the detector may choose from.'),
    maxPageBytes: positiveInt.describe('Pages larger than this are rejected as too-large.'),
    nearDupThreshold: z
      .number({ error: 'expected a number' })
      .gt(0, 'expected a number in (0, 1]')
      .max(1, 'expected a number in (0, 1]')
      .describe('Jaccard similarity from which two articles are one record.'),
    nearDup: z.boolean({ error: 'expected true or false' }).describe('Merge near-duplicates (false: exact duplicates only).'),
    keepDuplicates: z.boolean({ error: 'expected true or false' }).describe('Emit duplicates too, with duplicate_of.'),
    pageTimeout: positiveInt.describe('Milliseconds one page may take in one pass.'),
    quiet: z.boolean({ error: 'expected true or false' }).describe('No progress and no summary on standard error.'),
    logFormat: z.enum(['text', 'json'], { error: 'expected "text" or "json"' }).describe('Standard error as text or as JSON lines.'),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

function defaultConfig(): Config {
  return {
    inputs: [],
    out: null,
    report: null,
    reportHtml: null,
    reportHtmlPages: DEFAULT_INSPECT_PAGES,
    rejects: null,
    concurrency: availableParallelism(),
    languages: [...DEFAULT_LANGUAGES],
    maxPageBytes: DEFAULT_MAX_PAGE_BYTES,
    nearDupThreshold: DEFAULT_NEAR_DUP_THRESHOLD,
    nearDup: true,
    keepDuplicates: false,
    pageTimeout: DEFAULT_PAGE_TIMEOUT_MS,
    quiet: false,
    logFormat: 'text',
  };
}

/** A configuration that cannot be used; the message names the file or flag and the key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** `--concurrency` for the key `concurrency`, `--no-near-dup` for `nearDup`. */
function flagOf(key: string): string {
  if (key === 'nearDup') return '--no-near-dup';
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Validate settings; `where` names them in messages (a file name, or null for flags). */
export function validateSettings(settings: unknown, where: string | null): Partial<Config> {
  const parsed = ConfigSchema.partial().safeParse(settings);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const prefix = where ? `${where}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const near = closestKey(key);
    return fail(`${prefix}"${key}" is not a configuration key${near ? ` (did you mean "${near}"?)` : ''}`);
  }
  const key = String(issue.path[0] ?? '');
  if (!key) return fail(`${prefix}expected an object of settings`);
  const value = (settings as Record<string, unknown>)[key];
  const name = where ? `"${issue.path.join('.')}"` : flagOf(key);
  return fail(`${prefix}${name}: ${issue.message}, got ${JSON.stringify(value)}`);
}

const fail = (message: string): never => {
  throw new ConfigError(message);
};

/**
 * The settings of a config file. Paths in it are relative to the file's directory. A missing default
 * file is no settings; a missing `--config` file is an error.
 */
export function readConfigFile(file: string | null, cwd = process.cwd()): Partial<Config> {
  const path = resolve(cwd, file ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (file === null && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return fail(`${file ?? DEFAULT_CONFIG_FILE}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let settings: unknown;
  try {
    settings = JSON.parse(text);
  } catch (error) {
    return fail(`${file ?? DEFAULT_CONFIG_FILE}: not valid JSON (${(error as Error).message})`);
  }
  const config = validateSettings(settings, file ?? DEFAULT_CONFIG_FILE);
  const base = dirname(path);
  const rebase = (p: string) => (p === '-' || isAbsolute(p) ? p : relative(cwd, resolve(base, p)) || '.');
  for (const key of ['out', 'report', 'reportHtml', 'rejects'] as const) {
    const value = config[key];
    if (typeof value === 'string') config[key] = rebase(value);
  }
  if (config.inputs) config.inputs = config.inputs.map(rebase);
  return config;
}

/** Defaults, then the file, then the flags. */
export function effectiveConfig(file: Partial<Config>, flags: Partial<Config>): Config {
  return { ...defaultConfig(), ...file, ...flags };
}

/** The configuration key nearest to a misspelt one, if it is near enough to be a typo. */
function closestKey(key: string): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of Object.keys(ConfigSchema.shape)) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
