/**
 * Stage dates: the article's publication date, where it came from, and every date it mentions.
 *
 * Evidence, most reliable first: the title's dated copy and a date line next to the title (what the page shows its
 * readers), dates the page states about itself (given by the HTML stage: JSON-LD, meta tags, `<time>`, the URL), a line
 * anywhere that labels its date as published, a lone date line in the article's region, the first
 * plain `<time>`, then the first full date in the title and body. Dates after the crawl date are impossible and skipped.
 */
import { findDates, type FoundDate } from './date-parse.js';
import type { Paragraph } from './segment.js';
import { drop, emptyTally, type Tally } from './types.js';

export type PublishedFrom = 'json-ld' | 'meta' | 'time' | 'url' | 'title-date' | 'near-title' | 'byline' | 'dateline' | 'text';

/**
 * A publication date stated outside the article text (HTML metadata, the URL). `value`: `YYYY-MM-DD` or a full ISO
 * date-time. A JSON-LD date says which item it dates: an article-like one (`Article`, `BlogPosting`, `NewsArticle`, a
 * report) or another (`WebPage`, `ItemPage`, `CollectionPage`: the page as its CMS records it).
 */
export type DateEvidence =
  | { readonly from: 'json-ld'; readonly value: string; readonly item: 'article' | 'other' }
  | { readonly from: 'meta' | 'time' | 'url'; readonly value: string };

export interface DatesInput {
  readonly evidence?: readonly DateEvidence[];
  /** HTML: the first plain `<time datetime>`, weighed after the dates next to the title. */
  readonly firstTime?: string | null;
  readonly titleDate: FoundDate | null;
  /** Lone date lines right before or after the title. */
  readonly nearTitleDates: readonly FoundDate[];
  /**
   * The page's other lines, scanned only when the evidence above does not settle the date (none, or a UTC
   * instant): dates a short line labels as published anywhere ("Posted on …", "Veröffentlicht am …"), and
   * lines that are only a date in the article's region.
   */
  readonly scan?: () => { readonly bylines: readonly FoundDate[]; readonly datelines: readonly FoundDate[] };
  readonly title: string | null;
  readonly paragraphs: readonly Paragraph[];
  /**
   * Only the evidence, the title's date and the lines beside the title date the page: `firstTime`, `scan` and the
   * first date of the text are not weighed.
   */
  readonly statedOnly?: boolean;
  /**
   * The page's metadata outranks the dates shown beside its title (a forum thread, whose lines by the title date its
   * last post or its author's joining). Otherwise the day the page shows its readers by its title wins: where the two
   * differ, the metadata often keeps the first publication of a page since updated, or dates it as the CMS saw it.
   */
  readonly metadataFirst?: boolean;
}

export interface DatesContext {
  /** `YYYY-MM-DD`: nothing published after this day (the crawl date, when known). */
  readonly notAfter?: string | undefined;
}

export interface DatesResult {
  /** `YYYY-MM-DD`, or a full ISO date-time when the evidence gives one. */
  readonly published: string | null;
  readonly publishedFrom: PublishedFrom | null;
  /** Distinct `YYYY-MM-DD` dates mentioned in the title and body, in order of first mention. */
  readonly dates: readonly string[];
  readonly tally: Tally;
}

export function findPublicationDates(input: DatesInput, context: DatesContext = {}): DatesResult {
  const tally = emptyTally();
  const possible = (date: string) => {
    const ok = !context.notAfter || date.slice(0, 10) <= context.notAfter;
    if (!ok) drop(tally, 'after-crawl-date');
    return ok;
  };

  const mentioned: string[] = [];
  const texts = [input.title ?? '', ...input.paragraphs.flatMap((p) => p.lines)];
  for (const text of texts) {
    for (const found of findDates(text)) if (possible(found.date)) mentioned.push(found.date);
  }
  const dates = [...new Set(mentioned)];
  tally.kept += dates.length;

  // Candidates are pushed, not spread from Array#map results (holey or packed: see mapPacked).
  const statements: Candidate[] = [];
  for (const e of input.evidence ?? []) statements.push([e.from, e.value]);
  const shown: Candidate[] = [];
  if (input.titleDate) shown.push(['title-date', input.titleDate.date]);
  // A date with a two-digit year beside the title is read day first; where the page states its date, that wins.
  const shownShortYear: Candidate[] = [];
  for (const d of input.nearTitleDates) (d.shortYear ? shownShortYear : shown).push(['near-title', d.datetime ?? d.date]);
  const stated = input.metadataFirst ? [...statements, ...shown, ...shownShortYear] : [...shown, ...statements, ...shownShortYear];
  let found = stated.find(([, value]) => possible(value));
  const shownDay = found && !statements.includes(found) ? found[1].slice(0, 10) : null;
  // The day shown is also the metadata's: the metadata's value says it more fully (a time, a zone).
  if (shownDay) found = statements.find(([, value]) => value.slice(0, 10) === shownDay) ?? found;
  let candidates = stated;
  if (!input.statedOnly && (!found || UTC_INSTANT.test(found[1]))) {
    const scanned = input.scan?.() ?? { bylines: [], datelines: [] };
    const later: Candidate[] = [];
    for (const d of scanned.bylines) later.push(['byline', d.datetime ?? d.date]);
    for (const d of scanned.datelines) later.push(['dateline', d.datetime ?? d.date]);
    if (input.firstTime) later.push(['time', input.firstTime]);
    if (dates[0]) later.push(['text', dates[0]]);
    found ??= later.find(([, value]) => possible(value));
    candidates = [...stated, ...later];
  }
  const chosen = found && localDay(found, candidates);
  return { published: chosen?.[1] ?? null, publishedFrom: chosen?.[0] ?? null, dates, tally };
}

type Candidate = [PublishedFrom, string];
const UTC_INSTANT = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)$/;

/** Sources that state a calendar day as the site's readers saw it, not an instant. */
const LOCAL_DAY_SOURCES: ReadonlySet<PublishedFrom> = new Set(['url', 'title-date', 'near-title', 'byline']);
const DAY_MS = 86_400_000;

/**
 * A date-time in UTC names the day in Greenwich, which is often not the day the page was published
 * where it was written: 23:10Z on the 31st is already the 1st in Berlin, 02:25Z on the 25th is still
 * the 24th in New York. When the page also states a day on its own (the URL, its dated title, a dateline)
 * one day apart from the UTC instant, that local day is the publication day.
 */
function localDay(chosen: Candidate, candidates: readonly Candidate[]): Candidate {
  if (!UTC_INSTANT.test(chosen[1])) return chosen;
  const instant = Date.parse(chosen[1].slice(0, 10));
  const locals = candidates.filter(([from]) => LOCAL_DAY_SOURCES.has(from));
  if (locals.some(([, value]) => value.slice(0, 10) === chosen[1].slice(0, 10))) return chosen;
  const local = locals.find(([, value]) => Math.abs(Date.parse(value.slice(0, 10)) - instant) === DAY_MS);
  return local ? [local[0], local[1].slice(0, 10)] : chosen;
}
