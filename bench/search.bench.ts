// Issue 11: full-text search at 1M letters on PostgreSQL. Goals: rare-term p99 <= 10 ms,
// common-term top-20 p99 <= 300 ms, filtered by unit and year <= 50 ms; index size per million;
// indexing throughput (TypeScript analysis + insert into the indexed table).
//
// Letters are generated from a Zipf-distributed vocabulary of inflected Indonesian words (so the
// stemmer does real work), 60-120 words of body each, over 40 units and 4 years; every letter is
// readable by the records officers of its unit, its participants and the administrator (the
// widest reader, used for the common-term case). Measured in-process against searchEntries (the
// SQL the API runs), BENCH_SEARCH_DOCS letters (default 1 000 000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/server/config.js';
import { closeContext, createContext } from '../src/server/context.js';
import { uuidv7 } from '../src/server/db/ids.js';
import { analyseEntry } from '../src/server/search/indexEntry.js';
import { indexEntry, searchEntries } from '../src/server/search/index.js';
import { percentile, round, type Bench } from './lib.js';
import { freshPostgres } from './support.js';

const DOCS = Number(process.env.BENCH_SEARCH_DOCS ?? 1_000_000);
const UNITS = 40;
const BATCH = 2000;

// Deterministic PRNG (mulberry32).
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROOTS = `arsip musnah kirim disposisi pegawai angkat surat undang rapat laksana kegiatan anggar bangun rencana
  data duduk layan daftar mohon periksa serah terima tanda tangan nilai timbang putus tetap atur lapor
  tugas jalan dinas bina awas pelihara lengkap sandi pustaka teliti organisasi usul ajar latih didik
  kerja sama jawab tanggap kembang ukur hitung bayar pajak retribusi sewa beli jual pakai pinjam simpan
  pindah tempat bangunan rumah tanah jalan jembatan air bersih sampah hutan kebun tani ternak ikan
  pasar dagang usaha modal koperasi kredit bantu sosial sehat obat rawat didik sekolah guru murid
  kaji analisis evaluasi monitor validasi verifikasi sinkron integrasi aplikasi sistem jaringan server`.split(/\s+/).filter(Boolean);
const AFFIX = [(r: string) => r, (r: string) => `pe${r}an`, (r: string) => `di${r}kan`, (r: string) => `me${r}`, (r: string) => `ke${r}an`, (r: string) => `${r}an`, (r: string) => `ber${r}`];
const FUNCTION_WORDS = 'dan yang dengan untuk dalam pada kepada dari ini itu tersebut agar serta bahwa'.split(' ');

function vocabulary(): string[] {
  const out: string[] = [];
  for (const r of ROOTS) for (const a of AFFIX) out.push(a(r));
  return out;
}

