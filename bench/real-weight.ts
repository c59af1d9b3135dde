/**
 * Bench pages as heavy as real ones. Crawled news pages carry far more than their article: the three
 * real HTML sets in `../shared/datasets` (htmldate's 800 pages, CleanPortalEval's 71, Readability's 130)
 * have a median of 72–110 KB a page; htmldate's median page has ~640 elements, ~127 links, ~47 KB of tags
 * and attributes, ~15 KB of script, ~1 KB of inline style and ~12 KB of text between the tags
 * (indentation included). A lean page (`asLeanHtml`) times what a page costs before its weight: a tool that
 * builds a DOM pays for every element, one that streams tags pays for every byte.
 *
 * `asRealHtml` wraps the same article in what such pages carry, built per site and reused on its pages:
 * a head of meta, link and script tags, analytics and consent scripts, a mega-menu, a search form, the
 * rotating teasers, breadcrumbs, a figure, share buttons with inline icons, related and most-read lists
 * (titles of the site's other articles, so they vary from page to page), a newsletter form, a cookie
 * banner and a footer of link columns. Half the sites mark their parts up with semantic elements and
 * telling class names, half with `div`s and generated class names, as CMSs and CSS-in-JS do.
 */
import type { CrawlPage } from './crawl-page.js';
import { prng } from './prng.js';

const SECTIONS = ['News', 'World', 'Politics', 'Business', 'Tech', 'Science', 'Sport', 'Culture', 'Opinion'];
const UTILITY = [
  'flex',
  'items-center',
  'justify-between',
  'px-4',
  'py-2',
  'text-sm',
  'font-medium',
  'md:block',
  'gap-2',
  'text-gray-700',
  'hover:underline',
  'w-full',
  'lg:w-1/3',
  'mt-4',
  'leading-tight',
];
const FOOTER_COLUMNS = ['Company', 'Help', 'Products', 'Legal'];
const SOCIAL = ['facebook', 'twitter', 'linkedin', 'whatsapp', 'email', 'print'];

/** What a site wraps around every article, in its own markup style. */
interface SiteChrome {
  readonly head: string;
  readonly scripts: string;
  readonly header: string;
  readonly newsletter: string;
  readonly footer: string;
  readonly cookie: string;
  readonly cls: (role: string) => string;
  readonly semantic: boolean;
  readonly authors: readonly string[];
  readonly bio: string;
}

const chromes = new Map<string, SiteChrome>();

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function chromeOf(p: CrawlPage): SiteChrome {
  let chrome = chromes.get(p.site);
  if (!chrome) {
    chrome = buildChrome(p);
    chromes.set(p.site, chrome);
  }
  return chrome;
}

