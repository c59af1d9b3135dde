/**
 * `npm run test:slow`: whole runs through processes — pipes and devices, signals and killed runs, faults,
 * runs split into tasks on the local executor and on Slurm. Each test spawns the CLI several times over
 * crawls big enough to take a while. Each file in a process of its own: they send signals and spawn children.
 */
import base from './ava.config.mjs';

export default { ...base, files: ['.build/test/slow/**/*.test.js'], workerThreads: false };
