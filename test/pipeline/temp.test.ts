import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeOrphans } from '../../pipeline/temp.js';
import { scratch } from '../helpers.js';

const TEMP_MODULE = fileURLToPath(new URL('../../pipeline/temp.js', import.meta.url));

/** A process that makes a temporary directory in `dir`, then is killed before it can remove it. */
function killedOwner(dir: string): void {
  const script = `const { TempDir } = await import(${JSON.stringify(TEMP_MODULE)}); new TempDir('work'); process.kill(process.pid, 'SIGKILL');`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: dir },
  });
  if (result.signal !== 'SIGKILL') throw new Error(`the owner was not killed: ${result.stderr}`);
}

test('the next process removes a killed process’s temporary directory', (t) => {
  const dir = scratch(t);
  killedOwner(dir);
  const [first, ...none] = readdirSync(dir);
  t.regex(first!, /^winnow-work-\d+\.\d+@.+-\w{6}$/);
  t.deepEqual(none, []);
  killedOwner(dir);
  const left = readdirSync(dir);
  t.is(left.length, 1, 'the first one is gone');
  t.not(left[0], first);
});

test('orphans are directories whose owner is gone; a live owner’s, another host’s and other names are kept', (t) => {
  const dir = scratch(t);
  killedOwner(dir);
  const [orphan] = readdirSync(dir);
  const [, owner, suffix] = /^winnow-work-\d+\.(.+)-(\w{6})$/.exec(orphan!)!;
  const kept = [
    `winnow-stats-${process.pid}.${owner}-${suffix}`,
    `winnow-work-1.${owner!.replace(/@.*/, '@another-host')}-${suffix}`,
    'winnow-test-abc123',
    'winnow-work-abc123',
  ];
  for (const name of kept) mkdirSync(join(dir, name));
  t.deepEqual(removeOrphans(dir), [orphan]);
  t.deepEqual(readdirSync(dir).sort(), kept.sort());
});