function buildChrome(p: CrawlPage): SiteChrome {
  let seed = 0;
  for (const c of p.site) seed = (seed * 31 + c.charCodeAt(0)) >>> 0;
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const semantic = seed % 2 === 0;
  const hashed = new Map<string, string>();
  // Generated class names (`css-1x8f2k`) or telling ones (`site-nav__link`), one style per site.
  const cls = (role: string) => {
    let name = hashed.get(role);
    if (!name) {
      const utilities = Array.from({ length: 3 + int(4) }, () => UTILITY[int(UTILITY.length)]).join(' ');
      name = semantic
        ? `${role} ${role.split(' ')[0]}--${['primary', 'compact', 'default'][int(3)]} js-${role.split(/[_ ]/)[0]}`
        : `css-${(int(36 ** 6) + 36 ** 5).toString(36)} ${utilities}`;
      hashed.set(role, name);
    }
    return name;
  };
  const words = p.nav
    .concat(p.footer)
    .join(' ')
    .split(/\W+/)
    .filter((w) => w.length > 2);
  const word = () => words[int(words.length)] ?? 'More';
  const base = `https://${p.site}`;
  const nav = semantic ? 'nav' : 'div';
  const footerTag = semantic ? 'footer' : 'div';

  const menu = SECTIONS.map((section) => {
    const links = Array.from({ length: 5 + int(3) }, () => {
      const label = `${word()} ${word()}`;
      return `          <li class="${cls('menu__item')}" data-component="menu-item"><a class="${cls('menu__link')}" href="${base}/${section.toLowerCase()}/${label.toLowerCase().replace(/\W+/g, '-')}" data-track='{"event":"navigation","section":"${section.toLowerCase()}","position":"header"}'><span class="${cls('menu__label')}">${esc(label)}</span></a></li>`;
    });
    return `      <li class="${cls('menu__section')}" data-section="${section.toLowerCase()}">
        <a class="${cls('menu__heading')}" href="${base}/${section.toLowerCase()}" aria-haspopup="true">${section}</a>
        <ul class="${cls('menu__list')}" role="menu">
${links.join('\n')}
        </ul>
      </li>`;
  }).join('\n');

  const metaTags = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">',
    `<meta name="theme-color" content="#${int(0xffffff).toString(16).padStart(6, '0')}">`,
    `<meta property="og:site_name" content="${p.site}">`,
    '<meta property="og:type" content="article">',
    `<meta name="twitter:site" content="@${p.site.split('.')[0]}">`,
    '<meta name="twitter:card" content="summary_large_image">',
    `<meta name="google-site-verification" content="${random().toString(36).slice(2)}${random().toString(36).slice(2)}">`,
    '<meta name="robots" content="index, follow, max-image-preview:large">',
    ...['woff2/sans-regular', 'woff2/sans-bold', 'woff2/serif-regular'].map(
      (f) => `<link rel="preload" href="${base}/static/fonts/${f}.woff2" as="font" type="font/woff2" crossorigin>`,
    ),
    `<link rel="stylesheet" href="${base}/static/css/main.${random().toString(36).slice(2, 10)}.css">`,
    `<link rel="icon" href="${base}/favicon.ico" sizes="any"><link rel="apple-touch-icon" href="${base}/static/icons/apple-touch-icon.png">`,
    `<link rel="alternate" type="application/rss+xml" title="${p.site}" href="${base}/rss.xml">`,
    ...['cdn.ads.example', 'www.googletagmanager.com', 'static.chartbeat.com'].map((h) => `<link rel="preconnect" href="https://${h}">`),
  ].join('\n');
  const style = `<style>:root{--brand:#${int(0xffffff).toString(16).padStart(6, '0')};--gap:16px}body{margin:0;font:16px/1.5 system-ui,sans-serif}.${cls('menu__list').split(' ')[0]}{display:none}.${cls('teaser').split(' ')[0]}{display:flex;gap:var(--gap)}@media (min-width:768px){.${cls('menu__list').split(' ')[0]}{display:block}}</style>`;
  const adUnits = Array.from(
    { length: 24 },
    (_, i) =>
      `{"code":"div-gpt-ad-${int(1e9)}-${i}","path":"/${int(1e8)}/${p.site}/article","sizes":[[300,250],[728,90],[970,250]],"bids":[{"bidder":"appnexus","params":{"placementId":${int(1e8)}}},{"bidder":"rubicon","params":{"accountId":${int(1e5)},"siteId":${int(1e6)},"zoneId":${int(1e7)}}}]}`,
  );
  const scripts = [
    `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-${random().toString(36).slice(2, 12).toUpperCase()}',{anonymize_ip:true,send_page_view:false});</script>`,
    `<script>window.__ADS__={"enabled":true,"lazy":true,"refresh":30,"units":[${adUnits.join(',')}]};</script>`,
    `<script>!function(){var e=document.createElement("script"),t=document.getElementsByTagName("script")[0];e.async=!0,e.src="https://cdn.consent.example/${int(1e6)}/loader.js",e.setAttribute("data-domain","${p.site}"),t.parentNode.insertBefore(e,t);window.__tcfapi=window.__tcfapi||function(){(window.__tcfapi.a=window.__tcfapi.a||[]).push(arguments)}}();</script>`,
    ...['vendor', 'runtime', 'main', 'article', 'comments', 'video-player', 'analytics', 'paywall'].map(
      (name) => `<script src="${base}/static/js/${name}.${random().toString(36).slice(2, 10)}.js" defer></script>`,
    ),
  ].join('\n');
  const icon = (name: string) =>
    `<svg class="${cls('icon')}" aria-hidden="true" width="24" height="24" viewBox="0 0 24 24"><title>${name}</title><path d="M${int(24)} ${int(24)}c${Array.from({ length: 12 }, () => int(99) / 10).join(' ')}z"/></svg>`;
  const header = `<div class="${cls('skip')}"><a href="#main">Skip to content</a></div>
<header class="${cls('masthead')}" role="banner">
  <div class="${cls('masthead__top')}">
    <a class="${cls('logo')}" href="${base}/" aria-label="${p.site} home">${icon('logo')}<span>${p.site}</span></a>
    <form class="${cls('search')}" action="${base}/search" method="get" role="search"><label for="q" class="${cls('visually-hidden')}">Search</label><input id="q" name="q" type="search" placeholder="Search"><button type="submit">Search</button></form>
    <a class="${cls('account')}" href="${base}/account/login">Sign in</a> <a class="${cls('subscribe')}" href="${base}/subscribe?src=header">Subscribe</a>
  </div>
  <${nav} class="${cls('menu')}" aria-label="Main">
    <ul class="${cls('menu__sections')}">
${menu}
    </ul>
  </${nav}>
</header>`;
  const newsletter = `<div class="${cls('newsletter')}"><h2>Get the morning briefing</h2><p>The stories you need to know, in your inbox every morning.</p><form action="${base}/newsletter/subscribe" method="post"><input type="email" name="email" placeholder="Email address" required><input type="hidden" name="list" value="${int(1e6)}"><button type="submit">Sign up</button></form></div>`;
  const columns = FOOTER_COLUMNS.map(
    (column) =>
      `    <div class="${cls('footer__column')}"><h4>${column}</h4><ul>${Array.from({ length: 4 + int(3) }, () => {
        const label = `${word()} ${word()}`;
        return `<li><a href="${base}/${column.toLowerCase()}/${label.toLowerCase().replace(/\W+/g, '-')}">${esc(label)}</a></li>`;
      }).join('')}</ul></div>`,
  ).join('\n');
  const footer = `<${footerTag} class="${cls('site-footer')}" role="contentinfo">
  <div class="${cls('footer__columns')}">
${columns}
  </div>
  <div class="${cls('footer__social')}">${SOCIAL.slice(0, 4)
    .map((s) => `<a href="https://${s}.example/${p.site}" rel="noopener" aria-label="${s}">${icon(s)}</a>`)
    .join('')}</div>
  ${p.footer.map((f) => `<p class="${cls('footer__legal')}">${esc(f)}</p>`).join('\n  ')}
</${footerTag}>`;
  const cookie = `<div class="${cls('cookie-banner')}" role="dialog" aria-live="polite"><p>We and our partners use cookies and similar technologies to store and access information on your device, to measure audiences and to show you personalised content and advertising. You can change your choices at any time.</p><button class="${cls('button')}" data-consent="accept">Accept all</button><button class="${cls('button')}" data-consent="settings">Settings</button></div>`;
  const authors = Array.from({ length: 6 }, () => `${word()} ${word()}`);
  const bio = `<div class="${cls('author-bio')}"><img src="${base}/static/authors/${int(1e4)}.jpg" alt="" width="64" height="64"><p>Our correspondents report from the region for ${p.site}. Send tips and corrections to the newsroom; we read every message and answer as many as we can.</p></div>`;
  return { head: `${metaTags}\n${style}`, scripts, header, newsletter, footer, cookie, cls, semantic, authors, bio };
}

