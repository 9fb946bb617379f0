// The one search over live naskah and archive records: the query is analysed like the index
// (Indonesian stems, folded words), matched with `simple` tsqueries built as literals, filtered
// by the actor's access tokens first, ranked, and returned with snippets highlighted here.
//
// Ranking is done over the newest CANDIDATE_LIMIT matches: a word found in half a million
// letters ("surat") is answered from the date index in milliseconds instead of ranking every
// match; totals above that are reported as "more than".
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { fold, quoteLexeme, STOPWORDS, stemOf, tokenize } from './indonesian/analyzer.js';
import { sqlTextArray } from './indexEntry.js';
import { highlight, type Segment } from './snippet.js';
import type { SearchKind } from './schema.js';
import { likePrefix } from '../db/like.js';

export const CANDIDATE_LIMIT = 1000;

export interface SearchFilters {
  unitId?: string;
  /** Include the unit's sub-units (default true). */
  unitSubtree?: boolean;
  from?: string;
  to?: string;
  kind?: SearchKind;
  docType?: string;
  /** Code or prefix: "000.8" finds 000.8.3.3 too. */
  classification?: string;
  sifat?: string;
  state?: string;
  /** Only declared archive records. */
  recordsOnly?: boolean;
}

export interface SearchInput extends SearchFilters {
  q?: string;
  limit?: number;
  offset?: number;
  /** Facet counts (one more query). */
  facets?: boolean;
}

export interface ParsedQuery {
  stems: string[];
  words: string[];
  phrases: string[][];
  /** Raw fragments that look like numbers or codes ("839/SOP", "000.8.3.3"). */
  numbers: string[];
  /** Folded whole query for trigram fallback. */
  folded: string;
}

