// Records side of the archive: signed and sent letters become frozen records filed in berkas;
// the records officer closes the berkas (JRA clock starts), the retention pass moves it to
// inactive, reports list what is due; daftar arsip CSV; loans; legal hold.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { documents } from '../../src/server/outgoing/schema.js';
import { documentTypes } from '../../src/server/catalog/schema.js';
import { archiveRecords } from '../../src/server/archive/schema.js';
import { applyRetention, closeBerkasAtYearEnd, listLoans, retentionReport } from '../../src/server/archive/berkas.js';
import { loadGrants, type Actor } from '../../src/server/auth/actor.js';
import { declareRecord } from '../../src/server/archive/index.js';
import { drainSearchQueueFully } from '../../src/server/search/index.js';
import { storeFile } from '../../src/server/files/storeFile.js';
import { extractPdfText } from '../../src/server/pdf/extractPdfText.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};
const docIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  t.ctx.clock.set('2026-06-01T03:00:00Z');
  ids = await seedDemo(t.ctx);
  for (const u of ['kabag.umum', 'staf.umum', 'staf.perumahan', 'kadis.kominfo', 'arsip.kominfo']) c[u] = await loginAs(t.app, t.ctx, u);
  const db = t.ctx.database.db;
  const [type] = await db.select({ id: documentTypes.id }).from(documentTypes).where(eq(documentTypes.code, 'surat'));
  for (let i = 1; i <= 3; i++) {
    const [d] = await db
      .insert(documents)
      .values({
        documentTypeId: type!.id,
        issuingUnitId: ids.units.get('bagian-umum')!,
        drafterUserId: ids.users.get('staf.umum')!,
        hal: `Surat tugas perjalanan dinas ${i}`,
        classificationCode: '800.1.11.1',
        draftKind: 'pdf',
        signerPositionId: ids.positions.get('kabag-umum')!,
        numberingMode: 'at_signing',
        status: 'delivered',
        number: `800.1.11.1/${i}/UM/410.01/2026`,
        documentDate: `2026-0${i}-10`,
      })
      .returning();
    docIds.push(d!.id);
  }
  await drainSearchQueueFully(t.ctx);
}, 400_000);
afterAll(async () => t?.close());

const START = '2026-06-01T03:00:00Z';
/** Run with the clock moved (sessions do not survive years, so HTTP calls stay at START). */
async function at<T>(when: string, fn: () => Promise<T>): Promise<T> {
  t.ctx.clock.set(when);
  try {
    return await fn();
  } finally {
    t.ctx.clock.set(START);
  }
}
async function actorOf(username: string): Promise<Actor> {
  const userId = ids.users.get(username)!;
  return { userId, username, name: username, sessionId: null, grants: await loadGrants(t.ctx.database.db, userId), ip: null };
}

const ok = (res: { statusCode: number; body: string }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body || 'null');
};

