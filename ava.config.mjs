/**
 * `npm test`: every test but the slow group, which `npm run test:slow` runs (ava.slow.config.mjs) and CI
 * runs too. Test files run as TypeScript through tsx; the pipeline they drive is the compiled `dist/`.
 */
export default {
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  files: ['test/**/*.test.ts', '!test/slow/**'],
  timeout: '3m',
  workerThreads: false,
  concurrency: 2,
};
