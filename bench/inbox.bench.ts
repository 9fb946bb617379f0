// Issue 4: inbox request p99 with 1M generated documents (goal ≤ 15 ms), PostgreSQL.
// One million delivered documents, each to one of the demo positions (the Kepala Diskominfo
// gets 3 %); GET /api/v1/inbox as that Kepala Dinas from a separate load process.
import { sql } from 'drizzle-orm';
import { round, type Bench } from './lib.js';
import { freshPostgres, httpLogin, runTool, startBenchServer } from './support.js';

const DOCS = Number(process.env.BENCH_INBOX_DOCS ?? 1_000_000);

const bench: Bench = {
  name: 'inbox',
  description: `GET /api/v1/inbox p99 with ${DOCS.toLocaleString('en')} delivered documents on PostgreSQL`,
  async run() {
    const db = await freshPostgres('naskah_bench_inbox');
    const { server, dir } = await startBenchServer({ DATABASE_URL: db.url, NASKAH_DEMO: 'true' });
    try {
      const q = server.ctx.database.db;
      const t0 = Date.now();
      await q.execute(sql`
        with p as (
          select (select id from positions where name = 'Bupati Contoh') bupati,
                 (select id from users where username = 'staf.umum') drafter,
                 (select id from units where code = '410.01') unit,
                 (select id from document_types where code = 'surat') type
        )
        insert into documents (id, document_type_id, issuing_unit_id, drafter_user_id, hal, classification_code, draft_kind, signer_position_id, numbering_mode, status, number, document_date, signed_at, delivered_at, created_at, updated_at)
        select gen_random_uuid(), p.type, p.unit, p.drafter, 'Surat nomor ' || g, '000.1', 'docx', p.bupati, 'at_signing', 'delivered',
               '000.1/' || g || '/410.01/2026', date '2026-01-01' + (g % 300), now() - make_interval(secs => ${DOCS} - g), now() - make_interval(secs => ${DOCS} - g), now(), now()
        from p, generate_series(1, ${DOCS}) g`);
      // Bulk load without the per-row counter trigger, then fill the counters in one statement.
      await q.execute(sql`alter table document_deliveries disable trigger document_deliveries_counters`);
      await q.execute(sql`
        with pos as (select array_agg(id order by id) ids, (select id from positions where name = 'Kepala Dinas Komunikasi dan Informatika') kominfo from positions),
        docs as (select id, delivered_at, row_number() over (order by delivered_at) rn from documents)
        insert into document_deliveries (id, document_id, role, recipient_position_id, delivered_at, read_at)
        select gen_random_uuid(), docs.id, case when rn % 5 = 0 then 'cc' else 'to' end,
               case when rn % 100 < 3 then pos.kominfo else pos.ids[1 + (rn % array_length(pos.ids, 1))] end,
               docs.delivered_at, case when rn % 7 = 0 then null else docs.delivered_at end
        from docs, pos`);
      await q.execute(sql`alter table document_deliveries enable trigger document_deliveries_counters`);
      await q.execute(sql`
        insert into delivery_counters (position_id, total, unread)
        select recipient_position_id, count(*), count(*) filter (where read_at is null) from document_deliveries group by 1
        on conflict (position_id) do update set total = excluded.total, unread = excluded.unread`);
      await q.execute(sql`analyze`);
      const setupSeconds = (Date.now() - t0) / 1000;
      const headers = await httpLogin(server.url, 'kadis.kominfo');
      const [mine] = (
        await q.execute<{ n: number }>(sql`select count(*)::int n from document_deliveries d join positions p on p.id = d.recipient_position_id where p.name = 'Kepala Dinas Komunikasi dan Informatika'`)
      ).rows;
      const warm = await runTool<{ requests: number; p50_ms: number; p99_ms: number }>('httpLoad.ts', [`${server.url}/api/v1/inbox?page=1&pageSize=25`, '4', '3'], { LOAD_HEADERS: JSON.stringify(headers) });
      const r = await runTool<{ requests: number; errors: number; p50_ms: number; p99_ms: number; max_ms: number }>('httpLoad.ts', [`${server.url}/api/v1/inbox?page=1&pageSize=25`, '4', '10'], {
        LOAD_HEADERS: JSON.stringify(headers),
      });
      const unread = await runTool<{ requests: number; p50_ms: number; p99_ms: number }>('httpLoad.ts', [`${server.url}/api/v1/inbox?page=1&pageSize=25&unread=true`, '4', '5'], { LOAD_HEADERS: JSON.stringify(headers) });
      return {
        metrics: {
          documents: DOCS,
          deliveries_to_this_user: mine?.n ?? 0,
          setup_seconds: round(setupSeconds, 1),
          requests: r.requests,
          errors: r.errors,
          p50_ms: round(r.p50_ms),
          p99_ms: round(r.p99_ms),
          max_ms: round(r.max_ms),
          unread_filter_p99_ms: round(unread.p99_ms),
          warmup_requests: warm.requests,
        },
        goals: { p99_ms: '<= 15' },
        notes: '4 concurrent keep-alive clients for 10 s; each request resolves the session, the positions held today, one page and the totals',
      };
    } finally {
      await server.stop();
      // BENCH_KEEP_DB=1 keeps the generated database for EXPLAIN sessions.
      if (process.env.BENCH_KEEP_DB !== '1') await db.drop();
      (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
