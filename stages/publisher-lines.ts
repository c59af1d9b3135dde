/**
 * Lines the publisher sets among an article's paragraphs that are not its text, read from the line alone, whatever
 * element or class holds it: a rights notice or a photo credit, a call to the reader (follow us, sign up for our
 * newsletter, share this), an ad's label, a reading time, a counter of reactions, the title of a table of contents.
 * `extract` drops them inside the container once it is chosen, so that they do not vote for it.
 */
import type { MarkedBlock } from './template.js';

/** A line shorter than this that carries a rights notice, or opens with a picture's label, is a copyright notice or a photo credit. */
const CREDIT_CHARS = 200;
/** `All rights reserved`, in the languages most pages are in. `Some rights reserved` is a licence's. */
const ALL_RIGHTS_RESERVED = [
  ...['all rights reserved', 'alle rechte vorbehalten', 'tous droits réservés', 'todos los derechos reservados'],
  ...['tutti i diritti riservati', 'todos os direitos reservados', 'alle rechten voorbehouden', 'wszelkie prawa zastrzeżone'],
  'все права защищены',
];
/**
 * A copyright sign, a line that opens with `Copyright` and its year or holder, or all rights reserved. A note that
 * names an excerpt's copyright in its sentence (`… by Tom Miller, Copyright 2013.`) is the article's.
 */
const RIGHTS_NOTICE = new RegExp(`[©Ⓒ]|^(?:content\\s+)?copyright\\s*(?:©|\\(c\\)|by\\s|\\d{4})|${ALL_RIGHTS_RESERVED.join('|')}`, 'iu');
/** How captions label a picture's credit, in the languages most pages are in. */
const PICTURE_CREDIT_LABELS = [
  ...['photo', 'photos', 'image', 'images', 'picture', 'pictures', 'header image', 'featured image', 'cover image'],
  ...['credit', 'photo credit', 'photo credits', 'image credit', 'image credits', 'picture credit'],
  ...['crédit photo', 'crédits photo', 'crédits photos', 'fotografía', 'fotografia', 'beeld', "foto's"],
  ...['foto', 'fotos', 'bild', 'bilder', 'titelbild', 'titelfoto', 'beitragsbild'],
  ...['bildquelle', 'fotoquelle', 'bildnachweis', 'fotonachweis'],
];
/**
 * `Foto: dpa`, `Photo : AFP` (French typography spaces the colon): a label, a colon, then the credit or the caption; or
 * a caption that ends with its labelled credit in brackets, `The new bridge at dusk. (Foto: Stadt Nordhausen)`.
 */
const PICTURE_CREDIT_LABEL = `(?:${PICTURE_CREDIT_LABELS.join('|')})\\s?:`;
const PICTURE_CREDIT = new RegExp(`^${PICTURE_CREDIT_LABEL}\\s*\\S|\\(${PICTURE_CREDIT_LABEL}[^()]+\\)$`, 'i');

/**
 * A copyright notice or a photo credit (`© AFP / Jane Doe`, `© 2022 The Daily. All rights reserved.`, `Foto: dpa`):
 * not the article's text, wherever it sits in the container. Dropped once the container is chosen, so that it does
 * not vote.
 */
function isCredit(b: MarkedBlock): boolean {
  return b.text.length < CREDIT_CHARS && (RIGHTS_NOTICE.test(b.text) || isPictureCredit(b));
}

/**
 * A labelled credit or caption line in a caption's place (a paragraph or a table cell under a picture); a heading, a
 * list's item or code that opens so (`Photos: the festival`, `Bild: 4K UHD`, `image: nginx:1.25`) is text.
 */
function isPictureCredit(b: MarkedBlock): boolean {
  return (b.kind === 'paragraph' || b.kind === 'table-cell') && PICTURE_CREDIT.test(b.text);
}

