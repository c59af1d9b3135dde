/**
 * Every setting of the command line, once: its flag, its configuration key, its zod type, its default
 * and its help line. The help text, the flag parser, the configuration schema, the defaults and the
 * README's option table are all derived from this table (test/pipeline/options.test.ts checks the README).
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DEFAULT_NEAR_DUP_THRESHOLD } from '../../stages/dedup.js';
import { DEFAULT_LANGUAGES } from '../../stages/language.js';
import { PAGE_TYPES, type PageType } from '../../stages/page-type.js';
import { KNOWN_LANGUAGES } from '../../stages/trigram-rank.js';
import { DEFAULT_MAX_PAGE_BYTES } from '../input/inputs.js';
import { DEFAULT_INSPECT_PAGES } from '../report/inspection.js';
import { DEFAULT_PAGE_TIMEOUT_MS } from '../workers/pool.js';

/** How a flag's text becomes a setting. */
type FlagValue = 'string' | 'number' | 'list' | 'true' | 'false';

export interface OptionSpec<T = unknown> {
  /** The long flag, without its dashes. */
  readonly flag: string;
  readonly short?: string;
  /** What the flag's value is called in the help (`FILE`, `N`); none for a switch. */
  readonly value?: string;
  readonly parse: FlagValue;
  readonly schema: z.ZodType<T>;
  /** The default, or how to compute it on this machine. */
  readonly default: T | (() => T);
  /** The default as the help and the README say it. */
  readonly defaultText: string;
  /** One sentence or two; code in backticks, which the README's table keeps and `--help` leaves out. */
  readonly help: string;
}

const positiveInt = z.number({ error: 'expected a number' }).int('expected a whole number').min(1, 'expected a whole number of at least 1');
const count = z.number({ error: 'expected a number' }).int('expected a whole number').min(0, 'expected a whole number of at least 0');
const path = z.string({ error: 'expected a path' }).min(1, 'expected a path');
const flag = z.boolean({ error: 'expected true or false' });
const language = (known: ReadonlySet<string>, what: string) =>
  z
    .string()
    .regex(/^[a-z]{3}$/, 'expected ISO 639-3 codes such as eng, rus, deu')
    .refine((code) => known.has(code), { error: (issue) => `unknown language code ${JSON.stringify(issue.input)} (${what})` });
const detectable = new Set(KNOWN_LANGUAGES);
const keepable = new Set([...KNOWN_LANGUAGES, 'und']);
const languageList = (known: ReadonlySet<string>, what: string) =>
  z.array(language(known, what), { error: 'expected a list of ISO 639-3 codes' }).min(1, 'expected at least one language');

const option = <T>(spec: OptionSpec<T>): OptionSpec<T> => spec;

