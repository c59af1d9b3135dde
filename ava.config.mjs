/**
 * `npm test`: every test but the slow group, which `npm run test:slow` runs (ava.slow.config.mjs) and CI
 * runs too. Test files are TypeScript (test/setup.mjs registers tsx in each worker); the pipeline they
 * drive is the compiled `dist/`. Test files run in worker threads of one process: a process each would
 * cost every file a Node start-up.
 */
export default {
  extensions: { ts: 'module' },
  require: ['./test/setup.mjs'],
  files: ['test/**/*.test.ts', '!test/slow/**'],
  timeout: '3m',
  workerThreads: true,
  concurrency: 2,
};
