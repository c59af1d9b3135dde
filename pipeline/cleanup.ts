/**
 * Work to undo if the process is stopped: temporary files and directories. SIGINT and SIGTERM run it and
 * exit non-zero (130, 143); a normal end runs each piece itself and unregisters it. SIGKILL cannot be
 * caught: atomic renames make sure it never leaves a partial output in place.
 */
const pending = new Set<() => void>();
let installed = false;

export function onCleanup(undo: () => void): () => void {
  install();
  pending.add(undo);
  return () => pending.delete(undo);
}

/**
 * Undoes the pending work, the latest first: what was set up inside something else (a task's files and
 * markers inside a temporary work directory) is undone before it, so that undoing it cannot make it again.
 */
export function runCleanups(): void {
  for (const undo of [...pending].reverse()) {
    pending.delete(undo);
    try {
      undo();
    } catch {
      // cleaning up must not stop the rest of the clean-up
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      runCleanups();
      process.stderr.write(`\nwinnow: stopped by ${signal}; temporary files removed\n`);
      process.exit(code);
    });
  }
}
