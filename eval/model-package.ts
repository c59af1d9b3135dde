/**
 * A copy of the compiled package (`dist/`) whose page-type stage uses another model than the shipped one.
 *
 * The model reaches the pipeline two ways: the compiled modules import `dist/stages/page-type-model.json`,
 * and the command and the worker are esbuild bundles that hold the model inlined. So the copy gets the model
 * file, and its command and worker are bundled again from the sources with the model swapped in, as
 * `npm run build` bundles them (from the sources: the build overwrites its compiled entry points with the
 * bundles), so build the project first. The copy's `node_modules` is a link to the project's.
 */
import { cpSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** Writes the copy of the package of the project at `root` into `dir` (which must not exist) and returns it. */
export async function packageWithModel(model: unknown, projectRoot: string, packageDir: string): Promise<string> {
  const [root, dir] = [resolve(projectRoot), resolve(packageDir)];
  cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const modelFile = join(dir, 'dist/stages/page-type-model.json');
  writeFileSync(modelFile, JSON.stringify(model));
  await build({
    entryPoints: { 'cli/cli': join(root, 'pipeline/cli/cli.ts'), 'workers/worker': join(root, 'pipeline/workers/worker.ts') },
    outdir: join(dir, 'dist/pipeline'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    plugins: [
      {
        name: 'page-type-model',
        setup(bundle) {
          bundle.onResolve({ filter: /page-type-model\.json$/ }, () => ({ path: modelFile }));
        },
      },
    ],
  });
  return dir;
}
