import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './helpers.js';

const FOLDERS = ['pipeline', 'stages', 'test', 'scripts', 'bench', 'eval'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The project's own modules each file imports (type-only imports too: they tie the modules as much). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of FOLDERS.flatMap((folder) => sources(join(ROOT, folder)))) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gms)].map((m) =>
      resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')),
    );
    graph.set(file, targets);
  }
  return graph;
}

test('no module imports itself through others: the modules form layers', (t) => {
  const graph = importGraph();
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push(
        path
          .slice(path.indexOf(file))
          .concat(file)
          .map((f) => relative(ROOT, f))
          .join(' → '),
      );
      return;
    }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) visit(file, []);
  t.true(graph.size > 100, `${graph.size} modules read`);
  t.deepEqual(cycles, []);
});

test('what ships imports only Node built-ins and the packages it depends on, not development ones', (t) => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const imported = new Set<string>();
  for (const file of ['pipeline', 'stages'].flatMap((folder) => sources(join(ROOT, folder)))) {
    if (file.endsWith('.test.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*?\bfrom\s+'([^'.][^']*)'/gms)) {
      const specifier = m[1]!;
      if (!specifier.startsWith('node:')) imported.add(specifier.split('/', specifier.startsWith('@') ? 2 : 1).join('/'));
    }
  }
  t.true(imported.has('htmlparser2'), [...imported].join(', '));
  t.deepEqual(
    [...imported].filter((name) => !(name in pkg.dependencies)),
    [],
  );
});