export function parseQuery(q: string): ParsedQuery {
  const phrases: string[][] = [];
  const rest = q.replace(/"([^"]+)"/g, (_, p: string) => {
    const ws = tokenize(p).map((t) => t.word);
    if (ws.length) phrases.push(ws);
    return ' ';
  });
  const stemsOut: string[] = [];
  const wordsOut: string[] = [];
  for (const t of tokenize(rest)) {
    wordsOut.push(t.word);
    if (STOPWORDS.has(t.word)) continue;
    stemsOut.push(stemOf(t.word));
  }
  for (const p of phrases) for (const w of p) wordsOut.push(w);
  const numbers = q
    .split(/\s+/)
    .map((s) => fold(s.replace(/"/g, '')))
    .filter((s) => /\d/.test(s) && s.length >= 3);
  return { stems: [...new Set(stemsOut)], words: [...new Set(wordsOut)], phrases, numbers, folded: fold(q).trim() };
}

function tsqueryLiteral(p: ParsedQuery): string | null {
  const parts = p.stems.map(quoteLexeme);
  if (!parts.length && !p.phrases.length) return null;
  return parts.join(' & ') || null;
}

function exactLiteral(p: ParsedQuery): string | null {
  const phrase = p.phrases.map((ws) => `(${ws.map(quoteLexeme).join(' <-> ')})`);
  const any = p.words.filter((w) => !STOPWORDS.has(w)).map(quoteLexeme);
  const parts = [...phrase, ...(any.length ? [`(${any.join(' | ')})`] : [])];
  return parts.length ? parts.join(' & ') : null;
}

function phraseLiteral(p: ParsedQuery): string | null {
  if (!p.phrases.length) return null;
  return p.phrases.map((ws) => `(${ws.map(quoteLexeme).join(' <-> ')})`).join(' & ');
}

function filterSql(f: SearchFilters, unitPath: string | null): SQL[] {
  const w: SQL[] = [];
  if (f.unitId) w.push(f.unitSubtree === false || !unitPath ? sql`unit_id = ${f.unitId}` : sql`unit_path like ${`${unitPath}%`}`);
  if (f.from) w.push(sql`entry_date >= ${f.from}`);
  if (f.to) w.push(sql`entry_date <= ${f.to}`);
  if (f.kind) w.push(sql`kind = ${f.kind}`);
  if (f.docType) w.push(sql`doc_type = ${f.docType}`);
  if (f.classification) w.push(sql`(classification_code = ${f.classification} or classification_code like ${likePrefix(`${f.classification}.`)})`);
  if (f.sifat) w.push(sql`sifat = ${f.sifat}`);
  if (f.state) w.push(sql`state = ${f.state}`);
  if (f.recordsOnly) w.push(sql`record_id is not null`);
  return w;
}

export interface SearchHit {
  kind: SearchKind;
  sourceId: string;
  recordId: string | null;
  number: string | null;
  title: string;
  titleSegments: Segment[];
  parties: string;
  classificationCode: string | null;
  sifat: string | null;
  docType: string | null;
  state: string;
  entryDate: string | null;
  unitId: string | null;
  rank: number;
  snippet: Segment[];
}

export interface SearchResult {
  total: number;
  /** True when more than `total` match (the count stops at CANDIDATE_LIMIT). */
  totalIsLowerBound: boolean;
  /** The text query matched nothing exactly; these are near matches by trigram. */
  fuzzy: boolean;
  items: SearchHit[];
  facets?: Record<'kind' | 'docType' | 'classification' | 'sifat' | 'state' | 'year', Array<{ value: string; count: number }>>;
}

interface Row extends Record<string, unknown> {
  kind: SearchKind;
  source_id: string;
  record_id: string | null;
  number: string | null;
  title: string;
  parties: string;
  classification_code: string | null;
  sifat: string | null;
  doc_type: string | null;
  state: string;
  entry_date: string | null;
  unit_id: string | null;
  body: string;
  rank: number;
}

/** Search as the holder of `tokens` (search/access.ts actorTokens). Only rows he may read are touched. */
export async function searchEntries(db: Db, tokens: string[], input: SearchInput): Promise<SearchResult> {
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 100);
  const offset = Math.min(Math.max(input.offset ?? 0, 0), CANDIDATE_LIMIT - limit);
  const parsed = parseQuery(input.q ?? '');
  let unitPath: string | null = null;
  if (input.unitId) {
    const r = await db.execute<{ path: string }>(sql`select path from units where id = ${input.unitId}`);
    unitPath = r.rows[0]?.path ?? null;
  }
  const base: SQL[] = [sql`acl && ${sqlTextArray(tokens)}`, ...filterSql(input, unitPath)];
  const stemQ = tsqueryLiteral(parsed);
  const phraseQ = phraseLiteral(parsed);
  const exactQ = exactLiteral(parsed);
  const textConds: SQL[] = [];
  if (stemQ) textConds.push(sql`tsv @@ ${stemQ}::tsquery`);
  if (phraseQ) textConds.push(sql`tsv_exact @@ ${phraseQ}::tsquery`);
  let match: SQL | null = textConds.length ? sql.join(textConds, sql` and `) : null;
  // A letter number or code: the trigram index on the metadata finds it inside "000.8.3.3/839/…".
  if (parsed.numbers.length) {
    const num = sql.join(parsed.numbers.map((n) => sql`meta like ${`%${n.replace(/[%_\\]/g, '\\$&')}%`}`), sql` and `);
    match = match ? sql`((${match}) or (${num}))` : num;
  }
  const hasText = !!match;
  const rank = exactQ && stemQ ? sql`ts_rank(tsv, ${stemQ}::tsquery) + 2 * ts_rank(tsv_exact, ${exactQ}::tsquery)` : exactQ ? sql`ts_rank(tsv_exact, ${exactQ}::tsquery)` : sql`0::real`;

  const run = async (cond: SQL | null, rankExpr: SQL) => {
    const where = sql.join([...base, ...(cond ? [cond] : [])], sql` and `);
    const page = await db.execute<Row>(sql`
      with hits as materialized (
        select id, entry_date, tsv, tsv_exact, meta from search_entries where ${where}
        order by entry_date desc nulls last, id desc
        limit ${CANDIDATE_LIMIT + 1}
      ),
      ranked as (
        select id, entry_date, (${rankExpr})::float8 as rank, count(*) over () as n from hits
        order by rank desc, entry_date desc nulls last, id desc
        limit ${limit} offset ${offset}
      )
      select e.kind, e.source_id, e.record_id, e.number, e.title, e.parties, e.classification_code, e.sifat, e.doc_type, e.state,
             e.entry_date::text as entry_date, e.unit_id, left(e.body, 20000) as body, r.rank, r.n
      from ranked r join search_entries e on e.id = r.id
      order by r.rank desc, r.entry_date desc nulls last, r.id desc`);
    return { rows: page.rows, where };
  };

  let fuzzy = false;
  let { rows, where } = await run(match, rank);
  if (!rows.length && hasText && parsed.folded.length >= 3 && !offset) {
    // Nothing matched: near matches on number, title and names (OCR noise, misspelt names).
    const fz = await run(sql`${parsed.folded} <% meta`, sql`word_similarity(${parsed.folded}, meta)`);
    if (fz.rows.length) {
      fuzzy = true;
      rows = fz.rows;
      where = fz.where;
    }
  }
  const n = Number((rows[0] as { n?: string | number } | undefined)?.n ?? 0);
  let total = n;
  if (!rows.length && offset) {
    const c = await db.execute<{ n: string }>(sql`select count(*) as n from (select 1 from search_entries where ${where} limit ${CANDIDATE_LIMIT + 1}) x`);
    total = Number(c.rows[0]?.n ?? 0);
  }
  const terms = { stems: new Set(parsed.stems), words: new Set(parsed.words) };
  const items: SearchHit[] = rows.map((r) => ({
    kind: r.kind,
    sourceId: r.source_id,
    recordId: r.record_id,
    number: r.number,
    title: r.title,
    titleSegments: highlight(r.title, terms, { whole: true }),
    parties: r.parties,
    classificationCode: r.classification_code,
    sifat: r.sifat,
    docType: r.doc_type,
    state: r.state,
    entryDate: r.entry_date,
    unitId: r.unit_id,
    rank: Number(r.rank),
    snippet: hasText ? highlight(r.body, terms) : highlight(r.body.slice(0, 300), { stems: new Set(), words: new Set() }),
  }));
  const result: SearchResult = { total: Math.min(total, CANDIDATE_LIMIT), totalIsLowerBound: total > CANDIDATE_LIMIT, fuzzy, items };
  if (input.facets) result.facets = await facets(db, where);
  return result;
}

async function facets(db: Db, where: SQL): Promise<NonNullable<SearchResult['facets']>> {
  const r = await db.execute<{ facet: string; value: string | null; count: string }>(sql`
    with hits as materialized (
      select kind, doc_type, classification_code, sifat, state, entry_date from search_entries where ${where}
      order by entry_date desc nulls last, id desc limit ${CANDIDATE_LIMIT}
    )
    select 'kind' as facet, kind as value, count(*) as count from hits group by kind
    union all select 'docType', doc_type, count(*) from hits group by doc_type
    union all select 'classification', split_part(classification_code, '.', 1), count(*) from hits group by 2
    union all select 'sifat', sifat, count(*) from hits group by sifat
    union all select 'state', state, count(*) from hits group by state
    union all select 'year', extract(year from entry_date)::int::text, count(*) from hits group by 2`);
  const out: NonNullable<SearchResult['facets']> = { kind: [], docType: [], classification: [], sifat: [], state: [], year: [] };
  for (const row of r.rows) {
    if (row.value === null) continue;
    out[row.facet as keyof typeof out].push({ value: row.value, count: Number(row.count) });
  }
  for (const list of Object.values(out)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return out;
}
