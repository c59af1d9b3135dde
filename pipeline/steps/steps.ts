/** The steps of a run, in the order they run. */
import { clean } from './clean.js';
import { dedup } from './dedup.js';
import { join } from './join.js';
import { learn } from './learn.js';
import { mergeStats } from './merge-stats.js';
import { plan } from './plan.js';
import { report } from './report.js';
import type { Step } from './step.js';
import { write } from './write.js';

export const STEPS: readonly Step[] = [plan, learn, mergeStats, clean, dedup, join, write, report];
