/**
 * Loaded by ava in every test worker before the test file (ava.config.mjs \`require\`): property tests draw
 * from a fixed seed, so a run is repeatable (WINNOW_FC_SEED=N draws other cases).
 */
import fc from 'fast-check';
import process from 'node:process';

fc.configureGlobal({ seed: Number(process.env.WINNOW_FC_SEED ?? 1) });
