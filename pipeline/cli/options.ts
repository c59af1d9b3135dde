/**
 * Every setting of the command line, once: its flag, its configuration key, its zod type, its default,
 * its help line and the commands that take it. The help text, the flag parser, the configuration schema,
 * the defaults and the README's option table are all derived from this table (test/pipeline/options.test.ts
 * checks the README).
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

/** The commands: `winnow INPUT...` (main: one machine), and `run`, `step`, `status` (a run split into tasks). */
export type Command = 'main' | 'run' | 'step' | 'status';

const MAIN: readonly Command[] = ['main'];
/** Settings that decide the output: a run split into tasks takes them too. */
const OUTPUT: readonly Command[] = ['main', 'run'];
const TASKS: readonly Command[] = ['run'];
const ALL: readonly Command[] = ['main', 'run', 'step', 'status'];

export interface OptionSpec<T = unknown> {
  readonly commands: readonly Command[];
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
    commands: OUTPUT,
    flag: 'out',
    short: 'o',
    value: 'FILE',
    parse: 'string',
    schema: path.nullable(),
    default: null,
    defaultText: 'stdout',
    help: 'where records go; `-` is standard output. Any output whose name ends in `.gz` is gzipped. Files are written to temporary siblings and renamed into place together when the run ends; a device or a named pipe is written in place. `winnow run`: a new or empty directory, for `part-00000.ndjson`… (one per task), `report.json` and `rejects.ndjson`.',
  }),
  report: option<string | null>({
    commands: MAIN,
    flag: 'report',
    value: 'FILE',
    parse: 'string',
    schema: path.nullable(),
    default: null,
    defaultText: 'none',
    help: 'the run report (JSON): totals; rejects, skips and filters by reason; extraction attempts; per-input, per-stage and per-site counts.',
  }),
  reportHtml: option<string | null>({
    commands: MAIN,
    flag: 'report-html',
    value: 'FILE',
    parse: 'string',
    schema: path.nullable(),
    default: null,
    defaultText: 'none',
    help: 'the run report as one self-contained HTML page: counts, histograms, the template blocks each site taught, duplicate clusters, pages block by block.',
  }),
  reportHtmlPages: option<number>({
    commands: MAIN,
    flag: 'report-html-pages',
    value: 'N',
    parse: 'number',
    schema: positiveInt,
    default: DEFAULT_INSPECT_PAGES,
    defaultText: String(DEFAULT_INSPECT_PAGES),
    help: 'pages the HTML report shows block by block: the first N read.',
  }),
  rejects: option<string | null>({
    commands: MAIN,
    flag: 'rejects',
    value: 'FILE',
    parse: 'string',
    schema: path.nullable(),
    default: null,
    defaultText: 'none',
    help: 'one NDJSON line per rejected input: `{source, reason, detail, offset?, excerpt?}`.',
  }),
  concurrency: option<number>({
    commands: ['main', 'run', 'step'],
    flag: 'concurrency',
    short: 'c',
    value: 'N',
    parse: 'number',
    schema: positiveInt,
    default: () => availableParallelism(),
    defaultText: 'number of cores',
    help: 'worker threads doing the page work; at most twice the number of cores (more is capped, with a warning). Output does not depend on it. `winnow run` and `winnow step`: per task (default: the cores shared by the tasks that run at once; `--slurm-cpus` on Slurm).',
  }),
  languages: option<string[]>({
    commands: OUTPUT,
    flag: 'languages',
    value: 'LIST',
    parse: 'list',
    schema: languageList(detectable, "the language detector knows franc's languages"),
    default: () => [...DEFAULT_LANGUAGES],
    defaultText: `built-in list of ${DEFAULT_LANGUAGES.length} languages`,
    help: 'comma-separated ISO 639-3 codes the language detector chooses from, e.g. `eng,rus,deu`.',
  }),
  keepLanguages: option<string[] | null>({
    commands: OUTPUT,
    flag: 'keep-languages',
    value: 'LIST',
    parse: 'list',
    schema: languageList(keepable, 'a detectable language or und').nullable(),
    default: null,
    defaultText: 'all',
    help: 'keep only records in these languages (ISO 639-3 codes, `und` for undetermined); the others are counted as filtered, not rejected.',
  }),
  minWords: option<number>({
    commands: OUTPUT,
    flag: 'min-words',
    value: 'N',
    parse: 'number',
    schema: count,
    default: 0,
    defaultText: '0',
    help: 'keep only records with at least N words of title and text; the others are counted as filtered.',
  }),
  pageTypes: option<PageType[] | null>({
    commands: OUTPUT,
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
    commands: OUTPUT,
    flag: 'max-page-bytes',
    value: 'N',
    parse: 'number',
    schema: positiveInt,
    default: DEFAULT_MAX_PAGE_BYTES,
    defaultText: `${DEFAULT_MAX_PAGE_BYTES} (16 MiB)`,
    help: 'pages, NDJSON lines, JSON elements and WARC records larger than N bytes (a WARC payload also once decoded) are rejected as `too-large` without being held in memory.',
  }),
  pageTimeout: option<number>({
    commands: OUTPUT,
    flag: 'page-timeout',
    value: 'MS',
    parse: 'number',
    schema: positiveInt,
    default: DEFAULT_PAGE_TIMEOUT_MS,
    defaultText: String(DEFAULT_PAGE_TIMEOUT_MS),
    help: 'a page that takes longer than MS milliseconds in one pass is rejected as `timeout` (its worker is replaced).',
  }),
  nearDupThreshold: option<number>({
    commands: OUTPUT,
    flag: 'near-dup-threshold',
    value: 'X',
    parse: 'number',
    schema: z.number({ error: 'expected a number' }).gt(0, 'expected a number in (0, 1]').max(1, 'expected a number in (0, 1]'),
    default: DEFAULT_NEAR_DUP_THRESHOLD,
    defaultText: String(DEFAULT_NEAR_DUP_THRESHOLD),
    help: 'Jaccard similarity of word 5-gram shingles, in (0, 1], from which two articles are one record.',
  }),
  nearDup: option<boolean>({
    commands: OUTPUT,
    flag: 'no-near-dup',
    parse: 'false',
    schema: flag,
    default: true,
    defaultText: 'off',
    help: 'merge exact duplicates only (in a config file: `"nearDup": false`).',
  }),
  keepDuplicates: option<boolean>({
    commands: OUTPUT,
    flag: 'keep-duplicates',
    parse: 'true',
    schema: flag,
    default: false,
    defaultText: 'off',
    help: 'emit every record; a duplicate names its survivor in `duplicate_of`.',
  }),
  quiet: option<boolean>({
    commands: ALL,
    flag: 'quiet',
    short: 'q',
    parse: 'true',
    schema: flag,
    default: false,
    defaultText: 'off',
    help: 'no progress (the line on a TTY, or the JSON events) and no summary; warnings and errors still go to standard error.',
  }),
  logFormat: option<'text' | 'json'>({
    commands: ALL,
    flag: 'log-format',
    value: 'FMT',
    parse: 'string',
    schema: z.enum(['text', 'json'], { error: 'expected "text" or "json"' }),
    default: 'text',
    defaultText: 'text',
    help: '`text`: a progress line on a TTY and a one-line summary; `json`: one JSON object a line on standard error (progress, rejects, warnings, done, errors), for CI.',
  }),
  work: option<string | null>({
    commands: ['run', 'step', 'status'],
    flag: 'work',
    value: 'DIR',
    parse: 'string',
    schema: path.nullable(),
    default: null,
    defaultText: 'required',
    help: 'the work directory, on storage every task can reach: the plan, what each step hands the next, completion markers. Run again with the same DIR to finish a run: tasks already done are not run again.',
  }),
  tasks: option<number | null>({
    commands: TASKS,
    flag: 'tasks',
    value: 'N',
    parse: 'number',
    schema: positiveInt.nullable(),
    default: null,
    defaultText: 'required',
    help: 'tasks each step is split into: the inputs in N shards (contiguous in source order, balanced by bytes), the statistics and dedup keys in N partitions.',
  }),
  executor: option<'local' | 'slurm'>({
    commands: TASKS,
    flag: 'executor',
    value: 'NAME',
    parse: 'string',
    schema: z.enum(['local', 'slurm'], { error: 'expected "local" or "slurm"' }),
    default: 'local',
    defaultText: 'local',
    help: '`local`: the tasks as processes of this machine, N at a time; `slurm`: each step a Slurm job array (`winnow-STEP`), chained with `afterok`, waited for.',
  }),
  slurmPartition: option<string | null>({
    commands: TASKS,
    flag: 'slurm-partition',
    value: 'P',
    parse: 'string',
    schema: z.string().min(1, 'expected a partition name').nullable(),
    default: null,
    defaultText: "the cluster's default",
    help: 'the Slurm partition the jobs go to.',
  }),
  slurmTime: option<string | null>({
    commands: TASKS,
    flag: 'slurm-time',
    value: 'HH:MM:SS',
    parse: 'string',
    schema: z
      .string()
      .regex(/^(?:\d+-)?\d{1,3}:\d{2}:\d{2}$/, 'expected a time limit such as 04:00:00 or 1-12:00:00')
      .nullable(),
    default: null,
    defaultText: "the partition's limit",
    help: 'the time limit of each task.',
  }),
  slurmCpus: option<number>({
    commands: TASKS,
    flag: 'slurm-cpus',
    value: 'C',
    parse: 'number',
    schema: positiveInt,
    default: 1,
    defaultText: '1',
    help: 'CPUs of each task (its worker threads, unless `--concurrency` says otherwise).',
  }),
  slurmMem: option<string | null>({
    commands: TASKS,
    flag: 'slurm-mem',
    value: 'M',
    parse: 'string',
    schema: z
      .string()
      .regex(/^\d+[KMGT]?$/, 'expected a size such as 4G or 2048M')
      .nullable(),
    default: null,
    defaultText: "the partition's default",
    help: 'memory of each task (`sbatch --mem`).',
  }),
} as const;

