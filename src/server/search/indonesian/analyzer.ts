// Indonesian text analysis for search, done here rather than in PostgreSQL: PostgreSQL's
// rule-only `indonesian` configuration cuts this domain's words into false roots (pemusnahan ->
// pusnah, pengiriman -> irim, disposisi -> sposisi). Tokens are folded (NFKD, marks removed,
// lower case); stems go into a `simple` tsvector, so the same SQL runs on PGlite and PostgreSQL.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stemWord, type RootDictionary } from './stemmer.js';

/** Function words that carry no meaning for retrieval (Naskah's own list). */
export const STOPWORDS = new Set(
  `ada adalah adanya agar akan akan aku anda antara apa apabila atas atau bagaimana bagi bahwa
  baik banyak beberapa begitu belum bersama beserta bila bisa boleh bukan dalam dan dapat dari
  daripada demikian dengan di dia dilakukan diri ditujukan hal hanya harus ia ialah ini itu jika
  juga justru kalau kami kamu karena ke kepada kita lagi lain lalu maka masih melalui menjadi
  mereka misalnya nya oleh pada para per perlu pula pun saat saja sama sampai sangat saya se
  sebagai sebagaimana sebelum secara sedang sehingga sejak selain selama semua sendiri seperti
  serta setelah sudah supaya tanpa telah tentang terhadap tersebut tetapi tiap untuk wajib ya yaitu
  yakni yang`.split(/\s+/),
);

let cached: RootDictionary | undefined;

function readList(name: string): string[] {
  const file = fileURLToPath(new URL(`./${name}`, import.meta.url));
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** The root-word dictionary (hunspell-id word list + Naskah's additions), loaded once. */
export function rootDictionary(): RootDictionary {
  if (!cached) cached = new Set([...readList('roots-id.txt'), ...readList('roots-extra.txt')]);
  return cached;
}

/** Unicode-fold one string: compatibility decomposition, marks removed, lower case. */
export function fold(text: string): string {
  // Fast path: plain ASCII needs no decomposition (most of a letter's words).
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

export interface Token {
  /** Folded surface form ("pemusnahan", "000.8.3.3", "2024"). */
  word: string;
  /** Offsets in the original string (for highlighting). */
  start: number;
  end: number;
}

// Letters/digits, joined by inner dots (codes, "406.020") or hyphens (reduplication, "surat-surat").
const TOKEN = /[\p{L}\p{N}]+(?:[.\-][\p{L}\p{N}]+)*/gu;

/** Words of a text with their offsets in the original. Folding keeps offsets: it is applied per token. */
export function tokenize(text: string, limit = Infinity): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (out.length >= limit) break;
    const raw = m[0];
    let word = fold(raw);
    // A hyphenated run that is not reduplication-like ("SOP-01") stays one token; trailing dots dropped.
    if (word.length > 60) word = word.slice(0, 60);
    out.push({ word, start: m.index!, end: m.index! + raw.length });
  }
  return out;
}

const stemCache = new Map<string, string>();

/** The search stem of one folded word: roots for Indonesian words, the word itself for codes and numbers. */
export function stemOf(word: string): string {
  if (/\d/.test(word) || word.length <= 3) return word;
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemWord(word, rootDictionary());
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Stems of a text, stopwords dropped, in order (a tsvector keeps positions). */
export function stems(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  for (const t of tokenize(text, limit)) {
    if (STOPWORDS.has(t.word)) continue;
    out.push(stemOf(t.word));
  }
  return out;
}

/** Folded words of a text (no stemming, stopwords kept: exact and phrase matching). */
export function words(text: string, limit = Infinity): string[] {
  return tokenize(text, limit).map((t) => t.word);
}

export type Weight = 'A' | 'B' | 'C' | 'D';

/** Quote one lexeme for a tsvector/tsquery literal (parser-independent: same result on every engine). */
export function quoteLexeme(w: string): string {
  return `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

const MAX_POS = 16383; // PostgreSQL's largest tsvector position

/**
 * A tsvector literal from weighted fields: `'lexeme':1A,7D …`, cast with ::tsvector. Built here
 * rather than with to_tsvector so that dotted codes, hyphenated words and numbers are lexemes
 * exactly as the analyzer produced them, on PGlite and PostgreSQL alike.
 */
export function tsvectorLiteral(fields: Array<{ terms: string[]; weight: Weight }>): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  for (const f of fields) {
    for (const term of f.terms) {
      if (!term || term.length > 60) continue;
      pos = Math.min(pos + 1, MAX_POS);
      const list = positions.get(term) ?? [];
      // PostgreSQL keeps at most 256 positions per lexeme.
      if (list.length < 256) list.push(`${pos}${f.weight === 'D' ? '' : f.weight}`);
      positions.set(term, list);
    }
    pos = Math.min(pos + 10, MAX_POS); // fields are not phrase-adjacent
  }
  return [...positions].map(([t, p]) => `${quoteLexeme(t)}:${p.join(',')}`).join(' ');
}