export function asRealHtml(p: CrawlPage): string {
  const c = chromeOf(p);
  const { cls } = c;
  const canonical = p.url.split('?')[0]!;
  const section = SECTIONS[p.url.length % SECTIONS.length]!;
  const author = c.authors[p.title.length % c.authors.length]!;
  const [day, month, year] = p.date.split('.');
  const iso = `${year}-${month}-${day}T0${p.title.length % 10}:15:00Z`;
  const article = c.semantic ? 'article' : 'div';
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: p.title,
    datePublished: iso,
    dateModified: iso,
    author: [{ '@type': 'Person', name: author }],
    publisher: { '@type': 'Organization', name: p.site, logo: { '@type': 'ImageObject', url: `https://${p.site}/static/logo.png` } },
    mainEntityOfPage: canonical,
    image: [`https://${p.site}/images/${p.title.length}/1200x675.jpg`],
  }).replace(/</g, '\\u003c');
  const share = SOCIAL.map(
    (s) =>
      `<li><a class="${cls('share__link')}" href="https://share.example/${s}?u=${encodeURIComponent(canonical)}" rel="noopener" target="_blank">${s}</a></li>`,
  ).join('');
  // A teaser as CMSs mark it up: picture, kicker, headline link, time, each in its own wrapper.
  const teaser = (title: string, href: string, i: number) =>
    [
      `<div class="${cls('teaser')}" data-component="teaser" data-position="${i}">`,
      `  <div class="${cls('teaser__media')}">`,
      `    <a href="${href}" tabindex="-1" aria-hidden="true"><picture><source type="image/webp" srcset="https://${p.site}/images/t${title.length}-320.webp 320w, https://${p.site}/images/t${title.length}-640.webp 640w"><img src="https://${p.site}/images/t${title.length}-320.jpg" alt="" width="320" height="180" loading="lazy" decoding="async"></picture></a>`,
      '  </div>',
      `  <div class="${cls('teaser__body')}">`,
      `    <span class="${cls('kicker')}">${SECTIONS[(title.length + i) % SECTIONS.length]}</span>`,
      `    <h3 class="${cls('teaser__title')}"><a href="${href}" data-track='{"event":"teaser","position":${i}}'>${esc(title)}</a></h3>`,
      `    <time class="${cls('teaser__time')}" datetime="2024-06-01T0${i}:00:00Z">${i + 1} hours ago</time>`,
      '  </div>',
      '</div>',
    ].join('\n            ');
  const related = p.related
    .map((title, i) => `    <li class="${cls('list__item')}">${teaser(title, `https://${p.site}/related/${title.length}-${i}`, i)}</li>`)
    .join('\n');
  const mostRead = [...p.teasers]
    .reverse()
    .map(
      (title, i) =>
        `    <li class="${cls('list__item')}"><span class="${cls('rank')}">${i + 1}</span>${teaser(title.split(' ').slice(0, 12).join(' '), `https://${p.site}/most-read/${i}`, i)}</li>`,
    )
    .join('\n');
  // The page's own state for the client-side app, as frameworks embed it: the article again, as JSON.
  const state = JSON.stringify({
    props: {
      pageProps: {
        article: {
          id: p.url.length * 7919 + p.title.length,
          headline: p.title,
          section,
          author,
          published: iso,
          body: p.paragraphs.map((text) => ({ type: 'paragraph', text })),
        },
      },
    },
    page: '/[section]/[year]/[slug]',
    query: { section: section.toLowerCase() },
    buildId: 'b' + p.site.length,
    runtimeConfig: { adsEnabled: true, paywall: { meter: 5 }, sections: SECTIONS },
  }).replace(/</g, '\\u003c');
  const image = `https://${p.site}/images/${p.title.length}`;
  return `<!doctype html>
<html lang="en" class="no-js">
<head>
${c.head}
<title>${esc(p.title)} | ${p.site}</title>
<meta name="description" content="${esc(p.paragraphs[0]!.slice(0, 150))}">
<meta property="og:title" content="${esc(p.title)}">
<meta property="og:url" content="${canonical}">
<meta property="og:image" content="${image}/1200x675.jpg">
<meta property="article:section" content="${section}">
<link rel="canonical" href="${canonical}">
<script type="application/ld+json">${jsonLd}</script>
${c.scripts}
<script>window.__PAGE__={"id":"${p.url.length}${p.title.length}","section":"${section}","paywall":false,"wordCount":${p.paragraphs.join(' ').split(' ').length}};</script>
</head>
<body class="${cls('page page--article')}">
${c.header}
<div class="${cls('latest')}">
  <h3>Latest news</h3>
${p.teasers.map((t, i) => `  ${teaser(t, `https://${p.site}/latest/${t.length}`, i)}`).join('\n')}
</div>
<main id="main" class="${cls('content')}">
  <ol class="${cls('breadcrumbs')}"><li><a href="https://${p.site}/">Home</a></li><li><a href="https://${p.site}/${section.toLowerCase()}">${section}</a></li></ol>
  <${article} class="${cls('article')}">
    <h1 class="${cls('article__headline')}">${esc(p.title)}</h1>
    <div class="${cls('byline')}"><span>By <a href="https://${p.site}/authors/${author.toLowerCase().replace(/\W+/g, '-')}">${esc(author)}</a></span> <p class="${cls('date')}">${p.date}</p></div>
    <figure class="${cls('article__figure')}"><picture><source type="image/webp" srcset="${image}/480.webp 480w, ${image}/960.webp 960w, ${image}/1440.webp 1440w" sizes="(min-width: 768px) 720px, 100vw"><img src="${image}/960.jpg" alt="" width="960" height="540"></picture><figcaption>Photo: ${p.site}</figcaption></figure>
    <ul class="${cls('share')}">${share}</ul>
    <div class="${cls('article__body')}">
${p.paragraphs
  .slice(0, 2)
  .map((x) => `      <p>${esc(x)}</p>`)
  .join('\n')}
${p.list.length ? `      <ul>${p.list.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}
      <div class="${cls('ad-slot')}" id="div-gpt-ad-inline-${p.title.length}" data-ad-unit="inline"></div>
${p.paragraphs
  .slice(2)
  .map((x) => `      <p>${esc(x)}</p>`)
  .join('\n')}
    </div>
    <ul class="${cls('tags')}">${p.title
      .split(' ')
      .slice(0, 5)
      .map((w) => `<li><a href="https://${p.site}/tag/${encodeURIComponent(w.toLowerCase())}">${esc(w)}</a></li>`)
      .join('')}</ul>
    ${c.bio}
  </${article}>
  <aside class="${cls('related')}">
    <h2>Related stories</h2>
    <ul>
${related}
    </ul>
    <h2>Most read</h2>
    <ol>
${mostRead}
    </ol>
  </aside>
  ${c.newsletter}
</main>
${c.footer}
${c.cookie}
<script id="__NEXT_DATA__" type="application/json">${state}</script>
</body>
</html>`;
}
