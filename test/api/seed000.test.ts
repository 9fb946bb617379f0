// Seed 000 (Setda Kab. Lamandau): an outgoing document signed with the Bupati's TTE.
// Template by letterhead → edited .docx → registration (internal, external and group
// recipients; verifiers; signer) → PDF → Kabag → Plt. Asisten → Sekda (returns to Kabag) →
// Kabag edits and approves → … → Wakil Bupati → Bupati signs → delivered and archived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { verifyPdf } from '../../src/server/signature/index.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { overlaps, pdfText, stampRects, wordBoxes } from '../helpers/pdfText.js';
import { act, DEMO_PASSPHRASE, detail, downloadTemplate, editDraft, letterheadId, pos, typeId, upload, waitForPdf } from '../helpers/documents.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  await t.ctx.jobs.work(0.5);
  for (const u of ['staf.umum', 'kabag.umum', 'asisten.umum', 'sekda', 'wabup', 'bupati', 'kadis.kominfo', 'kasubag.tu', 'kadis.dukcapil']) c[u] = await loginAs(t.app, t.ctx, u);
}, 120_000);
afterAll(async () => t?.close());

describe('seed 000: naskah dinas keluar dengan TTE Bupati', () => {
  let id: string;
  let version: number;

  it('step 1: the Setda drafter may use KOP Setda and KOP Bupati, not another office’s KOP', async () => {
    const list = (await c['staf.umum']!.get(`/api/v1/letterheads?unitId=${ids.units.get('bagian-umum')}`)).json();
    const names = list.map((l: { name: string }) => l.name).sort();
    expect(names).toEqual(['KOP Bupati', 'KOP Setda']);
  });

  it('steps 1–3: downloads the KOP Bupati template, edits it, registers with recipients, verifiers and signer', async () => {
    const drafter = c['staf.umum']!;
    const surat = await typeId(drafter, 'surat');
    const kop = await letterheadId(drafter, 'KOP Bupati', ids.units.get('bagian-umum'));
    const template = await downloadTemplate(drafter, surat, kop);
    const edited = editDraft(template, 'Dalam rangka pelaksanaan Tata Naskah Dinas Elektronik, bersama ini kami mohon Saudara menunjuk satu orang operator TTE.\n\nAtas perhatian Saudara diucapkan terima kasih.');

    const chain = (await drafter.get(`/api/v1/workflow/suggest-chain?signerPositionId=${pos(ids, 'bupati')}`)).json();
    expect(chain).toMatchObject({ verifierPositionIds: [pos(ids, 'kabag-umum'), pos(ids, 'asisten-umum'), pos(ids, 'sekda'), pos(ids, 'wabup')], signerInLine: true });
    expect(chain.positions.map((p: { name: string }) => p.name)).toEqual(['Kepala Bagian Umum', 'Asisten Administrasi Umum', 'Sekretaris Daerah', 'Wakil Bupati Contoh', 'Bupati Contoh']);
    expect(chain.positions[1].holders).toEqual([expect.objectContaining({ name: 'Drs. Hendra Kusuma, M.M.', kind: 'plt' })]);

    const groups = (await drafter.get('/api/v1/recipient-groups')).json();
    const vertical = groups.find((g: { name: string }) => g.name.startsWith('Instansi Vertikal'));
    const reg = await drafter.post('/api/v1/documents', {
      documentTypeId: surat,
      letterheadId: kop,
      draftKind: 'docx',
      hal: 'Penunjukan Operator Tanda Tangan Elektronik',
      sifat: 'biasa',
      urgensi: 'segera',
      classificationCode: '000.1',
      lampiran: '-',
      recipients: [
        { role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') },
        { role: 'to', kind: 'external', externalName: 'Kepala Kantor Pos Contoh', externalAddress: 'Jl. Pemuda 1', externalEmail: 'pos@contoh.example' },
        { role: 'cc', kind: 'group', groupId: vertical.id },
        { role: 'cc', kind: 'position', positionId: pos(ids, 'kadis-dukcapil') },
      ],
      verifierPositionIds: chain.verifierPositionIds,
      signerPositionId: pos(ids, 'bupati'),
    });
    expect(reg.statusCode, reg.body).toBe(201);
    id = reg.json().id;
    const d0 = await detail(drafter, id);
    expect(d0).toMatchObject({ status: 'draft', numberingMode: 'at_signing', number: null });
    expect(d0.steps.map((s: { positionName: string }) => s.positionName)).toEqual(['Kepala Bagian Umum', 'Asisten Administrasi Umum', 'Sekretaris Daerah', 'Wakil Bupati Contoh', 'Bupati Contoh']);

    const up = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: d0.version }, [{ field: 'file', filename: 'konsep.docx', content: edited }]);
    expect(up.statusCode, up.body).toBe(201);
  });

  it('step 4: the drafter reviews the PDF (converted in the background) and sends it', async () => {
    const drafter = c['staf.umum']!;
    const d = await waitForPdf(drafter, id);
    const current = d.versions.find((v: { current: boolean }) => v.current);
    const pdf = await drafter.get(`/api/v1/documents/${id}/files/${current.pdfFileId}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Penunjukan Operator Tanda Tangan Elektronik'); // hal filled in the preview
    expect(text).toContain('Kepala Dinas Komunikasi dan Informatika'); // tujuan
    expect(d.me.actions).toEqual(expect.arrayContaining(['submit', 'cancel']));
    t.ctx.clock.advance(7 * 60_000);
    const after = await act(drafter, id, 'submit', { version: d.version });
    expect(after).toMatchObject({ status: 'in_verification', currentStepOrder: 1 });
    version = after.version;
  });

  it('a verifier who is not due cannot act, and a stale version is a 409', async () => {
    const early = await c['sekda']!.post(`/api/v1/documents/${id}/approve`, { version });
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('DOCUMENT_NOT_YOUR_STEP');
    const stale = await c['kabag.umum']!.post(`/api/v1/documents/${id}/approve`, { version: version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
  });

  it('step 5: Kabag approves; the Plt. Asisten approves as Plt.', async () => {
    t.ctx.clock.advance(12 * 60_000);
    let d = await act(c['kabag.umum']!, id, 'approve', { version, note: 'Sudah sesuai' });
    expect(d.currentStepOrder).toBe(2);
    d = await act(c['asisten.umum']!, id, 'approve', { version: d.version });
    expect(d.steps[1]).toMatchObject({ status: 'approved', actedBy: { as: 'plt' } });
    expect(d.events.at(-1)).toMatchObject({ action: 'approved', actedAs: 'Plt.' });
    version = d.version;
  });

  it('step 6: the Sekda returns it to an earlier verifier (the Kabag) with a reason', async () => {
    const noReason = await c['sekda']!.post(`/api/v1/documents/${id}/return`, { version, reason: '', to: 1 });
    expect(noReason.statusCode).toBe(400);
    const d = await act(c['sekda']!, id, 'return', { version, reason: 'Mohon tambahkan batas waktu penunjukan', to: 1 });
    expect(d).toMatchObject({ status: 'in_verification', currentStepOrder: 1 });
    expect(d.steps.map((s: { status: string }) => s.status)).toEqual(['current', 'pending', 'pending', 'pending', 'pending']);
    expect(d.events.at(-1)).toMatchObject({ action: 'returned', note: 'Mohon tambahkan batas waktu penunjukan' });
    version = d.version;
  });

  it('the Kabag edits the draft himself and approves: a new version is recorded', async () => {
    const kabag = c['kabag.umum']!;
    const d0 = await detail(kabag, id);
    const source = d0.versions.find((v: { current: boolean }) => v.current).sourceFileId;
    const original = (await kabag.get(`/api/v1/documents/${id}/files/${source}`)).rawPayload;
    // The Kabag's edit: the same .docx with one more sentence (he edits the filled body).
    const edited = editDraft(original, 'Penunjukan paling lambat tanggal 30 November 2026.');
    const res = await upload(kabag, `/api/v1/documents/${id}/edit-and-approve`, { version, note: 'Ditambah batas waktu' }, [{ field: 'file', filename: 'konsep-kabag.docx', content: edited }]);
    expect(res.statusCode, res.body).toBe(200);
    const d = await detail(kabag, id);
    expect(d.currentStepOrder).toBe(2);
    expect(d.versions[0]).toMatchObject({ kind: 'verifier_edit', createdBy: { name: 'Rina Marlina, S.Sos., M.AP.' }, current: true });
    expect(d.versions).toHaveLength(2);
    expect(d.events.at(-1).action).toBe('edited_and_approved');
    version = d.version;
  });

  it('steps 5–7: Asisten, Sekda and Wakil Bupati approve in order', async () => {
    await waitForPdf(c['asisten.umum']!, id);
    let d = await act(c['asisten.umum']!, id, 'approve', { version });
    d = await act(c['sekda']!, id, 'approve', { version: d.version });
    d = await act(c['wabup']!, id, 'approve', { version: d.version });
    expect(d).toMatchObject({ status: 'awaiting_signature', currentStepOrder: 5 });
    expect((await c['bupati']!.get('/api/v1/dashboard')).json().toSign).toBe(1);
    version = d.version;
  });

  it('step 8: the Bupati signs with his passphrase; a wrong passphrase is refused and changes nothing', async () => {
    const bupati = c['bupati']!;
    const wrong = await bupati.post(`/api/v1/documents/${id}/sign`, { version, passphrase: 'salah-sekali' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/passphrase/i);
    expect((await detail(bupati, id)).status).toBe('awaiting_signature');

    const d = await act(bupati, id, 'sign', { version, passphrase: DEMO_PASSPHRASE });
    const year = new Date().getFullYear();
    expect(d.status).toBe('delivered');
    expect(d.number).toMatch(new RegExp(`^000\\.1/1/410\\.01/${year}$`));
    expect(d.signed).toMatchObject({ signedAs: 'BUPATI CONTOH' });
    expect(d.signed.verificationUrl).toMatch(/\/verifikasi\//);

    const signed = (await bupati.get(`/api/v1/documents/${id}/files/${d.signed.fileId}`)).rawPayload;
    const text = pdfText(signed);
    expect(text).toContain(d.number);
    expect(text).toContain('H. Ahmad Santoso, S.H., M.H.');
    expect(text).not.toContain('NIP.'); // the Bupati has no NIP: no empty "NIP." line
    // One comma after the title; no hidden marker text for search, copy or screen readers.
    expect(text).toContain('BUPATI CONTOH,');
    expect(text).not.toContain(',,');
    expect(text).not.toMatch(/TTE-NASKAH|\[\[/);
    // The stamp sits in the blank space between the title and the printed name, over no text.
    const final = (await bupati.get(`/api/v1/documents/${id}/files/${d.versions.find((v: { kind: string }) => v.kind === 'final').pdfFileId}`)).rawPayload;
    const [stamp] = stampRects(signed);
    const words = wordBoxes(final);
    expect(words.filter((w) => overlaps(stamp!, w)).map((w) => w.text)).toEqual([]);
    const name = words.filter((w) => w.page === stamp!.page && w.text === 'Santoso,').at(-1)!;
    const title = words.filter((w) => w.page === stamp!.page && w.text === 'CONTOH,').at(-1)!;
    expect(stamp!.y + stamp!.height).toBeLessThanOrEqual(title.y);
    expect(stamp!.y).toBeGreaterThanOrEqual(name.y + name.height);
    const report = await verifyPdf(t.ctx, signed, {});
    expect(report.verdict, report.text).toBe('valid');
  });

  it('step 9: internal recipients and tembusan find it in their inbox with read status', async () => {
    const kominfo = c['kadis.kominfo']!;
    let inbox = (await kominfo.get('/api/v1/inbox')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ role: 'to', readAt: null, document: { hal: 'Penunjukan Operator Tanda Tangan Elektronik' } });
    expect((await kominfo.get('/api/v1/dashboard')).json().incomingUnread).toBe(1);
    await kominfo.post(`/api/v1/documents/${id}/read`);
    inbox = (await kominfo.get('/api/v1/inbox')).json();
    expect(inbox.unread).toBe(0);
    expect((await kominfo.get('/api/v1/inbox?q=operator')).json().total).toBe(1);
    expect((await kominfo.get('/api/v1/inbox?q=tidak-ada')).json()).toMatchObject({ total: 0, items: [] });
    const cc = (await c['kadis.dukcapil']!.get('/api/v1/inbox')).json();
    expect(cc.items[0]).toMatchObject({ role: 'cc' });
  });

  it('step 10: external and group recipients wait in the Setda outbox; the records officer sends by post', async () => {
    const officer = c['kasubag.tu']!;
    const outbox = (await officer.get('/api/v1/outbox')).json();
    expect(outbox.items.map((i: { externalName: string }) => i.externalName).sort()).toEqual([
      'Kepala Badan Pusat Statistik Kabupaten Contoh',
      'Kepala Kantor Kementerian Agama Kabupaten Contoh',
      'Kepala Kantor Pos Contoh',
    ]);
    const first = outbox.items.find((i: { externalName: string }) => i.externalName === 'Kepala Kantor Pos Contoh');
    const sent = await officer.post(`/api/v1/dispatches/${first.id}/send`, { channel: 'post', note: 'Resi RR123456789ID' });
    expect(sent.json()).toMatchObject({ status: 'sent', channel: 'post' });
    expect((await officer.get('/api/v1/outbox')).json().total).toBe(2);
    // A drafter is not a records officer.
    expect((await c['staf.umum']!.get('/api/v1/outbox')).statusCode).toBe(403);
  });

  it('the document page shows each step’s time against the SOP standard', async () => {
    const d = await detail(c['staf.umum']!, id);
    const kabag = d.timings.find((x: { label: string; stepOrder: number }) => x.label === 'verify' && x.stepOrder === 1);
    expect(kabag.standardMinutes).toBe(10);
    expect(d.timings[0]).toMatchObject({ label: 'draft', standardMinutes: 55, overdue: false });
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['created', 'version_added', 'converted', 'submitted', 'approved', 'returned', 'edited_and_approved', 'signed', 'delivered', 'dispatched']),
    );
  });
});

