/** Header blocks (WARC and HTTP): lines of `Name: value` up to a blank line. */

/** Longest header block that is not taken for damage. */
export const HEAD_BYTES = 64 * 1024;

/** Just past the first blank line (CRLF or LF line ends), or -1. */
export function blankLineEnd(bytes: Buffer): number {
  const crlf = bytes.indexOf('\n\r\n');
  const lf = bytes.subarray(0, crlf === -1 ? bytes.length : crlf).indexOf('\n\n');
  return lf !== -1 ? lf + 2 : crlf !== -1 ? crlf + 3 : -1;
}

/** Header lines as fields by lower-cased name; folded lines joined to the field they continue. */
export function headerFields(lines: readonly string[]): Map<string, string> {
  const fields = new Map<string, string>();
  let last: string | null = null;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last !== null) {
      fields.set(last, `${fields.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    last = fields.has(name) ? null : name;
    if (last !== null) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}
