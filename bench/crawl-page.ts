export interface CrawlPage {
  readonly site: string;
  readonly url: string;
  readonly title: string;
  readonly date: string;
  readonly teasers: readonly string[];
  readonly nav: readonly string[];
  readonly footer: readonly string[];
  readonly paragraphs: readonly string[];
  readonly list: readonly string[];
  /** Titles of the site's latest other articles (the real-weight shape links them beside the article). */
  readonly related: readonly string[];
}
