// The .docx a drafter uploads, and the preview verifiers read. The KOP chosen at registration is
// enforced: every downloaded template says which KOP it is (custom document properties), an
// upload from another KOP's template is refused naming both, and a .docx that is not from a
// Naskah template is checked for the required fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { readTemplateIdentity } from '../../src/server/templates/templateIdentity.js';
import { makeDocx, para, run } from '../fixtures/templates/docx.js';
import { pdfText } from '../helpers/pdfText.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { detail, downloadTemplate, editDraft, letterheadId, pos, typeId, upload, waitForPdf } from '../helpers/documents.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  await t.ctx.jobs.work(0.5);
  for (const u of ['staf.umum']) c[u] = await loginAs(t.app, t.ctx, u);
}, 300_000);
afterAll(async () => t?.close());

describe('the chosen KOP is enforced on uploaded drafts', () => {
  let id: string;
  let surat: string;
  let kopSetda: string;
  let kopBupati: string;

  it('every downloaded template names its KOP, document type and paper', async () => {
    const drafter = c['staf.umum']!;
    surat = await typeId(drafter, 'surat');
    kopSetda = await letterheadId(drafter, 'KOP Setda', ids.units.get('bagian-umum'));
    kopBupati = await letterheadId(drafter, 'KOP Bupati', ids.units.get('bagian-umum'));
    const setda = readTemplateIdentity(await downloadTemplate(drafter, surat, kopSetda));
    expect(setda).toMatchObject({ letterheadId: kopSetda, letterheadName: 'KOP Setda', documentTypeId: surat, paper: 'A4', templateId: expect.any(String) });
    expect(readTemplateIdentity(await downloadTemplate(drafter, surat, kopBupati))).toMatchObject({ letterheadId: kopBupati, letterheadName: 'KOP Bupati' });
    // The drafter's edit (the body filled, the rest kept) keeps the properties.
    expect(readTemplateIdentity(editDraft(await downloadTemplate(drafter, surat, kopSetda), 'Isi.'))?.letterheadId).toBe(kopSetda);
  });

  it('a Sekda letter registered on KOP Setda refuses a draft made from the KOP Bupati template, naming both', async () => {
    const drafter = c['staf.umum']!;
    const reg = await drafter.post('/api/v1/documents', {
      documentTypeId: surat,
      letterheadId: kopSetda,
      draftKind: 'docx',
      hal: 'Undangan Rapat Koordinasi Kearsipan',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '000.1',
      lampiran: '-',
      recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') }],
      verifierPositionIds: [pos(ids, 'kabag-umum')],
      signerPositionId: pos(ids, 'sekda'),
    });
    expect(reg.statusCode, reg.body).toBe(201);
    id = reg.json().id;
    const wrongKop = editDraft(await downloadTemplate(drafter, surat, kopBupati), 'Dengan hormat, kami mengundang Saudara.');
    const refused = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: (await detail(drafter, id)).version }, [{ field: 'file', filename: 'konsep.docx', content: wrongKop }]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'DOCUMENT_KOP_MISMATCH', details: { fields: [{ path: 'file' }], expected: { name: 'KOP Setda' }, found: { name: 'KOP Bupati' } } });
    expect(refused.json().message).toBe('Konsep ini dibuat dari templat KOP Bupati, sedangkan naskah didaftarkan dengan KOP Setda. Unduh templat KOP Setda, salin isi naskah ke dalamnya, lalu unggah lagi.');
    expect((await detail(drafter, id)).versions).toHaveLength(0);

    const rightKop = editDraft(await downloadTemplate(drafter, surat, kopSetda), 'Dengan hormat, kami mengundang Saudara.');
    const ok = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: (await detail(drafter, id)).version }, [{ field: 'file', filename: 'konsep.docx', content: rightKop }]);
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('the preview reads like the letter: number and date in words, a signature box, no raw ${…} fields', async () => {
    const drafter = c['staf.umum']!;
    // As the page advises: text typed in Word over the sample paragraphs, the blue ${isi} line left.
    const asDownloaded = await downloadTemplate(drafter, surat, kopSetda);
    const up = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: (await detail(drafter, id)).version }, [{ field: 'file', filename: 'konsep-2.docx', content: asDownloaded }]);
    expect(up.statusCode, up.body).toBe(201);
    const d = await waitForPdf(drafter, id);
    const current = d.versions.find((v: { current: boolean }) => v.current);
    const text = pdfText((await drafter.get(`/api/v1/documents/${id}/files/${current.pdfFileId}`)).rawPayload);
    expect(text).not.toContain('${');
    expect(text).toContain('[nomor diberikan saat TTE]');
    expect(text).toContain('[tanggal diberikan saat TTE]');
    expect(text).toContain('Tempat tanda tangan elektronik (TTE)');
    expect(text).toContain('Undangan Rapat Koordinasi Kearsipan'); // hal
    expect(text).toMatch(/SEKRETARIS DAERAH,/);
    expect(text).not.toContain(',,');
  });

  it('a .docx not made from a Naskah template is checked for the required fields', async () => {
    const drafter = c['staf.umum']!;
    const own = makeDocx(para(run('Nomor: ${nomor_naskah}')) + para(run('Isi surat tanpa isian lain.')));
    const refused = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: (await detail(drafter, id)).version }, [{ field: 'file', filename: 'sendiri.docx', content: own }]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('VALIDATION_FAILED');
    expect(refused.json().details.missing).toEqual(expect.arrayContaining(['tanggal_naskah', 'ttd_pengirim', 'nama_pengirim', 'jabatan_pengirim']));
    const fields = ['nomor_naskah', 'tanggal_naskah', 'sifat', 'lampiran', 'hal', 'tujuan', 'jabatan_pengirim', 'ttd_pengirim', 'nama_pengirim', 'nip_pengirim', 'tembusan'];
    const complete = makeDocx(fields.map((f) => para(run(`\${${f}}`))).join(''));
    const ok = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: (await detail(drafter, id)).version }, [{ field: 'file', filename: 'sendiri-lengkap.docx', content: complete }]);
    expect(ok.statusCode, ok.body).toBe(201);
    await waitForPdf(drafter, id);
  });
});
