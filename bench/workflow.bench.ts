// Issue 4: workflow actions per second through HTTP on PostgreSQL (goal ≥ 300/s on 2 cores).
// N documents wait for the Kabag Umum's approval; a separate load process approves them all
// with 16 concurrent requests, each a full action (session, authorisation, version check,
// state change, timeline and audit in one transaction).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { round, type Bench } from './lib.js';
import { freshPostgres, httpLogin, runTool, startBenchServer } from './support.js';
import { countStatements } from '../test/helpers/statementCounter.js';

const N = 3000;

const bench: Bench = {
  name: 'workflow',
  description: `approve ${N} documents over HTTP on PostgreSQL, 16 concurrent requests from another process`,
  async run() {
    const db = await freshPostgres('naskah_bench_workflow');
    const { server, dir } = await startBenchServer({ DATABASE_URL: db.url, NASKAH_DEMO: 'true' });
    try {
      const q = server.ctx.database.db;
      // N documents at step 1 (Kabag Umum) of a two-step chain (Kabag → Bupati), made in SQL.
      const rows = await q.execute<{ id: string; version: number }>(sql`
        with p as (
          select (select id from positions where name = 'Kepala Bagian Umum') kabag,
                 (select id from positions where name = 'Bupati Contoh') bupati,
                 (select id from positions where name = 'Pelaksana Bagian Umum') staf,
                 (select id from users where username = 'staf.umum') drafter,
                 (select id from units where code = '410.01') unit,
                 (select id from document_types where code = 'surat') type
        ), d as (
          insert into documents (id, document_type_id, issuing_unit_id, drafter_user_id, drafter_position_id, hal, classification_code, draft_kind, signer_position_id, numbering_mode, status, current_step_order, submitted_at)
          select gen_random_uuid(), p.type, p.unit, p.drafter, p.staf, 'Surat uji ' || g, '000.1', 'docx', p.bupati, 'at_signing', 'in_verification', 1, now()
          from p, generate_series(1, ${N}) g
          returning id, version
        ), s as (
          insert into document_steps (id, document_id, "order", kind, position_id, status, started_at)
          select gen_random_uuid(), d.id, 1, 'verify', p.kabag, 'current', now() from d, p
          union all
          select gen_random_uuid(), d.id, 2, 'sign', p.bupati, 'pending', null from d, p
        )
        select id, version from d`);
      const file = path.join(dir, 'docs.json');
      fs.writeFileSync(file, JSON.stringify(rows.rows));
      const headers = await httpLogin(server.url, 'kabag.umum');
      const r = await runTool<{ ok: number; failures: Record<string, number>; seconds: number; per_second: number; p50_ms: number; p99_ms: number }>('actionLoad.ts', [server.url, file, 'approve', '16'], {
        LOAD_HEADERS: JSON.stringify(headers),
      });
      const [check] = (await q.execute<{ n: number }>(sql`select count(*)::int n from documents where status = 'awaiting_signature'`)).rows;
      // SQL statements per document page request (session, authorisation, the page), counted on the pool.
      const counter = countStatements(server.ctx.database.pool);
      const perDetail: number[] = [];
      for (const doc of rows.rows.slice(0, 20)) {
        const { result, statements } = await counter.count(() => server.app.inject({ method: 'GET', url: `/api/v1/documents/${doc.id}`, headers }));
        if (result.statusCode !== 200) throw new Error(`document page ${doc.id}: ${result.statusCode} ${result.body}`);
        perDetail.push(statements.length);
      }
      counter.restore();
      return {
        metrics: { actions: r.ok, failed: Object.values(r.failures).reduce((a, b) => a + b, 0), actions_per_second: round(r.per_second, 1), p50_ms: round(r.p50_ms), p99_ms: round(r.p99_ms), documents_advanced: check?.n ?? 0, document_detail_statements: Math.max(...perDetail) },
        goals: { actions_per_second: '>= 300', document_detail_statements: '<= 6' },
        notes: 'approve = session + grants + positions + lock + steps + document + timeline + audit; response is the small action result',
      };
    } finally {
      await server.stop();
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
