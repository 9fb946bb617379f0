// OCR of scans uploaded by hand (Catat surat masuk): the records officer uploads the scan first,
// the OCR job (real ocrmypdf) reads it while he fills in the form, the letter shows the OCR state
// and the suggested number, date and hal, which he corrects before registering; a letter
// registered at once gets its text layer afterwards; a scan with no text gets a clear state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { isoDateIn } from '../../src/shared/dates.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { upload, pos } from '../helpers/documents.js';
import { letterPdf, rasterise, REQUEST_LETTER } from '../helpers/letterScan.js';
import { PDFDocument } from '@cantoo/pdf-lib';
import { and, eq } from 'drizzle-orm';
import { archiveRecords } from '../../src/server/archive/schema.js';

let t: TestApp;
let ids: DemoIds;
let arsip: Client;
let kabid: Client;
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  today = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
  arsip = await loginAs(t.app, t.ctx, 'arsip.kominfo');
  kabid = await loginAs(t.app, t.ctx, 'kabid.persandian');
}, 300_000);
afterAll(async () => t?.close());

const scanOf = async () => rasterise(await letterPdf(), 'png');
/** A photo of an empty sheet: nothing to read. */
async function emptySheet(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  return rasterise(await doc.save(), 'png', 100);
}
async function letter(id: string) {
  const res = await arsip.get(`/api/v1/incoming-letters/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function ocrFinished() {
  await t.ctx.jobs.drain(['ocr.recognise'], 300_000);
}

describe('OCR of scans uploaded at registration', { timeout: 400_000 }, () => {
  it('the scan uploaded first is read by OCR; the officer corrects the suggestions and registers it', async () => {
    const notOfficer = await upload(kabid, '/api/v1/incoming-letters/scans', {}, [{ field: 'scan', filename: 'surat.png', content: await scanOf() }]);
    expect(notOfficer.statusCode).toBe(403);

    const up = await upload(arsip, '/api/v1/incoming-letters/scans', {}, [{ field: 'scan', filename: 'surat.png', content: await scanOf() }]);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ status: 'pending', source: 'scan', ocrStatus: 'pending', agenda: null });
    const id = up.json().id as string;

    await t.ctx.jobs.work(0.5);
    await ocrFinished();
    const read = await letter(id);
    expect(read.ocrStatus).toBe('done');
    expect(read.ocrError).toBeNull();
    expect(read.ocrSuggestions).toMatchObject({ letterNumber: REQUEST_LETTER.nomor, letterDate: '2026-10-14' });
    expect(String(read.ocrSuggestions.hal)).toMatch(/Permohonan Pembuatan Akun/);
    expect(read.ocrText).toContain('Permohonan Pembuatan Akun');
    // The scan now carries the text layer (the searchable PDF replaced it).
    const file = await arsip.get(`/api/v1/incoming-letters/${id}/file`);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // The officer corrects the hal and registers the pending letter: agenda number, his values.
    const data = {
      sender: { instansi: 'Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup' },
      letterNumber: read.ocrSuggestions.letterNumber,
      letterDate: read.ocrSuggestions.letterDate,
      hal: 'Permohonan pembuatan akun surat elektronik dinas',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '000.6',
      addressedPositionId: pos(ids, 'kadis-kominfo'),
    };
    const reg = await upload(arsip, `/api/v1/incoming-letters/${id}/register`, { version: read.version, data: JSON.stringify(data) }, []);
    expect(reg.statusCode, reg.body).toBe(200);
    expect(reg.json()).toMatchObject({ id, status: 'registered', letterNumber: REQUEST_LETTER.nomor, hal: data.hal, ocrStatus: 'done' });
    expect(reg.json().agenda).toMatch(new RegExp(`^0001/SM/${today.slice(0, 4)}$`));
    // Registered: an archive record of Diskominfo with the scan's hash and the OCR text.
    const [rec] = await t.ctx.database.db.select().from(archiveRecords).where(and(eq(archiveRecords.sourceKind, 'incoming'), eq(archiveRecords.sourceId, id)));
    expect(rec).toMatchObject({ unitId: ids.units.get('kominfo'), classificationCode: '000.6', number: REQUEST_LETTER.nomor, title: data.hal, sifat: 'biasa' });
    expect(rec!.files).toHaveLength(1);
    expect(rec!.files[0]).toMatchObject({ role: 'scan' });
    expect(rec!.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rec!.ocrText).toContain('Permohonan Pembuatan Akun');
    const events = (await letter(id)).events.map((e: { action: string }) => e.action);
    expect(events).toEqual(expect.arrayContaining(['pending_created', 'ocr_done', 'registered']));
  });

  it('a letter registered at once gets its text layer afterwards; a scan without text says so', async () => {
    const data = (n: string) => ({
      sender: { instansi: 'Badan Kepegawaian Daerah' },
      letterNumber: n,
      letterDate: today,
      hal: 'Undangan rapat koordinasi kepegawaian',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '800',
      addressedPositionId: pos(ids, 'kadis-kominfo'),
    });
    const direct = await upload(arsip, '/api/v1/incoming-letters', { data: JSON.stringify(data('800/1/BKD/2026')) }, [{ field: 'scan', filename: 'surat.png', content: rasterise(await letterPdf({ ...REQUEST_LETTER, nomor: '800/1/BKD/2026' }), 'png') }]);
    expect(direct.statusCode, direct.body).toBe(201);
    expect(direct.json()).toMatchObject({ status: 'registered', ocrStatus: 'pending' });
    const blank = await upload(arsip, '/api/v1/incoming-letters', { data: JSON.stringify(data('800/2/BKD/2026')) }, [{ field: 'scan', filename: 'foto.png', content: await emptySheet() }]);
    expect(blank.statusCode, blank.body).toBe(201);
    await ocrFinished();
    const d = await letter(direct.json().id);
    expect(d.ocrStatus).toBe('done');
    expect(d.ocrText).toContain('800/1/BKD/2026');
    const b = await letter(blank.json().id);
    expect(b.ocrStatus).toBe('failed');
    expect(b.ocrError).toMatch(/\S/);
    // Still registered: a scan without text is no reason to lose the letter.
    expect(b.status).toBe('registered');
  });
});