export type ConfigKey = keyof typeof OPTIONS;

interface CommandFlag {
  readonly commands: readonly Command[];
  readonly flag: string;
  readonly short?: string;
  readonly value?: string;
  readonly help: string;
}

/** The flags that are not settings. */
export const COMMAND_FLAGS = {
  config: {
    commands: OUTPUT,
    flag: 'config',
    value: 'FILE',
    help: 'read settings from FILE (default: `winnow.config.json` in the working directory, if present); flags win over it.',
  },
  printConfig: {
    commands: OUTPUT,
    flag: 'print-config',
    help: 'print the effective configuration (defaults, file, flags merged) as JSON and exit 0.',
  },
  dryRun: {
    commands: TASKS,
    flag: 'dry-run',
    help: 'plan nothing and run nothing: write the request (and, for `slurm`, the sbatch scripts) into the work directory and say what would run.',
  },
  rank: {
    commands: ['step'],
    flag: 'rank',
    value: 'R',
    help: 'the task to run, from 0 (default: `$SLURM_ARRAY_TASK_ID`, else `$JOB_COMPLETION_INDEX`).',
  },
  help: { commands: ALL, flag: 'help', short: 'h', help: 'show this help.' },
  version: { commands: ALL, flag: 'version', short: 'v', help: 'show the version.' },
} as const satisfies Record<string, CommandFlag>;

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

