/**
 * The configuration: every CLI flag has a key, `winnow.config.json` (or `--config FILE`) may set any of
 * them, flags win over the file, defaults fill the rest. Validated by zod; errors name the bad key.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ConfigSchema, defaultConfig, flagOf, type Config } from './options.js';

export { ConfigSchema, type Config } from './options.js';

/** The file read when no `--config` is given, from the working directory, if it exists. */
const DEFAULT_CONFIG_FILE = 'winnow.config.json';

/** A configuration that cannot be used; the message names the file or flag and the key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
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
 * The settings of a config file, and the file they came from (null: no file). Paths in it are relative to
 * the file's directory. A missing default file is no settings; a missing `--config` file is an error.
 */
export function readConfigFile(
  file: string | null,
  cwd = process.cwd(),
): { readonly path: string | null; readonly settings: Partial<Config> } {
  const name = file ?? DEFAULT_CONFIG_FILE;
  const path = resolve(cwd, name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (file === null && (error as NodeJS.ErrnoException).code === 'ENOENT') return { path: null, settings: {} };
    return fail(`${name}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let settings: unknown;
  try {
    settings = JSON.parse(text);
  } catch (error) {
    return fail(`${name}: not valid JSON (${(error as Error).message})`);
  }
  const config = validateSettings(settings, name);
  const base = dirname(path);
  const rebase = (p: string) => (p === '-' || isAbsolute(p) ? p : relative(cwd, resolve(base, p)) || '.');
  for (const key of ['out', 'report', 'reportHtml', 'rejects'] as const) {
    const value = config[key];
    if (typeof value === 'string') config[key] = rebase(value);
  }
  if (config.inputs) config.inputs = config.inputs.map(rebase);
  return { path: name, settings: config };
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
