/**
 * htmlparser2's `Parser`, with its stacks of open elements kept innermost last.
 *
 * htmlparser2 keeps the innermost open element first: every element opened is `unshift`ed onto the stack and
 * every element closed `shift`ed off it, each moving the whole stack. A page that leaves tens of thousands of
 * elements open (a generator's unclosed `<font>` on every line) then costs time quadratic in its length, and
 * runs into the page timeout. Here the stacks are `OpenElements`, which answer the same calls at the array's
 * end, in constant time. The parser's code is htmlparser2's, and so are its events
 * (`test/stages/html-parser.test.ts`); only `onend`, which reads the stack by index, is replaced.
 */
import { Parser } from 'htmlparser2';

/**
 * The calls htmlparser2's parser makes on its stacks (`[0]`, `length`, `shift`, `unshift`, `indexOf`), innermost
 * first as it expects, over an array kept innermost last.
 */
export class OpenElements<T> {
  private readonly items: T[];

  constructor(outermostFirst: readonly T[] = []) {
    this.items = [...outermostFirst];
  }

  /** The innermost element. */
  get 0(): T | undefined {
    return this.items[this.items.length - 1];
  }

  get length(): number {
    return this.items.length;
  }

  /** Only emptied (`reset`). */
  set length(length: number) {
    this.items.length = length;
  }

  shift(): T | undefined {
    return this.items.pop();
  }

  unshift(item: T): number {
    return this.items.push(item);
  }

  /** How many elements are inside the innermost `item`; -1 if none is open. */
  indexOf(item: T): number {
    const at = this.items.lastIndexOf(item);
    return at === -1 ? -1 : this.items.length - 1 - at;
  }

  /** The elements, innermost first. */
  innermostFirst(): T[] {
    return this.items.slice().reverse();
  }
}

/** The parser's fields HtmlParser replaces and reads (private in htmlparser2's types). */
type ParserState = {
  stack: OpenElements<string>;
  foreignContext: OpenElements<boolean>;
  readonly cbs: { onclosetag?: (name: string, isImplied: boolean) => void; onend?: () => void };
  endIndex: number;
  readonly startIndex: number;
};

export class HtmlParser extends Parser {
  constructor(...args: ConstructorParameters<typeof Parser>) {
    super(...args);
    const state = this as unknown as ParserState;
    state.stack = new OpenElements<string>();
    state.foreignContext = new OpenElements(Array.from(state.foreignContext as unknown as boolean[]));
  }

  /** At the end of the page: every element still open closes, innermost first, as htmlparser2 closes them. */
  override onend(): void {
    const state = this as unknown as ParserState;
    if (state.cbs.onclosetag) {
      state.endIndex = state.startIndex;
      for (const name of state.stack.innermostFirst()) state.cbs.onclosetag(name, true);
    }
    state.cbs.onend?.();
  }
}
