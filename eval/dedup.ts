/**
 * npm run eval:dedup -- --datasets PATH [--variants N] [--seed S]
 *
 * Builds a labelled near-duplicate set from real text — the gold articles of CleanPortalEval
 * (PATH/cleanportal/gold) and FLORES-200 sentences joined into 15-sentence documents
 * (PATH/langid/flores200-devtest, six languages) — by applying realistic edits at random strengths:
 * edited sentences, added or removed paragraphs, a different template around the same text,
 * truncation. Distinct documents (same site, same language, often the same topic) are the negatives.
 * Runs Winnow's fingerprint and dedup stages on the whole set and reports, per band of true Jaccard
 * similarity (word 5-gram shingles), the recall and precision of direct pair detection and of the final
 * clustering, the false merges below 0.5, and throughput.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { dedup, type DedupEntry } from '../stages/dedup.js';
import { bandKeys, fingerprint, shingleJaccard, SHINGLE_WORDS, SIGNATURE_BANDS } from '../stages/fingerprint.js';
import { shingles, similarity, type Signature } from '../stages/minhash.js';
import { prng } from '../bench/prng.js';
import { exitWithUsage, toolArgs } from '../scripts/tool-args.js';

const USAGE = 'usage: npm run eval:dedup -- --datasets PATH (the folder holding cleanportal/ and langid/) [--variants N] [--seed N]';
const { values } = toolArgs(USAGE, {
  options: { datasets: { type: 'string' }, variants: { type: 'string', default: '4' }, seed: { type: 'string', default: '7' } },
});
if (!values.datasets) exitWithUsage(USAGE);

const random = prng(Number(values.seed));
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

interface Base {
  readonly pool: string;
  readonly paragraphs: string[];
}

function baseDocuments(root: string): Base[] {
  const bases: Base[] = [];
  const goldDir = join(root, 'cleanportal/gold');
  for (const name of readdirSync(goldDir).sort()) {
    const raw = readFileSync(join(goldDir, name), 'utf8')
      .replace(/^\s*URL:.*$/m, '')
      .replace(/<!--[\s\S]*?-->/g, '');
    const paragraphs = decodeHTML(raw)
      .split(/<[phl]>/i)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter((p) => p.split(' ').length > 3);
    if (paragraphs.join(' ').split(' ').length >= 60) bases.push({ pool: name.replace(/_\d+\.txt$/, ''), paragraphs });
  }
  const flores = join(root, 'langid/flores200-devtest');
  for (const lang of ['eng_Latn', 'rus_Cyrl', 'deu_Latn', 'fra_Latn', 'spa_Latn', 'ukr_Cyrl']) {
    const sentences = readFileSync(join(flores, `${lang}.devtest`), 'utf8')
      .trim()
      .split('\n');
    for (let i = 0; i + 15 <= sentences.length; i += 15) {
      const doc = sentences.slice(i, i + 15);
      bases.push({ pool: lang, paragraphs: [0, 5, 10].map((k) => doc.slice(k, k + 5).join(' ')) });
    }
  }
  // Drop bases that are themselves near-copies of an earlier one (the gold set has a story twice).
  const kept: Base[] = [];
  for (const base of bases) {
    const text = base.paragraphs.join('\n\n');
    if (!kept.some((k) => k.pool === base.pool && shingleJaccard(k.paragraphs.join('\n\n'), text) > 0.3)) kept.push(base);
  }
  return kept;
}

const TEMPLATE_LINES = [
  'Share this article',
  'Read more:',
  'Sign up for our newsletter',
  'Follow us',
  'Advertisement',
  'Related stories',
  'Comments (12)',
];

/** One realistic edit of a document, at a random strength. */
function variant(base: Base, others: Base[]): { kind: string; text: string } {
  const paragraphs = [...base.paragraphs];
  const kind = pick(['edit-sentences', 'add-paragraph', 'remove-paragraph', 'template', 'truncate', 'mixed']);
  const editWords = (p: string, share: number) =>
    p
      .split(' ')
      .map((w) => (random() < share ? pick(['new', 'other', 'revised', 'updated', 'said']) : w))
      .join(' ');
  const strength = random();
  switch (kind) {
    case 'edit-sentences':
      return { kind, text: paragraphs.map((p) => editWords(p, strength * 0.12)).join('\n\n') };
    case 'add-paragraph': {
      const extra = pick(others.filter((o) => o.pool === base.pool && o !== base) ?? others).paragraphs;
      const count = 1 + Math.floor(strength * Math.min(3, extra.length));
      return { kind, text: [...paragraphs, ...extra.slice(0, count)].join('\n\n') };
    }
    case 'remove-paragraph': {
      const drop = Math.max(1, Math.floor(strength * paragraphs.length * 0.5));
      return { kind, text: paragraphs.filter((_, i) => i < paragraphs.length - drop || i === 0).join('\n\n') };
    }
    case 'template': {
      const lines = Array.from({ length: 1 + Math.floor(strength * 6) }, () => pick(TEMPLATE_LINES));
      return { kind, text: [lines.slice(0, 2).join(' '), ...paragraphs, lines.slice(2).join(' ')].join('\n\n') };
    }
    case 'truncate': {
      const words = paragraphs.join('\n\n').split(' ');
      return { kind, text: words.slice(0, Math.max(20, Math.floor(words.length * (1 - strength * 0.6)))).join(' ') };
    }
    default:
      return { kind, text: [TEMPLATE_LINES[0], ...paragraphs.map((p) => editWords(p, strength * 0.05)).slice(0, -1)].join('\n\n') };
  }
}

