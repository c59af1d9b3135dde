/**
 * The stages a run counts kept and dropped items for, in pipeline order. A module of its own so that the
 * main thread's report can name them without loading the page stages, which only the workers run.
 */
import type { Tally } from '../stages/types.js';

export const STAGES = ['decode', 'blocks', 'template', 'boilerplate', 'segment', 'dates', 'language', 'dedup'] as const;
export type StageName = (typeof STAGES)[number];
export type StageTallies = Partial<Record<StageName, Tally>>;
