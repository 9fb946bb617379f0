// SOP clocks per office: each demo office works to its own SOP's times (Setda, Disdukcapil,
// Disperkimta), the admin edits them, a letter's timings follow its office's standard, and the
// head of office sees actual vs standard per step and which letters are late now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { detail, pos, typeId } from '../helpers/documents.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};
let surat: string;

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  for (const u of ['admin', 'kadis.dukcapil', 'kadis.perkimta', 'admin.dafduk', 'kabid.dafduk', 'sekda']) c[u] = await loginAs(t.app, t.ctx, u);
  surat = await typeId(c.admin!, 'surat');
}, 300_000);
afterAll(async () => t?.close());

type Std = { id: string; unitId: string | null; unitName: string | null; documentTypeId: string | null; sopName: string; steps: Array<{ no: number; activity: string; phase: string; minutes: number }>; statedTotalMinutes: number | null; version: number };
const standards = async () => (await c.admin!.get('/api/v1/sop-standards')).json() as Std[];
const min = (m: number) => new Date(t.ctx.now().getTime() - m * 60_000);

/** A Disdukcapil letter drafted `ago` minutes ago, submitted after `draft`, first verification taking `verify` (null = still waiting). */
async function letterOfDukcapil(opts: { ago: number; draft: number; verify: number | null; sifat?: string; hal?: string; type?: string }) {
  const db = t.ctx.database.db;
  const created = min(opts.ago);
  const submitted = new Date(created.getTime() + opts.draft * 60_000);
  const done = opts.verify === null ? null : new Date(submitted.getTime() + opts.verify * 60_000);
  const r = await db.execute<{ id: string }>(sql`
    insert into documents (id, document_type_id, issuing_unit_id, drafter_user_id, hal, sifat, urgensi, classification_code, lampiran, draft_kind, signer_position_id, status, numbering_mode, current_step_order, created_at, submitted_at)
    values (gen_random_uuid(), ${opts.type ?? surat}, ${ids.units.get('dukcapil-dafduk')}, ${ids.users.get('admin.dafduk')}, ${opts.hal ?? 'Undangan rapat koordinasi'}, ${opts.sifat ?? 'biasa'}, 'biasa', '000.6', '-', 'pdf', ${pos(ids, 'kadis-dukcapil')},
      ${done ? 'awaiting_signature' : 'in_verification'}, 'before_drafting', ${done ? 2 : 1}, ${created}, ${submitted})
    returning id`);
  const id = r.rows[0]!.id;
  await db.execute(sql`insert into document_steps (id, document_id, "order", kind, position_id, status, started_at, completed_at)
    values (gen_random_uuid(), ${id}, 1, 'verify', ${pos(ids, 'kabid-dafduk')}, ${done ? 'approved' : 'pending'}, ${submitted}, ${done}),
           (gen_random_uuid(), ${id}, 2, 'sign', ${pos(ids, 'kadis-dukcapil')}, 'pending', ${done}, null)`);
  return id;
}

