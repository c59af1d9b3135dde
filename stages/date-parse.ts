/**
 * Finding dates in text: numeric (`19.06.2019`, `2019-06-19`, unambiguous `06/19/2019`), ISO with time
 * and zone, Chinese, Japanese and Korean (`2023年10月27日`, `2019년 6월 24일`), and written months in English,
 * Russian, Ukrainian, German, French, Spanish, Italian, Portuguese, Dutch and Polish, including genitive and
 * abbreviated forms (`25 июля 2024 г.`, `12. März 2020`, `3 janv. 2021`, `5 maja 2021`, `July 16, 2019`);
 * in a line that may be a date, also a two-digit year (`02.12.19`).
 */

/** A date found in a text. `date` is always `YYYY-MM-DD`; `datetime` is set when a time was given too. */
export interface FoundDate {
  readonly date: string;
  readonly datetime?: string;
  /** Written with a two-digit year (`02.12.19`): read day first, which some US pages write month first. */
  readonly shortYear?: true;
  readonly index: number;
  readonly end: number;
}

const MONTHS: readonly (readonly string[])[] = [
  [
    'january',
    'jan',
    'января',
    'январь',
    'янв',
    'січня',
    'січень',
    'січ',
    'januar',
    'jänner',
    'janvier',
    'janv',
    'enero',
    'ene',
    'gennaio',
    'janeiro',
    'januari',
    'stycznia',
  ],
  [
    'february',
    'feb',
    'февраля',
    'февраль',
    'фев',
    'февр',
    'лютого',
    'лютий',
    'лют',
    'februar',
    'février',
    'fevrier',
    'févr',
    'fevr',
    'febrero',
    'febbraio',
    'fevereiro',
    'februari',
    'lutego',
  ],
  [
    'march',
    'mar',
    'марта',
    'март',
    'мар',
    'березня',
    'березень',
    'бер',
    'märz',
    'maerz',
    'mär',
    'mars',
    'marzo',
    'março',
    'maart',
    'marca',
  ],
  ['april', 'apr', 'апреля', 'апрель', 'апр', 'квітня', 'квітень', 'квіт', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwietnia'],
  ['may', 'мая', 'май', 'травня', 'травень', 'трав', 'mai', 'mayo', 'maggio', 'maio', 'mei', 'maja'],
  ['june', 'jun', 'июня', 'июнь', 'июн', 'червня', 'червень', 'черв', 'juni', 'juin', 'junio', 'giugno', 'junho', 'czerwca'],
  ['july', 'jul', 'июля', 'июль', 'июл', 'липня', 'липень', 'лип', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'julho', 'lipca'],
  ['august', 'aug', 'августа', 'август', 'авг', 'серпня', 'серпень', 'серп', 'août', 'aout', 'agosto', 'ago', 'augustus', 'sierpnia'],
  [
    'september',
    'sep',
    'sept',
    'сентября',
    'сентябрь',
    'сен',
    'сент',
    'вересня',
    'вересень',
    'вер',
    'septembre',
    'septiembre',
    'setiembre',
    'settembre',
    'setembro',
    'września',
  ],
  [
    'october',
    'oct',
    'октября',
    'октябрь',
    'окт',
    'жовтня',
    'жовтень',
    'жовт',
    'oktober',
    'okt',
    'octobre',
    'octubre',
    'ottobre',
    'outubro',
    'października',
  ],
  ['november', 'nov', 'ноября', 'ноябрь', 'ноя', 'нояб', 'листопада', 'листопад', 'лист', 'novembre', 'noviembre', 'novembro', 'listopada'],
  [
    'december',
    'dec',
    'декабря',
    'декабрь',
    'дек',
    'грудня',
    'грудень',
    'груд',
    'dezember',
    'dez',
    'décembre',
    'decembre',
    'déc',
    'diciembre',
    'dic',
    'dicembre',
    'dezembro',
    'grudnia',
  ],
];

const MONTH_NUMBER = new Map<string, number>();
MONTHS.forEach((names, i) => names.forEach((name) => MONTH_NUMBER.set(name, i + 1)));

/** The number (1–12) of a month's name or abbreviation in the languages read here (`jan`, `October`, `März`), if it is one. */
export function monthNumber(name: string): number | undefined {
  return MONTH_NUMBER.get(name.toLowerCase());
}

// Longest names first so that the alternation prefers `sept` over `sep`.
const MONTH_ALT = [...MONTH_NUMBER.keys()].sort((a, b) => b.length - a.length).join('|');
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
/**
 * Before a date that starts with a digit: no digit, no capital (a code, `AB12.10.2020`, `IMG2019-03-05`), no
 * letter standing alone (a version, `v1.2.2019`). A word run into its date by adjacent inline elements
 * (`Karrasch3.11.2023`), or a date in text without spaces (`发布于2019-03-05`), is read.
 */
const NUMERIC_DATE_START = '(?<![\\p{N}\\p{Lu}\\p{Lt}])(?<!(?<![\\p{L}\\p{M}])\\p{L})';
const NOT_LETTER_AFTER = '(?![\\p{L}])';
const YEAR = '(\\d{4})';
const DAY = '(\\d{1,2})';

/**
 * Each pattern with a `hint`: a plain (non-Unicode) expression matching a part every match of the pattern
 * contains, tested first because it is many times cheaper than the pattern's lookbehind and month names.
 */
export const PATTERNS: readonly { re: RegExp; hint: RegExp; parse: (m: RegExpExecArray) => Parts | null }[] = [
  {
    // ISO 8601, optionally with a time and a zone: 2019-06-19, 2019-06-19T10:00:00+03:00
    hint: /\d{4}-\d{2}-\d{2}/,
    re: new RegExp(
      `${NUMERIC_DATE_START}${YEAR}-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?(?![\\p{N}])`,
      'gu',
    ),
    parse: (m) => ({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, time: m[4] ? isoTime(m) : undefined }),
  },
  {
    // Day first, dotted or slashed: 19.06.2019, 19/06/2019 (only where unambiguous), 9.6.2019
    hint: /\d[./]\d{1,2}[./]\d{4}/,
    // Not followed by `:` and a digit: `28.09.1912:44` is a two-digit year run into a time.
    re: new RegExp(`${NUMERIC_DATE_START}${DAY}([./])(\\d{1,2})\\2${YEAR}(?![\\p{N}]|:\\d)`, 'gu'),
    parse: (m) => {
      const a = +m[1]!;
      const b = +m[3]!;
      if (m[2] === '.') return { y: +m[4]!, mo: b, d: a };
      if (a > 12 && b <= 12) return { y: +m[4]!, mo: b, d: a };
      if (b > 12 && a <= 12) return { y: +m[4]!, mo: a, d: b };
      return null; // 06/07/2019: day-month or month-day cannot be told apart
    },
  },
  {
    // Day first, dotted with a space after each dot, as German typesetting spaces it: 14. 01. 2020
    hint: /\d\.\s\d{1,2}\.\s\d{4}/,
    re: new RegExp(`${NUMERIC_DATE_START}${DAY}\\.\\s(\\d{1,2})\\.\\s${YEAR}(?![\\p{N}]|:\\d)`, 'gu'),
    parse: (m) => ({ y: +m[3]!, mo: +m[2]!, d: +m[1]! }),
  },
  {
    // Year first with dots or slashes: 2019.06.19, 2019/06/19
    hint: /\d{4}[./]\d{1,2}[./]\d/,
    re: new RegExp(`${NUMERIC_DATE_START}${YEAR}([./])(\\d{1,2})\\2(\\d{1,2})(?![\\p{N}])`, 'gu'),
    parse: (m) => ({ y: +m[1]!, mo: +m[3]!, d: +m[4]! }),
  },
  {
    // Day, month name, year: 25 July 2024, 25 июля 2024 г., 12. März 2020, 3 janv. 2021, 3 de enero de 2021, 1st of May, 2020
    hint: /\d\D*\d{4}/,
    re: new RegExp(
      `${NOT_WORD_BEFORE}${DAY}(?:st|nd|rd|th|er)?\\.?\\s*(?:of\\s+|de\\s+)?(${MONTH_ALT})${NOT_LETTER_AFTER}\\.?,?\\s*(?:de\\s+|del\\s+)?${YEAR}(?![\\p{N}])`,
      'giu',
    ),
    parse: (m) => ({ y: +m[3]!, mo: monthNumber(m[2]!)!, d: +m[1]! }),
  },
  {
    // Year, month and day marked by their characters, as Chinese, Japanese and Korean write them: 2023年10月27日, 2019년 6월 24일
    hint: /\d\s*[年년]/,
    re: /(?<!\p{N})(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/gu,
    parse: (m) => ({ y: +m[1]!, mo: +m[2]!, d: +m[3]! }),
  },
  {
    // Month name, day, year: July 16, 2019; Jul. 16 2019
    hint: /\s\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}/i,
    re: new RegExp(`${NOT_WORD_BEFORE}(${MONTH_ALT})${NOT_LETTER_AFTER}\\.?\\s+${DAY}(?:st|nd|rd|th)?,?\\s+${YEAR}(?![\\p{N}])`, 'giu'),
    parse: (m) => ({ y: +m[3]!, mo: monthNumber(m[1]!)!, d: +m[2]! }),
  },
];

/**
 * Day first with a two-digit year, dotted, as German and Russian pages stamp a post: 02.12.19, 28.01.22. Read only
 * in a line that is a date (`findLineDates`): in running text the same shape is a version or a section number. The
 * century is POSIX's: 69–99 are 1969–1999, 00–68 are 2000–2068.
 */
const SHORT_YEAR_PATTERN: (typeof PATTERNS)[number] = {
  hint: /\d\.\d{2}\.\d{2}/,
  re: new RegExp(`${NUMERIC_DATE_START}(?<!\\d\\.)(\\d{2})\\.(\\d{2})\\.(\\d{2})(?![\\p{N}]|\\.\\d|:\\d)`, 'gu'),
  parse: (m) => {
    const yy = +m[3]!;
    return { y: yy >= 69 ? 1900 + yy : 2000 + yy, mo: +m[2]!, d: +m[1]!, shortYear: true };
  },
};
/** The patterns `findLineDates` reads: PATTERNS and the two-digit year. */
export const LINE_PATTERNS: typeof PATTERNS = [...PATTERNS, SHORT_YEAR_PATTERN];

interface Parts {
  y: number;
  mo: number;
  d: number;
  time?: string | undefined;
  shortYear?: true;
}

function isoTime(m: RegExpExecArray): string {
  const zone = m[7] ? (m[7] === 'Z' ? 'Z' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '';
  return `${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`;
}

/** Earliest and latest years accepted as real publication or event dates. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function isValidDate(y: number, mo: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Every valid date in `text`, in order of position; overlapping matches keep the earliest, longest. */
export function findDates(text: string): FoundDate[] {
  // Every pattern needs a four-digit year: most text has none, and the month alternations are costly.
  return /\d{4}/.test(text) ? datesBy(PATTERNS, text) : [];
}

/** findDates of a short line that may be a date: two-digit years too (SHORT_YEAR_PATTERN). */
export function findLineDates(text: string): FoundDate[] {
  return /\d{4}/.test(text) || SHORT_YEAR_PATTERN.hint.test(text) ? datesBy(LINE_PATTERNS, text) : [];
}

function datesBy(patterns: typeof PATTERNS, text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const { re, hint, parse } of patterns) {
    if (!hint.test(text)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const parts = parse(m);
      if (!parts || !isValidDate(parts.y, parts.mo, parts.d)) continue;
      const date = `${pad(parts.y, 4)}-${pad(parts.mo)}-${pad(parts.d)}`;
      const end = m.index + m[0].length;
      const hit: FoundDate = parts.time
        ? { date, datetime: `${date}T${parts.time}`, index: m.index, end }
        : parts.shortYear
          ? { date, shortYear: true, index: m.index, end }
          : { date, index: m.index, end };
      found.push(hit);
    }
  }
  found.sort((a, b) => a.index - b.index || b.end - a.end);
  const kept: FoundDate[] = [];
  for (const hit of found) {
    const last = kept[kept.length - 1];
    if (last && hit.index < last.end) continue;
    kept.push(hit);
  }
  return kept;
}

// Words that may stand beside a date on a line that is "only a date": year markers, weekdays, "at".
const DATE_LINE_FILLER = new RegExp(
  `${NOT_WORD_BEFORE}(?:г|гг|года|год|року|р|at|um|à|a las|le|el|am|on|published|updated|` +
    'mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|' +
    'пн|вт|ср|чт|пт|сб|вс|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|' +
    'montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|' +
    `lunes|martes|miércoles|jueves|viernes|sábado|domingo)${NOT_LETTER_AFTER}\\.?`,
  'giu',
);
const TIME = /(?<![\p{N}])\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?![\p{N}])/giu;

