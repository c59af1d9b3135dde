/**
 * Stage dedup: one record per article.
 *
 * Sees fingerprints and small metadata only, never texts. Entries with the same exact key form a
 * cluster; its survivor is chosen by a rule that does not depend on arrival order:
 * the longest clean text, then the earliest publication date (a known date before none), then the
 * smallest source in source order.
 */

export interface DedupEntry {
  readonly source: string;
  readonly exact: string;
  /** Characters of clean text (title and body). */
  readonly length: number;
  readonly published: string | null;
}

export interface DedupDecision {
  /** Index (into the entries) of the record that carries this entry, itself when it survives. */
  readonly survivor: number;
  /** For survivors: indexes of the entries merged into it, in source order. */
  readonly absorbed: readonly number[];
}

/** Source order: by path, then by record number for `FILE#N` sources, numerically. */
export function compareSources(a: string, b: string): number {
  const [pathA, numA] = splitSource(a);
  const [pathB, numB] = splitSource(b);
  if (pathA !== pathB) return pathA < pathB ? -1 : 1;
  return numA - numB;
}

function splitSource(source: string): [string, number] {
  const m = /^(.*)#(\d+)$/s.exec(source);
  return m ? [m[1]!, Number(m[2])] : [source, -1];
}

export function betterSurvivor(a: DedupEntry, b: DedupEntry): number {
  if (a.length !== b.length) return b.length - a.length;
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? -1 : 1;
  }
  return compareSources(a.source, b.source);
}

export function dedupExact(entries: readonly DedupEntry[]): DedupDecision[] {
  const clusters = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    const members = clusters.get(entry.exact);
    if (members) members.push(i);
    else clusters.set(entry.exact, [i]);
  });
  const decisions: DedupDecision[] = new Array(entries.length);
  for (const members of clusters.values()) {
    const ranked = [...members].sort((x, y) => betterSurvivor(entries[x]!, entries[y]!));
    const survivor = ranked[0]!;
    const absorbed = ranked.slice(1).sort((x, y) => compareSources(entries[x]!.source, entries[y]!.source));
    for (const member of members) decisions[member] = { survivor, absorbed: member === survivor ? absorbed : [] };
  }
  return decisions;
}