/** node:util parseArgs's option spec for every flag of a command. */
export function parseArgsOptions(command: Command): Record<string, { type: 'string' | 'boolean'; short?: string }> {
  const all: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  const specs: readonly (OptionSpec | CommandFlag)[] = [...Object.values(OPTIONS), ...Object.values(COMMAND_FLAGS)];
  for (const spec of specs.filter((spec) => spec.commands.includes(command))) {
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

/**
 * One help line per flag of the commands `of` (and of no other command when `only`):
 * `-o, --out FILE   where records go… (default stdout) [out]`.
 */
export function optionLines(of: readonly Command[], only = false, width = 100): string[] {
  const listed = (spec: { commands: readonly Command[] }) =>
    of.some((command) => spec.commands.includes(command)) && (!only || spec.commands.every((command) => of.includes(command)));
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
    if (!listed(spec)) continue;
    const shown =
      spec.parse === 'true' || spec.parse === 'false'
        ? ''
        : spec.defaultText === 'required'
          ? ' (required)'
          : ` (default: ${spec.defaultText})`;
    add(left(spec), `${plain(spec.help)}${shown} [${key}]`);
  }
  for (const spec of Object.values(COMMAND_FLAGS) as CommandFlag[]) if (listed(spec)) add(left(spec), plain(spec.help));
  return lines;
}

/** A help text for the terminal: without the backticks that mark code in the README. */
const plain = (help: string) => help.replaceAll('`', '');

/** A table cell: a `|` would end it. */
const cell = (text: string) => text.replaceAll('|', '\\|');

/** For a flag `winnow INPUT...` does not take, the commands that do, where its cell begins. */
const onlyFor = (spec: { commands: readonly Command[] }) =>
  spec.commands.includes('main') ? '' : `(${spec.commands.map((command) => `\`winnow ${command}\``).join(', ')}) `;

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
    rows.push(`| ${name(spec)} | \`${key}\` | ${cell(spec.defaultText)} | ${cell(onlyFor(spec) + spec.help)} |`);
  for (const spec of Object.values(COMMAND_FLAGS) as CommandFlag[])
    rows.push(`| ${name(spec)} | — | — | ${cell(onlyFor(spec) + spec.help)} |`);
  return rows.join('\n');
}
