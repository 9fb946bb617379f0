// Issue 9: registration-to-inbox latency (the records officer registers a scanned letter with
// "Kirim ke pimpinan" → it is in the Kepala Dinas's Naskah Masuk) and the disposition tree view
// p99 for a 200-node tree among BENCH_INCOMING_LETTERS generated letters (goal ≤ 20 ms), PostgreSQL.
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { sql } from 'drizzle-orm';
import { percentile, round, type Bench } from './lib.js';
import { freshPostgres, httpLogin, runTool, startBenchServer } from './support.js';

const LETTERS = Number(process.env.BENCH_INCOMING_LETTERS ?? 1_000_000);
const NODES = 200;

async function scan(i: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(`Surat bench nomor ${i}`, { x: 60, y: 760, size: 12, font });
  return doc.save();
}

const bench: Bench = {
  name: 'incoming',
  description: `registration-to-inbox latency; GET /api/v1/incoming-letters/{id} p99 with a ${NODES}-node disposition tree among ${LETTERS.toLocaleString('en')} letters, PostgreSQL`,
  async run() {
    const db = await freshPostgres('naskah_bench_incoming');
    const { server, dir } = await startBenchServer({ DATABASE_URL: db.url, NASKAH_DEMO: 'true' });
    try {
      const q = server.ctx.database.db;
      const ids = (await q.execute<{ unit: string; kadis: string; kabid: string; kasi: string; staff: string; kadis_user: string; officer: string }>(sql`
        select (select id from units where code = '406.020') unit,
               (select id from positions where name = 'Kepala Dinas Komunikasi dan Informatika') kadis,
               (select id from positions where name = 'Kepala Bidang Statistik dan Persandian') kabid,
               (select id from positions where name = 'Kepala Seksi Keamanan Informasi dan Persandian') kasi,
               (select id from positions where name = 'Pranata Komputer (Admin Email)') staff,
               (select id from users where username = 'kadis.kominfo') kadis_user,
               (select id from users where username = 'arsip.kominfo') officer`)).rows[0]!;
      const t0 = Date.now();
      await q.execute(sql`
        insert into incoming_letters (id, receiving_unit_id, status, source, agenda_series, agenda_year, agenda_number, sender_instansi, letter_number, letter_date, received_at, hal, classification_code, addressed_position_id, sent_at, read_at, created_at, updated_at)
        select gen_random_uuid(), ${ids.unit}, 'sent', 'manual', 'umum', 2025, g, 'Instansi ' || (g % 500), 'B/' || g || '/2025', date '2025-01-01' + (g % 300), now() - make_interval(secs => ${LETTERS} - g), 'Surat masuk ' || g, '000.1', ${ids.kadis}, now() - make_interval(secs => ${LETTERS} - g), now(), now(), now()
        from generate_series(1, ${LETTERS}) g`);
      // The benchmarked letter: one root per Kabid-level position... a chain kadis → kabid → kasi → staff, fanned out to 200 nodes.
      const letter = (await q.execute<{ id: string }>(sql`
        insert into incoming_letters (id, receiving_unit_id, status, source, agenda_series, agenda_year, agenda_number, sender_instansi, letter_number, letter_date, received_at, hal, classification_code, addressed_position_id, sent_at, created_at, updated_at)
        values (gen_random_uuid(), ${ids.unit}, 'sent', 'manual', 'umum', 2026, (select coalesce(max(agenda_number), 0) + 1 from incoming_letters where receiving_unit_id = ${ids.unit} and agenda_series = 'umum' and agenda_year = 2026), 'Instansi besar', 'X/1/2026', '2026-01-02', now(), 'Surat dengan pohon disposisi besar', '000.1', ${ids.kadis}, now(), now(), now()) returning id`)).rows[0]!.id;
      await q.execute(sql`
        with roots as (
          insert into dispositions (id, letter_id, parent_id, batch_id, sender_position_id, sender_user_id, receiver_position_id, instructions, note, due_date, state, sent_at, read_at)
          select gen_random_uuid(), ${letter}, null, gen_random_uuid(), ${ids.kadis}, ${ids.kadis_user}, ${ids.kabid}, '["tindak_lanjut"]'::jsonb, 'Catatan ' || g, current_date + 3, 'read', now(), now() from generate_series(1, 10) g returning id
        ), mid as (
          insert into dispositions (id, letter_id, parent_id, batch_id, sender_position_id, sender_user_id, receiver_position_id, instructions, state, sent_at)
          select gen_random_uuid(), ${letter}, r.id, gen_random_uuid(), ${ids.kabid}, ${ids.kadis_user}, ${ids.kasi}, '["koordinasikan"]'::jsonb, 'read', now() from roots r, generate_series(1, 4) g returning id
        )
        insert into dispositions (id, letter_id, parent_id, batch_id, sender_position_id, sender_user_id, receiver_position_id, instructions, state, sent_at)
        select gen_random_uuid(), ${letter}, m.id, gen_random_uuid(), ${ids.kasi}, ${ids.kadis_user}, ${ids.staff}, '["proses"]'::jsonb, 'sent', now() from mid m, generate_series(1, 4) g`);
      // The generated letters hold agenda numbers: the counters move past them, or the next registration collides.
      await q.execute(sql`
        insert into incoming_agenda_counters (unit_id, series, year, last)
        select receiving_unit_id, agenda_series, agenda_year, max(agenda_number) from incoming_letters
        where receiving_unit_id = ${ids.unit} and agenda_number is not null group by 1, 2, 3
        on conflict (unit_id, series, year) do update set last = greatest(incoming_agenda_counters.last, excluded.last)`);
      await q.execute(sql`analyze`);
      const setupSeconds = (Date.now() - t0) / 1000;
      const [count] = (await q.execute<{ n: number }>(sql`select count(*)::int n from dispositions where letter_id = ${letter}`)).rows;

      const kadis = await httpLogin(server.url, 'kadis.kominfo');
      const officer = await httpLogin(server.url, 'arsip.kominfo');
      const url = `${server.url}/api/v1/incoming-letters/${letter}`;
      await runTool('httpLoad.ts', [url, '2', '3'], { LOAD_HEADERS: JSON.stringify(kadis) });
      const tree = await runTool<{ requests: number; errors: number; p50_ms: number; p99_ms: number; max_ms: number }>('httpLoad.ts', [url, '2', '10'], { LOAD_HEADERS: JSON.stringify(kadis) });

      // Registration → in the Kepala Dinas's Naskah Masuk.
      const latencies: number[] = [];
      for (let i = 0; i < 20; i++) {
        const form = new FormData();
        form.append('data', JSON.stringify({ sender: { instansi: `Pengirim bench ${i}` }, letterNumber: `BENCH/${i}/2026`, letterDate: '2026-01-02', hal: `Surat bench ${i}`, classificationCode: '000.1', addressedPositionId: ids.kadis, send: true }));
        form.append('scan', new Blob([await scan(i)], { type: 'application/pdf' }), `bench-${i}.pdf`);
        const start = performance.now();
        const res = await fetch(`${server.url}/api/v1/incoming-letters`, { method: 'POST', headers: officer, body: form });
        if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
        const { id } = (await res.json()) as { id: string };
        const inbox = (await (await fetch(`${server.url}/api/v1/incoming/inbox?page=1&pageSize=5`, { headers: kadis })).json()) as { items: Array<{ id: string }> };
        if (!inbox.items.some((x) => x.id === id)) throw new Error('registered letter not in the inbox');
        latencies.push(performance.now() - start);
      }
      return {
        metrics: {
          letters: LETTERS,
          tree_nodes: count?.n ?? 0,
          setup_seconds: round(setupSeconds, 1),
          tree_requests: tree.requests,
          tree_errors: tree.errors,
          tree_p50_ms: round(tree.p50_ms),
          tree_p99_ms: round(tree.p99_ms),
          registration_to_inbox_p50_ms: round(percentile(latencies, 50)),
          registration_to_inbox_p99_ms: round(percentile(latencies, 99)),
        },
        goals: { tree_p99_ms: '<= 20' },
        notes: 'tree view = the whole letter page (letter, timeline, replies, 200 nodes with holders and reports), 2 keep-alive clients for 10 s; registration = upload of a 1-page PDF with send, then the inbox request that shows it',
      };
    } finally {
      await server.stop();
      if (process.env.BENCH_KEEP_DB !== '1') await db.drop();
      (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
