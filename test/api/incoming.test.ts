// Incoming letters and dispositions (seed 004's first half, Diskominfo): the records officer
// registers a scanned letter → "Kirim ke pimpinan" → the Kepala Dinas disposes to two Kabid with
// different instructions and a due date → one Kabid re-disposes to a Kasi → the Kasi reports
// with an attachment → the tree completes only after the second Kabid reports → lembar
// disposisi; cancel while unread, withdraw after read; a reply drafted from the letter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { isoDateIn } from '../../src/shared/dates.js';
import { addDays } from '../../src/server/disposition/dueDates.js';
import { onIncomingEvent, type IncomingEvent } from '../../src/server/incoming/index.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { upload, pos } from '../helpers/documents.js';
import { pdfText } from '../helpers/pdfText.js';
import { letterPdf, multiPageTiff, pagePng } from '../helpers/scans.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};
const events: IncomingEvent[] = [];
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  onIncomingEvent(t.ctx, async (_tx, e) => {
    events.push(e);
  });
  await t.ctx.jobs.work(0.5);
  today = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
  for (const u of ['arsip.kominfo', 'kadis.kominfo', 'kabid.persandian', 'kabid.ikp', 'kasi.kamsinfo', 'sekdis.kominfo', 'kadis.dukcapil', 'arsip.dukcapil']) c[u] = await loginAs(t.app, t.ctx, u);
}, 300_000);
afterAll(async () => t?.close());

