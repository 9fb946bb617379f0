// Issue 13: scale-out. A private PostgreSQL cluster, 3 web instances and 2 workers (each its own
// process) behind Debian's haproxy (bench/tools/scaleCluster.ts), SCALE_USERS users and
// SCALE_LETTERS letters generated, then a mixed office load from another process
// (bench/tools/scaleLoad.ts) in three runs of SCALE_PHASE_SECONDS:
//   1. one web instance behind the balancer, 2. all three (the speed-up ratio),
//   3. all three while one web instance is kill -9'd and started again and PostgreSQL is
//      restarted: errors per second around each, how long haproxy takes to route around the
//      dead instance, and afterwards whether every acknowledged action is in the database and
//      every number register is gap-free.
// Reduced size for a 2-core machine (issue: 10 000 users, 1 M letters, 200 VUs × 10 min): see
// the defaults below; the README's bench table gives the measured run. All processes share the
// same 2 cores, so the 1-vs-3 ratio measures the instances' overhead more than their gain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { round, type Bench } from './lib.js';
import { runTool } from './support.js';
import { startCluster, type Cluster } from './tools/scaleCluster.js';

const USERS = Number(process.env.SCALE_USERS ?? 10_000);
const LETTERS = Number(process.env.SCALE_LETTERS ?? 100_000);
const PHASE_SECONDS = Number(process.env.SCALE_PHASE_SECONDS ?? 60);
const VUS = process.env.SCALE_VUS ?? JSON.stringify({ drafter: 4, verifier: 3, signer: 1, reader: 24 });

interface LoadResult {
  /** Epoch ms of the load's second 0 (its timeline is per second from there). */
  started_at: number;
  seconds: number;
  requests: number;
  requests_per_second: number;
  actions: Record<string, { n: number; p50_ms: number; p99_ms: number }>;
  errors: Record<string, number>;
  timeline: Array<[number, number]>;
}

async function letterPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('PEMERINTAH KABUPATEN CONTOH', { x: 180, y: 780, size: 12, font });
  page.drawText('Hal : Undangan rapat koordinasi', { x: 72, y: 684, size: 11, font });
  return doc.save();
}

/** Users and letters in SQL: users copied from a demo official; letters delivered to the Kepala Dinas Kominfo. */
async function generate(db: pg.Client): Promise<void> {
  await db.query(
    `insert into users select (jsonb_populate_record(null::users, to_jsonb(u) || jsonb_build_object('id', gen_random_uuid(), 'username', 'pegawai.' || g, 'name', 'Pegawai ' || g, 'nip', '19900101' || lpad(g::text, 10, '0'), 'email', null))).*
     from users u, generate_series(1, $1::int) g where u.username = 'staf.umum'`,
    [USERS],
  );
  // In statements of 10 000: one statement updating the same counter row (the Kepala Dinas's
  // unread count, by trigger) hundreds of thousands of times is quadratic.
  for (let from = 1; from <= LETTERS; from += 10_000) await db.query(
    `with p as (
       select (select id from positions where name = 'Sekretaris Daerah') sekda,
              (select id from positions where name = 'Pelaksana Bagian Umum') staf,
              (select id from positions where name = 'Kepala Dinas Komunikasi dan Informatika') kadis,
              (select id from users where username = 'staf.umum') drafter,
              (select unit_id from positions where name = 'Pelaksana Bagian Umum') unit,
              (select id from document_types where code = 'surat') type
     ), d as (
       insert into documents (id, document_type_id, issuing_unit_id, drafter_user_id, drafter_position_id, hal, classification_code, draft_kind, signer_position_id, numbering_mode, status, number, document_date, submitted_at)
       select gen_random_uuid(), p.type, p.unit, p.drafter, p.staf, (array['Undangan','Pemberitahuan','Permohonan','Laporan'])[1 + g % 4] || ' kegiatan arsip nomor ' || g, '000.1', 'pdf', p.sekda, 'at_signing', 'delivered', 'B/' || g || '/000.1/2025', date '2025-01-01' + (g % 365), now()
       from p, generate_series($1::int, $2::int) g
       returning id
     )
     insert into document_deliveries (id, document_id, role, recipient_position_id, delivered_at)
     select gen_random_uuid(), d.id, 'to', p.kadis, now() from d, p`,
    [from, Math.min(LETTERS, from + 9_999)],
  );
  await db.query('analyze');
  // The workers index the generated letters for search; the load starts once they are done.
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline && Number((await db.query('select count(*)::int n from search_queue')).rows[0].n) > 0) await new Promise((r) => setTimeout(r, 2000));
}