/** A line shorter than this that asks the reader to follow the site, to sign up for its newsletter or to share the page is that call. */
const CALL_CHARS = 300;
/** Social networks a site asks its readers to follow it on. */
const SOCIAL_NETWORKS = 'facebook|twitter|instagram|telegram|youtube|tiktok|linkedin|whatsapp|pinterest|threads|bluesky|mastodon|github|x';
/** The call in the first or second person, in the languages most pages are in: `Follow us on`, `Síguenos en`, `Folgen Sie uns auf`. */
const FOLLOW_US = new RegExp(
  `(?<![\\p{L}])(?:follow (?:us|me)|s[ií]gu?enos|s[ií]ganos|folgt (?:uns|mir)|folge (?:uns|mir)|folgen sie uns|` +
    `suivez[- ](?:nous|moi)|seguici|siga-nos|volg ons|obserwuj nas)(?![\\p{L}])[^.!?]{0,60}?(?<![\\p{L}])(?:${SOCIAL_NETWORKS})(?![\\p{L}])`,
  'iu',
);
/** The imperative with a name (`Follow The Gleaner on Twitter`): its words capitalised, where `Follow the prompts on WhatsApp` is a how-to's step. */
const FOLLOW_NAME =
  /(?:^|[.!?…]\s+)(?:Follow|Folge|Folgt|Suivez|Segui|Siga|Sigue a|Volg|Obserwuj)\s+(?:\p{Lu}[\p{L}\p{N}'’&-]*\s+){1,3}(?:on|auf|sur|en|su|em|op|na)\s+(\p{L}+)/gu;
const NETWORK = new RegExp(`^(?:${SOCIAL_NETWORKS})$`, 'i');
/** The follow verbs' stems, tested first: most lines have none, and the calls' patterns need not scan them. */
const FOLLOW = /follow|s[ií]g|folg|suiv|segui|volg|obserwuj/i;
/** The word every newsletter call holds, tested first for the same reason. */
const NEWSLETTER = /newsletter/i;

/**
 * The call to sign up for the site's newsletter: the imperative opening a sentence (`Subscribe to our newsletter`,
 * `Lust auf mehr? Melde dich für unseren Newsletter an`), or signing up for `our` newsletter anywhere in the line. An
 * article's advice (`…, subscribe to industry newsletters`) or a line that reports a newsletter is not one.
 */
const NEWSLETTER_CALL = new RegExp(
  '(?:^|[.!?…:]\\s+|\\p{Extended_Pictographic}\\s*)' +
    '(?:sign up|subscribe|join|abonnieren sie|abonniere|melde dich|melden sie sich|suscr[ií]bete|abonnez-vous|inscrivez-vous|iscriviti|zapisz się)' +
    '(?![\\p{L}])[^.!?]{0,60}?newsletter|' +
    '(?<![\\p{L}])(?:sign(?:ing)? up|subscribe|subscribing|suscribirse|abonnieren|anmelden)(?![\\p{L}])[^.!?]{0,20}?' +
    '(?<![\\p{L}])(?:our|my|unseren|unserem|meinen|nuestra|nuestro)(?![\\p{L}])[^.!?]{0,30}?newsletter|zum newsletter anmelden',
  'iu',
);

/**
 * A share bar's label, its buttons pictures: `Share this post`, `Share:`, `Teilen mit:`, `Mit Freunden teilen`. A lone
 * `Share` may be a post's button that a forum's text keeps, and stays.
 */
const SHARE_LABEL = new RegExp(
  '^\\W*(?:share (?:this|the|on|via|with)(?: article| post| story| page| recipe)?:?|share:|(?:beitrag|artikel|seite|jetzt|gerne) teilen:?|' +
    'teilen(?: mit)?:|sharen mit:?|mit freunden teilen|compartir(?: en)?:|compartilhe:|partager(?: sur| l.article)? ?:|' +
    'partagez(?: cet article)?:?|condividi(?: su)?:|udostępnij:)\\W*$',
  'iu',
);

/**
 * A short line that asks the reader to follow the site or its author on a social network (`Follow us on Telegram,
 * Facebook and X for the latest news.`), to sign up for its newsletter or to share the page: the publisher's call
 * around the story, wherever it sits in the container.
 */
function isCallToReader(b: MarkedBlock): boolean {
  if (b.text.length >= CALL_CHARS) return false;
  if (SHARE_LABEL.test(b.text) || (NEWSLETTER.test(b.text) && NEWSLETTER_CALL.test(b.text))) return true;
  if (!FOLLOW.test(b.text)) return false;
  if (FOLLOW_US.test(b.text)) return true;
  for (const m of b.text.matchAll(FOLLOW_NAME)) if (NETWORK.test(m[1]!)) return true;
  return false;
}

/**
 * An advertisement's label left where the ad was (`Advertisement`, `Anzeige`, `Sponsored`, `Story continues below
 * advertisement`), the line being only that. `Advertising` is left: it heads a section of a page about it.
 */
const AD_LABEL = new RegExp(
  '^\\W*(?:advertisements?|sponsored|anzeige|werbung|gesponsert|publicidad|publicité|pubblicità|reklama|' +
    '(?:story|article) continues below(?: this)? advertisement|continue reading below|weiterlesen nach der anzeige)\\W*$',
  'iu',
);

/** A story's reading time, alone on its line: `5 min read`, `Lesezeit: 4 Minuten`, `Temps de lecture : 3 min`. */
const READING_TIME = new RegExp(
  '^\\W*(?:\\d+\\s*(?:min|mins|minutes?)\\.?\\s*(?:read|reading|lesezeit|de lectura|de lecture|di lettura)|' +
    '(?:reading time|lesezeit|lesedauer|temps de lecture|tiempo de lectura)\\s*:?\\s*(?:ca\\.?\\s*)?\\d+\\s*(?:min|minuten|minutes|minutos)\\.?)\\W*$',
  'iu',
);

/** A counter of a post's or a page's reactions, alone on its line: `7 Likes`, `1,693 views`, `60 replies`, `12 Kommentare`. */
const REACTION_COUNT = new RegExp(
  '^\\W*\\d[\\d,.]*\\s*[km]?\\s*(?:comments?|replies|responses|views|likes|shares|reactions|kommentare?|antworten|aufrufe|' +
    'comentarios?|respuestas|commentaires?|réponses)\\W*$',
  'iu',
);

/** The title of a table of contents: `Table of Contents`, `On this page`, `Inhaltsverzeichnis`, `Sommaire`. */
const CONTENTS_TITLE = new RegExp(
  '^\\W*(?:table of contents|contents|in this article|on this page|inhaltsverzeichnis|inhalt|auf dieser seite|índice|' +
    'en esta página|sommaire|sur cette page|indice|in questa pagina|inhoudsopgave|inhoud|spis treści|содержание)\\W*$',
  'iu',
);

/** Dropped links under a contents title at least, for them to be its table of contents. */
const CONTENTS_LINKS = 2;

/**
 * A line the publisher sets in the article's container that is not its text: a credit, a call to the reader, an ad's
 * label, a reading time, a counter of reactions (not a heading so worded: `3 Comments` over the comments is where
 * segmenting cuts them off), or the title of a table of contents whose links, the blocks under it, are dropped. A
 * contents list the page keeps as its text (a manual's, a thread's chapters) keeps its title, as does a heading over
 * one link (`See SUMMARY.md`).
 */
export function isPublisherLine(blocks: readonly MarkedBlock[], i: number): boolean {
  const b = blocks[i]!;
  if (b.verdict === 'boilerplate') return false;
  if (isCredit(b) || isCallToReader(b) || AD_LABEL.test(b.text) || READING_TIME.test(b.text)) return true;
  if (b.kind !== 'heading' && REACTION_COUNT.test(b.text)) return true;
  if (!CONTENTS_TITLE.test(b.text)) return false;
  for (let k = i + 1; k <= i + CONTENTS_LINKS; k++) if (blocks[k]?.verdict !== 'boilerplate') return false;
  return true;
}
