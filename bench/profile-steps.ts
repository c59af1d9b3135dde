/**
 * The steps `bench:profile` reports. Each is named by the functions that stand for it, `|`-separated;
 * `@fragment` stands for every function of a module whose URL contains the fragment. Inclusive time is
 * counted once per sample. `test/bench/profile-steps.test.ts` checks that the code still has each name.
 */
export const STEPS: readonly [string, string][] = [
  ['decode', 'decode'],
  ['html parse + blocks', 'htmlBlocks'],
  ['text blocks', 'textBlocks'],
  ['page type (features, model)', '@/stages/page-type'],
  ['extraction (template, boilerplate, attempts, segment)', 'extract'],
  ['dates (findPublicationDates)', 'findPublicationDates'],
  ['dates (bylines, datelines)', 'pageDates|bylineDates|articleDateline|datelineNearHeading'],
  ['language (detectLanguage)', 'detectLanguage'],
  ['fingerprint (MinHash)', 'fingerprintOfNorm'],
  ['pass 1 page signature', 'pageSignature'],
  ['worker messages (postMessage)', 'postMessage'],
  ['reading inputs', '@/pipeline/input/'],
  ['site statistics (merged from pass 1)', '@/pipeline/steps/merge-stats'],
  ['dedup', 'dedup'],
  ['record validation (zod)', '@/zod/'],
  ['garbage collector', '(garbage collector)'],
];