/** The settings, by configuration key, in the order the help lists them. */
export const OPTIONS = {
  out: option<string | null>({
    flag: 'out',
    short: 'o',
    value: 'FILE',
    parse: 'string',
    schema: path.nullable(),
    default: null,
    defaultText: 'stdout',
    help: 'where records go; `-` is standard output. Any output whose name ends in `.gz` is gzipped. Files are written to temporary siblings and renamed into place together when the run ends; a device or a named pipe is written in place.',
  }),
  report: option<string | null>({
    flag: 'report',
    value: 'FILE',
    parse: 'string',
    schema: path.nullable(),
    default: null,
    defaultText: 'none',
    help: 'the run report (JSON): totals; rejects, skips and filters by reason; extraction attempts; per-input, per-stage and per-site counts.',
  }),
  reportHtml: option<string | null>({
    flag: 'report-html',
    value: 'FILE',
    parse: 'string',
    schema: path.nullable(),
    default: null,
    defaultText: 'none',
    help: 'the run report as one self-contained HTML page: counts, histograms, the template blocks each site taught, duplicate clusters, pages block by block.',
  }),
  reportHtmlPages: option<number>({
    flag: 'report-html-pages',
    value: 'N',
    parse: 'number',
    schema: positiveInt,
    default: DEFAULT_INSPECT_PAGES,
    defaultText: String(DEFAULT_INSPECT_PAGES),
    help: 'pages the HTML report shows block by block: the first N read.',
  }),
  rejects: option<string | null>({
    flag: 'rejects',
    value: 'FILE',
    parse: 'string',
    schema: path.nullable(),
    default: null,
    defaultText: 'none',
    help: 'one NDJSON line per rejected input: `{source, reason, detail, offset?, excerpt?}`.',
  }),
  concurrency: option<number>({
    flag: 'concurrency',
    short: 'c',
    value: 'N',
    parse: 'number',
    schema: positiveInt,
    default: () => availableParallelism(),
    defaultText: 'number of cores',
    help: 'worker threads doing the page work; at most twice the number of cores (more is capped, with a warning). Output does not depend on it.',
  }),
  languages: option<string[]>({
    flag: 'languages',
    value: 'LIST',
    parse: 'list',
    schema: languageList(detectable, "the language detector knows franc's languages"),
    default: () => [...DEFAULT_LANGUAGES],
    defaultText: `built-in list of ${DEFAULT_LANGUAGES.length} languages`,
    help: 'comma-separated ISO 639-3 codes the language detector chooses from, e.g. `eng,rus,deu`.',
  }),
  keepLanguages: option<string[] | null>({
    flag: 'keep-languages',
    value: 'LIST',
    parse: 'list',
    schema: languageList(keepable, 'a detectable language or und').nullable(),
    default: null,
    defaultText: 'all',
    help: 'keep only records in these languages (ISO 639-3 codes, `und` for undetermined); the others are counted as filtered, not rejected.',
  }),
  minWords: option<number>({
    flag: 'min-words',
    value: 'N',
    parse: 'number',
    schema: count,
    default: 0,
    defaultText: '0',
    help: 'keep only records with at least N words of title and text; the others are counted as filtered.',
  }),
  pageTypes: option<PageType[] | null>({
    flag: 'page-types',
    value: 'LIST',
    parse: 'list',
    schema: z
      .array(z.enum(PAGE_TYPES, { error: `expected page types: ${PAGE_TYPES.join(', ')}` }), { error: 'expected a list of page types' })
      .min(1, 'expected at least one page type')
      .nullable(),
    default: null,
    defaultText: 'all',
    help: `keep only records of HTML pages of these types (${PAGE_TYPES.map((t) => `\`${t}\``).join(', ')}), e.g. \`article,forum\`; the others, plain-text pages included (they have no type), are counted as filtered.`,
  }),
  maxPageBytes: option<number>({
    flag: 'max-page-bytes',
    value: 'N',
    parse: 'number',
    schema: positiveInt,
    default: DEFAULT_MAX_PAGE_BYTES,
    defaultText: `${DEFAULT_MAX_PAGE_BYTES} (16 MiB)`,
    help: 'pages, NDJSON lines, JSON elements and WARC records larger than N bytes (a WARC payload also once decoded) are rejected as `too-large` without being held in memory.',
  }),
  pageTimeout: option<number>({
    flag: 'page-timeout',
    value: 'MS',
    parse: 'number',
    schema: positiveInt,
    default: DEFAULT_PAGE_TIMEOUT_MS,
    defaultText: String(DEFAULT_PAGE_TIMEOUT_MS),
    help: 'a page that takes longer than MS milliseconds in one pass is rejected as `timeout` (its worker is replaced).',
  }),
  nearDupThreshold: option<number>({
    flag: 'near-dup-threshold',
    value: 'X',
    parse: 'number',
    schema: z.number({ error: 'expected a number' }).gt(0, 'expected a number in (0, 1]').max(1, 'expected a number in (0, 1]'),
    default: DEFAULT_NEAR_DUP_THRESHOLD,
    defaultText: String(DEFAULT_NEAR_DUP_THRESHOLD),
    help: 'Jaccard similarity of word 5-gram shingles, in (0, 1], from which two articles are one record.',
  }),
  nearDup: option<boolean>({
    flag: 'no-near-dup',
    parse: 'false',
    schema: flag,
    default: true,
    defaultText: 'off',
    help: 'merge exact duplicates only (in a config file: `"nearDup": false`).',
  }),
  keepDuplicates: option<boolean>({
    flag: 'keep-duplicates',
    parse: 'true',
    schema: flag,
    default: false,
    defaultText: 'off',
    help: 'emit every record; a duplicate names its survivor in `duplicate_of`.',
  }),
  quiet: option<boolean>({
    flag: 'quiet',
    short: 'q',
    parse: 'true',
    schema: flag,
    default: false,
    defaultText: 'off',
    help: 'no progress (the line on a TTY, or the JSON events) and no summary; warnings and errors still go to standard error.',
  }),
  logFormat: option<'text' | 'json'>({
    flag: 'log-format',
    value: 'FMT',
    parse: 'string',
    schema: z.enum(['text', 'json'], { error: 'expected "text" or "json"' }),
    default: 'text',
    defaultText: 'text',
    help: '`text`: a progress line on a TTY and a one-line summary; `json`: one JSON object a line on standard error (progress, rejects, warnings, done, errors), for CI.',
  }),
} as const;

export type ConfigKey = keyof typeof OPTIONS;

/** The flags that are not settings. */
export const COMMAND_FLAGS = {
  config: {
    flag: 'config',
    value: 'FILE',
    help: 'read settings from FILE (default: `winnow.config.json` in the working directory, if present); flags win over it.',
  },
  printConfig: { flag: 'print-config', help: 'print the effective configuration (defaults, file, flags merged) as JSON and exit 0.' },
  help: { flag: 'help', short: 'h', help: 'show this help.' },
  version: { flag: 'version', short: 'v', help: 'show the version.' },
} as const;

type SettingOf<K extends ConfigKey> = (typeof OPTIONS)[K] extends OptionSpec<infer T> ? T : never;

