/**
 * htmlparser2's tokenizer, with two changes where it reads HTML unlike the HTML Standard or slowly.
 *
 * - `<![CDATA[` in HTML content is a bogus comment that ends at the first `>`, as the Standard tokenizes
 *   it; htmlparser2 reads a CDATA section up to `]]>`, which a page without one never closes (the rest of
 *   the page vanishes). In `<script>` and `<style>` it is their text, as before. A declaration the page
 *   ends in (`<!x…` with no `>`) is a comment to its end, not text.
 * - Where the tokenizer only looks for one character (the `<` that ends text or a script's text, the quote
 *   that ends an attribute value, the `>` that ends a comment), htmlparser2 steps through the buffer one
 *   character at a time in JavaScript; `String.prototype.indexOf` does the same search natively, which
 *   matters on pages whose inline scripts and JSON run to hundreds of kilobytes.
 *
 * Each replaces a private method of htmlparser2's `Tokenizer` on the subclass's prototype;
 * `test/stages/html-tokenizer.test.ts` checks that the methods still exist and that every other token is
 * unchanged.
 */
import { Tokenizer } from 'htmlparser2';

/** The tokenizer's own fields these methods read and move (private in htmlparser2's types). */
type ScanState = { readonly buffer: string; index: number; readonly offset: number; readonly state: number };

type Method<A extends unknown[]> = (this: ScanState, ...args: A) => void;
const base = Tokenizer.prototype as unknown as Record<string, Method<never[]>>;
const beforeDeclaration = base.stateBeforeDeclaration as Method<[number]>;
const handleTrailingData = base.handleTrailingData as Method<[]>;

const OPENING_SQUARE_BRACKET = 0x5b;
/** A character after `<!` that starts a declaration (neither `[` nor `-`): htmlparser2 ends one at the first `>`. */
const DECLARATION_START = 0x78;

export class SkippingTokenizer extends Tokenizer {}

/** Moves `index` to the next `c` after it and says whether there was one, or to the buffer's last character if not. */
function fastForwardTo(this: ScanState, c: number): boolean {
  const found = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
  if (found === -1) {
    this.index = this.buffer.length + this.offset - 1;
    return false;
  }
  this.index = found + this.offset;
  return true;
}

/** After `<!`: a `[` starts what ends at the first `>`, as any declaration does, not a CDATA section. */
function stateBeforeDeclaration(this: ScanState, c: number): void {
  beforeDeclaration.call(this, c === OPENING_SQUARE_BRACKET ? DECLARATION_START : c);
}

/** htmlparser2's state in a declaration, read off a tokenizer that has just entered one. */
const IN_DECLARATION = (() => {
  const ignore = new Proxy({}, { get: () => () => undefined }) as ConstructorParameters<typeof Tokenizer>[1];
  const tokenizer = new Tokenizer({}, ignore);
  tokenizer.write('<!x');
  return (tokenizer as unknown as ScanState).state;
})();

/** At the end of the page: what is left of a declaration is a comment, and gives no text (htmlparser2 makes it text). */
function trailingData(this: ScanState): void {
  if (this.state !== IN_DECLARATION) handleTrailingData.call(this);
}

Object.defineProperties(SkippingTokenizer.prototype, {
  fastForwardTo: { value: fastForwardTo },
  stateBeforeDeclaration: { value: stateBeforeDeclaration },
  handleTrailingData: { value: trailingData },
});
