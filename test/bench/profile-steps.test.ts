import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STEPS } from '../../bench/profile-steps.js';
import { ROOT } from '../helpers.js';

/** Functions of the runtime, not of the project: Node's worker messages and V8's collector. */
const RUNTIME = new Set(['postMessage', '(garbage collector)']);

test('every function and module bench:profile counts a step by is still in the code (a renamed stage would read 0%)', (t) => {
  // The project's files, as `/dir/name` (what a profile's module URL ends with), and their sources.
  const files = ['pipeline', 'stages'].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((name) => `/${dir}/${name}`),
  );
  const code = files
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => readFileSync(join(ROOT, file), 'utf8'));
  for (const [step, pattern] of STEPS) {
    for (const part of pattern.split('|')) {
      if (RUNTIME.has(part)) continue;
      if (part.startsWith('@')) {
        const fragment = part.slice(1);
        const inProject = files.some((file) => file.includes(fragment.replace(/\/$/, '')));
        t.true(inProject || existsSync(join(ROOT, 'node_modules', fragment)), `${step}: no module at ${fragment}`);
        continue;
      }
      // A function declaration, or a method's: its name at the start of a line and its body opening there.
      const declared = new RegExp(
        `(?:function\\*?\\s+${part}\\b|^\\s+(?:private\\s+|async\\s+|static\\s+)*${part}\\(.*\\)(?::[^{]*)?\\{\\s*$)`,
        'm',
      );
      t.true(
        code.some((text) => declared.test(text)),
        `${step}: no function ${part}`,
      );
    }
  }
});
