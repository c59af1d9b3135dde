/**
 * The golden fixture sets: each folder under fixtures/ is run on its own, from the project root,
 * and its records must equal fixtures/expected/<folder>.ndjson byte for byte.
 * Regenerate with `npm run golden:update` and review the diff before committing.
 */
export const GOLDEN_SETS = ['seeds', 'sites', 'html'] as const;
