import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { testEngine } from '../helpers/templates.js';

let t: TestApp;
let ids: DemoIds;
let admin: Client;
let staff: Client;

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  admin = await loginAs(t.app, t.ctx, 'admin');
  staff = await loginAs(t.app, t.ctx, 'staf.umum');
}, 60_000);
afterAll(async () => t?.close());

const UNITS = `kode;nama;nama_singkat;jenis;kode_induk;alamat;telepon;email;website;urutan
420.01;Badan Perencanaan Pembangunan Daerah;Bappeda;badan;;Jl. Veteran 2;;bappeda@contohkab.go.id;;10
SEK/420.01;Sekretariat Bappeda;;sekretariat;420.01;;;;;1
`;
const POSITIONS = `kode_unit,jabatan,eselon,kode_unit_atasan,jabatan_atasan,kepala_unit,urutan
420.01,Kepala Bappeda,II.b,410.01,Sekretaris Daerah,ya,1
SEK/420.01,Sekretaris Bappeda,III.a,420.01,Kepala Bappeda,ya,2
SEK/420.01,Pengadministrasi Umum Bappeda,pelaksana,SEK/420.01,Sekretaris Bappeda,,3
`;
// A Plh appointed for a week starting next month (upcoming appointments are listed too).
const nextMonth = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10);
const PLH_FROM = nextMonth;
const PLH_TO = new Date(Date.parse(nextMonth) + 6 * 86_400_000).toISOString().slice(0, 10);
const USERS = `username,nama,nip,nik,pangkat,golongan,email,whatsapp,kode_unit,jabatan,jenis_jabatan,mulai,selesai,peran
kaban.bappeda,"Ir. Budi Santoso, M.T.",197001012000031001,3372010101700002,Pembina,IV/a,kaban@contohkab.go.id,081211110001,420.01,Kepala Bappeda,definitif,2025-01-02,,signer;verifier
sek.bappeda,Ani Rahayu,198002022005012002,3372014202800002,Penata,III/c,,0812-1111-0002,SEK/420.01,Sekretaris Bappeda,definitif,02/01/2025,,verifier;records_officer
plh.kaban,Ani Rahayu (Plh),,3372014202800003,,,,,420.01,Kepala Bappeda,plh,${PLH_FROM},${PLH_TO},
`;

async function importCsv(c: Client, csv: string, dryRun = false) {
  return c.request('POST', `/api/v1/org/import${dryRun ? '?dryRun=true' : ''}`, csv, { 'content-type': 'text/csv' });
}

