/** One line for an I/O or parse error: its code (ENOENT, EACCES…) and message when it has them. */
export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const e = error as { code?: string; message?: string };
    return `${e.code}: ${e.message ?? ''}`.trim();
  }
  return error instanceof Error ? error.message : String(error);
}
