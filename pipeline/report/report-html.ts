/**
 * The run report as one self-contained HTML page (`--report-html`): no network, no external assets.
 * Counts, inputs, rejects, histograms (inline SVG, drawn here), per-site template blocks, duplicate
 * clusters, and a page viewer with a search box that colours each block by verdict, the reason on hover.
 *
 * Every text from the pages is escaped; the page data travels as JSON in a non-executable script
 * element and is put on the page with textContent only.
 */
import type { Inspection } from './inspection.js';
import type { RunReport, Totals } from './report.js';
import type { Reject } from '../types.js';

/** Rows listed before "… and N more" in the sites and rejects tables. */
const SITES_LISTED = 200;
const REJECTS_LISTED = 200;

export interface ReportPage {
  readonly report: RunReport;
  readonly rejects: readonly Reject[];
  readonly inspection: Inspection;
  /** The inputs as given, for the heading. */
  readonly inputs: readonly string[];
}

export function renderReportHtml({ report, rejects, inspection, inputs }: ReportPage): string {
  const t = report.totals;
  const sections = [
    counts(t),
    inputsTable(report.inputs),
    section('Languages', 'languages', histogram(inspection.languages, 'records')),
    section('Publication years', 'years', histogram(inspection.years, 'records')),
    section('Where dates came from', 'published-from', histogram(inspection.publishedFrom, 'records')),
    rejectsSection(report, rejects),
    sitesSection(report, inspection),
    clustersSection(inspection),
    pagesSection(inspection),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Winnow run report</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Winnow run report</h1><p class="inputs">${inputs.map(escape).join(' · ')}</p></header>
<main>
${sections.join('\n')}
</main>
<script type="application/json" id="page-data">${jsonForScript(inspection.pages)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function counts(t: Totals): string {
  const cells = (['read', 'emitted', 'duplicates', 'rejected', 'skipped', 'filtered'] as const)
    .map(
      (key) =>
        `<div class="count count-${key}" data-count="${key}"><span class="n">${t[key]}</span><span class="label">${key}</span></div>`,
    )
    .join('');
  return `<section id="counts" class="counts">${cells}<p class="balance">read = emitted + duplicates + rejected + skipped + filtered: ${t.read} = ${t.emitted} + ${t.duplicates} + ${t.rejected} + ${t.skipped} + ${t.filtered}</p></section>`;
}

function inputsTable(inputs: Record<string, Totals>): string {
  const rows = Object.entries(inputs).map(
    ([input, t]) =>
      `<tr><td>${escape(input)}</td><td>${t.read}</td><td>${t.emitted}</td><td>${t.duplicates}</td><td>${t.rejected}</td><td>${t.skipped}</td><td>${t.filtered}</td></tr>`,
  );
  return section('Inputs', 'inputs', table(['input', 'read', 'emitted', 'duplicates', 'rejected', 'skipped', 'filtered'], rows));
}

function rejectsSection(report: RunReport, rejects: readonly Reject[]): string {
  if (rejects.length === 0) return section('Rejects', 'rejects', '<p class="none">No input was rejected.</p>');
  const byReason = histogram(report.rejects, 'inputs');
  const rows = rejects
    .slice(0, REJECTS_LISTED)
    .map(
      (r) => `<tr><td>${escape(r.source)}</td><td><span class="reason">${escape(r.reason)}</span></td><td>${escape(r.detail)}</td></tr>`,
    );
  return section(
    'Rejects',
    'rejects',
    byReason + table(['source', 'reason', 'detail'], rows) + more(rejects.length - REJECTS_LISTED, 'rejects'),
  );
}

function sitesSection(report: RunReport, inspection: Inspection): string {
  const templates = new Map(inspection.templates.map((t) => [t.site, t]));
  const sites = Object.entries(report.sites).sort(([a, x], [b, y]) => y.read - x.read || (a < b ? -1 : 1));
  const items = sites.slice(0, SITES_LISTED).map(([site, s]) => {
    const learned = templates.get(site)?.blocks ?? [];
    const list = learned.length
      ? `<ol class="learned">${learned.map((b) => `<li><span class="support" title="pages carrying this block">${b.support}/${s.pages}</span> ${escape(b.text)}</li>`).join('')}</ol>`
      : '<p class="none">No template block learned (too few pages, or nothing repeats).</p>';
    return `<details class="site"><summary><b>${escape(site)}</b> — ${s.pages} pages, ${s.read} read, ${s.emitted} emitted, ${s.template_blocks} template blocks removed</summary>${list}</details>`;
  });
  return section('Sites and the template blocks they taught', 'sites', items.join('') + more(sites.length - SITES_LISTED, 'sites'));
}

function clustersSection(inspection: Inspection): string {
  if (inspection.clusterCount === 0) return section('Duplicate clusters', 'clusters', '<p class="none">No duplicates.</p>');
  const rows = inspection.clusters.map(
    (c) =>
      `<tr><td>${escape(c.survivor)}<div class="title">${escape(c.title ?? '')}</div></td><td>${c.members.length}</td><td>${c.members.map(escape).join('<br>')}</td></tr>`,
  );
  return section(
    'Duplicate clusters',
    'clusters',
    table(['kept record', 'merged', 'merged inputs'], rows) + more(inspection.clusterCount - inspection.clusters.length, 'clusters'),
  );
}

function pagesSection(inspection: Inspection): string {
  const shown = inspection.pages.length;
  return section(
    'Pages, block by block',
    'pages',
    `<p class="hint">The first ${shown} pages read${shown >= inspection.pagesShown ? ` (--report-html-pages ${inspection.pagesShown})` : ''}. Hover a block for the reason.
<span class="legend"><span class="block article">article</span><span class="block template">template</span><span class="block boilerplate">boilerplate</span><span class="block other">other</span></span></p>
<input id="search" type="search" placeholder="Find a page by source or title" autocomplete="off">
<div class="viewer"><ul id="page-list"></ul><article id="page-view"></article></div>`,
  );
}

/** A horizontal bar chart as inline SVG, one bar per key, in key order. */
function histogram(data: Readonly<Record<string, number>>, unit: string): string {
  const entries = Object.entries(data);
  if (entries.length === 0) return '<p class="none">Nothing to show.</p>';
  const max = Math.max(...entries.map(([, n]) => n));
  const bar = 18;
  const labelWidth = 110;
  const width = 560;
  const height = entries.length * (bar + 4);
  const bars = entries.map(([key, n], i) => {
    const y = i * (bar + 4);
    const w = Math.max(1, Math.round(((width - labelWidth - 60) * n) / max));
    return `<g class="bar"><title>${escape(key)}: ${n} ${unit}</title><text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end">${escape(key)}</text><rect x="${labelWidth}" y="${y}" width="${w}" height="${bar}" rx="2"></rect><text x="${labelWidth + w + 6}" y="${y + 13}">${n}</text></g>`;
  });
  return `<svg class="histogram" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${bars.join('')}</svg>`;
}

const section = (title: string, id: string, body: string) => `<section id="${id}"><h2>${escape(title)}</h2>${body}</section>`;

const table = (head: string[], rows: string[]) =>
  `<table><thead><tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;

const more = (count: number, what: string) => (count > 0 ? `<p class="more">… and ${count} more ${what} (see the JSON report).</p>` : '');

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that cannot end its script element or open a comment inside it. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const STYLE = `
:root { --article: #d9f2d9; --template: #ffd9d9; --boilerplate: #ffe9c2; --other: #e8e8ee; --ink: #1d1d27; --muted: #676779; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--ink); background: #fafafb; }
header { padding: 16px 24px; background: #1d2b45; color: #fff; }
header h1 { margin: 0; font-size: 20px; }
header .inputs { margin: 4px 0 0; color: #c7d0e4; font-family: ui-monospace, monospace; font-size: 12px; }
main { padding: 8px 24px 40px; max-width: 1200px; }
h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.counts { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
.count { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 16px; min-width: 120px; }
.count .n { display: block; font-size: 28px; font-weight: 600; }
.count .label { color: var(--muted); }
.count-emitted .n { color: #1b7a32; } .count-rejected .n { color: #b02a2a; } .count-duplicates .n { color: #8a5a00; }
.balance { flex-basis: 100%; margin: 0; color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; background: #fff; width: 100%; font-size: 13px; }
th, td { border: 1px solid #e2e2e8; padding: 4px 8px; text-align: left; vertical-align: top; }
td:not(:first-child) { word-break: break-word; }
.reason { font-family: ui-monospace, monospace; background: #f3e1e1; padding: 0 4px; border-radius: 3px; }
.histogram text { font-size: 12px; fill: var(--ink); } .histogram rect { fill: #4a6fb3; }
.site { background: #fff; border: 1px solid #e2e2e8; border-radius: 4px; margin: 4px 0; padding: 4px 8px; }
.site summary { cursor: pointer; }
.learned { margin: 6px 0; padding-left: 24px; font-size: 13px; }
.support { display: inline-block; min-width: 44px; font-family: ui-monospace, monospace; color: var(--muted); }
.title { color: var(--muted); font-size: 12px; }
.none, .more, .hint { color: var(--muted); }
#search { width: 100%; max-width: 480px; padding: 6px 10px; font-size: 14px; border: 1px solid #bbb; border-radius: 4px; margin-bottom: 8px; }
.viewer { display: grid; grid-template-columns: minmax(220px, 1fr) 3fr; gap: 12px; }
#page-list { list-style: none; margin: 0; padding: 0; max-height: 640px; overflow: auto; border: 1px solid #ddd; background: #fff; }
#page-list li { padding: 6px 8px; border-bottom: 1px solid #eee; cursor: pointer; font-size: 12px; }
#page-list li.selected { background: #e4ebfa; }
#page-list li .src { font-family: ui-monospace, monospace; color: var(--muted); word-break: break-all; }
#page-view { background: #fff; border: 1px solid #ddd; padding: 10px 14px; min-height: 200px; }
#page-view .outcome { font-size: 12px; color: var(--muted); margin-bottom: 8px; }
.block { display: block; padding: 3px 6px; margin: 2px 0; border-radius: 3px; white-space: pre-wrap; }
.legend .block { display: inline-block; margin: 0 4px; }
.article { background: var(--article); } .template { background: var(--template); }
.boilerplate { background: var(--boilerplate); } .other { background: var(--other); color: var(--muted); }
`;

/** The page viewer: list, search, and a page's blocks. Data from #page-data; text via textContent only. */
const SCRIPT = `
(function () {
  var pages = JSON.parse(document.getElementById('page-data').textContent);
  var list = document.getElementById('page-list');
  var view = document.getElementById('page-view');
  var search = document.getElementById('search');
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function show(index) {
    var page = pages[index];
    Array.prototype.forEach.call(list.children, function (li) { li.classList.toggle('selected', Number(li.dataset.index) === index); });
    view.textContent = '';
    view.dataset.source = page.source;
    view.appendChild(el('h3', null, page.title || '(no title)'));
    var outcome = page.outcome + (page.detail ? ' — ' + page.detail : '');
    view.appendChild(el('div', 'outcome', page.source + (page.url ? ' · ' + page.url : '') + ' · ' + page.site + ' · ' + outcome));
    page.blocks.forEach(function (b) { var d = el('div', 'block ' + b.class, b.text); d.title = b.reason; view.appendChild(d); });
  }
  function render() {
    var q = search.value.trim().toLowerCase();
    list.textContent = '';
    var first = -1;
    pages.forEach(function (page, i) {
      if (q && page.source.toLowerCase().indexOf(q) < 0 && (page.title || '').toLowerCase().indexOf(q) < 0) return;
      var li = el('li');
      li.dataset.index = String(i);
      li.appendChild(el('div', null, page.title || '(no title)'));
      li.appendChild(el('div', 'src', page.source + ' · ' + page.outcome));
      li.addEventListener('click', function () { show(i); });
      list.appendChild(li);
      if (first < 0) first = i;
    });
    if (first >= 0) show(first); else { view.textContent = ''; view.appendChild(el('p', 'none', 'No page matches.')); delete view.dataset.source; }
  }
  search.addEventListener('input', render);
  render();
})();
`;