/** A line stating a date is short: "By Ann Smith, 12 March 2020, 10:04" (words at most). */
export const DATED_LINE_MAX_WORDS = 14;

/**
 * A short line (DATED_LINE_MAX_WORDS words at most) that stamps a post with a date and a time of day: "Racha 3/14/2021
 * at 3:33pm", "by ann ( 123 ) on Friday December 19, 2025 @08:08PM", "Comment by Ann — 17.07.2011 @ 22:24". A story's
 * timeline or a list of events dates its entries to the day, rarely to the minute.
 */
export function timestampLine(text: string): boolean {
  if (text.split(/\s+/).filter(Boolean).length > DATED_LINE_MAX_WORDS) return false;
  return HAS_TIME.test(text) && findDates(text).length > 0;
}
/** TIME without the global flag: a test that keeps no position between calls. */
const HAS_TIME = new RegExp(TIME.source, 'iu');

/** The date a line consists of (apart from a time, a weekday, `г.` and punctuation), or null. */
export function dateLine(text: string): FoundDate | null {
  const dates = findLineDates(text);
  if (dates.length !== 1) return null;
  const only = dates[0]!;
  return isDateFiller(text.slice(0, only.index) + ' ' + text.slice(only.end)) ? only : null;
}

/** Text with nothing but what may stand beside a date on a line of its own: a time, a weekday, `on`, `г.`, punctuation. */
export function isDateFiller(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text.replace(TIME, ' ').replace(DATE_LINE_FILLER, ' '));
}