const bench: Bench = {
  name: 'search',
  description: `Full-text search over ${DOCS.toLocaleString('en')} letters on PostgreSQL (rare, common top-20, filtered by unit and year; index size; indexing throughput)`,
  async run() {
    const db = await freshPostgres('naskah_bench_search');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-bench-'));
    const ctx = await createContext(loadConfig({ DATABASE_URL: db.url, NASKAH_DATA_DIR: dir, LOG_LEVEL: 'warn' }, '0.0.0-bench'), { log: pino({ level: 'warn' }) });
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      const rand = rng(11);
      const vocab = vocabulary();
      // Zipf weights: word i has weight 1/(i+1).
      const cumulative: number[] = [];
      let sum = 0;
      for (let i = 0; i < vocab.length; i++) cumulative.push((sum += 1 / (i + 1)));
      const pick = () => {
        const x = rand() * sum;
        let lo = 0;
        let hi = cumulative.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cumulative[mid]! < x) lo = mid + 1;
          else hi = mid;
        }
        return vocab[lo]!;
      };
      const unitIds = Array.from({ length: UNITS }, () => uuidv7());
      const rootUnit = uuidv7();
      const rareTerms = Array.from({ length: 200 }, (_, i) => `kodeunik${i.toString(36)}x`);

      // Bulk load without the full-text indexes (then built once: the way a first import runs).
      await pool.query('drop index search_entries_tsv_idx, search_entries_exact_idx, search_entries_acl_idx, search_entries_meta_trgm_idx');
      let analyseMs = 0;
      let insertMs = 0;
      for (let start = 0; start < DOCS; start += BATCH) {
        const cols: Record<string, unknown[]> = { id: [], source: [], unit: [], path: [], cls: [], date: [], number: [], title: [], parties: [], meta: [], body: [], tsv: [], exact: [], acl: [] };
        const a0 = performance.now();
        for (let i = start; i < Math.min(DOCS, start + BATCH); i++) {
          const u = i % UNITS;
          const year = 2023 + (i % 4);
          const words: string[] = [];
          const n = 60 + Math.floor(rand() * 60);
          for (let w = 0; w < n; w++) words.push(rand() < 0.3 ? FUNCTION_WORDS[Math.floor(rand() * FUNCTION_WORDS.length)]! : pick());
          if (i % 5000 === 17) words.push(rareTerms[(i / 5000) % rareTerms.length | 0]!);
          const title = `Surat ${pick()} ${pick()} ${pick()}`;
          const number = `${100 + (i % 800)}.${i % 9}/${i}/U${u}/${year}`;
          const a = analyseEntry({ number, title, parties: [`Kepala Unit ${u}`, `Camat ${pick()}`], classificationCode: `${(i % 9) * 100}.${i % 7}`, classificationName: 'Klasifikasi', pdfText: words.join(' ') });
          cols.id!.push(uuidv7());
          cols.source!.push(uuidv7());
          cols.unit!.push(unitIds[u]);
          cols.path!.push(`/${rootUnit}/${unitIds[u]}/`);
          cols.cls!.push(`${(i % 9) * 100}.${i % 7}`);
          cols.date!.push(`${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`);
          cols.number!.push(number);
          cols.title!.push(title);
          cols.parties!.push(a.parties);
          cols.meta!.push(a.meta);
          cols.body!.push(a.body);
          cols.tsv!.push(a.tsv);
          cols.exact!.push(a.tsvExact);
          cols.acl!.push(`{u:${uuidv7()},ro:${unitIds[u]},ro:${rootUnit},ro:*,admin}`);
        }
        analyseMs += performance.now() - a0;
        const i0 = performance.now();
        await pool.query(
          `insert into search_entries (id, kind, source_id, unit_id, unit_path, classification_code, sifat, access_class, doc_type, state, entry_date, number, title, parties, meta, body, tsv, tsv_exact, acl)
           select id, 'outgoing', source, unit, path, cls, 'biasa', 'biasa', 'surat', 'delivered', d::date, num, title, parties, meta, body, tsv::tsvector, exact::tsvector, acl::text[]
           from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
             as x(id, source, unit, path, cls, d, num, title, parties, meta, body, tsv, exact, acl)`,
          [cols.id, cols.source, cols.unit, cols.path, cols.cls, cols.date, cols.number, cols.title, cols.parties, cols.meta, cols.body, cols.tsv, cols.exact, cols.acl],
        );
        insertMs += performance.now() - i0;
      }
      const b0 = performance.now();
      await pool.query('set maintenance_work_mem = \'512MB\'');
      await pool.query('create index search_entries_tsv_idx on search_entries using gin (tsv)');
      await pool.query('create index search_entries_exact_idx on search_entries using gin (tsv_exact)');
      await pool.query('create index search_entries_acl_idx on search_entries using gin (acl)');
      await pool.query('create index search_entries_meta_trgm_idx on search_entries using gin (meta gin_trgm_ops)');
      await pool.query('vacuum analyze search_entries');
      const buildSeconds = (performance.now() - b0) / 1000;

      const size = (await pool.query<{ table: string; indexes: string; tsv: string; exact: string; trgm: string; acl: string }>(
        `select pg_table_size('search_entries') "table", pg_indexes_size('search_entries') indexes, pg_relation_size('search_entries_tsv_idx') tsv,
                pg_relation_size('search_entries_exact_idx') exact, pg_relation_size('search_entries_meta_trgm_idx') trgm, pg_relation_size('search_entries_acl_idx') acl`,
      )).rows[0]!;
      const perMillion = (bytes: string) => round((Number(bytes) / DOCS) * 1e6 / 2 ** 20, 0);

      // Incremental indexing through indexEntry (what a live change costs) with every index in place.
      const inc0 = performance.now();
      const INC = 2000;
      for (let i = 0; i < INC; i++) {
        await indexEntry(ctx.database.db, {
          kind: 'incoming', sourceId: uuidv7(), unitId: unitIds[i % UNITS], unitPath: `/${rootUnit}/${unitIds[i % UNITS]}/`, accessClass: 'biasa', state: 'registered', entryDate: '2026-05-05',
          number: `005/${i}/X/2026`, title: `Surat masuk ${pick()} ${pick()}`, parties: ['Kepala Desa'], ocrText: Array.from({ length: 300 }, pick).join(' '), acl: ['admin', `ro:${unitIds[i % UNITS]}`],
        });
      }
      const incPerSecond = INC / ((performance.now() - inc0) / 1000);

      const admin = ['u:bench', 'admin'];
      const officer = ['u:bench', `ro:${unitIds[3]}`];
      const time = async (runs: number, fn: (i: number) => Promise<unknown>) => {
        for (let i = 0; i < Math.min(5, runs); i++) await fn(i); // warm
        const ms: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          await fn(i);
          ms.push(performance.now() - t0);
        }
        return { p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)) };
      };
      const q = ctx.database.db;
      const present = rareTerms.slice(0, Math.max(1, Math.min(rareTerms.length, Math.floor(DOCS / 5000))));
      const rare = await time(200, (i) => searchEntries(q, admin, { q: present[i % present.length] }));
      const common = await time(50, (i) => searchEntries(q, admin, { q: ['surat', 'pengiriman', 'pemusnahan arsip', 'dilaksanakan'][i % 4] }));
      const commonFacets = await time(30, (i) => searchEntries(q, admin, { q: ['surat', 'pengiriman'][i % 2], facets: true }));
      const filtered = await time(100, (i) => searchEntries(q, officer, { q: ['pengiriman', 'disposisi', 'pegawai', 'rapat'][i % 4], unitId: unitIds[3], from: `${2023 + (i % 4)}-01-01`, to: `${2023 + (i % 4)}-12-31` }));
      const numberHit = await time(50, (i) => searchEntries(q, admin, { q: `/${(i * 7919) % DOCS}/U` }));
      const hitsCommon = (await searchEntries(q, admin, { q: 'pengiriman' })).total;
      return {
        metrics: {
          documents: DOCS,
          rare_p50_ms: rare.p50,
          rare_p99_ms: rare.p99,
          common_top20_p50_ms: common.p50,
          common_top20_p99_ms: common.p99,
          common_with_facets_p99_ms: commonFacets.p99,
          filtered_unit_year_p50_ms: filtered.p50,
          filtered_unit_year_p99_ms: filtered.p99,
          number_fragment_p99_ms: numberHit.p99,
          common_term_total_reported: hitsCommon,
          analysis_docs_per_second: round(DOCS / (analyseMs / 1000), 0),
          bulk_insert_docs_per_second: round(DOCS / (insertMs / 1000), 0),
          index_build_seconds: round(buildSeconds, 1),
          incremental_index_entries_per_second: round(incPerSecond, 0),
          table_mb_per_million: perMillion(size.table),
          indexes_mb_per_million: perMillion(size.indexes),
          tsv_index_mb_per_million: perMillion(size.tsv),
          exact_index_mb_per_million: perMillion(size.exact),
          trgm_index_mb_per_million: perMillion(size.trgm),
          acl_index_mb_per_million: perMillion(size.acl),
        },
        goals: { rare_p99_ms: '<= 10', common_top20_p99_ms: '<= 300', filtered_unit_year_p99_ms: '<= 50' },
        notes: 'Ranking covers the newest 1000 matches of a query (CANDIDATE_LIMIT); totals above that are reported as a lower bound.',
      };
    } finally {
      await pool.end();
      await closeContext(ctx);
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
