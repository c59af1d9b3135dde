/**
 * Stage page-type: what kind of HTML page a page is — article, forum, documentation, product, collection,
 * listing, service — from the page alone: what it declares (JSON-LD and microdata types, og:type, its
 * buttons), its URL, its title, and its structure as the blocks and element tree give it. `features` turns
 * a page into numbers; `pageType`, a multinomial logistic regression trained on labelled pages
 * (`scripts/train-page-type.ts`, the weights in `page-type-model.json`), turns them into a type and the
 * probability of each. A plain-text page has no markup to read and gets no type.
 */
import { z } from 'zod';
import type { DateEvidence } from './dates.js';
import type { TypeEvidence } from './html-meta.js';
import { logCount, TEXT_FEATURES, textFeatures } from './page-type-text.js';
import { SENTENCE_END, type Block, type ElementTree } from './types.js';
import bundledModel from './page-type-model.json' with { type: 'json' };

/** The types of page, as the training labels (WCXB's) name them. */
export const PAGE_TYPES = ['article', 'forum', 'documentation', 'product', 'collection', 'listing', 'service'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** What the stage reads of an HTML page, as `preparePage` has it. */
export interface PageTypeInput {
  readonly url: string | null;
  readonly blocks: readonly Block[];
  readonly tree: ElementTree | null;
  /** Schema.org types, og:type and button labels (`html-meta`). */
  readonly typeEvidence: TypeEvidence;
  /** Publication dates the page states outside its text (metadata, the URL). */
  readonly dateEvidence: readonly DateEvidence[];
  /** The title the HTML states (og:title, h1, `<title>`). */
  readonly statedTitle: string | null;
}

/** A page's type: the most probable one, and the model's probability of every type (they sum to 1). */
export interface PageTypeResult {
  readonly type: PageType;
  readonly scores: Readonly<Record<PageType, number>>;
}

/** schema.org types by the kind of page they declare (subtypes that pages use, not the whole vocabulary). */
const SCHEMA_FAMILIES = {
  article: ['Article', 'NewsArticle', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'OpinionNewsArticle', 'Report', 'ScholarlyArticle'],
  blog: ['BlogPosting', 'Blog', 'LiveBlogPosting'],
  forum: ['DiscussionForumPosting', 'SocialMediaPosting'],
  qa: ['QAPage', 'Question', 'Answer'],
  comment: ['Comment', 'UserComments'],
  product: ['Product', 'ProductGroup', 'IndividualProduct', 'ProductModel', 'SomeProducts', 'Vehicle', 'Car'],
  offer: ['Offer', 'AggregateOffer', 'PriceSpecification', 'UnitPriceSpecification'],
  rating: ['AggregateRating', 'Review', 'Rating'],
  itemList: ['ItemList', 'OfferCatalog'],
  itemPage: ['ItemPage'],
  collection: ['CollectionPage', 'SearchResultsPage'],
  tech: ['TechArticle', 'APIReference', 'SoftwareSourceCode'],
  howTo: ['HowTo', 'HowToStep', 'HowToSection'],
  software: ['SoftwareApplication', 'WebApplication', 'MobileApplication'],
  faq: ['FAQPage'],
  service: [
    'Service',
    'LocalBusiness',
    'ProfessionalService',
    'LegalService',
    'FinancialService',
    'MedicalBusiness',
    'MedicalClinic',
    'Dentist',
    'Physician',
    'HomeAndConstructionBusiness',
    'HealthAndBeautyBusiness',
    'AutomotiveBusiness',
    'EmploymentAgency',
    'TravelAgency',
    'RealEstateAgent',
    'InsuranceAgency',
    'AccountingService',
    'Attorney',
    'Plumber',
    'Electrician',
    'HVACBusiness',
    'GeneralContractor',
    'RoofingContractor',
    'MovingCompany',
    'EducationalOrganization',
    'Hotel',
    'Restaurant',
  ],
  event: ['Event'],
  webPage: ['WebPage'],
  aboutContact: ['AboutPage', 'ContactPage'],
  profile: ['ProfilePage', 'Person'],
  breadcrumb: ['BreadcrumbList'],
  video: ['VideoObject'],
  recipe: ['Recipe'],
} as const;
type SchemaFamily = keyof typeof SCHEMA_FAMILIES;
const FAMILY_OF = new Map<string, SchemaFamily>(
  (Object.entries(SCHEMA_FAMILIES) as [SchemaFamily, readonly string[]][]).flatMap(([family, types]) => types.map((t) => [t, family])),
);

/** og:type values, by their part before a `.` or `:` (`product.group` is a product kind). */
const OG_TYPES = ['article', 'product', 'website', 'profile', 'video', 'book'] as const;

/** Button labels by what they suggest. */
const BUTTONS = {
  cart: /\b(?:add to (?:cart|bag|basket|wish ?list)|buy(?: it)? now|add$|checkout|pre-?order)\b/i,
  talk: /\b(?:reply|quote|report|vote|upvote|downvote|like|follow|share|post|comment|answer)\b/i,
  callToAction:
    /\b(?:quote|estimate|book|schedule|appointment|consult|contact|demo|get started|call|apply|enrol|enroll|sign up|register|request)\b/i,
  more: /\b(?:load more|show more|view more|see more|more results|next)\b/i,
} as const;
type ButtonKind = keyof typeof BUTTONS;

/**
 * Words of a URL's path (and of its host's subdomains) that say what kind of page it is: conventions many
 * sites share (`/forum`, Discourse's `/t/`, a shop's `/products/`), never one site's own.
 */
const URL_WORDS = {
  forum: [
    'forum',
    'forums',
    'thread',
    'threads',
    'topic',
    'viewtopic',
    'showthread',
    'discussion',
    'discussions',
    'community',
    'communities',
    'board',
    'boards',
    'questions',
    'question',
    'answers',
    'qa',
    't',
  ],
  docs: [
    'docs',
    'doc',
    'documentation',
    'api',
    'reference',
    'guide',
    'guides',
    'manual',
    'tutorial',
    'tutorials',
    'wiki',
    'learn',
    'kb',
    'knowledge',
    'handbook',
    'developer',
    'developers',
    'sdk',
    'latest',
    'stable',
    'help',
    'support',
    'howto',
  ],
  product: ['product', 'products', 'p', 'item', 'items', 'sku', 'buy', 'shop', 'store'],
  collection: [
    'category',
    'categories',
    'collection',
    'collections',
    'c',
    'catalog',
    'catalogue',
    'department',
    'departments',
    'brand',
    'brands',
    'browse',
    'search',
    'tag',
    'tags',
    'archive',
    'archives',
    'list',
    'lists',
    'page',
    'all',
  ],
  article: [
    'blog',
    'blogs',
    'news',
    'article',
    'articles',
    'post',
    'posts',
    'story',
    'stories',
    'press',
    'insights',
    'opinion',
    'magazine',
    'stories',
    'journal',
  ],
  service: [
    'service',
    'services',
    'solutions',
    'solution',
    'pricing',
    'plans',
    'about',
    'contact',
    'features',
    'industries',
    'consulting',
    'company',
    'careers',
    'hire',
    'agency',
    'treatment',
    'treatments',
    'repair',
    'installation',
  ],
} as const;
type UrlFamily = keyof typeof URL_WORDS;

/** Words of a title that say what kind of page it is. */
const TITLE_WORDS = {
  article: [
    'how',
    'why',
    'what',
    'best',
    'top',
    'guide',
    'review',
    'reviews',
    'vs',
    'tips',
    'ways',
    'things',
    'explained',
    'checklist',
    'ideas',
  ],
  forum: ['forum', 'forums', 'thread', 'discussion', 'question', 'help', 'anyone', 'community'],
  docs: [
    'documentation',
    'docs',
    'api',
    'reference',
    'manual',
    'tutorial',
    'introduction',
    'overview',
    'installation',
    'configuration',
    'command',
    'function',
    'class',
    'module',
  ],
  product: ['buy', 'price', 'oz', 'ml', 'inch', 'pack', 'set', 'edition', 'model'],
  collection: ['shop', 'collection', 'collections', 'sale', 'men', 'women', 'kids', 'accessories', 'products', 'all', 'category'],
  listing: [
    'news',
    'blog',
    'latest',
    'archive',
    'archives',
    'jobs',
    'events',
    'directory',
    'results',
    'page',
    'articles',
    'posts',
    'stories',
    'courses',
  ],
  service: [
    'services',
    'service',
    'company',
    'agency',
    'solutions',
    'consulting',
    'contact',
    'pricing',
    'plans',
    'insurance',
    'repair',
    'near',
    'professional',
    'expert',
    'experts',
    'calculator',
    'free',
  ],
} as const;
type TitleFamily = keyof typeof TITLE_WORDS;
const TITLE_FAMILIES_OF = new Map<string, TitleFamily[]>();
for (const [family, words] of Object.entries(TITLE_WORDS) as [TitleFamily, readonly string[]][])
  for (const word of words) TITLE_FAMILIES_OF.set(word, [...(TITLE_FAMILIES_OF.get(word) ?? []), family]);
const URL_FAMILY_OF = new Map<string, UrlFamily>(
  (Object.entries(URL_WORDS) as [UrlFamily, readonly string[]][]).flatMap(([family, words]) => words.map((w) => [w, family])),
);

/** Elements counted from the tree. */
const COUNTED_TAGS = [
  'h1',
  'h2',
  'h3',
  'article',
  'section',
  'pre',
  'code',
  'time',
  'form',
  'table',
  'li',
  'img',
  'a',
  'blockquote',
  'dl',
  'figure',
  'aside',
  'nav',
  'main',
  'strong',
  'del',
  's',
] as const;

/** A block this long (characters) is prose, not a label, a link or a teaser's title. */
const PROSE_BLOCK = 150;
/** A short linked block: a menu item, a teaser's title, a tag. */
const SHORT_BLOCK = 120;

const REGION_FEATURES = [
  'blocks',
  'chars',
  'share:paragraph',
  'share:heading',
  'share:list-item',
  'share:preformatted',
  'share:table-cell',
  'share:linked',
  'share:prose',
  'share:sentences',
  'prose-blocks',
  'longest-block',
  'median-block',
  'linked-headings',
  'headings-per-prose',
] as const;
type RegionFeature = (typeof REGION_FEATURES)[number];

export const FEATURE_NAMES = [
  ...(Object.keys(SCHEMA_FAMILIES) as SchemaFamily[]).map((f) => `schema:${f}` as const),
  'schema:any',
  ...OG_TYPES.map((t) => `og:${t}` as const),
  'og:other',
  'schema:products',
  'schema:articles',
  ...(['json-ld', 'meta', 'time', 'url'] as const).map((from) => `date:${from}` as const),
  ...(Object.keys(BUTTONS) as ButtonKind[]).map((kind) => `button:${kind}` as const),
  'buttons',
  ...(Object.keys(URL_WORDS) as UrlFamily[]).map((f) => `url:${f}` as const),
  'url:date',
  'url:depth',
  'url:root',
  'url:query',
  'url:slug-words',
  'url:numeric-id',
  'url:none',
  ...COUNTED_TAGS.map((tag) => `tag:${tag}` as const),
  'tag:elements',
  ...TEXT_FEATURES,
  ...(Object.keys(TITLE_WORDS) as TitleFamily[]).map((family) => `title:${family}` as const),
  'title:question',
  'title:number',
  ...REGION_FEATURES.map((name) => `all:${name}` as const),
  ...REGION_FEATURES.map((name) => `main:${name}` as const),
  'share:hinted',
  'repeated-linked',
  'repeated-units',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Readonly<Record<FeatureName, number>>;

/** Weights per type and feature, and a bias per type: the type scoring highest is the page's. */
export interface PageTypeModel {
  readonly features: readonly FeatureName[];
  readonly types: readonly PageType[];
  readonly weights: readonly (readonly number[])[];
  readonly bias: readonly number[];
}

/** A model's JSON, checked to fit this code's features and types. */
export function parseModel(json: unknown): PageTypeModel {
  const model = z
    .object({
      features: z.array(z.string()),
      types: z.array(z.enum(PAGE_TYPES)),
      weights: z.array(z.array(z.number())),
      bias: z.array(z.number()),
    })
    .parse(json);
  const fits =
    model.features.join() === FEATURE_NAMES.join() &&
    [...model.types].sort().join() === [...PAGE_TYPES].sort().join() &&
    model.bias.length === model.types.length &&
    model.weights.length === model.types.length &&
    model.weights.every((row) => row.length === FEATURE_NAMES.length);
  if (!fits)
    throw new Error('the page-type model does not fit the features this code computes: train it again (scripts/train-page-type.ts)');
  return model as PageTypeModel;
}

let defaultModel: PageTypeModel | null = null;

/**
 * The type of a page from its `features`: the type the model (the bundled one unless given) scores
 * highest, and the softmax of the scores. Pure; about 1,000 multiplications.
 */
export function pageType(values: Features, model: PageTypeModel = (defaultModel ??= parseModel(bundledModel))): PageTypeResult {
  const x = FEATURE_NAMES.map((name) => values[name]);
  const scores = model.types.map((_, c) => {
    const weights = model.weights[c]!;
    let score = model.bias[c]!;
    for (let j = 0; j < x.length; j++) score += weights[j]! * x[j]!;
    return score;
  });
  const max = Math.max(...scores);
  const exp = scores.map((score) => Math.exp(score - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  const best = scores.indexOf(max);
  return {
    type: model.types[best]!,
    scores: Object.fromEntries(PAGE_TYPES.map((type) => [type, exp[model.types.indexOf(type)]! / sum])) as Record<PageType, number>,
  };
}

/** The numbers the model reads of a page, each mostly within 0..1. */
export function features(page: PageTypeInput): Features {
  return {
    ...typeEvidenceFeatures(page.typeEvidence),
    ...dateFeatures(page.dateEvidence),
    ...urlFeatures(page.url),
    ...titleFeatures(page.statedTitle),
    ...tagFeatures(page.tree),
    ...textFeatures(page.blocks),
    ...blockFeatures(page.blocks, page.tree),
  };
}

function typeEvidenceFeatures(evidence: TypeEvidence) {
  const familyCounts = new Map<SchemaFamily, number>();
  for (const type of evidence.schemaTypes) {
    const family = FAMILY_OF.get(type);
    if (family) familyCounts.set(family, (familyCounts.get(family) ?? 0) + 1);
  }
  const families = new Set(familyCounts.keys());
  const schema = Object.fromEntries(
    (Object.keys(SCHEMA_FAMILIES) as SchemaFamily[]).map((f) => [`schema:${f}`, families.has(f) ? 1 : 0]),
  ) as Record<`schema:${SchemaFamily}`, number>;
  const ogKind = evidence.ogType?.split(/[.:]/)[0] ?? null;
  const og = Object.fromEntries(OG_TYPES.map((t) => [`og:${t}`, ogKind === t ? 1 : 0])) as Record<
    `og:${(typeof OG_TYPES)[number]}`,
    number
  >;
  const buttons = Object.fromEntries(
    (Object.keys(BUTTONS) as ButtonKind[]).map((kind) => [
      `button:${kind}`,
      logCount(evidence.buttons.filter((label) => BUTTONS[kind].test(label)).length),
    ]),
  ) as Record<`button:${ButtonKind}`, number>;
  return {
    ...schema,
    'schema:any': evidence.schemaTypes.length ? 1 : 0,
    ...og,
    'og:other': ogKind && !(OG_TYPES as readonly string[]).includes(ogKind) ? 1 : 0,
    'schema:products': logCount(familyCounts.get('product') ?? 0),
    'schema:articles': logCount((familyCounts.get('article') ?? 0) + (familyCounts.get('blog') ?? 0)),
    ...buttons,
    buttons: logCount(evidence.buttons.length),
  };
}

function dateFeatures(evidence: readonly DateEvidence[]) {
  const has = (from: DateEvidence['from']) => (evidence.some((d) => d.from === from) ? 1 : 0);
  return { 'date:json-ld': has('json-ld'), 'date:meta': has('meta'), 'date:time': has('time'), 'date:url': has('url') };
}

function parseUrl(url: string | null): URL | null {
  try {
    return url ? new URL(url) : null;
  } catch {
    return null;
  }
}

function urlFeatures(url: string | null) {
  const parsed = parseUrl(url);
  const segments = parsed ? parsed.pathname.split('/').filter(Boolean) : [];
  const hostWords = parsed ? parsed.hostname.toLowerCase().split('.').slice(0, -2) : [];
  const words = [...hostWords, ...segments.flatMap((s) => s.toLowerCase().split(/[^a-z0-9]+/))].filter(Boolean);
  const found = new Set(words.map((w) => URL_FAMILY_OF.get(w)));
  const families = Object.fromEntries((Object.keys(URL_WORDS) as UrlFamily[]).map((f) => [`url:${f}`, found.has(f) ? 1 : 0])) as Record<
    `url:${UrlFamily}`,
    number
  >;
  const path = parsed?.pathname ?? '';
  const last = segments[segments.length - 1] ?? '';
  return {
    ...families,
    'url:date': /\/(?:19|20)\d{2}[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)|\/(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b/.test(path)
      ? 1
      : 0,
    'url:depth': Math.min(segments.length, 8) / 8,
    'url:root': parsed && segments.length === 0 ? 1 : 0,
    'url:query': parsed?.search ? 1 : 0,
    'url:slug-words': Math.min(last.split(/[-_]+/).filter((w) => /[a-z]/i.test(w)).length, 12) / 12,
    'url:numeric-id': /\d{4,}/.test(last) ? 1 : 0,
    'url:none': parsed ? 0 : 1,
  };
}

function titleFeatures(title: string | null) {
  const words = (title ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const found = new Set(words.flatMap((w) => TITLE_FAMILIES_OF.get(w) ?? []));
  const families = Object.fromEntries(
    (Object.keys(TITLE_WORDS) as TitleFamily[]).map((f) => [`title:${f}`, found.has(f) ? 1 : 0]),
  ) as Record<`title:${TitleFamily}`, number>;
  return { ...families, 'title:question': title?.includes('?') ? 1 : 0, 'title:number': /\b\d{1,3}\b/.test(title ?? '') ? 1 : 0 };
}

function tagFeatures(tree: ElementTree | null) {
  const counts = new Map<string, number>();
  for (const tag of tree?.tag ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  const tags = Object.fromEntries(COUNTED_TAGS.map((tag) => [`tag:${tag}`, logCount(counts.get(tag) ?? 0)])) as Record<
    `tag:${(typeof COUNTED_TAGS)[number]}`,
    number
  >;
  return { ...tags, 'tag:elements': logCount(tree?.tag.length ?? 0) };
}

function blockFeatures(blocks: readonly Block[], tree: ElementTree | null) {
  const hinted = tree ? hintedElements(tree) : null;
  const inHinted = (block: Block) => hinted !== null && block.element !== undefined && hinted[block.element] === 1;
  const main = blocks.filter((b) => !inHinted(b));
  const linkedByPath = new Map<string, number>();
  for (const block of main) {
    if ((block.linkDensity ?? 0) > 0.5 && block.text.length < SHORT_BLOCK && block.path)
      linkedByPath.set(block.path, (linkedByPath.get(block.path) ?? 0) + 1);
  }
  const chars = (list: readonly Block[]) => list.reduce((sum, b) => sum + b.text.length, 0);
  const total = chars(blocks);
  return {
    ...regionFeatures('all', blocks),
    ...regionFeatures('main', main),
    'share:hinted': total ? 1 - chars(main) / total : 0,
    'repeated-linked': logCount(Math.max(0, ...linkedByPath.values())),
    'repeated-units': logCount(tree && hinted ? largestSiblingGroup(tree, blocks, hinted) : 0),
  };
}

/** How the text of some blocks (the whole page's, or those outside boilerplate) is made: prose, links, lists, headings. */
function regionFeatures<R extends string>(region: R, blocks: readonly Block[]): Record<`${R}:${RegionFeature}`, number> {
  const chars = { paragraph: 0, heading: 0, 'list-item': 0, preformatted: 0, 'table-cell': 0 };
  let total = 0;
  let linked = 0;
  let prose = 0;
  let proseBlocks = 0;
  let sentences = 0;
  let longest = 0;
  let linkedHeadings = 0;
  let headings = 0;
  for (const block of blocks) {
    const n = block.text.length;
    total += n;
    chars[block.kind] += n;
    const linkDensity = block.linkDensity ?? 0;
    linked += n * linkDensity;
    longest = Math.max(longest, n);
    if (n >= PROSE_BLOCK) {
      prose += n;
      proseBlocks++;
    }
    if (SENTENCE_END.test(block.text)) sentences += n;
    if (block.headingLevel) {
      headings++;
      if (linkDensity > 0.5) linkedHeadings++;
    }
  }
  const share = (x: number) => (total ? x / total : 0);
  const lengths = blocks.map((b) => b.text.length).sort((a, b) => a - b);
  const values: Record<RegionFeature, number> = {
    blocks: logCount(blocks.length),
    chars: logCount(total) * (8 / 12),
    'share:paragraph': share(chars.paragraph),
    'share:heading': share(chars.heading),
    'share:list-item': share(chars['list-item']),
    'share:preformatted': share(chars.preformatted),
    'share:table-cell': share(chars['table-cell']),
    'share:linked': share(linked),
    'share:prose': share(prose),
    'share:sentences': share(sentences),
    'prose-blocks': logCount(proseBlocks),
    'longest-block': logCount(longest) * (8 / 10),
    'median-block': logCount(lengths[lengths.length >> 1] ?? 0),
    'linked-headings': logCount(linkedHeadings),
    'headings-per-prose': Math.min(headings / (proseBlocks + 1), 4) / 4,
  };
  return Object.fromEntries(REGION_FEATURES.map((name) => [`${region}:${name}`, values[name]])) as Record<`${R}:${RegionFeature}`, number>;
}

/** Per element, 1 when it or an ancestor says it is boilerplate (nav, footer, a menu class). Parents come before their children. */
function hintedElements(tree: ElementTree): Uint8Array {
  const hinted = new Uint8Array(tree.parent.length);
  for (let e = 0; e < tree.parent.length; e++) {
    const parent = tree.parent[e]!;
    hinted[e] = tree.hint[e] !== undefined || (parent >= 0 && hinted[parent] === 1) ? 1 : 0;
  }
  return hinted;
}

/**
 * The most children of one element that share a tag and each hold two blocks or more, outside the
 * boilerplate: the repeated units of a listing (title and summary), a catalogue (name and price), a
 * forum (author, date and post). An article's paragraphs hold one block each.
 */
function largestSiblingGroup(tree: ElementTree, blocks: readonly Block[], hinted: Uint8Array): number {
  const blocksUnder = new Uint32Array(tree.parent.length);
  for (const block of blocks) blocksUnder[block.element ?? 0]!++;
  // Children come after their parents: adding each element to its parent, last first, sums whole subtrees.
  for (let e = tree.parent.length - 1; e > 0; e--) blocksUnder[tree.parent[e]!]! += blocksUnder[e]!;
  const groups = new Map<string, number>();
  let largest = 0;
  for (let e = 1; e < tree.parent.length; e++) {
    if (blocksUnder[e]! < 2 || hinted[e] === 1) continue;
    const key = `${tree.parent[e]!} ${tree.tag[e]!}`;
    const size = (groups.get(key) ?? 0) + 1;
    groups.set(key, size);
    if (size > largest) largest = size;
  }
  return largest;
}
