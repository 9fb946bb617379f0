// The records officer's register through the API, as in seed 002 (Disdukcapil Bantul): the
// number is issued before drafting, told to the drafter, cancellations stay in the agenda, and
// the agenda exports to Excel. Plus numbering settings and the format preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let ids: DemoIds;
let officer: Client; // arsip.dukcapil: records officer of Disdukcapil
let drafter: Client; // admin.dafduk: drafter in Disdukcapil (Bidang Dafduk)
let otherOfficer: Client; // arsip.kominfo
let admin: Client;
const unit = (key: string) => ids.units.get(key)!;

beforeAll(async () => {
  t = await createTestApp();
  t.ctx.clock.set('2026-05-04T02:00:00Z'); // Senin, 09:00 WIB
  ids = await seedDemo(t.ctx);
  officer = await loginAs(t.app, t.ctx, 'arsip.dukcapil');
  drafter = await loginAs(t.app, t.ctx, 'admin.dafduk');
  otherOfficer = await loginAs(t.app, t.ctx, 'arsip.kominfo');
  admin = await loginAs(t.app, t.ctx, 'admin');
});
afterAll(async () => t?.close());

describe('seed 002: the records officer gives the number before drafting', () => {
  it('reserves the next number of the Disdukcapil register, dated today, with a sentence for the drafter', async () => {
    const res = await officer.post('/api/v1/numbering/reservations', { unitId: unit('dukcapil'), classificationCode: '400.12.2', hal: 'Undangan sosialisasi KTP-el' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      entryId: expect.any(String),
      seq: 1,
      number: '400.12.2/1/410.20/2026',
      date: '2026-05-04',
      year: 2026,
      series: 'umum',
      classificationCode: '400.12.2',
      classificationName: 'Pendaftaran Penduduk',
      message: 'Nomor surat: 400.12.2/1/410.20/2026 (hal: Undangan sosialisasi KTP-el). Cantumkan nomor ini saat mendaftarkan konsep.',
    });
    const second = await officer.post('/api/v1/numbering/reservations', { unitId: unit('dukcapil'), classificationCode: '000.1.5', hal: 'Undangan rapat pimpinan' });
    expect(second.json().number).toBe('000.1.5/2/410.20/2026');
  });

  it('the drafter sees the reserved numbers of the unit but cannot issue one', async () => {
    const list = await drafter.get(`/api/v1/numbering/reservations?unitId=${unit('dukcapil')}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((e: { number: string; status: string; issuedByName: string }) => [e.number, e.status, e.issuedByName])).toEqual([
      ['000.1.5/2/410.20/2026', 'reserved', 'Nur Hidayah'],
      ['400.12.2/1/410.20/2026', 'reserved', 'Nur Hidayah'],
    ]);
    const forbidden = await drafter.post('/api/v1/numbering/reservations', { unitId: unit('dukcapil'), classificationCode: '400.12.2', hal: 'Coba sendiri' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().message).toBe('Anda tidak memiliki hak untuk tindakan ini.');
    expect((await otherOfficer.post('/api/v1/numbering/reservations', { unitId: unit('dukcapil'), classificationCode: '400.12.2', hal: 'Unit lain' })).statusCode).toBe(403);
  });

  it('refuses an unknown classification code with the code in the message, consuming nothing', async () => {
    const res = await officer.post('/api/v1/numbering/reservations', { unitId: unit('dukcapil'), classificationCode: '005', hal: 'Undangan (kode lama)' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CLASSIFICATION_UNKNOWN', message: 'Kode klasifikasi 005 tidak terdaftar.' });
    const next = await officer.post('/api/v1/numbering/reservations', { unitId: unit('dukcapil'), classificationCode: '400.12.3.1', hal: 'Akta kelahiran' });
    expect(next.json().seq).toBe(3);
  });
});

describe('cancellation and the agenda', () => {
  it('cancels with a reason; the number stays in the register and is never given again', async () => {
    const entries = (await officer.get(`/api/v1/numbering/units/${unit('dukcapil')}/entries?status=reserved`)).json();
    const target = entries.items.find((e: { seq: number }) => e.seq === 2);
    const res = await officer.post(`/api/v1/numbering/entries/${target.id}/cancel`, { reason: 'Rapat ditunda', version: target.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ seq: 2, status: 'cancelled', cancelReason: 'Rapat ditunda', cancelledByName: 'Nur Hidayah', version: target.version + 1 });
    const again = await officer.post(`/api/v1/numbering/entries/${target.id}/cancel`, { reason: 'Lagi', version: target.version + 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'NUMBER_ENTRY_CANCELLED', message: 'Nomor 000.1.5/2/410.20/2026 sudah dibatalkan (Rapat ditunda) dan tidak dapat dipakai lagi.' });
    const next = await officer.post('/api/v1/numbering/reservations', { unitId: unit('dukcapil'), classificationCode: '000.1.5', hal: 'Undangan rapat pimpinan (jadwal baru)' });
    expect(next.json().number).toBe('000.1.5/4/410.20/2026');
    // Another unit's officer gets what a made-up id gets (the authorisation matrix's rule).
    expect((await otherOfficer.post(`/api/v1/numbering/entries/${next.json().entryId}/cancel`, { reason: 'Bukan unit saya', version: 1 })).statusCode).toBe(404);
  });

  it('shows the agenda with filters and paging, newest first', async () => {
    const base = `/api/v1/numbering/units/${unit('dukcapil')}/entries`;
    const all = (await officer.get(`${base}?pageSize=2`)).json();
    expect(all.total).toBe(4);
    expect(all.items.map((e: { seq: number }) => e.seq)).toEqual([4, 3]);
    expect((await officer.get(`${base}?status=cancelled`)).json().items.map((e: { seq: number }) => e.seq)).toEqual([2]);
    expect((await officer.get(`${base}?classification=400.12`)).json().items.map((e: { classificationCode: string }) => e.classificationCode)).toEqual(['400.12.3.1', '400.12.2']);
    expect((await officer.get(`${base}?q=KTP`)).json().items.map((e: { hal: string }) => e.hal)).toEqual(['Undangan sosialisasi KTP-el']);
    expect((await officer.get(`${base}?year=2025`)).json().total).toBe(0);
    const registers = (await officer.get(`/api/v1/numbering/units/${unit('dukcapil')}/registers`)).json();
    expect(registers).toEqual([{ id: expect.any(String), series: 'umum', lastSeq: 4, reserved: 3, used: 0, cancelled: 1 }]);
    expect((await drafter.get(base)).statusCode).toBe(403);
    expect((await admin.get(base)).statusCode).toBe(200);
  });

  it('exports the agenda for Excel, cancelled numbers included', async () => {
    const res = await officer.get(`/api/v1/numbering/units/${unit('dukcapil')}/entries/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="register-410.20-2026.csv"');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('\uFEFFNo. Urut;Nomor;Tanggal;Kode Klasifikasi;Hal;Status;Jenis Naskah;Seri;Dicatat Oleh;Alasan Pembatalan;Dibatalkan Oleh');
    expect(lines.slice(1, 5)).toEqual([
      '1;400.12.2/1/410.20/2026;2026-05-04;400.12.2;Undangan sosialisasi KTP-el;Dipesan (belum dipakai);;umum;Nur Hidayah;;',
      '2;000.1.5/2/410.20/2026;2026-05-04;000.1.5;Undangan rapat pimpinan;Dibatalkan;;umum;Nur Hidayah;Rapat ditunda;Nur Hidayah',
      '3;400.12.3.1/3/410.20/2026;2026-05-04;400.12.3.1;Akta kelahiran;Dipesan (belum dipakai);;umum;Nur Hidayah;;',
      '4;000.1.5/4/410.20/2026;2026-05-04;000.1.5;Undangan rapat pimpinan (jadwal baru);Dipesan (belum dipakai);;umum;Nur Hidayah;;',
    ]);
    const comma = await officer.get(`/api/v1/numbering/units/${unit('dukcapil')}/entries/export?separator=comma&status=cancelled`);
    expect(comma.body.split('\r\n').slice(1, 3)).toEqual(['2,000.1.5/2/410.20/2026,2026-05-04,000.1.5,Undangan rapat pimpinan,Dibatalkan,,umum,Nur Hidayah,Rapat ditunda,Nur Hidayah', '']);
  });
});

describe('numbering settings', () => {
  it('anyone reads the effective mode and format, inherited from the office', async () => {
    const res = await drafter.get(`/api/v1/numbering/units/${unit('dukcapil-dafduk')}/settings`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      unitCode: 'DAFDUK/410.20',
      own: { mode: null, defaultFormat: null, typeFormats: {}, version: null },
      effective: { mode: 'before_drafting', modeFromUnitId: unit('dukcapil'), defaultFormat: '{klasifikasi}/{urut}/{kode_unit}/{tahun}', example: '000.1.5/1/DAFDUK/410.20/2026' },
    });
    const setda = (await drafter.get(`/api/v1/numbering/units/${unit('setda')}/settings`)).json();
    expect(setda.effective).toMatchObject({ mode: 'at_signing', modeFromUnitId: unit('pemda') });
  });

  it('the records officer sets mode and formats; bad formats get Indonesian reasons; versions guard edits', async () => {
    const url = `/api/v1/numbering/units/${unit('dukcapil')}/settings`;
    const current = (await officer.get(url)).json();
    const bad = await officer.put(url, { mode: 'before_drafting', defaultFormat: '{klasifikasi}/{urut}/{kode_unit}', typeFormats: { UND: '{nomor}/{urut}/{tahun}' }, version: current.own.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('NUMBER_FORMAT_INVALID');
    expect(bad.json().message).toMatch(/^Format nomor naskah tidak valid: Format wajib memuat \{tahun\}/);
    expect(bad.json().details.fields.map((f: { path: string }) => f.path)).toEqual(['body.defaultFormat', 'body.typeFormats.UND']);
    const ok = await officer.put(url, { mode: 'at_signing', defaultFormat: '{klasifikasi}/{urut:3}/{kode_unit}/{tahun}', typeFormats: {}, version: current.own.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ own: { mode: 'at_signing', version: current.own.version + 1 }, effective: { example: '000.1.5/001/410.20/2026' } });
    expect((await officer.put(url, { mode: 'before_drafting', defaultFormat: null, typeFormats: {}, version: current.own.version })).statusCode).toBe(409);
    expect((await drafter.put(url, { mode: 'before_drafting', defaultFormat: null, typeFormats: {}, version: current.own.version + 1 })).statusCode).toBe(403);
    const unknownType = await admin.put(url, { mode: 'before_drafting', defaultFormat: null, typeFormats: { TIDAKADA: '{urut}/{tahun}' }, version: current.own.version + 1 });
    expect(unknownType.json().details.fields).toEqual([{ path: 'body.typeFormats.TIDAKADA', message: 'Jenis naskah dengan kode TIDAKADA tidak ada' }]);
    const back = await admin.put(url, { mode: 'before_drafting', defaultFormat: '{klasifikasi}/{urut}/{kode_unit}/{tahun}', typeFormats: {}, version: current.own.version + 1 });
    expect(back.json().effective.mode).toBe('before_drafting');
  });

  it('previews a format', async () => {
    const ok = (await drafter.post('/api/v1/numbering/format-preview', { format: '{klasifikasi}/{urut}/{kode_unit}/{bulan_romawi}/{tahun}', unitCode: '410.20', classificationCode: '400.12.2' })).json();
    expect(ok).toEqual({ valid: true, errors: [], example: '400.12.2/17/410.20/V/2026' });
    const bad = (await drafter.post('/api/v1/numbering/format-preview', { format: '{klasifikasi}{urut}/{tahun}' })).json();
    expect(bad.valid).toBe(false);
    expect(bad.errors[0]).toMatch(/harus dipisahkan/);
  });
});
