// Archive classification API as the users see it: search, one code with its ancestors, admin
// edits with versions, CSV import report and Excel-friendly export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { Client, createTestApp, loginAs, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let admin: Client;
let staff: Client;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
  admin = await loginAs(t.app, t.ctx, 'admin');
  staff = await loginAs(t.app, t.ctx, 'staf.umum');
});
afterAll(async () => t?.close());

describe('reading classification codes', () => {
  it('any signed-in user searches by code prefix or name, with paging', async () => {
    const res = await staff.get('/api/v1/archive/classifications?q=000.8&pageSize=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.items.map((i: { code: string; hasChildren: boolean }) => [i.code, i.hasChildren])).toEqual([
      ['000.8', true],
      ['000.8.3', true],
    ]);
    const page2 = (await staff.get('/api/v1/archive/classifications?q=000.8&pageSize=2&page=2')).json();
    expect(page2.items).toEqual([expect.objectContaining({ code: '000.8.3.3', name: 'Standar Operasional Prosedur', jraLabel: 'Aktif 2 th, inaktif 3 th, permanen', hasChildren: false })]);
    const byName = (await staff.get('/api/v1/archive/classifications?q=kependudukan')).json();
    expect(byName.items[0]).toMatchObject({ code: '400.12', name: 'Kependudukan dan Catatan Sipil', jraLabel: 'belum ditetapkan' });
    expect((await new Client(t.app).get('/api/v1/archive/classifications')).statusCode).toBe(401);
  });

  it('one code comes with its ancestors; an unknown code is a 404 in Indonesian', async () => {
    const res = await staff.get('/api/v1/archive/classifications/800.1.11.1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: '800.1.11.1', name: 'Surat Perintah Dinas/Surat Tugas', retentionActiveYears: 1, retentionInactiveYears: 1, finalDisposition: 'musnah' });
    expect(res.json().ancestors.map((a: { code: string; name: string }) => `${a.code} ${a.name}`)).toEqual(['800 Kepegawaian', '800.1 Sumber Daya Manusia', '800.1.11 Administrasi Pegawai']);
    const missing = await staff.get('/api/v1/archive/classifications/005');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'CLASSIFICATION_NOT_FOUND', message: 'Kode klasifikasi tidak ditemukan.' });
  });
});

describe('admin edits', () => {
  it('creates a code (admin only) and updates it with the version it saw', async () => {
    expect((await staff.post('/api/v1/archive/classifications', { code: '400.12.2.9', name: 'Coba' })).statusCode).toBe(403);
    const created = await admin.post('/api/v1/archive/classifications', { code: '400.12.2.9', name: 'Pelayanan Keliling', retentionActiveYears: 2, retentionInactiveYears: 3, finalDisposition: 'dinilai_kembali' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ parentCode: '400.12.2', level: 4, version: 1, jraLabel: 'Aktif 2 th, inaktif 3 th, dinilai kembali' });
    const bad = await admin.post('/api/v1/archive/classifications', { code: '400.12.02', name: 'Salah' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/tanpa nol di depan/);
    const upd = await admin.patch('/api/v1/archive/classifications/400.12.2.9', { active: false, version: 1 });
    expect(upd.json()).toMatchObject({ active: false, version: 2 });
    const stale = await admin.patch('/api/v1/archive/classifications/400.12.2.9', { name: 'Lama', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
  });
});

describe('CSV import and export', () => {
  it('imports text/csv; a bad file is a 400 with the row report and saves nothing', async () => {
    const good = 'kode;nama;retensi_aktif;retensi_inaktif;keterangan_akhir\n500.12.3;Layanan Aplikasi;2;3;musnah\n';
    const dry = await admin.post('/api/v1/archive/classifications/import?dryRun=true', good, { 'content-type': 'text/csv' });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ created: 1, applied: false });
    expect((await staff.get('/api/v1/archive/classifications/500.12.3')).statusCode).toBe(404);

    const bad = await admin.post('/api/v1/archive/classifications/import', `${good}500.12.4;Lain;x;3;simpan\n`, { 'content-type': 'text/csv' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'IMPORT_FAILED', message: 'Impor dibatalkan: ada baris yang salah. Tidak ada data yang disimpan.' });
    expect(bad.json().details.report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'retensi_aktif'],
      [3, 'keterangan_akhir'],
    ]);
    expect((await staff.get('/api/v1/archive/classifications/500.12.3')).statusCode).toBe(404);

    const ok = await admin.post('/api/v1/archive/classifications/import', good, { 'content-type': 'text/csv' });
    expect(ok.json()).toMatchObject({ created: 1, applied: true });
    expect((await staff.post('/api/v1/archive/classifications/import', good, { 'content-type': 'text/csv' })).statusCode).toBe(403);
  });

  it('exports every code as CSV for Excel (BOM, ; by default)', async () => {
    const res = await staff.get('/api/v1/archive/classifications/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kode-klasifikasi-arsip.csv"');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('\uFEFFkode;nama;keterangan;retensi_aktif;retensi_inaktif;keterangan_akhir;dasar_hukum;aktif');
    expect(lines).toContain('500.12.3;Layanan Aplikasi;;2;3;musnah;;ya');
    expect((await staff.get('/api/v1/archive/classifications/export?separator=comma')).body.split('\r\n')[1]).toBe('000,Umum,,,,,,ya');
  });

  it('publishes the endpoints in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/archive/classifications', '/api/v1/archive/classifications/{code}', '/api/v1/archive/classifications/import', '/api/v1/archive/classifications/export']),
    );
  });
});