describe('records and berkas', () => {
  let berkasId: string;

  it('a signed and sent letter is declared a record automatically, filed in the unit × code × year berkas', async () => {
    const recs = await t.ctx.database.db.select().from(archiveRecords).where(eq(archiveRecords.sourceKind, 'outgoing'));
    expect(recs).toHaveLength(3);
    expect(new Set(recs.map((r) => r.berkasId)).size).toBe(1);
    expect(recs[0]!.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
    const list = ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas?unitId=${ids.units.get('bagian-umum')}`));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ classificationCode: '800.1.11.1', year: 2026, itemCount: 3, kurunStart: '2026-01-10', kurunEnd: '2026-03-10', status: 'open', state: 'aktif' });
    expect(list[0].uraian).toContain('2026');
    berkasId = list[0].id;
    // Search shows the record (state aktif), found by an inflected form.
    const s = ok(await c['staf.umum']!.get('/api/v1/search?q=perjalanan&recordsOnly=true'));
    expect(s.total).toBe(3);
    expect(s.items[0]).toMatchObject({ state: 'aktif' });
    expect(s.items[0].recordId).toBeTruthy();
  });

  it('its content is frozen after declaration, and it cannot be deleted', async () => {
    const db = t.ctx.database.db;
    const failure = (p: Promise<unknown>) => p.then(() => 'no error', (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message));
    // PostgreSQL reports the trigger's message; the embedded PGlite socket drops the connection
    // on it (ECONNRESET / EPIPE). Either way the write fails and the content stays as declared.
    const refused = /^(?!no error$)/; // any failure; on PostgreSQL the message names the trigger
    expect(await failure(db.update(archiveRecords).set({ title: 'diubah' }).where(eq(archiveRecords.sourceId, docIds[0]!)))).toMatch(refused);
    expect(await failure(db.execute(sql`update archive_records set snapshot = '{}'::jsonb where source_id = ${docIds[0]!}`))).toMatch(refused);
    expect(await failure(db.execute(sql`delete from archive_records where source_id = ${docIds[0]!}`))).toMatch(refused);
    // (the embedded engine's pool may hand out the dropped connection once more: retry the read)
    let still: typeof archiveRecords.$inferSelect | undefined;
    for (let i = 0; i < 5 && !still; i++) [still] = await db.select().from(archiveRecords).where(eq(archiveRecords.sourceId, docIds[0]!)).catch(() => []);
    expect(still!.title).toBe('Surat tugas perjalanan dinas 1');
    expect(still!.snapshot).toHaveProperty('timeline');
    // Changes to the live document later do not touch the record's index row.
    await db.update(documents).set({ hal: 'Diubah setelah diarsipkan' }).where(eq(documents.id, docIds[0]!));
    await drainSearchQueueFully(t.ctx);
    expect(ok(await c['staf.umum']!.get('/api/v1/search?q=diubah')).total).toBe(0);
  });

  it('only records officers over the unit manage the berkas (others get 404)', async () => {
    const denied = await c['staf.perumahan']!.get(`/api/v1/archive/berkas/${berkasId}`);
    expect(denied.statusCode, denied.body).toBe(404);
    expect((await c['arsip.kominfo']!.get(`/api/v1/archive/berkas/${berkasId}`)).statusCode).toBe(404);
    expect(ok(await c['arsip.kominfo']!.get('/api/v1/archive/berkas'))).toEqual([]);
    const d = ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas/${berkasId}`));
    expect(d.items).toHaveLength(3);
  });

  it('a record filed per activity can be moved while both berkas are open', async () => {
    const act = ok(await c['kabag.umum']!.post('/api/v1/archive/berkas', { unitId: ids.units.get('bagian-umum'), classificationCode: '800.1.11.1', year: 2026, activity: 'Perjalanan dinas ke Provinsi' }), 201);
    const d = ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas/${berkasId}`));
    const item = d.items[0];
    ok(await c['kabag.umum']!.post(`/api/v1/archive/records/${item.id}/move`, { berkasId: act.id, version: item.version }));
    expect(ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas/${act.id}`)).itemCount).toBe(1);
    expect(ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas/${berkasId}`)).itemCount).toBe(2);
  });

  it('closing starts the retention clock (JRA 1 + 1 years, musnah); a closed berkas takes no new records', async () => {
    let b = ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas/${berkasId}`));
    b = ok(await c['kabag.umum']!.patch(`/api/v1/archive/berkas/${berkasId}`, { version: b.version, locationBuilding: 'Gedung A', locationRoom: 'Ruang Arsip', locationShelf: '3', locationBox: '12' }));
    expect((await c['kabag.umum']!.post(`/api/v1/archive/berkas/${berkasId}/close`, { version: b.version - 1 })).statusCode).toBe(409);
    const closed = ok(await c['kabag.umum']!.post(`/api/v1/archive/berkas/${berkasId}/close`, { version: b.version }));
    expect(closed).toMatchObject({ status: 'closed', activeUntil: '2027-06-01', inactiveUntil: '2028-06-01', finalDisposition: 'musnah' });
    const other = ok(await c['kabag.umum']!.get('/api/v1/archive/berkas?status=open'))[0];
    const item = ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas/${other.id}`)).items[0];
    const move = await c['kabag.umum']!.post(`/api/v1/archive/records/${item.id}/move`, { berkasId, version: item.version });
    expect(move.statusCode).toBe(409);
    expect(move.json().code).toBe('BERKAS_CLOSED');
  });

  it('daftar arsip aktif as CSV in the ANRI columns', async () => {
    const res = await c['kabag.umum']!.get(`/api/v1/archive/daftar?unitId=${ids.units.get('bagian-umum')}&kind=aktif`);
    expect(res.statusCode).toBe(200);
    const lines = res.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('No;Kode Klasifikasi;Uraian Informasi Berkas;Kurun Waktu;Jumlah;Keterangan;Lokasi');
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.includes('Gedung A, Ruang Arsip, Rak 3, Boks 12') && l.includes('2 naskah'))).toBe(true);
  });

  it('daftar arsip aktif as PDF in the same columns, and the box labels of the unit', async () => {
    const unitId = ids.units.get('bagian-umum');
    const res = await c['kabag.umum']!.get(`/api/v1/archive/daftar?unitId=${unitId}&kind=aktif&format=pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = (await extractPdfText(res.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('DAFTAR ARSIP AKTIF');
    expect(text).toContain('BAGIAN UMUM');
    for (const col of ['Kode Klasifikasi', 'Uraian Informasi Berkas', 'Kurun Waktu', 'Jumlah', 'Keterangan', 'Lokasi']) expect(text).toContain(col);
    expect(text).toContain('Gedung A, Ruang Arsip, Rak 3, Boks 12');
    expect(text).toContain('Berkas tertutup');
    const labels = await c['kabag.umum']!.get(`/api/v1/archive/box-labels?unitId=${unitId}`);
    expect(labels.statusCode, labels.body).toBe(200);
    const lt = (await extractPdfText(labels.rawPayload)).replace(/\s+/g, ' ');
    expect(lt).toContain('NOMOR BOKS: 12');
    expect(lt).toContain('800.1.11.1');
    expect(lt).toContain('Lokasi: Gedung A, Ruang Arsip, Rak 3, Boks 12');
    // Another unit's officer gets a 404, not the list.
    expect((await c['arsip.kominfo']!.get(`/api/v1/archive/daftar?unitId=${unitId}&kind=aktif&format=pdf`)).statusCode).toBe(404);
    expect((await c['arsip.kominfo']!.get(`/api/v1/archive/box-labels?unitId=${unitId}`)).statusCode).toBe(404);
  });

  it('the retention pass moves it to inactive when the active years are over; the report lists disposal when due', async () => {
    expect(await at('2027-06-02T03:00:00Z', () => applyRetention(t.ctx))).toBe(1);
    const inaktif = await c['kabag.umum']!.get(`/api/v1/archive/daftar?unitId=${ids.units.get('bagian-umum')}&kind=inaktif`);
    expect(inaktif.body).toContain('Retensi Inaktif s.d.');
    expect(inaktif.body).toContain('2028-06-01');
    expect(ok(await c['staf.umum']!.get('/api/v1/search?q=perjalanan&state=inaktif')).total).toBe(2);
    const kabag = await actorOf('kabag.umum');
    expect((await retentionReport(t.ctx.database.db, kabag, { asOf: '2027-06-02' })).dueDisposal).toHaveLength(0);
    const r = await retentionReport(t.ctx.database.db, kabag, { asOf: '2028-06-02' });
    expect(r.dueDisposal.map((b) => b.id)).toEqual([berkasId]);
    // Year end: the activity berkas of 2026, still open, is closed as of 31 December 2026.
    expect(await at('2027-01-02T03:00:00Z', () => closeBerkasAtYearEnd(t.ctx))).toBe(1);
    const act = ok(await c['kabag.umum']!.get('/api/v1/archive/berkas')).find((b: { activity: string | null }) => b.activity);
    expect(act).toMatchObject({ status: 'closed', activeUntil: '2027-12-31', inactiveUntil: '2028-12-31' });
  });

  it('legal hold on a berkas is recorded', async () => {
    const b = ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas/${berkasId}`));
    ok(await c['kabag.umum']!.post(`/api/v1/archive/berkas/${berkasId}/legal-hold`, { version: b.version, hold: true, reason: 'Perkara Nomor 12/Pdt.G/2026' }), 204);
    expect(ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas/${berkasId}`))).toMatchObject({ legalHold: true, legalHoldReason: 'Perkara Nomor 12/Pdt.G/2026' });
  });

  it('loans with a due date and a return; overdue ones are flagged', async () => {
    const loan = ok(await c['kabag.umum']!.post('/api/v1/archive/loans', { berkasId, borrowerUserId: ids.users.get('staf.umum'), purpose: 'Bahan pemeriksaan inspektorat', dueOn: '2026-06-09' }), 201);
    expect((await c['kabag.umum']!.post('/api/v1/archive/loans', { berkasId, borrowerUserId: ids.users.get('staf.umum'), purpose: 'Lagi', dueOn: '2026-06-09' })).json().code).toBe('ARCHIVE_ON_LOAN');
    expect(ok(await c['kabag.umum']!.get('/api/v1/archive/loans?open=true'))).toEqual([expect.objectContaining({ id: loan.id, overdue: false })]);
    const open = await listLoans(t.ctx.database.db, await actorOf('kabag.umum'), { open: true, asOf: '2026-06-12' });
    expect(open).toEqual([expect.objectContaining({ id: loan.id, overdue: true, borrower: expect.any(String) })]);
    ok(await c['kabag.umum']!.post(`/api/v1/archive/loans/${loan.id}/return`, { version: loan.version }));
    expect(ok(await c['kabag.umum']!.get('/api/v1/archive/loans?open=true'))).toEqual([]);
  });

  it('declareRecord is idempotent and classes a Rahasia record out of custodians\' search', async () => {
    const now = t.ctx.clock.now;
    const input = {
      sourceKind: 'incoming' as const,
      sourceId: '00000000-0000-7000-8000-00000000a001',
      unitId: ids.units.get('kominfo')!,
      classificationCode: '800.1.11.1',
      number: '700/9/INSP/2028',
      title: 'Laporan hasil pemeriksaan',
      documentDate: '2026-05-10',
      sifat: 'rahasia',
      files: [],
      ocrText: 'temuan pemeriksaan atas pengelolaan kepegawaian',
      participants: { userIds: [], positionIds: [ids.positions.get('kadis-kominfo')] },
      snapshot: { kind: 'incoming' },
      declaredByUserId: null,
      now,
    };
    const a = await declareRecord(t.ctx.database.db, input);
    const b = await declareRecord(t.ctx.database.db, input);
    expect(b).toEqual({ ...a, created: false });
    expect(ok(await c['kadis.kominfo']!.get('/api/v1/search?q=pegawai')).total).toBe(1);
    expect(ok(await c['arsip.kominfo']!.get('/api/v1/search?q=pegawai&facets=true'))).toMatchObject({ total: 0, items: [] });
    // The records officer sees that the berkas holds a closed item, without its title.
    const berkas = ok(await c['arsip.kominfo']!.get('/api/v1/archive/berkas'));
    const d = ok(await c['arsip.kominfo']!.get(`/api/v1/archive/berkas/${berkas[0].id}`));
    expect(d.items[0]).toMatchObject({ canOpen: false, number: '700/9/INSP/2028', files: [] });
    expect(d.items[0].title).not.toContain('pemeriksaan');
    const [rec] = await t.ctx.database.db.select().from(archiveRecords).where(and(eq(archiveRecords.sourceKind, 'incoming'), eq(archiveRecords.id, a.recordId)));
    expect(rec!.accessClass).toBe('rahasia');
  });
  it('a record page shows metadata, its PDF and the frozen history to its readers only', async () => {
    const db = t.ctx.database.db;
    const pdf = Buffer.from('%PDF-1.4\n% naskah masuk arsip\n%%EOF\n');
    const f = await storeFile(t.ctx, db, { bytes: pdf, name: 'undangan-rapat.pdf', mime: 'application/pdf', createdBy: null });
    const { recordId } = await declareRecord(db, {
      sourceKind: 'incoming',
      sourceId: '00000000-0000-7000-8000-00000000a002',
      unitId: ids.units.get('kominfo')!,
      classificationCode: '800.1.11.1',
      number: '005/77/PROV/2026',
      title: 'Undangan rapat koordinasi persandian',
      documentDate: '2026-05-20',
      sifat: 'biasa',
      files: [{ fileId: f.id, role: 'scan', name: 'undangan-rapat.pdf', sha256: f.sha256, size: pdf.length }],
      participants: { userIds: [ids.users.get('arsip.kominfo')], positionIds: [] },
      parties: ['Dinas Kominfo Provinsi'],
      snapshot: { kind: 'incoming', parties: ['Dinas Kominfo Provinsi'], timeline: [{ at: '2026-05-20T02:00:00.000Z', action: 'registered', actorUserId: ids.users.get('arsip.kominfo'), note: 'Dicatat dari pindaian' }] },
      declaredByUserId: ids.users.get('arsip.kominfo')!,
      now: t.ctx.clock.now,
    });
    const r = ok(await c['arsip.kominfo']!.get(`/api/v1/archive/records/${recordId}`));
    expect(r).toMatchObject({ number: '005/77/PROV/2026', title: 'Undangan rapat koordinasi persandian', sourceKind: 'incoming', classificationCode: '800.1.11.1', parties: ['Dinas Kominfo Provinsi'], legalHold: false, contentDeletedAt: null });
    expect(r.berkas).toMatchObject({ status: 'open', state: 'aktif', year: 2026 });
    expect(r.files).toEqual([{ index: 0, role: 'scan', name: 'undangan-rapat.pdf', sha256: f.sha256, size: pdf.length, available: true, personalData: false, longTerm: null }]);
    expect(r.history).toEqual([{ at: '2026-05-20T02:00:00.000Z', action: 'registered', actor: 'Maya Sari', note: 'Dicatat dari pindaian' }]);
    const file = await c['arsip.kominfo']!.get(`/api/v1/archive/records/${recordId}/files/0`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await c['arsip.kominfo']!.get(`/api/v1/archive/records/${recordId}/files/1`)).statusCode).toBe(404);
    // Outside its readers: 404 for the record and its file.
    expect((await c['staf.umum']!.get(`/api/v1/archive/records/${recordId}`)).statusCode).toBe(404);
    expect((await c['staf.umum']!.get(`/api/v1/archive/records/${recordId}/files/0`)).statusCode).toBe(404);
    // The Rahasia record: its reader opens it, the records officer of the unit does not.
    const [secret] = await db.select({ id: archiveRecords.id }).from(archiveRecords).where(eq(archiveRecords.sourceId, '00000000-0000-7000-8000-00000000a001'));
    expect((await c['arsip.kominfo']!.get(`/api/v1/archive/records/${secret!.id}`)).statusCode).toBe(404);
    expect(ok(await c['kadis.kominfo']!.get(`/api/v1/archive/records/${secret!.id}`))).toMatchObject({ accessClass: 'rahasia', title: 'Laporan hasil pemeriksaan' });
  });
});