/**
 * Words that say the date after them is the publication date, in the languages whose months are read
 * above (and a few neighbours): "Published 3 May 2020", "Veröffentlicht am: 6. August 2009",
 * "Publié le 7 mai 2020", "Опубликовано 12.03.2021". Modification words ("updated") are not cues.
 */
const PUBLICATION_CUE = new RegExp(
  `${NOT_WORD_BEFORE}(?:published|publication date|posted|date|created|written|` +
    'veröffentlicht|erschienen|erstellt|geschrieben|gepostet|datum|publiziert|' +
    'publié|publiée|mis en ligne|date de publication|publicado|publicada|fecha|fecha de publicación|pubblicato|pubblicata|' +
    'опубликовано|опубликован|опубликована|дата публикации|дата|опубліковано|дата публікації|' +
    `gepubliceerd|opublikowano)${NOT_LETTER_AFTER}`,
  'iu',
);
/** A labelled date stands close to its label. */
const CUE_TO_DATE_CHARS = 40;

/** What may follow a publication cue that is a line of its own: a connecting word, a colon. */
const AFTER_CUE = /^[\s:.]*(?:on|am|le|el)?[\s:.]*$/iu;

/**
 * The date a short line labels as published ("Posted on July 3, 2019 by Ann"), or null. A line that is only the cue
 * ("Published", "Posted on", "Erschienen am:") labels the line under it, `next`, when that line is only a date.
 */
export function labelledDate(text: string, next?: string): FoundDate | null {
  const cue = PUBLICATION_CUE.exec(text);
  if (!cue) return null;
  const after = cue.index + cue[0].length;
  const date = findDates(text).find((d) => d.index >= after);
  if (date) return date.index - after <= CUE_TO_DATE_CHARS ? date : null;
  const onlyCue = text.slice(0, cue.index).trim() === '' && AFTER_CUE.test(text.slice(after));
  return onlyCue && next !== undefined ? dateLine(next) : null;
}
