/**
 * htmlparser2's tokenizer, skipping ahead with the engine's string search.
 *
 * Where the tokenizer only looks for one character (the `<` that ends text or a script's text, the quote
 * that ends an attribute value, the `>` that ends a comment), htmlparser2 steps through the buffer one
 * character at a time in JavaScript; `String.prototype.indexOf` does the same search natively, which matters
 * on pages whose inline scripts and JSON run to hundreds of kilobytes. Tokens are unchanged:
 * `test/stages/html-tokenizer.test.ts` compares the two tokenizers' events.
 */
import { Tokenizer } from 'htmlparser2';

/** The tokenizer's own fields the search reads and moves (private in htmlparser2's types). */
type ScanState = { readonly buffer: string; index: number; readonly offset: number };

export class SkippingTokenizer extends Tokenizer {}

// htmlparser2's `fastForwardTo(c)` is private to its types, so it is replaced on the prototype: it moves
// `index` to the next `c` after it and says whether there was one, or to the buffer's last character if not.
Object.defineProperty(SkippingTokenizer.prototype, 'fastForwardTo', {
  value: function fastForwardTo(this: ScanState, c: number): boolean {
    const found = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
    if (found === -1) {
      this.index = this.buffer.length + this.offset - 1;
      return false;
    }
    this.index = found + this.offset;
    return true;
  },
});
