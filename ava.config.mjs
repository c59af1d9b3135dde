/**
 * `npm test`: every test but the slow group, which `npm run test:slow` runs (ava.slow.config.mjs) and CI
 * runs too. `npm run check` type-checks the project and compiles it, tests included, into `.build/`: the
 * tests run as JavaScript, with no TypeScript loader to start in each; the pipeline they drive through the
 * CLI is the package in `dist/`. Test files run in worker threads of one process: a process each would
 * cost every file a Node start-up.
 */
export default {
  files: ['.build/test/**/*.test.js', '!.build/test/slow/**'],
  require: ['./test/setup.mjs'],
  timeout: '3m',
  workerThreads: true,
  concurrency: 2,
};