const sender = { instansi: 'Dinas Pendidikan Kabupaten Contoh', jabatan: 'Kepala Dinas Pendidikan', name: 'Drs. Sugeng Riyadi' };
function registration(over: Record<string, unknown> = {}) {
  return {
    sender,
    letterNumber: '045/312/DIKBUD/2026',
    letterDate: today,
    hal: 'Permohonan pembuatan akun e-mail dinas untuk 12 sekolah',
    sifat: 'biasa',
    urgensi: 'segera',
    classificationCode: '000.6',
    lampiran: '1 (satu) berkas',
    addressedPositionId: pos(ids, 'kadis-kominfo'),
    ...over,
  };
}
async function register(client: Client, data: Record<string, unknown>, files: Array<{ filename: string; content: Uint8Array }>) {
  return upload(client, '/api/v1/incoming-letters', { data: JSON.stringify(data) }, files.map((f) => ({ field: 'scan', ...f })));
}
async function letter(client: Client, id: string) {
  const res = await client.get(`/api/v1/incoming-letters/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
type NodeJson = { id: string; version: number; state: string; readAt: string | null; subtreeComplete: boolean; me: { actions: string[] }; reports: Array<{ files: Array<{ fileId: string }> }>; receiver: { positionId: string } };
const node = (l: { dispositions: NodeJson[] }, key: string, state?: string) =>
  l.dispositions.find((n) => n.receiver.positionId === pos(ids, key) && (!state || n.state === state)) as { id: string; version: number; state: string; readAt: string | null; subtreeComplete: boolean; me: { actions: string[] }; reports: Array<{ files: Array<{ fileId: string }> }> };

describe('incoming letters and dispositions', () => {
  let letterId: string;
  let scan: Uint8Array;

  it('the records officer registers a scanned letter; bad scans and a missing classification are refused', async () => {
    const arsip = c['arsip.kominfo']!;
    scan = await letterPdf(['DINAS PENDIDIKAN KABUPATEN CONTOH', 'Nomor : 045/312/DIKBUD/2026', 'Hal : Permohonan pembuatan akun e-mail dinas']);

    const noCode = await register(arsip, registration({ classificationCode: '' }), [{ filename: 'surat.pdf', content: scan }]);
    expect(noCode.statusCode).toBe(400);
    expect(JSON.stringify(noCode.json())).toMatch(/klasifikasi/i);
    const empty = await register(arsip, registration(), [{ filename: 'kosong.pdf', content: new Uint8Array() }]);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('INCOMING_SCAN_REQUIRED');
    const word = await register(arsip, registration(), [{ filename: 'surat.docx', content: Buffer.from('PK\x03\x04not a scan') }]);
    expect(word.statusCode).toBe(415);
    expect(word.json().message).toMatch(/PDF, JPG, PNG atau TIFF/);
    const tooLong = await register(arsip, registration({ letterNumber: 'X/1' }), [{ filename: 'tebal.pdf', content: await letterPdf(['tebal'], 101) }]);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toMatch(/101 halaman/);
    // Someone who is not a records officer of the unit cannot register for it.
    const notOfficer = await register(c['kabid.persandian']!, registration(), [{ filename: 'surat.pdf', content: scan }]);
    expect(notOfficer.statusCode).toBe(403);

    const res = await register(arsip, registration(), [{ filename: 'surat-dikbud.pdf', content: scan }]);
    expect(res.statusCode, res.body).toBe(201);
    const row = res.json();
    letterId = row.id;
    expect(row).toMatchObject({ status: 'registered', agenda: `0001/SM/${today.slice(0, 4)}`, senderInstansi: sender.instansi });
    expect((await arsip.get('/api/v1/incoming/agenda')).json().items[0]).toMatchObject({ id: letterId, addressedPositionName: 'Kepala Dinas Komunikasi dan Informatika' });
    // The sender went into the address book.
    const book = (await arsip.get('/api/v1/incoming/senders?q=pendidikan')).json();
    expect(book[0]).toMatchObject({ instansi: sender.instansi, jabatan: sender.jabatan, useCount: 1 });
    // Tanda terima for the bearer.
    const receipt = await arsip.get(`/api/v1/incoming-letters/${letterId}/tanda-terima.pdf`);
    expect(receipt.statusCode).toBe(200);
    const text = pdfText(receipt.rawPayload);
    expect(text).toMatch(/TANDA TERIMA SURAT/);
    expect(text).toContain(`0001/SM/${today.slice(0, 4)}`);
    expect(text).toContain('045/312/DIKBUD/2026');
    expect(text).toContain('Maya Sari');
  });

  it('warns before a second registration of the same letter (same sender+number, or the same file)', async () => {
    const arsip = c['arsip.kominfo']!;
    const again = await register(arsip, registration({ sender: { ...sender, instansi: 'dinas pendidikan kabupaten contoh' } }), [{ filename: 'lagi.pdf', content: await letterPdf(['lain']) }]);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INCOMING_DUPLICATE');
    expect(again.json().details.duplicates[0]).toMatchObject({ id: letterId, reason: 'number' });
    const sameFile = await register(arsip, registration({ letterNumber: '045/999/DIKBUD/2026' }), [{ filename: 'sama.pdf', content: scan }]);
    expect(sameFile.statusCode).toBe(409);
    expect(sameFile.json().details.duplicates[0]).toMatchObject({ id: letterId, reason: 'file' });
    const agenda = (await arsip.get('/api/v1/incoming/agenda')).json();
    expect(agenda.total).toBe(1); // nothing half-registered
  });

  it('images (PNG pages, a multi-page TIFF) become one PDF; the officer may confirm a real second letter', async () => {
    const arsip = c['arsip.kominfo']!;
    const res = await register(arsip, registration({ letterNumber: '800/77/BKD/2026', sender: { instansi: 'Badan Kepegawaian Daerah' }, hal: 'Undangan rapat koordinasi', classificationCode: '800' }), [
      { filename: 'hal1.png', content: pagePng(200, 280, 1) },
      { filename: 'hal2-3.tif', content: multiPageTiff(2) },
      { filename: 'hal4.png', content: pagePng(200, 280, 3) },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const d = await letter(arsip, res.json().id);
    expect(d.pages).toBe(4);
    expect(d.agenda).toBe(`0002/SM/${today.slice(0, 4)}`);
    const file = await arsip.get(`/api/v1/incoming-letters/${d.id}/file`);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('"Kirim ke pimpinan": the letter lands in the Kepala Dinas\'s Naskah Masuk; others get 404', async () => {
    const arsip = c['arsip.kominfo']!;
    const kadis = c['kadis.kominfo']!;
    expect((await kadis.get('/api/v1/incoming/inbox')).json().total).toBe(0);
    const d = await letter(arsip, letterId);
    expect(d.me).toMatchObject({ isRecordsOfficer: true, canSend: true });
    expect((await arsip.post(`/api/v1/incoming-letters/${letterId}/send`, { version: d.version + 5 })).statusCode).toBe(409);
    const sent = await arsip.post(`/api/v1/incoming-letters/${letterId}/send`, { version: d.version });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(events.find((e) => e.type === 'incoming.sent')).toMatchObject({ letterId, toPositionIds: [pos(ids, 'kadis-kominfo')] });

    const inbox = (await kadis.get('/api/v1/incoming/inbox')).json();
    expect(inbox).toMatchObject({ total: 1, unread: 1 });
    expect(inbox.items[0]).toMatchObject({ id: letterId, hal: registration().hal, readAt: null });
    const dash = (await kadis.get('/api/v1/dashboard')).json();
    expect(dash.incomingUnread).toBeGreaterThanOrEqual(1);
    await kadis.post(`/api/v1/incoming-letters/${letterId}/read`);
    expect((await kadis.get('/api/v1/incoming/inbox')).json().unread).toBe(0);

    // Another office sees nothing, whatever version it sends.
    expect((await c['kadis.dukcapil']!.get(`/api/v1/incoming-letters/${letterId}`)).statusCode).toBe(404);
    const foreign = await c['kadis.dukcapil']!.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { receiverPositionIds: [pos(ids, 'kabid-dafduk')], instructions: ['diketahui'] });
    expect(foreign.statusCode).toBe(404);
    expect((await c['arsip.dukcapil']!.get(`/api/v1/incoming-letters/${letterId}/file`)).statusCode).toBe(404);
    // Not yet disposed: the Kabid cannot open it.
    expect((await c['kabid.persandian']!.get(`/api/v1/incoming-letters/${letterId}`)).statusCode).toBe(404);
  });

  it('the Kepala Dinas disposes to two Kabid with different instructions and a due date; never upward', async () => {
    const kadis = c['kadis.kominfo']!;
    const instructions = (await kadis.get('/api/v1/disposition-instructions')).json();
    expect(instructions.map((i: { label: string }) => i.label)).toEqual(['Untuk ditindaklanjuti', 'Untuk diketahui', 'Hadiri/wakili', 'Siapkan bahan/jawaban', 'Koordinasikan', 'Proses sesuai ketentuan', 'Arsipkan']);
    const receivers = (await kadis.get(`/api/v1/incoming-letters/${letterId}/disposition-receivers`)).json();
    expect(receivers.filter((r: { depth: number }) => r.depth === 1).map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['Sekretaris Dinas Komunikasi dan Informatika', 'Kepala Bidang Statistik dan Persandian', 'Kepala Bidang Informasi dan Komunikasi Publik']),
    );
    expect(receivers.find((r: { name: string }) => r.name === 'Kepala Bidang Statistik dan Persandian').holders[0].name).toMatch(/Bayu/);

    const past = await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { receiverPositionIds: [pos(ids, 'kabid-sp')], instructions: ['tindak_lanjut'], dueDate: addDays(today, -1) });
    expect(past.json().code).toBe('DISPOSITION_DUE_IN_PAST');
    const unknown = await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { receiverPositionIds: [pos(ids, 'kabid-sp')], instructions: ['terbang'] });
    expect(unknown.json().code).toBe('DISPOSITION_INSTRUCTION_UNKNOWN');
    const upward = await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { receiverPositionIds: [pos(ids, 'sekda')], instructions: ['diketahui'] });
    expect(upward.statusCode).toBe(400);
    expect(upward.json().code).toBe('DISPOSITION_RECEIVER_NOT_BELOW');

    const due = addDays(today, 3);
    const a = await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { receiverPositionIds: [pos(ids, 'kabid-sp')], instructions: ['tindak_lanjut', 'siapkan_bahan'], note: 'Periksa kelengkapan dan siapkan akun', dueDate: due });
    expect(a.statusCode, a.body).toBe(201);
    const b = await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { receiverPositionIds: [pos(ids, 'kabid-ikp')], instructions: ['diketahui', 'koordinasikan'], dueDate: due });
    expect(b.statusCode, b.body).toBe(201);
    const again = await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { receiverPositionIds: [pos(ids, 'kabid-ikp')], instructions: ['diketahui'] });
    expect(again.json().code).toBe('DISPOSITION_RECEIVER_DUPLICATE');
    expect(events.filter((e) => e.type === 'disposition.received')).toHaveLength(2);

    // Reminder (day before) and overdue (day after) are scheduled as jobs.
    const jobs = await t.ctx.database.db.execute<{ n: string }>(sql`select count(*) as n from pgboss.job where name = 'disposition.due'`);
    expect(Number(jobs.rows[0]!.n)).toBe(4);

    const l = await letter(kadis, letterId);
    expect(l.dispositions).toHaveLength(2);
    expect(node(l, 'kabid-sp')).toMatchObject({ state: 'sent', readAt: null });
    expect(node(l, 'kabid-sp').me.actions).toEqual(['cancel']);
    expect(l.summary).toMatchObject({ total: 2, open: 2, complete: false });
    const dash = (await c['kabid.persandian']!.get('/api/v1/dashboard')).json();
    expect(dash.dispositionPending).toBe(1);
    const masuk = (await c['kabid.persandian']!.get('/api/v1/dispositions?box=masuk&filter=unread')).json();
    expect(masuk.items[0]).toMatchObject({ letterId, instructions: ['Untuk ditindaklanjuti', 'Siapkan bahan/jawaban'], dueDate: due });
    expect((await kadis.get('/api/v1/dispositions?box=keluar')).json().total).toBe(2);
  });

  it('one Kabid re-disposes to his Kasi (not to another Kabid\'s Kasi); the Kasi reports with an attachment', async () => {
    const kabid = c['kabid.persandian']!;
    let l = await letter(kabid, letterId);
    const mine = node(l, 'kabid-sp');
    expect(mine.me.actions).toEqual(['dispose', 'report']);
    const read = await kabid.post(`/api/v1/incoming-letters/${letterId}/dispositions/${mine.id}/read`);
    expect(read.json()).toEqual({ changed: true });
    l = await letter(kabid, letterId);
    const readNode = node(l, 'kabid-sp');
    expect(readNode.readAt).not.toBeNull();
    // The Kepala Dinas sees who read it when.
    expect(node(await letter(c['kadis.kominfo']!, letterId), 'kabid-sp').me.actions).toEqual(['withdraw']);

    const sideways = await kabid.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { parentId: readNode.id, version: readNode.version, receiverPositionIds: [pos(ids, 'kabid-ikp')], instructions: ['diketahui'] });
    expect(sideways.json().code).toBe('DISPOSITION_RECEIVER_NOT_BELOW');
    const stale = await kabid.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { parentId: readNode.id, version: readNode.version - 1, receiverPositionIds: [pos(ids, 'kasi-kip')], instructions: ['tindak_lanjut'] });
    expect(stale.statusCode).toBe(409);
    const down = await kabid.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { parentId: readNode.id, version: readNode.version, receiverPositionIds: [pos(ids, 'kasi-kip')], instructions: ['tindak_lanjut'], note: 'Cek kelengkapan data pemohon', dueDate: addDays(today, 2) });
    expect(down.statusCode, down.body).toBe(201);

    const kasi = c['kasi.kamsinfo']!;
    l = await letter(kasi, letterId);
    const kasiNode = node(l, 'kasi-kip');
    const noText = await upload(kasi, `/api/v1/incoming-letters/${letterId}/dispositions/${kasiNode.id}/report`, { version: kasiNode.version, text: ' ' }, []);
    expect(noText.json().code).toBe('DISPOSITION_REPORT_TEXT_REQUIRED');
    const rep = await upload(kasi, `/api/v1/incoming-letters/${letterId}/dispositions/${kasiNode.id}/report`, { version: kasiNode.version, text: 'Data 12 sekolah lengkap; daftar akun terlampir.' }, [
      { field: 'file', filename: 'daftar-akun.pdf', content: await letterPdf(['Daftar akun e-mail sekolah']) },
    ]);
    expect(rep.statusCode, rep.body).toBe(200);
    l = await letter(kasi, letterId);
    expect(node(l, 'kasi-kip').state).toBe('completed');
    const fileId = node(l, 'kasi-kip').reports[0]!.files[0]!.fileId;
    expect((await kabid.get(`/api/v1/incoming-letters/${letterId}/report-files/${fileId}`)).statusCode).toBe(200);
    expect((await c['kadis.dukcapil']!.get(`/api/v1/incoming-letters/${letterId}/report-files/${fileId}`)).statusCode).toBe(404);
  });

  it('the tree is complete only after the second Kabid reports; the lembar disposisi shows the chain', async () => {
    const kabid = c['kabid.persandian']!;
    let l = await letter(kabid, letterId);
    const k = node(l, 'kabid-sp');
    const rep = await upload(kabid, `/api/v1/incoming-letters/${letterId}/dispositions/${k.id}/report`, { version: k.version, text: 'Akun dibuat oleh Admin Email sesuai laporan Kasi.' }, []);
    expect(rep.statusCode, rep.body).toBe(200);
    l = await letter(c['kadis.kominfo']!, letterId);
    expect(node(l, 'kabid-sp')).toMatchObject({ state: 'completed', subtreeComplete: true });
    expect(l.summary.complete).toBe(false);

    const ikp = c['kabid.ikp']!;
    const n2 = node(await letter(ikp, letterId), 'kabid-ikp');
    expect((await upload(ikp, `/api/v1/incoming-letters/${letterId}/dispositions/${n2.id}/report`, { version: n2.version, text: 'Sudah diketahui dan dikoordinasikan.' }, [])).statusCode).toBe(200);
    l = await letter(c['kadis.kominfo']!, letterId);
    expect(l.summary).toMatchObject({ total: 3, open: 0, complete: true });
    expect(events.filter((e) => e.type === 'disposition.reported')).toHaveLength(3);

    const pdf = await c['kadis.kominfo']!.get(`/api/v1/incoming-letters/${letterId}/lembar-disposisi.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toMatch(/LEMBAR DISPOSISI/);
    expect(text).toContain('045/312/DIKBUD/2026');
    for (const label of ['Untuk ditindaklanjuti', 'Koordinasikan', 'Arsipkan']) expect(text).toContain(label);
    expect(text).toContain('Kepala Bidang Statistik dan Persandian');
    expect(text).toMatch(/Kepala Seksi\s+Keamanan Informasi/);
    expect(text).toContain('Cek kelengkapan data pemohon');
    expect(text).toMatch(/Data 12 sekolah lengkap/);
    // The timeline and the audit trail have every step.
    const audit = await t.ctx.database.db.execute<{ action: string }>(sql`select action from audit_events where action like 'disposition.%' or action like 'incoming.%' order by id`);
    const actions = audit.rows.map((r) => r.action);
    for (const a of ['incoming.registered', 'incoming.sent', 'incoming.read', 'disposition.disposed', 'disposition.read', 'disposition.completed']) expect(actions).toContain(a);
    // Nothing left for the Kabid.
    expect((await kabid.get('/api/v1/dashboard')).json().dispositionPending).toBe(0);
  });

  it('a disposition can be cancelled only while unread; once read it is withdrawn with a reason', async () => {
    const kadis = c['kadis.kominfo']!;
    const made = await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { receiverPositionIds: [pos(ids, 'sekdis-kominfo')], instructions: ['arsipkan'] });
    expect(made.statusCode, made.body).toBe(201);
    const first = made.json()[0];
    const cancel = await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions/${first.id}/cancel`, { version: first.version });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()[0].state).toBe('cancelled');
    // The Sekretaris never saw it and cannot open the letter through it... he may through a new one.
    const second = (await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { receiverPositionIds: [pos(ids, 'sekdis-kominfo')], instructions: ['arsipkan'] })).json()[0];
    const sek = c['sekdis.kominfo']!;
    await sek.post(`/api/v1/incoming-letters/${letterId}/dispositions/${second.id}/read`);
    const l = await letter(kadis, letterId);
    const n = l.dispositions.find((x: { id: string }) => x.id === second.id);
    expect(n.state).toBe('read');
    const late = await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions/${second.id}/cancel`, { version: n.version });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('DISPOSITION_ALREADY_READ');
    const notSender = await sek.post(`/api/v1/incoming-letters/${letterId}/dispositions/${second.id}/withdraw`, { version: n.version, reason: 'x' });
    expect(notSender.json().code).toBe('DISPOSITION_NOT_SENDER');
    const noReason = await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions/${second.id}/withdraw`, { version: n.version, reason: '  ' });
    expect(noReason.json().code).toBe('DISPOSITION_REASON_REQUIRED');
    const w = await kadis.post(`/api/v1/incoming-letters/${letterId}/dispositions/${second.id}/withdraw`, { version: n.version, reason: 'Sudah diselesaikan bidang teknis' });
    expect(w.statusCode, w.body).toBe(200);
    const after = await letter(kadis, letterId);
    expect(after.dispositions.find((x: { id: string }) => x.id === second.id)).toMatchObject({ state: 'withdrawn', closeReason: 'Sudah diselesaikan bidang teknis' });
    expect(after.events.find((e: { action: string; note: string | null }) => e.action === 'withdrawn')?.note).toBe('Sudah diselesaikan bidang teknis');
  });

  it('a reply drafted from the incoming letter is linked on both letters', async () => {
    const kadis = c['kadis.kominfo']!;
    // The Sekretaris drafts the reply for the Kepala Dinas's signature (a drafter never signs his own letter).
    const drafter = c['sekdis.kominfo']!;
    const types = (await kadis.get('/api/v1/document-types')).json();
    const surat = types.find((x: { code: string }) => x.code === 'surat').id;
    expect((await letter(kadis, letterId)).me.canReply).toBe(true);
    const l = await letter(drafter, letterId);
    expect(l.me.canReply).toBe(true);
    const reg = await drafter.post('/api/v1/documents', {
      documentTypeId: surat,
      draftKind: 'pdf',
      hal: `Balasan: ${l.hal}`,
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '000.6',
      recipients: [{ role: 'to', kind: 'external', externalName: `${l.senderJabatan} ${l.senderInstansi}` }],
      verifierPositionIds: [],
      signerPositionId: pos(ids, 'kadis-kominfo'),
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const docId = reg.json().id;
    expect((await c['kabid.ikp']!.post(`/api/v1/incoming-letters/${letterId}/replies`, { documentId: docId })).statusCode).toBe(404); // not his draft
    expect((await kadis.post(`/api/v1/incoming-letters/${letterId}/replies`, { documentId: docId })).statusCode).toBe(404); // not his draft either
    expect((await drafter.post(`/api/v1/incoming-letters/${letterId}/replies`, { documentId: docId })).statusCode).toBe(204);
    const after = await letter(kadis, letterId);
    expect(after.answered).toBe(true);
    expect(after.replies[0]).toMatchObject({ documentId: docId, hal: `Balasan: ${l.hal}` });
    const back = (await kadis.get(`/api/v1/incoming-letters/of-document/${docId}`)).json();
    expect(back.repliesTo[0]).toMatchObject({ id: letterId, letterNumber: '045/312/DIKBUD/2026' });
  });

  it('an internal letter delivered to the Kepala Dinas becomes an incoming letter of Diskominfo without re-typing', async () => {
    const db = t.ctx.database.db;
    // A signed letter of Disperkimta delivered to the Kepala Diskominfo (as seed 003 ends).
    const types = await db.execute<{ id: string }>(sql`select id from document_types where code = 'surat'`);
    const doc = await db.execute<{ id: string }>(sql`
      insert into documents (id, document_type_id, issuing_unit_id, drafter_user_id, hal, sifat, urgensi, classification_code, lampiran, draft_kind, signer_position_id, status, numbering_mode, number, document_date, signed_as)
      values (gen_random_uuid(), ${types.rows[0]!.id}, ${ids.units.get('perkimta')}, ${ids.users.get('staf.perumahan')}, 'Permohonan Data Rumah Tidak Layak Huni', 'biasa', 'biasa', '600.2', '-', 'pdf', ${pos(ids, 'kadis-perkimta')}, 'delivered', 'at_signing', '600.2/17/410.30/2026', ${today}, 'Kepala Dinas Perumahan, Kawasan Permukiman dan Pertanahan')
      returning id`);
    const documentId = doc.rows[0]!.id;
    await db.execute(sql`insert into document_deliveries (id, document_id, role, recipient_position_id, delivered_at) values (gen_random_uuid(), ${documentId}, 'to', ${pos(ids, 'kadis-kominfo')}, now())`);
    const kadis = c['kadis.kominfo']!;
    expect((await c['kabid.ikp']!.post(`/api/v1/incoming-letters/from-document/${documentId}`)).statusCode).toBe(404);
    const res = await kadis.post(`/api/v1/incoming-letters/from-document/${documentId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'internal', status: 'sent', senderInstansi: 'Dinas Perumahan, Kawasan Permukiman dan Pertanahan', letterNumber: '600.2/17/410.30/2026', agenda: `0003/SM/${today.slice(0, 4)}` });
    // Taking it again returns the same letter; it can be disposed at once.
    expect((await kadis.post(`/api/v1/incoming-letters/from-document/${documentId}`)).json().id).toBe(res.json().id);
    const d = await kadis.post(`/api/v1/incoming-letters/${res.json().id}/dispositions`, { receiverPositionIds: [pos(ids, 'kabid-sp')], instructions: ['tindak_lanjut'] });
    expect(d.statusCode, d.body).toBe(201);
    expect((await kadis.get(`/api/v1/incoming-letters/of-document/${documentId}`)).json().incomingLetterId).toBe(res.json().id);
  });
});