const bench: Bench = {
  name: 'scale',
  description: `haproxy + 3 web + 2 workers on a private PostgreSQL; ${USERS} users, ${LETTERS} letters; mixed office load ${PHASE_SECONDS} s with 1 then 3 web instances, then kill -9 and a PostgreSQL restart`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-scale-bench-'));
    let cluster: Cluster | null = null;
    try {
      cluster = await startCluster({ web: 3, workers: 2, dir });
      const db = new pg.Client({ connectionString: cluster.databaseUrl });
      db.on('error', () => {});
      await db.connect();
      const t0 = Date.now();
      await generate(db);
      const generatedSeconds = (Date.now() - t0) / 1000;
      const searchBacklog = Number((await db.query('select count(*)::int n from search_queue')).rows[0].n);
      const q1 = async (text: string) => (await db.query(text)).rows[0] as Record<string, string>;
      const ids = await q1(`select (select id from document_types where code = 'surat') surat,
        (select id from positions where name = 'Kepala Bagian Umum') kabag,
        (select id from positions where name = 'Sekretaris Daerah') sekda,
        (select id from positions where name = 'Kepala Dinas Komunikasi dan Informatika') "kadisKominfo"`);
      await db.end();
      const pdfFile = path.join(dir, 'letter.pdf');
      fs.writeFileSync(pdfFile, await letterPdf());
      const load = (phase: string) =>
        runTool<LoadResult>('scaleLoad.ts', [], {
          SCALE_URL: cluster!.url,
          SCALE_SECONDS: String(PHASE_SECONDS),
          SCALE_IDS: JSON.stringify(ids),
          SCALE_VUS: VUS,
          SCALE_PDF: pdfFile,
          SCALE_ACKS: path.join(dir, `acks-${phase}.json`),
        });

      await cluster.useWeb(1);
      await new Promise((r) => setTimeout(r, 1500));
      const one = await load('one');
      await cluster.useWeb(3);
      await new Promise((r) => setTimeout(r, 1500));
      const three = await load('three');

      // Chaos run: kill -9 web2 at 15 s (started again at 25 s); PostgreSQL restarted at 40 s.
      const chaos = load('chaos');
      const at = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
      const events: Record<string, number | string> = {};
      const epochs = { killed: 0, postgres: 0 };
      const chaosStart = Date.now();
      const schedule = (async () => {
        const killAt = PHASE_SECONDS * 0.2;
        const backAt = PHASE_SECONDS * 0.35;
        const pgAt = PHASE_SECONDS * 0.6;
        await at(killAt);
        cluster!.kill('web2');
        const killedAt = Date.now();
        epochs.killed = killedAt;
        events.killed_at_s = round((killedAt - chaosStart) / 1000, 1);
        while ((await cluster!.backendStatus('web2')).startsWith('UP') && Date.now() - killedAt < 30_000) await new Promise((r) => setTimeout(r, 100));
        events.route_around_s = round((Date.now() - killedAt) / 1000, 2);
        await at(Math.max(0, backAt - (Date.now() - chaosStart) / 1000));
        // Started again (its start-up takes a while under load) while the run goes on.
        const restarted = cluster!.start('web2').then(async () => {
          events.web2_ready_at_s = round((Date.now() - chaosStart) / 1000, 1);
          while (!(await cluster!.backendStatus('web2')).startsWith('UP') && Date.now() - chaosStart < PHASE_SECONDS * 2000) await new Promise((r) => setTimeout(r, 100));
          events.web2_back_in_balancer_at_s = round((Date.now() - chaosStart) / 1000, 1);
        });
        await at(Math.max(0, pgAt - (Date.now() - chaosStart) / 1000));
        epochs.postgres = Date.now();
        events.postgres_restart_at_s = round((Date.now() - chaosStart) / 1000, 1);
        await cluster!.restartPostgres();
        events.postgres_back_at_s = round((Date.now() - chaosStart) / 1000, 1);
        await restarted;
      })();
      const [chaotic] = await Promise.all([chaos, schedule]);

      // Afterwards: every acknowledged action is in the database; every register gap-free.
      const after = new pg.Client({ connectionString: cluster.databaseUrl });
      await after.connect();
      const lost: string[] = [];
      let acknowledged = 0;
      for (const phase of ['one', 'three', 'chaos']) {
        const acks = JSON.parse(fs.readFileSync(path.join(dir, `acks-${phase}.json`), 'utf8')) as { registered: string[]; approved: Array<{ id: string; version: number }>; returned: string[]; signed: string[] };
        acknowledged += acks.registered.length + acks.approved.length + acks.returned.length + acks.signed.length;
        const rows = async (sqlText: string, list: string[]) => (list.length ? (await after.query(sqlText, [list])).rows : []);
        const present = new Set((await rows(`select id::text from documents where id = any($1::uuid[]) and status <> 'draft'`, acks.registered)).map((r) => r.id as string));
        for (const id of acks.registered) if (!present.has(id)) lost.push(`registered ${id}`);
        // Each acknowledged approval and return is in the letter's timeline.
        const events = async (action: string, list: string[]) => new Set((await rows(`select distinct document_id::text id from document_events where document_id = any($1::uuid[]) and action = '${action}'`, list)).map((r) => r.id as string));
        const approved = await events('approved', acks.approved.map((a) => a.id));
        for (const a of acks.approved) if (!approved.has(a.id)) lost.push(`approved ${a.id}`);
        const returned = await events('returned', acks.returned);
        for (const id of acks.returned) if (!returned.has(id)) lost.push(`returned ${id}`);
        const signed = new Set((await rows(`select id::text from documents where id = any($1::uuid[]) and signed_file_id is not null and number is not null`, acks.signed)).map((r) => r.id as string));
        for (const id of acks.signed) if (!signed.has(id)) lost.push(`signed ${id}`);
      }
      const gaps = (
        await after.query(`select register_id, year, series, count(*)::int n, count(distinct seq)::int d, max(seq)::int m from number_entries group by 1, 2, 3 having count(distinct seq) <> max(seq) or count(*) <> count(distinct seq)`)
      ).rows;
      const signedLetters = Number((await after.query(`select count(*)::int n from documents where signed_file_id is not null`)).rows[0].n);
      await after.end();

      const failedAround = (fromS: number, toS: number) => chaotic.timeline.slice(Math.max(0, Math.floor(fromS)), Math.ceil(toS)).reduce((a, [, f]) => a + f, 0);
      // The windows in the load's own seconds.
      const k = (epochs.killed - chaotic.started_at) / 1000;
      const p = (epochs.postgres - chaotic.started_at) / 1000;
      const metrics: Record<string, number | string | boolean | null> = {
        users: USERS,
        letters_generated: LETTERS,
        generate_and_index_seconds: round(generatedSeconds, 1),
        search_backlog_at_start: searchBacklog,
        virtual_users: Object.values(JSON.parse(VUS) as Record<string, number>).reduce((a, b) => a + b, 0),
        phase_seconds: PHASE_SECONDS,
        one_instance_rps: one.requests_per_second,
        three_instances_rps: three.requests_per_second,
        ratio_3_vs_1: round(three.requests_per_second / one.requests_per_second, 2),
        chaos_rps: chaotic.requests_per_second,
        route_around_s: events.route_around_s ?? null,
        failed_requests_kill_window: failedAround(k - 1, k + 6),
        failed_requests_postgres_window: failedAround(p - 1, p + 6),
        failed_requests_elsewhere: chaotic.timeline.reduce((a, [, f]) => a + f, 0) - failedAround(k - 1, k + 6) - failedAround(p - 1, p + 6),
        failed_requests_one: one.timeline.reduce((a, [, f]) => a + f, 0),
        failed_requests_three: three.timeline.reduce((a, [, f]) => a + f, 0),
        acknowledged_actions: acknowledged,
        acknowledged_missing: lost.length,
        number_registers_with_gaps: gaps.length,
        letters_signed: signedLetters,
      };
      for (const [name, a] of Object.entries(three.actions)) {
        metrics[`${name}_p50_ms`] = a.p50_ms;
        metrics[`${name}_p99_ms`] = a.p99_ms;
        metrics[`${name}_n`] = a.n;
      }
      return {
        metrics,
        goals: { route_around_s: '<= 5', acknowledged_missing: '= 0', number_registers_with_gaps: '= 0', ratio_3_vs_1: 'about 2 at most on 2 cores', failed_requests_elsewhere: '= 0' },
        notes: JSON.stringify({ events, errors: { one: one.errors, three: three.errors, chaos: chaotic.errors }, actions_one: one.actions, actions_chaos: chaotic.actions, lost: lost.slice(0, 20), gaps, chaos_timeline: chaotic.timeline }),
      };
    } finally {
      await cluster?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
