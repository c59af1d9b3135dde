/**
 * Readers for the evaluation datasets' layouts:
 * - CleanEval style (`input/NAME.html`, `gold/NAME.txt` with a `URL:` line and `<p>`/`<h>`/`<l>` markers);
 * - Readability's test pages (`NAME/source.html`, `NAME/expected.html`, `NAME/expected-metadata.json`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

export interface EvalPage {
  readonly name: string;
  /** Site used for the per-site breakdown. */
  readonly site: string;
  readonly file: string;
  readonly gold: string;
}

export interface EvalDataset {
  readonly kind: 'cleaneval' | 'readability';
  readonly pages: EvalPage[];
}

export function loadDataset(path: string): EvalDataset {
  if (existsSync(join(path, 'gold')) && existsSync(join(path, 'input'))) return { kind: 'cleaneval', pages: cleanEval(path) };
  if (readdirSync(path).some((name) => existsSync(join(path, name, 'expected.html'))))
    return { kind: 'readability', pages: readability(path) };
  throw new Error(`${path}: neither a CleanEval layout (input/, gold/) nor Readability test pages (*/expected.html)`);
}

function cleanEval(path: string): EvalPage[] {
  return readdirSync(join(path, 'input'))
    .filter((name) => /\.html?$/.test(name))
    .sort()
    .map((name) => {
      const base = name.replace(/\.html?$/, '');
      const raw = readFileSync(join(path, 'gold', `${base}.txt`), 'utf8');
      const gold = decodeHTML(
        raw
          .replace(/^\s*URL:.*$/m, '')
          .replace(/<!--[\s\S]*?-->/g, '')
          .replace(/<[phl]>/gi, '\n'),
      );
      return { name: base, site: base.replace(/_\d+$/, '').replace(/_blog\d$/, ''), file: join(path, 'input', name), gold };
    });
}

function readability(path: string): EvalPage[] {
  return readdirSync(path)
    .filter((name) => existsSync(join(path, name, 'expected.html')))
    .sort()
    .map((name) => {
      const metadata = JSON.parse(readFileSync(join(path, name, 'expected-metadata.json'), 'utf8')) as { title?: string };
      const expected = textContent(readFileSync(join(path, name, 'expected.html'), 'utf8'));
      return { name, site: name, file: join(path, name, 'source.html'), gold: `${metadata.title ?? ''}\n${expected}` };
    });
}

/**
 * The text of an HTML document, entities decoded, markup left out (as the DOM's textContent). Parsed, not
 * taken raw, inside `pre` too: the gold pages' code blocks carry links and spans.
 */
function textContent(html: string): string {
  let text = '';
  new Parser({ ontext: (piece) => (text += piece) }, { decodeEntities: true }).end(html);
  return text;
}
