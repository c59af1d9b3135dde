// Starts the TypeScript worker when Winnow runs from source (tests, tsx): worker threads do not
// inherit the tsx loader of the main thread. The compiled package uses worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
