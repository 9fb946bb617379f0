// Writes one naskah's index row (public: outgoing, incoming, service desk and the archive call
// it through search/index.ts). Analysis happens here, in TypeScript; the row is written with the
// caller's handle, normally inside the transaction of the change it reflects.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { uuidv7 } from '../db/ids.js';
import { fold, stemOf, STOPWORDS, tokenize, tsvectorLiteral } from './indonesian/analyzer.js';
import type { AccessClass } from './access.js';
import type { SearchKind } from './schema.js';

/** Index limits: a 300-page scan must not make a 1 MB tsvector. */
export const MAX_BODY_CHARS = 100_000;

export interface SearchEntryInput {
  kind: SearchKind;
  sourceId: string;
  recordId?: string | null;
  unitId?: string | null;
  unitPath?: string | null;
  classificationCode?: string | null;
  /** The classification's name, indexed with weight C. */
  classificationName?: string | null;
  sifat?: string | null;
  accessClass: AccessClass;
  docType?: string | null;
  state: string;
  /** YYYY-MM-DD: the letter date (or registration date). */
  entryDate?: string | null;
  number?: string | null;
  title: string;
  /** Sender, recipients, tembusan. */
  parties?: string[];
  /** PDF text of the naskah and its lampiran. */
  pdfText?: string | null;
  /** OCR text of scans. */
  ocrText?: string | null;
  /** Readers (search/access.ts readersFor). */
  acl: string[];
}

export interface AnalysedEntry {
  meta: string;
  body: string;
  tsv: string;
  tsvExact: string;
  parties: string;
}

/** The pure part: texts and tsvector literals of an entry. */
export function analyseEntry(e: Pick<SearchEntryInput, 'number' | 'title' | 'parties' | 'classificationCode' | 'classificationName' | 'pdfText' | 'ocrText'>): AnalysedEntry {
  const parties = (e.parties ?? []).filter(Boolean).join('; ');
  const head = [e.number ?? '', e.title].join(' ');
  const cls = [e.classificationCode ?? '', e.classificationName ?? ''].join(' ');
  const body = [e.pdfText ?? '', e.ocrText ?? ''].filter(Boolean).join('\n').slice(0, MAX_BODY_CHARS);
  // Tokenise each field once; the exact vector takes the folded words, the stem vector their roots.
  const tokens = [head, parties, cls, body].map((t) => tokenize(t).map((x) => x.word));
  const weights = ['A', 'B', 'C', 'D'] as const;
  const fields = (f: (ws: string[]) => string[]) => tokens.map((ws, i) => ({ terms: f(ws), weight: weights[i]! }));
  return {
    meta: fold([e.number ?? '', e.title, parties].join(' ')).slice(0, 2000),
    body,
    parties,
    tsv: tsvectorLiteral(fields((ws) => ws.filter((w) => !STOPWORDS.has(w)).map(stemOf))),
    tsvExact: tsvectorLiteral(fields((ws) => ws)),
  };
}

/** Insert or replace the row of (kind, sourceId). */
export async function indexEntry(db: Db, e: SearchEntryInput): Promise<void> {
  const a = analyseEntry(e);
  await db.execute(sql`
    insert into search_entries (id, kind, source_id, record_id, unit_id, unit_path, classification_code, sifat, access_class, doc_type, state, entry_date,
                                number, title, parties, meta, body, tsv, tsv_exact, acl, updated_at)
    values (${uuidv7()}, ${e.kind}, ${e.sourceId}, ${e.recordId ?? null}, ${e.unitId ?? null}, ${e.unitPath ?? null}, ${e.classificationCode ?? null}, ${e.sifat ?? null},
            ${e.accessClass}, ${e.docType ?? null}, ${e.state}, ${e.entryDate ?? null}, ${e.number ?? null}, ${e.title}, ${a.parties}, ${a.meta}, ${a.body},
            ${a.tsv}::tsvector, ${a.tsvExact}::tsvector, ${sqlTextArray(e.acl)}, now())
    on conflict (kind, source_id) do update set
      record_id = excluded.record_id, unit_id = excluded.unit_id, unit_path = excluded.unit_path, classification_code = excluded.classification_code,
      sifat = excluded.sifat, access_class = excluded.access_class, doc_type = excluded.doc_type, state = excluded.state, entry_date = excluded.entry_date,
      number = excluded.number, title = excluded.title, parties = excluded.parties, meta = excluded.meta, body = excluded.body, tsv = excluded.tsv,
      tsv_exact = excluded.tsv_exact, acl = excluded.acl, updated_at = now()`);
}

/** Remove a naskah from the index (a cancelled draft, a destroyed record's content). */
export async function removeEntry(db: Db, kind: SearchKind, sourceId: string): Promise<void> {
  await db.execute(sql`delete from search_entries where kind = ${kind} and source_id = ${sourceId}`);
}

/** A text[] parameter that works through node-postgres on both engines. */
export function sqlTextArray(values: string[]) {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
}
