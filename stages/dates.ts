/**
 * Stage dates: the article's publication date, where it came from, and every date it mentions.
 *
 * Evidence, most reliable first: dates the page states about itself (given by the HTML stage: JSON-LD,
 * meta tags, `<time>`, the URL), the title's dated copy, a lone date line next to the title, then the
 * first full date in the title and body. Dates after the crawl date are impossible and skipped.
 */
import { findDates, type FoundDate } from './date-parse.js';
import type { Paragraph } from './segment.js';
import { drop, emptyTally, type Tally } from './types.js';

export type PublishedFrom = 'json-ld' | 'meta' | 'time' | 'url' | 'title-date' | 'near-title' | 'text';

/** A publication date stated outside the article text (HTML metadata, the URL). */
export interface DateEvidence {
  readonly from: 'json-ld' | 'meta' | 'time' | 'url';
  /** `YYYY-MM-DD` or a full ISO date-time. */
  readonly value: string;
}

export interface DatesInput {
  readonly evidence?: readonly DateEvidence[];
  /** HTML: the first plain `<time datetime>`, weighed after the dates next to the title. */
  readonly firstTime?: string | null;
  readonly titleDate: FoundDate | null;
  readonly nearTitleDates: readonly FoundDate[];
  readonly title: string | null;
  readonly paragraphs: readonly Paragraph[];
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

  const candidates: [PublishedFrom, string][] = [
    ...(input.evidence ?? []).map((e): [PublishedFrom, string] => [e.from, e.value]),
    ...(input.titleDate ? [['title-date', input.titleDate.date] as [PublishedFrom, string]] : []),
    ...input.nearTitleDates.map((d): [PublishedFrom, string] => ['near-title', d.datetime ?? d.date]),
    ...(input.firstTime ? [['time', input.firstTime] as [PublishedFrom, string]] : []),
    ...(dates[0] ? [['text', dates[0]] as [PublishedFrom, string]] : []),
  ];
  const chosen = candidates.find(([, value]) => possible(value));
  return { published: chosen?.[1] ?? null, publishedFrom: chosen?.[0] ?? null, dates, tally };
}
