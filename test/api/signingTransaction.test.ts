// The number and the date of a letter are fixed only by the transaction that stores its
// signature: a wrong passphrase, or a try while signing is locked, assigns neither and takes no
// number from the register; the letter finally signed days later carries that later date.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { numberEntries } from '../../src/server/numbering/schema.js';
import { isoDateIn, tanggalIndonesia } from '../../src/shared/dates.js';
import { Client, createTestApp, loginAs, totpSecrets, type TestApp } from '../helpers/testApp.js';
import { pdfText } from '../helpers/pdfText.js';
import { act, DEMO_PASSPHRASE, detail, downloadTemplate, editDraft, letterheadId, nextTotp, pos, typeId, upload, waitForPdf } from '../helpers/documents.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  await t.ctx.jobs.work(0.5);
  for (const u of ['staf.perumahan', 'kabid.perumahan', 'sekdis.perkimta', 'kadis.perkimta']) c[u] = await loginAs(t.app, t.ctx, u);
}, 120_000);
afterAll(async () => t?.close());

const entriesOf = (documentId: string) => t.ctx.database.db.select().from(numberEntries).where(eq(numberEntries.documentId, documentId));

describe('number and date are assigned only when the signature is stored', () => {
  let id: string;

  it('a letter reaches the Kepala Dinas without number or date', async () => {
    const drafter = c['staf.perumahan']!;
    const surat = await typeId(drafter, 'surat');
    const kop = await letterheadId(drafter, 'KOP Disperkimta', ids.units.get('perkimta-perumahan'));
    const reg = await drafter.post('/api/v1/documents', {
      documentTypeId: surat,
      letterheadId: kop,
      draftKind: 'docx',
      hal: 'Undangan Sosialisasi Bantuan Stimulan Perumahan',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '600.2',
      lampiran: '-',
      recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'sekda') }],
      verifierPositionIds: [pos(ids, 'kabid-perumahan'), pos(ids, 'sekdis-perkimta')],
      signerPositionId: pos(ids, 'kadis-perkimta'),
    });
    expect(reg.statusCode, reg.body).toBe(201);
    id = reg.json().id;
    const template = await downloadTemplate(drafter, surat, kop);
    const up = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: (await detail(drafter, id)).version }, [{ field: 'file', filename: 'surat.docx', content: editDraft(template, 'Dengan hormat, kami mengundang Saudara.') }]);
    expect(up.statusCode, up.body).toBe(201);
    let d = await waitForPdf(drafter, id);
    d = await act(drafter, id, 'submit', { version: d.version });
    d = await act(c['kabid.perumahan']!, id, 'approve', { version: d.version });
    d = await act(c['sekdis.perkimta']!, id, 'approve', { version: d.version });
    expect(d).toMatchObject({ status: 'awaiting_signature', number: null, documentDate: null });
  });

  it('wrong passphrases, then a try while locked: no number, no date, nothing taken from the register', async () => {
    const kadis = c['kadis.perkimta']!;
    const { version } = await detail(kadis, id);
    for (let i = 1; i <= 4; i++) {
      const wrong = await kadis.post(`/api/v1/documents/${id}/sign`, { version, passphrase: `salah-${i}` });
      expect(wrong.statusCode, wrong.body).toBe(400);
      expect(wrong.json().code).toBe('PASSPHRASE_WRONG');
      expect(await detail(kadis, id)).toMatchObject({ status: 'awaiting_signature', number: null, documentDate: null, version });
    }
    const fifth = await kadis.post(`/api/v1/documents/${id}/sign`, { version, passphrase: 'salah-5' });
    expect(fifth.statusCode).toBe(423);
    const locked = await kadis.post(`/api/v1/documents/${id}/sign`, { version, passphrase: DEMO_PASSPHRASE });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('PASSPHRASE_LOCKED');
    expect(await detail(kadis, id)).toMatchObject({ status: 'awaiting_signature', number: null, documentDate: null, version });
    expect(await entriesOf(id)).toEqual([]);
  });

  it('signed two days later: the letter carries the later date and the first number of the register', async () => {
    const before = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
    t.ctx.clock.advance(2 * 24 * 3_600_000);
    const later = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
    expect(later).not.toBe(before);
    // Two days on, the session has expired: sign in again (TOTP).
    const kadis = new Client(t.app);
    const login = await kadis.login('kadis.perkimta', 'Naskah-Demo-2026', { totp: nextTotp(t.ctx, totpSecrets.get('kadis.perkimta')!) });
    expect(login.statusCode, login.body).toBe(200);
    const d = await act(kadis, id, 'sign', { version: (await detail(kadis, id)).version, passphrase: DEMO_PASSPHRASE });
    expect(d).toMatchObject({ status: 'delivered', documentDate: later });
    expect(d.number).toBe(`600.2/1/410.30/${later.slice(0, 4)}`);
    const entries = await entriesOf(id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ seq: 1, date: later, status: 'used' });
    const signed = (await kadis.get(`/api/v1/documents/${id}/files/${d.signed.fileId}`)).rawPayload;
    expect(pdfText(signed)).toContain(tanggalIndonesia(later));
  });
});