describe('organisation CSV import', () => {
  it('imports units, positions and users; a second run changes nothing', async () => {
    const u = await importCsv(admin, UNITS);
    expect(u.statusCode, u.body).toBe(200);
    expect(u.json()).toMatchObject({ kind: 'units', rows: 2, created: 2, updated: 0, applied: true });
    const p = await importCsv(admin, POSITIONS);
    expect(p.json()).toMatchObject({ kind: 'positions', created: 3, applied: true });
    const us = await importCsv(admin, USERS);
    expect(us.statusCode, us.body).toBe(200);
    expect(us.json()).toMatchObject({ kind: 'users', created: 3, applied: true });
    expect(us.json().temporaryPasswords.map((x: { username: string }) => x.username).sort()).toEqual(['kaban.bappeda', 'plh.kaban', 'sek.bappeda']);

    for (const csv of [UNITS, POSITIONS, USERS]) {
      const again = await importCsv(admin, csv);
      expect(again.json()).toMatchObject({ created: 0, updated: 0, applied: true });
      expect(again.json().unchanged).toBeGreaterThan(0);
    }
    // The imported structure is browsable: the unit with its head and his superior chain.
    const units = (await staff.get('/api/v1/org/units')).json();
    const bappeda = units.find((x: { code: string }) => x.code === '420.01');
    const page = (await staff.get(`/api/v1/org/units/${bappeda.id}`)).json();
    const kaban = page.positions.find((x: { name: string }) => x.name === 'Kepala Bappeda');
    expect(kaban).toMatchObject({ isUnitHead: true, parentPositionId: ids.positions.get('sekda') });
    expect(kaban.holders.map((h: { kind: string }) => h.kind).sort()).toEqual(['definitif', 'plh']);
    // A temporary password must be changed at first login.
    const temp = us.json().temporaryPasswords.find((x: { username: string }) => x.username === 'sek.bappeda').password;
    const login = await new (await import('../helpers/testApp.js')).Client(t.app).login('sek.bappeda', temp);
    expect(login.json().mustChangePassword).toBe(true);
  });

  it('one bad row aborts everything and every bad row is reported with its reason', async () => {
    const before = (await admin.get('/api/v1/org/users?pageSize=200')).json().total;
    const bad = `username,nama,nip,nik,kode_unit,jabatan,peran
ok.user,Orang Baik,199001012015031001,3372010101900002,420.01,,
bad.nip,Orang NIP,12345,,,,
bad.unit,Orang Unit,,,999.99,Kepala X,
bad.role,Orang Peran,,,,,tukang_kopi
ok.user2,Orang Baik Dua,199001012015031002,3372010101900003,,,
`;
    const res = await importCsv(admin, bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMPORT_FAILED');
    const errors = res.json().details.report.errors;
    expect(errors).toEqual([
      expect.objectContaining({ row: 3, column: 'nip', message: expect.stringContaining('NIP harus 18 digit') }),
      expect.objectContaining({ row: 4, column: 'kode_unit', message: expect.stringContaining('999.99') }),
      expect.objectContaining({ row: 5, column: 'peran', message: expect.stringContaining('tukang_kopi') }),
    ]);
    expect((await admin.get('/api/v1/org/users?pageSize=200')).json().total).toBe(before); // nothing half-imported
    const dry = await importCsv(admin, `username,nama\nnew.one,Orang Baru\n`, true);
    expect(dry.json()).toMatchObject({ created: 1, applied: false, temporaryPasswords: [] });
    expect((await admin.get('/api/v1/org/users?q=new.one')).json().total).toBe(0);
  });

  it('only administrators import; others see users without personal data', async () => {
    expect((await importCsv(staff, UNITS)).statusCode).toBe(403);
    const list = (await staff.get('/api/v1/org/users?q=kadis')).json();
    expect(list.items[0]).not.toHaveProperty('nik');
    expect(list.items[0]).not.toHaveProperty('whatsapp');
    const adminView = (await admin.get('/api/v1/org/users?q=kadis')).json();
    expect(adminView.items[0]).toHaveProperty('nik');
  });

  it('an Admin Email must be a civil servant (seed 004)', async () => {
    const created = await admin.post('/api/v1/org/users', { username: 'honorer.it', name: 'Tenaga Honorer IT' });
    const res = await admin.post(`/api/v1/org/users/${created.json().user.id}/roles`, { role: 'admin_email', unitId: ids.units.get('kominfo') });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('Admin Email harus ASN (memiliki NIP).');
  });
});

// The CLI against an embedded database of its own (only once: the engine is PGlite).
if (testEngine() === 'pglite') {
  describe('naskah CLI', () => {
    it('migrate, seed-demo, import-org (twice, idempotent; a bad file exits non-zero), create-admin', async () => {
      const run = promisify(execFile);
      const dir = fs.mkdtempSync(path.join(t.ctx.tmpDir, 'cli-'));
      const env = { ...process.env, NASKAH_DATA_DIR: dir, NASKAH_FROM_SOURCE: '1', LOG_LEVEL: 'warn' };
      const naskah = (...args: string[]) => run(process.execPath, ['bin/naskah.js', ...args], { env, timeout: 120_000 });
      expect((await naskah('--help')).stdout).toMatch(/import-org/);
      const seeded = await naskah('seed-demo');
      expect(seeded.stdout).toContain('kadis.dukcapil');
      expect((await naskah('audit', 'verify')).stdout).toMatch(/Rantai audit utuh: [1-9]\d* kejadian/);
      fs.writeFileSync(path.join(dir, 'units.csv'), UNITS);
      expect((await naskah('import-org', path.join(dir, 'units.csv'))).stdout).toMatch(/baru 2, diubah 0, tetap 0/);
      expect((await naskah('import-org', path.join(dir, 'units.csv'))).stdout).toMatch(/baru 0, diubah 0, tetap 2/);
      fs.writeFileSync(path.join(dir, 'bad.csv'), 'kode,nama,jenis\n430.01,Unit Aneh,planet\n');
      const bad = await naskah('import-org', path.join(dir, 'bad.csv')).catch((e: { code: number; stderr: string }) => e);
      expect(bad).toMatchObject({ code: 1 });
      expect((bad as { stderr: string }).stderr).toMatch(/baris 2 \[jenis\]/);
      const adm = await naskah('create-admin', '--username', 'admin2', '--name', 'Admin Dua');
      expect(adm.stdout).toMatch(/Kata sandi sementara: \S+/);
    }, 240_000);
  });
}