const bases = baseDocuments(values.datasets);
const docs: { group: number; pool: string; kind: string; text: string }[] = [];
bases.forEach((base, group) => {
  docs.push({ group, pool: base.pool, kind: 'original', text: base.paragraphs.join('\n\n') });
  for (let v = 0; v < Number(values.variants); v++) docs.push({ group, pool: base.pool, ...variant(base, bases) });
});

// Winnow's stages, timed: fingerprint every document, then cluster.
const started = performance.now();
const entries: (DedupEntry & { signature: Signature | null })[] = docs.map((doc, i) => {
  const print = fingerprint(null, doc.text);
  return {
    source: `doc#${i}`,
    exact: print.exact,
    bands: print.signature && bandKeys(print.signature),
    signature: print.signature,
    length: doc.text.length,
    published: null,
  };
});
const decisions = dedup(entries.length, (i) => entries[i]!, {
  estimate: (i, j) => similarity(entries[i]!.signature!, entries[j]!.signature!),
  similarity: (i, j) => shingleJaccard(docs[i]!.text, docs[j]!.text),
});
const seconds = (performance.now() - started) / 1000;
const cluster = [...decisions.survivor];

// Pair detection, independent of the order union-find met the pairs in: the pair shares a band and
// passes verification (estimate within the slack, exact Jaccard at the threshold).
const keys = entries.map((e) => (e.bands ? Array.from(e.bands) : []));
const detectedPair = (a: number, b: number) =>
  keys[a]!.some((k, band) => keys[b]![band] === k) &&
  similarity(entries[a]!.signature!, entries[b]!.signature!) >= 0.65 &&
  shingleJaccard(docs[a]!.text, docs[b]!.text) >= 0.8;
const directPairs = new Set<string>();
for (let band = 0; band < SIGNATURE_BANDS; band++) {
  const buckets = new Map<number, number[]>();
  keys.forEach((k, i) => k.length && buckets.set(k[band]!, [...(buckets.get(k[band]!) ?? []), i]));
  for (const members of buckets.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const key = `${members[x]},${members[y]}`;
        if (!directPairs.has(key) && detectedPair(members[x]!, members[y]!)) directPairs.add(key);
      }
    }
  }
}

