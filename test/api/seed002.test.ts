// Seed 002 (Disdukcapil Kab. Bantul): outgoing letter with TTE where the records officer gives
// the register number before drafting; the drafter enters an invitation through the in-app
// form (or uploads a finished PDF); the direct superior verifies (and may return); the Kepala
// Dinas signs; the records officer sends it by e-mail or post to offices without e-surat.
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { verifyPdf } from '../../src/server/signature/index.js';
import { isoDateIn } from '../../src/shared/dates.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { pdfText } from '../helpers/pdfText.js';
import { act, DEMO_PASSPHRASE, detail, letterheadId, pos, typeId, upload, waitForPdf } from '../helpers/documents.js';

let t: TestApp;
let ids: DemoIds;
let smtp: SMTPServer;
const mails: Array<{ to: string; raw: string }> = [];
const c: Record<string, Client> = {};
const year = () => new Date().getFullYear();

let dispatchedId = '';
let dispatchedNumber = '';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as { port: number }).port;
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true`, MAIL_FROM: 'Disdukcapil <esurat@contohkab.go.id>' });
  ids = await seedDemo(t.ctx);
  await t.ctx.jobs.work(0.5);
  for (const u of ['arsip.dukcapil', 'admin.dafduk', 'kabid.dafduk', 'kadis.dukcapil', 'kabid.persandian', 'arsip.kominfo']) c[u] = await loginAs(t.app, t.ctx, u);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

describe('seed 002: tata persuratan keluar dengan TTE (nomor dari petugas arsip)', () => {
  let number: string;
  let entryId: string;
  let id: string;

  it('steps 1–2: the records officer gives a register number for the subject', async () => {
    const undangan = await typeId(c['arsip.dukcapil']!, 'undangan');
    const res = await c['arsip.dukcapil']!.post('/api/v1/numbering/reservations', {
      unitId: ids.units.get('dukcapil'),
      classificationCode: '400.12',
      hal: 'Undangan Rapat Koordinasi Layanan Adminduk',
      documentTypeId: undangan,
    });
    expect(res.statusCode, res.body).toBe(201);
    ({ number } = res.json());
    entryId = res.json().entryId;
    expect(number).toBe(`400.12/1/410.20/${year()}`);
    expect(entryId).toBeTruthy();
    // A drafter cannot give numbers.
    const denied = await c['admin.dafduk']!.post('/api/v1/numbering/reservations', { unitId: ids.units.get('dukcapil'), classificationCode: '400.12', hal: 'Coba' });
    expect(denied.statusCode).toBe(403);
  });

  it('step 3: registration without the number is refused; with it, the form renders a draft that carries number and date', async () => {
    const drafter = c['admin.dafduk']!;
    const undangan = await typeId(drafter, 'undangan');
    const kop = await letterheadId(drafter, 'KOP Disdukcapil', ids.units.get('dukcapil-dafduk'));
    const base = {
      documentTypeId: undangan,
      letterheadId: kop,
      draftKind: 'form',
      hal: 'Undangan Rapat Koordinasi Layanan Adminduk',
      sifat: 'biasa',
      urgensi: 'segera',
      classificationCode: '400.12',
      recipients: [
        { role: 'to', kind: 'external', externalName: 'Lurah Sukamaju', externalAddress: 'Jl. Desa 1', externalEmail: 'lurah.sukamaju@contoh.example' },
        { role: 'to', kind: 'position', positionId: pos(ids, 'kabid-sp') },
      ],
      verifierPositionIds: [pos(ids, 'kabid-dafduk')],
      signerPositionId: pos(ids, 'kadis-dukcapil'),
      form: { hari_tanggal: 'Senin, 30 November 2026', waktu: 'Pukul 09.00 WIB s.d. selesai', tempat: 'Ruang Rapat Disdukcapil', acara: 'Rapat koordinasi layanan administrasi kependudukan' },
    };
    const without = await drafter.post('/api/v1/documents', base);
    expect(without.statusCode).toBe(409);
    expect(without.json().code).toBe('DOCUMENT_NUMBER_REQUIRED');

    const reg = await drafter.post('/api/v1/documents', { ...base, numberEntryId: entryId });
    expect(reg.statusCode, reg.body).toBe(201);
    id = reg.json().id;
    const d = await waitForPdf(drafter, id);
    expect(d).toMatchObject({ number, numberingMode: 'before_drafting', draftKind: 'form' });
    const text = await pdfTextOf(drafter, id, d.versions[0].pdfFileId);
    expect(text).toContain(number);
    expect(text).toContain('Rapat koordinasi layanan administrasi kependudukan');
    expect(text).toContain('Ruang Rapat Disdukcapil');
    expect(text).not.toMatch(/\[Isi pokok surat/); // the template's guidance is not in a form draft
  });

  it('steps 4–5: sent to the direct superior, who returns it to the drafter; the drafter fixes the form and sends again', async () => {
    const drafter = c['admin.dafduk']!;
    let d = await act(drafter, id, 'submit', { version: (await detail(drafter, id)).version });
    d = await act(c['kabid.dafduk']!, id, 'return', { version: d.version, reason: 'Tempat rapat dipindah ke Aula', to: 'drafter' });
    expect(d.status).toBe('returned');
    expect((await drafter.get('/api/v1/dashboard')).json().returned).toBe(1);
    const konsep = (await drafter.get('/api/v1/documents?box=drafts')).json();
    expect(konsep.items[0]).toMatchObject({ id, status: 'returned', lastReturn: { note: 'Tempat rapat dipindah ke Aula', byName: 'Wahyu Hidayat, S.Kom., M.M.' } });

    const patch = await drafter.patch(`/api/v1/documents/${id}`, {
      version: d.version,
      form: { hari_tanggal: 'Senin, 30 November 2026', waktu: 'Pukul 09.00 WIB s.d. selesai', tempat: 'Aula Disdukcapil', acara: 'Rapat koordinasi layanan administrasi kependudukan' },
    });
    expect(patch.statusCode, patch.body).toBe(204);
    d = await waitForPdf(drafter, id);
    expect(d.versions).toHaveLength(2);
    expect(await pdfTextOf(drafter, id, d.versions[0].pdfFileId)).toContain('Aula Disdukcapil');
    d = await act(drafter, id, 'submit', { version: d.version });
    d = await act(c['kabid.dafduk']!, id, 'approve', { version: d.version });
    expect(d).toMatchObject({ status: 'awaiting_signature' });
  });

  it('step 8: the Kepala Dinas signs; the number given before drafting is kept', async () => {
    const d0 = await detail(c['kadis.dukcapil']!, id);
    const d = await act(c['kadis.dukcapil']!, id, 'sign', { version: d0.version, passphrase: DEMO_PASSPHRASE });
    expect(d).toMatchObject({ status: 'delivered', number });
    const signed = (await c['kadis.dukcapil']!.get(`/api/v1/documents/${id}/files/${d.signed.fileId}`)).rawPayload;
    expect((await verifyPdf(t.ctx, signed, {})).verdict).toBe('valid');
    // The register shows the number as used by this document.
    const reg = await c['arsip.dukcapil']!.get(`/api/v1/numbering/units/${ids.units.get('dukcapil')}/entries?year=${year()}`);
    expect(reg.statusCode, reg.body).toBe(200);
    expect(JSON.stringify(reg.json())).toContain(number);
  });

  it('step 9: the records officer sends it by e-mail to an office without e-surat; the internal addressee has it already', async () => {
    const officer = c['arsip.dukcapil']!;
    const outbox = (await officer.get('/api/v1/outbox')).json();
    expect(outbox.items).toHaveLength(1);
    expect(outbox.items[0]).toMatchObject({ externalName: 'Lurah Sukamaju', number });
    const sent = await officer.post(`/api/v1/dispatches/${outbox.items[0].id}/send`, { channel: 'email' });
    expect(sent.statusCode, sent.body).toBe(200);
    const deadline = Date.now() + 30_000;
    while (!mails.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(mails[0]!.to).toBe('lurah.sukamaju@contoh.example');
    expect(mails[0]!.raw).toContain('Content-Type: application/pdf');
    expect(mails[0]!.raw).toContain(number);
    // The mail server has the message before the job records the hand-over: wait for the record.
    let d = await detail(officer, id);
    while (d.dispatches[0]?.status !== 'sent' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      d = await detail(officer, id);
    }
    expect(d.dispatches[0]).toMatchObject({ status: 'sent', channel: 'email' });
    const inbox = (await c['kabid.persandian']!.get('/api/v1/inbox')).json();
    expect(inbox.items.map((i: { document: { number: string } }) => i.document.number)).toEqual([number]);
  });

  it('the other way of step 3: the drafter uploads a finished PDF and marks where the signature goes', async () => {
    const officer = c['arsip.dukcapil']!;
    const surat = await typeId(officer, 'surat');
    const r = (await officer.post('/api/v1/numbering/reservations', { unitId: ids.units.get('dukcapil'), classificationCode: '400.12', hal: 'Permohonan Data Penduduk', documentTypeId: surat })).json();
    expect(r.number).toBe(`400.12/2/410.20/${year()}`);
    const drafter = c['admin.dafduk']!;
    const reg = await drafter.post('/api/v1/documents', {
      documentTypeId: surat,
      draftKind: 'pdf',
      hal: 'Permohonan Data Penduduk',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '400.12',
      recipients: [{ role: 'to', kind: 'external', externalName: 'Kepala BPS Kabupaten Contoh', externalAddress: 'Jl. Merdeka 9' }],
      verifierPositionIds: [pos(ids, 'kabid-dafduk')],
      signerPositionId: pos(ids, 'kadis-dukcapil'),
      numberEntryId: r.entryId,
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const pid = reg.json().id;
    let d = await detail(drafter, pid);
    const pdf = await letterPdf(r.number);
    expect((await upload(drafter, `/api/v1/documents/${pid}/versions`, { version: d.version }, [{ field: 'file', filename: 'surat.pdf', content: pdf }])).statusCode).toBe(201);
    d = await detail(drafter, pid);
    const unmarked = await drafter.post(`/api/v1/documents/${pid}/submit`, { version: d.version });
    expect(unmarked.json()).toMatchObject({ code: 'DOCUMENT_PDF_MARKS_REQUIRED', details: { missing: ['tanda tangan'] } });
    expect((await drafter.patch(`/api/v1/documents/${pid}`, { version: d.version, pdfMarks: { signature: { page: 1, x: 320, y: 120, width: 230, height: 72 } } })).statusCode).toBe(204);
    d = await act(drafter, pid, 'submit', { version: (await detail(drafter, pid)).version });
    d = await act(c['kabid.dafduk']!, pid, 'approve', { version: d.version });
    d = await act(c['kadis.dukcapil']!, pid, 'sign', { version: d.version, passphrase: DEMO_PASSPHRASE });
    expect(d).toMatchObject({ status: 'delivered', number: r.number });
    const signed = (await drafter.get(`/api/v1/documents/${pid}/files/${d.signed.fileId}`)).rawPayload;
    expect((await verifyPdf(t.ctx, signed, {})).verdict).toBe('valid');
    // The post channel records the dispatch: a line in the unit's buku ekspedisi.
    const outbox = (await officer.get('/api/v1/outbox')).json();
    const item = outbox.items.find((i: { documentId: string }) => i.documentId === pid);
    expect((await officer.post(`/api/v1/dispatches/${item.id}/send`, { channel: 'post', note: 'Diantar kurir dinas', receiptNumber: 'RR123456789ID' })).json().status).toBe('sent');
    dispatchedId = item.id;
    dispatchedNumber = r.number;
  });

  it('the buku ekspedisi: the paper dispatch is a line, completed later, printed as PDF and CSV with a tanda terima slip', async () => {
    const officer = c['arsip.dukcapil']!;
    const today = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
    const q = `from=${today}&to=${today}`;
    const book = (await officer.get(`/api/v1/dispatch-book?${q}`)).json();
    expect(book.unit.name).toMatch(/Kependudukan/);
    // Only the paper dispatches: the e-mail of step 9 is not in the book.
    expect(book.lines).toHaveLength(1);
    expect(book.lines[0]).toMatchObject({ no: 1, id: dispatchedId, number: dispatchedNumber, hal: 'Permohonan Data Penduduk', recipient: 'Kepala BPS Kabupaten Contoh', address: 'Jl. Merdeka 9', channel: 'post', receiptNumber: 'RR123456789ID', receivedByName: null, sentOn: today });
    // Another unit's officer sees neither the book nor the line.
    expect((await c['arsip.kominfo']!.get(`/api/v1/dispatch-book?${q}&unitId=${ids.units.get('dukcapil')}`)).statusCode).toBe(403);
    expect((await c['arsip.kominfo']!.patch(`/api/v1/dispatches/${dispatchedId}/receipt`, { receivedByName: 'X' })).statusCode).toBe(404);
    // Filled in when the courier brings the signed slip back.
    const filled = await officer.patch(`/api/v1/dispatches/${dispatchedId}/receipt`, { receivedByName: 'Sri Wahyuni', receivedOn: today });
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.json()).toMatchObject({ receiptNumber: 'RR123456789ID', receivedByName: 'Sri Wahyuni', receivedOn: today });
    const pdf = await officer.get(`/api/v1/dispatch-book.pdf?${q}`);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('BUKU EKSPEDISI');
    expect(text).toContain(dispatchedNumber);
    expect(text).toContain('Sri Wahyuni');
    expect(text).toContain('RR123456789ID');
    const csv = await officer.get(`/api/v1/dispatch-book.csv?${q}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toContain('Nomor resi');
    expect(rows[1]).toContain(dispatchedNumber);
    expect(rows[1]).toContain('Permohonan Data Penduduk');
    expect(rows[1]).toContain('Sri Wahyuni');
    const slip = await officer.get(`/api/v1/dispatches/${dispatchedId}/tanda-terima.pdf`);
    expect(slip.statusCode).toBe(200);
    const slipText = pdfText(slip.rawPayload);
    expect(slipText).toContain('TANDA TERIMA NASKAH DINAS');
    expect(slipText).toContain('Kepala BPS Kabupaten Contoh');
    expect((await officer.get(`/api/v1/dispatch-book?from=${today}&to=2000-01-01`)).statusCode).toBe(400);
  });
});

async function letterPdf(number: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('PEMERINTAH KABUPATEN CONTOH', { x: 180, y: 780, size: 12, font });
  page.drawText(`Nomor : ${number}`, { x: 72, y: 700, size: 11, font });
  page.drawText('Hal   : Permohonan Data Penduduk', { x: 72, y: 684, size: 11, font });
  page.drawText('Kepala Dinas Kependudukan dan Pencatatan Sipil', { x: 320, y: 220, size: 10, font });
  return doc.save();
}

async function pdfTextOf(client: Client, id: string, fileId: string): Promise<string> {
  return pdfText((await client.get(`/api/v1/documents/${id}/files/${fileId}`)).rawPayload);
}