/** Every setting of a run; `inputs` are the paths to read. */
export type Config = { inputs: string[] } & { -readonly [K in ConfigKey]: SettingOf<K> };

const inputsSchema = z.array(path, { error: 'expected a list of paths' });

export const ConfigSchema = z
  .object({
    inputs: inputsSchema,
    ...(Object.fromEntries(Object.entries(OPTIONS).map(([key, spec]) => [key, spec.schema])) as {
      [K in ConfigKey]: z.ZodType<SettingOf<K>>;
    }),
  })
  .strict();

export function defaultConfig(): Config {
  const settings: Record<string, unknown> = { inputs: [] };
  for (const [key, spec] of Object.entries(OPTIONS) as [ConfigKey, OptionSpec][]) {
    settings[key] = typeof spec.default === 'function' ? (spec.default as () => unknown)() : spec.default;
  }
  return settings as Config;
}

/** The configuration key of a flag (`--concurrency` → `concurrency`), for messages. */
export function flagOf(key: string): string {
  const spec = (OPTIONS as Record<string, OptionSpec>)[key];
  return spec ? `--${spec.flag}` : key;
}

/** node:util parseArgs's option spec for every flag. */
export function parseArgsOptions(): Record<string, { type: 'string' | 'boolean'; short?: string }> {
  const all: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const spec of [...Object.values(OPTIONS), ...Object.values(COMMAND_FLAGS)]) {
    all[spec.flag] = {
      type: 'value' in spec && spec.value ? 'string' : 'boolean',
      ...('short' in spec && spec.short ? { short: spec.short } : {}),
    };
  }
  return all;
}

/** The settings the flags give (unset flags left out). Numbers stay strings when they are not numbers, so that validation can quote them. */
export function settingsOfFlags(values: Record<string, string | boolean | undefined>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(OPTIONS) as [ConfigKey, OptionSpec][]) {
    const value = values[spec.flag];
    if (value === undefined || value === false) continue;
    settings[key] = fromFlag(spec.parse, value);
  }
  return settings;
}

function fromFlag(parse: FlagValue, value: string | boolean): unknown {
  if (parse === 'true') return true;
  if (parse === 'false') return false;
  const text = String(value);
  if (parse === 'number') return text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
  if (parse === 'list')
    return text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return text;
}

/** One help line per flag: `-o, --out FILE   where records go… (default stdout) [out]`. */
export function optionLines(width = 100): string[] {
  const lines: string[] = [];
  const left = (spec: { flag: string; short?: string; value?: string }) =>
    `${spec.short ? `-${spec.short}, ` : '    '}--${spec.flag}${spec.value ? ` ${spec.value}` : ''}`;
  const column = 26;
  const add = (head: string, text: string) => {
    const wrapped: string[] = [];
    for (const word of text.split(' ')) {
      const last = wrapped.length - 1;
      if (last >= 0 && wrapped[last]!.length + word.length + 1 <= width - column) wrapped[last] += ` ${word}`;
      else wrapped.push(word);
    }
    const first = `  ${head}`;
    if (first.length >= column) lines.push(first);
    wrapped.forEach((line, i) => lines.push(`${i === 0 && first.length < column ? first.padEnd(column) : ''.padEnd(column)}${line}`));
  };
  for (const [key, spec] of Object.entries(OPTIONS) as [ConfigKey, OptionSpec][]) {
    const shown = spec.parse === 'true' || spec.parse === 'false' ? '' : ` (default: ${spec.defaultText})`;
    add(left(spec), `${plain(spec.help)}${shown} [${key}]`);
  }
  for (const spec of Object.values(COMMAND_FLAGS)) add(left(spec), plain(spec.help));
  return lines;
}

/** A help text for the terminal: without the backticks that mark code in the README. */
const plain = (help: string) => help.replaceAll('`', '');

/** A table cell: a `|` would end it. */
const cell = (text: string) => text.replaceAll('|', '\\|');

/**
 * The README's option table, in Markdown: `npm run docs:options` writes it between the README's
 * `<!-- options:start -->` and `<!-- options:end -->` markers.
 */
export function optionTable(): string {
  const rows = ['| option | config key | default | meaning |', '|---|---|---|---|'];
  const name = (spec: { flag: string; short?: string; value?: string }) =>
    `\`${spec.short ? `-${spec.short}, ` : ''}--${spec.flag}${spec.value ? ` ${spec.value}` : ''}\``;
  rows.push(
    '| `INPUT...` | `inputs` | — | files, directories (walked recursively in name order; hidden entries skipped), named pipes and devices, and `-` for standard input. |',
  );
  for (const [key, spec] of Object.entries(OPTIONS) as [ConfigKey, OptionSpec][])
    rows.push(`| ${name(spec)} | \`${key}\` | ${cell(spec.defaultText)} | ${cell(spec.help)} |`);
  for (const spec of Object.values(COMMAND_FLAGS)) rows.push(`| ${name(spec)} | — | — | ${cell(spec.help)} |`);
  return rows.join('\n');
}