// Ground truth: same group = duplicates. True Jaccard for every same-group pair and every merged pair.
const sets = docs.map((d) => new Set(shingles(d.text, SHINGLE_WORDS)));
const jaccard = (a: number, b: number) => {
  let shared = 0;
  for (const x of sets[a]!) if (sets[b]!.has(x)) shared++;
  return shared / (sets[a]!.size + sets[b]!.size - shared || 1);
};
const BANDS = [
  [0, 0.5],
  [0.5, 0.6],
  [0.6, 0.7],
  [0.7, 0.8],
  [0.8, 0.85],
  [0.85, 0.9],
  [0.9, 1.0001],
] as const;
const band = (j: number) => BANDS.findIndex(([lo, hi]) => j >= lo && j < hi);
const stats = BANDS.map(() => ({ positives: 0, detected: 0, clustered: 0, falseDetected: 0, falseClustered: 0 }));
const byGroup = new Map<number, number[]>();
docs.forEach((d, i) => byGroup.set(d.group, [...(byGroup.get(d.group) ?? []), i]));
for (const members of byGroup.values()) {
  for (let x = 0; x < members.length; x++) {
    for (let y = x + 1; y < members.length; y++) {
      const [a, b] = [members[x]!, members[y]!];
      const s = stats[band(jaccard(a, b))]!;
      s.positives++;
      if (directPairs.has(`${a},${b}`)) s.detected++;
      if (cluster[a] === cluster[b]) s.clustered++;
    }
  }
}
// Cross-group pairs that ended merged (false merges), by their true similarity.
const byCluster = new Map<number, number[]>();
cluster.forEach((c, i) => byCluster.set(c, [...(byCluster.get(c) ?? []), i]));
let falseClusteredPairs = 0;
for (const members of byCluster.values()) {
  for (let x = 0; x < members.length; x++) {
    for (let y = x + 1; y < members.length; y++) {
      const [a, b] = [members[x]!, members[y]!];
      if (docs[a]!.group === docs[b]!.group) continue;
      falseClusteredPairs++;
      stats[band(jaccard(a, b))]!.falseClustered++;
    }
  }
}
for (const key of directPairs) {
  const [a, b] = key.split(',').map(Number) as [number, number];
  if (docs[a]!.group !== docs[b]!.group) stats[band(jaccard(a, b))]!.falseDetected++;
}
const n = docs.length;
const crossPairs = (n * (n - 1)) / 2 - [...byGroup.values()].reduce((sum, m) => sum + (m.length * (m.length - 1)) / 2, 0);

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
console.log(
  `\n${n} documents (${bases.length} originals × ${1 + Number(values.variants)}), ${crossPairs.toLocaleString('en')} negative pairs, threshold 0.8\n`,
);
console.log('| true Jaccard | duplicate pairs | pair recall | pair precision | cluster recall | cluster precision |');
console.log('|---|---|---|---|---|---|');
BANDS.forEach(([lo, hi], i) => {
  const s = stats[i]!;
  console.log(
    `| ${lo.toFixed(2)}–${Math.min(hi, 1).toFixed(2)} | ${s.positives} | ${f(s.detected / s.positives)} | ${f(s.detected / (s.detected + s.falseDetected))} | ${f(s.clustered / s.positives)} | ${f(s.clustered / (s.clustered + s.falseClustered))} |`,
  );
});
const high = stats.slice(5).reduce((a, s) => ({ p: a.p + s.positives, c: a.c + s.clustered, d: a.d + s.detected }), { p: 0, c: 0, d: 0 });
const low = stats[0]!;
console.log(`\npairs at Jaccard ≥ 0.85: pair recall ${f(high.d / high.p)}, cluster recall ${f(high.c / high.p)}`);
console.log(
  `negative pairs merged: ${falseClusteredPairs} of ${crossPairs.toLocaleString('en')} (below 0.5: ${low.falseClustered}); precision below 0.5: ${f(1 - low.falseClustered / (crossPairs + low.positives))}`,
);
console.log(`throughput: ${(n / seconds).toFixed(0)} documents/s (fingerprint + LSH + verification, one core)`);
