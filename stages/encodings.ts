/**
 * Encoding Standard names for charset labels, and decoding bytes in a named encoding.
 */

/**
 * windows-1252's characters for bytes 0x80–0x9F, by the Encoding Standard's index (the five bytes it
 * leaves unassigned stay C1 controls). Node 20's TextDecoder reads windows-1252 as ISO-8859-1, giving
 * C1 controls for all 32 (nodejs/node#56542): curly quotes, dashes and the euro sign would be lost.
 */
export const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1_BYTE = /[\u0080-\u009f]/g;
/** Bytes 0x80–0x9F by the character windows-1252 reads each as. */
const WINDOWS_1252_C1_BYTE = new Map([...WINDOWS_1252_C1].map((ch, i) => [ch.charCodeAt(0), 0x80 + i]));

/** A text's bytes in windows-1252, as `decodeAs` reads them back; null when a character has no byte there. */
export function encodeWindows1252(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const byte = c < 0x100 ? c : WINDOWS_1252_C1_BYTE.get(c);
    if (byte === undefined) return null;
    bytes[i] = byte;
  }
  return bytes;
}

const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

export function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding !== 'windows-1252') {
    let decoder = decoders.get(encoding);
    if (!decoder) decoders.set(encoding, (decoder = new TextDecoder(encoding)));
    return decoder.decode(bytes);
  }
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(C1_BYTE, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}

/**
 * The encoding a page's label names, as the HTML Standard reads a declared charset: the Encoding
 * Standard's name for it (TextDecoder knows the labels), UTF-16 read as UTF-8 (a page whose bytes
 * declare it is not UTF-16: those are told by their BOM or NUL bytes before any label is read) and
 * x-user-defined as windows-1252. null for a label TextDecoder cannot decode: unknown, `replacement`, and
 * ISO-8859-16 (which Node's ICU lacks).
 */
export function encodingForLabel(label: string): string | null {
  const trimmed = label.trim().toLowerCase();
  if (trimmed === 'x-user-defined') return 'windows-1252';
  try {
    const encoding = new TextDecoder(trimmed).encoding;
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  } catch {
    return null;
  }
}
