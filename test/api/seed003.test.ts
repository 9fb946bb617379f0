// Seed 003 (Disperkimta Kab. Cilacap): the drafter uploads the .docx with PDF attachments
// (max 1 MB each); Kabid/Kasubag → Sekretaris → Kepala Dinas correct/return or approve; on
// final approval the letter is signed electronically and sent automatically.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { act, DEMO_PASSPHRASE, detail, downloadTemplate, editDraft, letterheadId, pos, typeId, upload, waitForPdf } from '../helpers/documents.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  await t.ctx.jobs.work(0.5);
  for (const u of ['staf.perumahan', 'kabid.perumahan', 'sekdis.perkimta', 'kadis.perkimta', 'kadis.kominfo', 'sekda']) c[u] = await loginAs(t.app, t.ctx, u);
}, 120_000);
afterAll(async () => t?.close());

async function attachmentPdf(pages: number, padBytes = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Lampiran halaman ${i + 1}`, { x: 72, y: 760, size: 14, font });
  if (padBytes) await doc.attach(randomBytes(padBytes), 'data.bin', { mimeType: 'application/octet-stream' }); // an oversized but valid PDF
  return doc.save();
}

describe('seed 003: surat keluar elektronik Disperkimta', () => {
  let id: string;

  it('steps 1–2: the drafter uploads the .docx with PDF attachments; wrong attachments get clear reasons', async () => {
    const drafter = c['staf.perumahan']!;
    const surat = await typeId(drafter, 'surat');
    const kop = await letterheadId(drafter, 'KOP Disperkimta', ids.units.get('perkimta-perumahan'));
    const chain = (await drafter.get(`/api/v1/workflow/suggest-chain?signerPositionId=${pos(ids, 'kadis-perkimta')}`)).json();
    expect(chain.verifierPositionIds).toEqual([pos(ids, 'kabid-perumahan'), pos(ids, 'sekdis-perkimta')]);
    const reg = await drafter.post('/api/v1/documents', {
      documentTypeId: surat,
      letterheadId: kop,
      draftKind: 'docx',
      hal: 'Permohonan Data Rumah Tidak Layak Huni',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '600.2',
      lampiran: '1 (satu) berkas',
      recipients: [
        { role: 'to', kind: 'unit', unitId: ids.units.get('kominfo') },
        { role: 'cc', kind: 'position', positionId: pos(ids, 'sekda') },
      ],
      verifierPositionIds: chain.verifierPositionIds,
      signerPositionId: pos(ids, 'kadis-perkimta'),
    });
    expect(reg.statusCode, reg.body).toBe(201);
    id = reg.json().id;
    let d = await detail(drafter, id);
    const template = await downloadTemplate(drafter, surat, kop);
    const edited = editDraft(template, 'Sehubungan dengan pendataan rumah tidak layak huni tahun 2026, kami mohon data dukungan jaringan di kecamatan.');
    expect((await upload(drafter, `/api/v1/documents/${id}/versions`, { version: d.version }, [{ field: 'file', filename: 'surat.docx', content: edited }])).statusCode).toBe(201);

    d = await detail(drafter, id);
    const ok = await upload(drafter, `/api/v1/documents/${id}/attachments`, { version: d.version }, [{ field: 'file', filename: 'data-rtlh.pdf', content: await attachmentPdf(2) }]);
    expect(ok.statusCode, ok.body).toBe(201);

    d = await detail(drafter, id);
    const big = await upload(drafter, `/api/v1/documents/${id}/attachments`, { version: d.version }, [{ field: 'file', filename: 'besar.pdf', content: await attachmentPdf(1, 1_200_000) }]);
    expect(big.statusCode).toBe(400);
    expect(big.json().code).toBe('ATTACHMENT_INVALID');
    expect(JSON.stringify(big.json())).toMatch(/1 MB/);

    const docx = await upload(drafter, `/api/v1/documents/${id}/attachments`, { version: d.version }, [{ field: 'file', filename: 'bukan.pdf', content: edited }]);
    expect(docx.statusCode).toBe(400);
    expect(JSON.stringify(docx.json())).toMatch(/PDF/);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-enc-'));
    fs.writeFileSync(path.join(dir, 'in.pdf'), await attachmentPdf(1));
    execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', path.join(dir, 'in.pdf'), path.join(dir, 'enc.pdf')]);
    const enc = await upload(drafter, `/api/v1/documents/${id}/attachments`, { version: d.version }, [{ field: 'file', filename: 'rahasia.pdf', content: fs.readFileSync(path.join(dir, 'enc.pdf')) }]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(enc.statusCode).toBe(400);
    expect(JSON.stringify(enc.json())).toMatch(/kata sandi|terenkripsi/i);

    d = await waitForPdf(drafter, id);
    expect(d.attachments.map((a: { name: string }) => a.name)).toEqual(['data-rtlh.pdf']);
  });

  it('step 3–4: Kabid approves; the Sekretaris returns it for correction; the drafter uploads a corrected .docx', async () => {
    const drafter = c['staf.perumahan']!;
    let d = await act(drafter, id, 'submit', { version: (await detail(drafter, id)).version });
    d = await act(c['kabid.perumahan']!, id, 'approve', { version: d.version });
    d = await act(c['sekdis.perkimta']!, id, 'return', { version: d.version, reason: 'Sebutkan tenggat pengiriman data', to: 'drafter' });
    expect(d).toMatchObject({ status: 'returned' });
    const surat = await typeId(drafter, 'surat');
    const kop = await letterheadId(drafter, 'KOP Disperkimta');
    const template = await downloadTemplate(drafter, surat, kop);
    const fixed = editDraft(template, 'Sehubungan dengan pendataan rumah tidak layak huni tahun 2026, kami mohon data dukungan jaringan di kecamatan paling lambat 15 Desember 2026.');
    expect((await upload(drafter, `/api/v1/documents/${id}/versions`, { version: d.version, note: 'Tenggat ditambahkan' }, [{ field: 'file', filename: 'surat-v2.docx', content: fixed }])).statusCode).toBe(201);
    d = await waitForPdf(drafter, id);
    // Resubmission starts again at the Kabid: nobody is skipped.
    d = await act(drafter, id, 'submit', { version: d.version });
    expect(d.currentStepOrder).toBe(1);
    d = await act(c['kabid.perumahan']!, id, 'approve', { version: d.version });
    d = await act(c['sekdis.perkimta']!, id, 'approve', { version: d.version });
    expect(d).toMatchObject({ status: 'awaiting_signature', currentStepOrder: 3 });
  });

  it('steps 5–6: the Kepala Dinas approves by signing; it is sent automatically with its attachment', async () => {
    let d = await detail(c['kadis.perkimta']!, id);
    d = await act(c['kadis.perkimta']!, id, 'sign', { version: d.version, passphrase: DEMO_PASSPHRASE });
    expect(d.status).toBe('delivered');
    expect(d.number).toBe(`600.2/1/410.30/${new Date().getFullYear()}`);

    // Addressed to the unit Diskominfo: its head receives it.
    const inbox = (await c['kadis.kominfo']!.get('/api/v1/inbox')).json();
    expect(inbox.items[0]).toMatchObject({ role: 'to', document: { hal: 'Permohonan Data Rumah Tidak Layak Huni', number: d.number } });
    const page = await detail(c['kadis.kominfo']!, id);
    expect(page.attachments).toHaveLength(1);
    const att = await c['kadis.kominfo']!.get(`/api/v1/documents/${id}/files/${page.attachments[0].fileId}`);
    expect(att.statusCode).toBe(200);
    expect(att.headers['content-type']).toBe('application/pdf');
    // The tembusan too.
    expect((await c['sekda']!.get('/api/v1/inbox')).json().items[0]).toMatchObject({ role: 'cc' });
    // Nobody else can open it.
    const outsider = await loginAs(t.app, t.ctx, 'staf.umum');
    expect((await outsider.get(`/api/v1/documents/${id}`)).statusCode).toBe(404);
  });
});
