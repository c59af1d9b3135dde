/**
 * Which of a few character-class expressions each BMP code unit matches on its own, as bits, found on
 * first sight: reading a text through it costs a table lookup per code unit instead of one pass per
 * expression. Only for text without surrogates: an astral character is two code units, which an
 * expression may match as one.
 */
const KNOWN = 1 << 30;
const SURROGATE = /[\ud800-\udfff]/;

/** Whether a text has surrogates, which a UnitClasses cannot read: an expression may match a pair as one character. */
export const hasSurrogates = (text: string): boolean => SURROGATE.test(text);

/** Expressions a table can hold: bits 0..29 (bit 30 marks a code unit already looked at). */
export const MAX_CLASSES = 30;

export class UnitClasses {
  private readonly bits = new Uint32Array(0x10000);
  private readonly tests: readonly RegExp[];

  /** `expressions[i]` sets bit i; global flags are ignored. */
  constructor(expressions: readonly RegExp[]) {
    if (expressions.length > MAX_CLASSES) throw new Error(`${expressions.length} expressions; a UnitClasses holds ${MAX_CLASSES}`);
    this.tests = expressions.map((expression) => new RegExp(expression.source, expression.flags.replace('g', '')));
  }

  /** The expressions the code unit matches on its own (bit i: `expressions[i]`). */
  of(code: number): number {
    let bits = this.bits[code]!;
    if (bits === 0) {
      const char = String.fromCharCode(code);
      bits = KNOWN;
      this.tests.forEach((test, i) => {
        if (test.test(char)) bits |= 1 << i;
      });
      this.bits[code] = bits;
    }
    return bits & ~KNOWN;
  }
}