describe('SOP time standards per office', () => {
  it('every demo office has its own SOP rows; the instance default is SOP TTE Bupati (ten rows, 120 minutes)', async () => {
    const list = await standards();
    const def = list.find((s) => s.unitId === null && s.documentTypeId === null)!;
    expect(def.steps.reduce((a, s) => a + s.minutes, 0)).toBe(120);
    const byUnit = (key: string) => list.find((s) => s.unitId === ids.units.get(key))!;
    expect(byUnit('setda').steps.map((s) => s.minutes)).toEqual([5, 30, 15, 5, 10, 10, 10, 15, 5, 15]);
    expect(byUnit('dukcapil').steps.map((s) => s.minutes)).toEqual([1, 3, 3, 3, 3, 5, 2]);
    expect(byUnit('dukcapil').statedTotalMinutes).toBe(54);
    expect(byUnit('perkimta').steps.map((s) => s.minutes)).toEqual([15, 5, 5, 5, 5, 5]);
  });

  it("a letter's timings follow its office's SOP, and change when the admin edits it", async () => {
    const id = await letterOfDukcapil({ ago: 30, draft: 20, verify: null });
    const before = await detail(c['admin.dafduk']!, id);
    // Disdukcapil: drafting = rows 1-4 (1+3+3+3 = 10 min), the Kabid's verification = row 5 (3 min)
    expect(before.timings.find((x: { label: string }) => x.label === 'draft')).toMatchObject({ standardMinutes: 10, sopNos: [1, 2, 3, 4], overdue: true });
    expect(before.timings.find((x: { label: string }) => x.label === 'verify')).toMatchObject({ standardMinutes: 3, sopNos: [5], elapsedMinutes: 10, overdue: true });

    const std = (await standards()).find((s) => s.unitId === ids.units.get('dukcapil'))!;
    const steps = std.steps.map((s) => (s.no === 5 ? { ...s, minutes: 15 } : s));
    const body = { version: std.version, sopName: std.sopName, steps, statedTotalMinutes: 66 };
    expect((await c['kadis.dukcapil']!.put(`/api/v1/sop-standards/${std.id}`, body)).statusCode).toBe(403);
    const ok = await c.admin!.put(`/api/v1/sop-standards/${std.id}`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(std.version + 1);
    const stale = await c.admin!.put(`/api/v1/sop-standards/${std.id}`, body);
    expect(stale.statusCode).toBe(409);
    const after = await detail(c['admin.dafduk']!, id);
    expect(after.timings.find((x: { label: string }) => x.label === 'verify')).toMatchObject({ standardMinutes: 15, overdue: false });
    const audit = await t.ctx.database.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'catalog.sop_standard_updated' and entity_id = ${std.id}`);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('a standard for one document type wins over the office-wide one; bad rows are refused at the field', async () => {
    const bad = await c.admin!.post('/api/v1/sop-standards', {
      unitId: ids.units.get('dukcapil'),
      documentTypeId: surat,
      sopName: 'Surat Dinas Disdukcapil',
      steps: [
        { no: 1, activity: 'Konsep', phase: 'draft', minutes: 20 },
        { no: 1, activity: '', phase: 'verify', minutes: 4 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('SOP_STANDARD_INVALID');
    expect(bad.json().details.fields.map((f: { path: string }) => f.path)).toEqual(['body.steps.1.no', 'body.steps.1.activity']);
    const created = await c.admin!.post('/api/v1/sop-standards', {
      unitId: ids.units.get('dukcapil'),
      documentTypeId: surat,
      sopName: 'Surat Dinas Disdukcapil',
      steps: [
        { no: 1, activity: 'Konsep', phase: 'draft', minutes: 20 },
        { no: 2, activity: 'Verifikasi Kabid', phase: 'verify', minutes: 4 },
        { no: 3, activity: 'TTE', phase: 'sign', minutes: 5 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const twice = await c.admin!.post('/api/v1/sop-standards', { unitId: ids.units.get('dukcapil'), documentTypeId: surat, sopName: 'x', steps: [{ no: 1, activity: 'x', phase: 'draft', minutes: 1 }] });
    expect(twice.json().code).toBe('SOP_STANDARD_EXISTS');
    const id = await letterOfDukcapil({ ago: 10, draft: 5, verify: null });
    const d = await detail(c['admin.dafduk']!, id);
    expect(d.timings.find((x: { label: string }) => x.label === 'draft')).toMatchObject({ standardMinutes: 20 });
    // Removing it sends the office's letters back to the office-wide SOP.
    const del = await c.admin!.delete(`/api/v1/sop-standards/${created.json().id}?version=1`);
    expect(del.statusCode).toBe(204);
    expect((await detail(c['admin.dafduk']!, id)).timings.find((x: { label: string }) => x.label === 'draft')).toMatchObject({ standardMinutes: 10 });
    const def = (await standards()).find((s) => s.unitId === null && s.documentTypeId === null)!;
    expect((await c.admin!.delete(`/api/v1/sop-standards/${def.id}?version=${def.version}`)).json().code).toBe('SOP_STANDARD_DEFAULT_REQUIRED');
  });
});

describe('the SOP performance report', () => {
  it('only the head of the office (or above) and admins open it', async () => {
    const unitId = ids.units.get('dukcapil')!;
    expect((await c['kadis.dukcapil']!.get(`/api/v1/sop-report?unitId=${unitId}`)).statusCode).toBe(200);
    expect((await c['kadis.perkimta']!.get(`/api/v1/sop-report?unitId=${unitId}`)).json().code).toBe('SOP_REPORT_NOT_ALLOWED');
    expect((await c['admin.dafduk']!.get(`/api/v1/sop-report?unitId=${unitId}`)).statusCode).toBe(403);
    expect((await c.admin!.get(`/api/v1/sop-report?unitId=${unitId}`)).statusCode).toBe(200);
    // The Kabid heads his bidang only; the Sekda is no head of Disdukcapil in the demo tree.
    expect((await c['kabid.dafduk']!.get(`/api/v1/sop-report?unitId=${ids.units.get('dukcapil-dafduk')}`)).statusCode).toBe(200);
    expect((await c['kabid.dafduk']!.get(`/api/v1/sop-report?unitId=${unitId}`)).statusCode).toBe(403);
    const units = (await c['kadis.dukcapil']!.get('/api/v1/sop-report/units')).json() as Array<{ id: string }>;
    expect(units.map((u) => u.id)).toContain(ids.units.get('dukcapil-dafduk'));
    expect(units.map((u) => u.id)).not.toContain(ids.units.get('perkimta'));
  });

  it('per step: median, p90 and share on time over the period; the letters late now, secret subjects hidden', async () => {
    const nota = await typeId(c.admin!, 'nota_dinas');
    // Three letters whose Kabid verified in 2, 4 and 20 minutes (standard now 15), one still waiting 40 minutes.
    await letterOfDukcapil({ ago: 120, draft: 8, verify: 2, type: nota });
    await letterOfDukcapil({ ago: 100, draft: 12, verify: 4, type: nota });
    await letterOfDukcapil({ ago: 90, draft: 30, verify: 20, type: nota });
    const late = await letterOfDukcapil({ ago: 60, draft: 20, verify: null, sifat: 'rahasia', hal: 'Data pegawai yang diperiksa', type: nota });
    const res = await c['kadis.dukcapil']!.get(`/api/v1/sop-report?unitId=${ids.units.get('dukcapil')}&documentTypeId=${nota}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.letters).toBe(4);
    expect(r.standard).toMatchObject({ sopName: 'IKMT Tata Persuratan (Surat Keluar) dengan TTE', statedTotalMinutes: 66 });
    const step = (key: string) => r.steps.find((s: { key: string }) => s.key === key);
    expect(step('draft')).toMatchObject({ standardMinutes: 10, count: 4, medianMinutes: 16, onTimeShare: 0.25 });
    expect(step('verify:1')).toMatchObject({ standardMinutes: 15, sopNos: [5], count: 3, medianMinutes: 4, onTimeShare: 0.667 });
    expect(step('verify:1').p90Minutes).toBeCloseTo(16.8, 1);
    expect(step('sign')).toMatchObject({ standardMinutes: 5, count: 0 });
    // Late now: the waiting verification (40 > 15) and the signatures waiting longer than 5 minutes.
    const waiting = r.overdueNow.find((o: { documentId: string }) => o.documentId === late);
    expect(waiting).toMatchObject({ key: 'verify:1', hal: null, sifat: 'rahasia', elapsedMinutes: 40, standardMinutes: 15, positionName: 'Kepala Bidang Pelayanan Pendaftaran Penduduk' });
    expect(r.overdueNow.filter((o: { key: string }) => o.key === 'sign')).toHaveLength(3);
    expect(r.overdueNow.find((o: { key: string; hal: string | null }) => o.key === 'sign')!.hal).toBe('Undangan rapat koordinasi');
    // A period before the letters shows none.
    const empty = (await c['kadis.dukcapil']!.get(`/api/v1/sop-report?unitId=${ids.units.get('dukcapil')}&documentTypeId=${nota}&from=2020-01-01&to=2020-01-31`)).json();
    expect(empty.letters).toBe(0);
    expect((await c['kadis.dukcapil']!.get(`/api/v1/sop-report?unitId=${ids.units.get('dukcapil')}&from=2026-02-01&to=2026-01-01`)).statusCode).toBe(400);
  });
});
