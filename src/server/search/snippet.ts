// Highlighted snippets, computed from the same analysis as the index (a stemmed match in the
// text is marked even when its surface form differs from the query: "pemusnahan" for "musnah").
// Segments, not HTML: the client renders marks, so no markup from a document reaches the page.
import { STOPWORDS, stemOf, tokenize } from './indonesian/analyzer.js';

export interface Segment {
  text: string;
  hit: boolean;
}

export interface Terms {
  stems: Set<string>;
  words: Set<string>;
}

const WINDOW = 28; // words around the best spot
const MAX_SCAN = 20_000; // characters of body scanned

/** The best window of `text` (most distinct hits), with hits marked; the whole text with `whole`. */
export function highlight(text: string, terms: Terms, opts: { whole?: boolean } = {}): Segment[] {
  const source = opts.whole ? text : text.slice(0, MAX_SCAN);
  const tokens = tokenize(source);
  const isHit = tokens.map((t) => !STOPWORDS.has(t.word) && (terms.words.has(t.word) || terms.stems.has(stemOf(t.word))));
  let from = 0;
  let to = tokens.length;
  if (!opts.whole && tokens.length > WINDOW) {
    let best = -1;
    let bestStart = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (!isHit[i]) continue;
      const start = Math.max(0, i - 4);
      const seen = new Set<string>();
      for (let j = start; j < Math.min(tokens.length, start + WINDOW); j++) if (isHit[j]) seen.add(stemOf(tokens[j]!.word));
      if (seen.size > best) {
        best = seen.size;
        bestStart = start;
      }
    }
    from = bestStart;
    to = Math.min(tokens.length, from + WINDOW);
  }
  if (!tokens.length) return source ? [{ text: source.slice(0, 300), hit: false }] : [];
  const out: Segment[] = [];
  const startChar = opts.whole ? 0 : tokens[from]!.start;
  const endChar = opts.whole ? source.length : tokens[to - 1]!.end;
  let cursor = startChar;
  const push = (s: string, hit: boolean) => {
    if (!s) return;
    const last = out.at(-1);
    if (last && last.hit === hit) last.text += s;
    else out.push({ text: s, hit });
  };
  if (!opts.whole && from > 0) push('… ', false);
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    push(source.slice(cursor, t.start).replace(/\s+/g, ' '), false);
    push(source.slice(t.start, t.end), isHit[i]!);
    cursor = t.end;
  }
  push(source.slice(cursor, endChar).replace(/\s+/g, ' '), false);
  if (!opts.whole && to < tokens.length) push(' …', false);
  return out;
}
