// Who sees what of an outgoing letter (issue 12 "box=all / sign-bulk", issue 8 item 6): every
// list, count, search, batch and error applies the rule of GET /documents/{id}; addressees and
// tembusan see the signed letter, its attachments and metadata, never the drafting; Rahasia
// letters only to their addressees and the chain.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { act, DEMO_PASSPHRASE, detail, pdfDraft, pos, simpleLetterPdf, typeId, upload } from '../helpers/documents.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};
let plain: string;
let secret: string;
let draftPdfFileId: string;
const RETURN_REASON = 'Perbaiki paragraf kedua tentang anggaran';
const VERIFIER_NOTE = 'Catatan verifikator: sudah sesuai arahan';
const SECRET_HAL = 'Penanganan insiden keamanan siber Setda';

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  for (const u of ['staf.umum', 'kabag.umum', 'kasubag.tu', 'sekda', 'bupati', 'kadis.kominfo', 'sekdis.kominfo', 'kadis.perkimta', 'kasubag.perkimta']) c[u] = await loginAs(t.app, t.ctx, u);
  const surat = await typeId(c['staf.umum']!, 'surat');
  const base = {
    documentTypeId: surat,
    recipients: [
      { role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') },
      { role: 'cc', kind: 'position', positionId: pos(ids, 'kadis-perkimta') },
    ],
    verifierPositionIds: [pos(ids, 'kabag-umum')],
    signerPositionId: pos(ids, 'sekda'),
  };
  plain = await pdfDraft(c['staf.umum']!, { ...base, hal: 'Undangan rapat koordinasi anggaran', submit: true });
  secret = await pdfDraft(c['staf.umum']!, { ...base, hal: SECRET_HAL, sifat: 'rahasia' });
}, 300_000);
afterAll(async () => t?.close());

const listTotal = async (cl: Client, query: string) => {
  const res = await cl.get(`/api/v1/documents?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; items: Array<{ id: string; hal: string }> };
};

describe('lists, counts, search and errors follow GET /documents/{id}', () => {
  it('box=all does not list a Rahasia draft to a records officer who is not on its chain', async () => {
    const officer = c['kasubag.tu']!;
    expect((await officer.get(`/api/v1/documents/${secret}`)).statusCode).toBe(404);
    const all = await listTotal(officer, 'box=all&pageSize=100');
    expect(all.items.map((i) => i.id)).toContain(plain);
    expect(all.items.map((i) => i.id)).not.toContain(secret);
    expect(all.total).toBe(all.items.length);
    expect((await listTotal(officer, `box=all&q=${encodeURIComponent('insiden keamanan')}`)).total).toBe(0);
    // The chain and the drafter do see it.
    expect((await listTotal(c['staf.umum']!, 'box=drafts')).items.map((i) => i.id)).toContain(secret);
    expect((await c['kabag.umum']!.get(`/api/v1/documents/${secret}`)).statusCode).toBe(200);
  });

  it('sign-bulk with someone else’s documents is refused without their hal; an unknown id is a 404, not a 500', async () => {
    const bupati = c['bupati']!;
    const foreign = await bupati.post('/api/v1/documents/sign-bulk', { items: [{ id: plain, version: 1 }], passphrase: DEMO_PASSPHRASE });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('Undangan rapat');
    expect(foreign.json()).toMatchObject({ code: 'DOCUMENT_NOT_FOUND', details: { items: [{ id: plain, code: 'DOCUMENT_NOT_FOUND' }] } });
    const unknown = randomUUID();
    const res = await bupati.post('/api/v1/documents/sign-bulk', { items: [{ id: unknown, version: 1 }], passphrase: DEMO_PASSPHRASE });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'DOCUMENT_NOT_FOUND', details: { items: [{ id: unknown }] } });
    // Same answer for both: nothing tells an existing foreign id from a made-up one.
    expect(Object.keys(foreign.json())).toEqual(Object.keys(res.json()));
  });

  it('actions on a document one may not see answer 404 before the version check (no status, no version)', async () => {
    const outsider = c['kasubag.perkimta']!;
    for (const [action, body] of [
      ['approve', { version: 999 }],
      ['return', { version: 999, reason: 'coba kembalikan' }],
      ['sign', { version: 999, passphrase: 'x' }],
      ['submit', { version: 999 }],
      ['cancel', { version: 999, reason: 'coba batalkan' }],
      ['read', {}],
    ] as const) {
      const res = await outsider.post(`/api/v1/documents/${secret}/${action}`, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(404);
      expect(res.json().code).toBe('DOCUMENT_NOT_FOUND');
      expect(res.body).not.toMatch(/in_verification|draft|current/);
    }
    const patch = await outsider.patch(`/api/v1/documents/${secret}`, { version: 999, lampiran: '-' });
    expect(patch.statusCode).toBe(404);
  });
});

describe('addressees and tembusan see the letter as sent, not its drafting', () => {
  it('the chain returns it with a reason, the drafter revises, the verifier approves with a note, the Sekda signs', async () => {
    const staf = c['staf.umum']!;
    let d = await detail(staf, plain);
    d = await act(c['kabag.umum']!, plain, 'return', { version: d.version, reason: RETURN_REASON });
    draftPdfFileId = d.versions[0].pdfFileId;
    const up = await upload(staf, `/api/v1/documents/${plain}/versions`, { version: d.version, note: 'Versi perbaikan anggaran' }, [{ field: 'file', filename: 'konsep-v2.pdf', content: await simpleLetterPdf('Undangan rapat koordinasi anggaran') }]);
    expect(up.statusCode, up.body).toBe(201);
    d = await act(staf, plain, 'submit', { version: (await detail(staf, plain)).version });
    d = await act(c['kabag.umum']!, plain, 'approve', { version: d.version, note: VERIFIER_NOTE });
    d = await act(c['sekda']!, plain, 'sign', { version: d.version, passphrase: DEMO_PASSPHRASE });
    expect(d.status).toBe('delivered');
    expect(d.versions.length).toBeGreaterThanOrEqual(3);
  });

  for (const who of ['kadis.kominfo', 'kadis.perkimta']) {
    it(`${who} (${who === 'kadis.kominfo' ? 'tujuan' : 'tembusan'}) sees the signed PDF and metadata only`, async () => {
      const cl = c[who]!;
      const res = await cl.get(`/api/v1/documents/${plain}`);
      expect(res.statusCode).toBe(200);
      const d = res.json();
      expect(d.signed?.fileId).toBeTruthy();
      expect(d.me.access).toBe('final');
      expect(d.versions).toEqual([]);
      expect(d.timings).toEqual([]);
      expect(d.events.map((e: { action: string }) => e.action)).not.toContain('returned');
      expect(d.steps.every((s: { note: string | null }) => s.note === null)).toBe(true);
      expect(res.body).not.toContain(RETURN_REASON);
      expect(res.body).not.toContain(VERIFIER_NOTE);
      expect(res.body).not.toContain('Versi perbaikan anggaran');
      expect((await cl.get(`/api/v1/documents/${plain}/files/${d.signed.fileId}`)).statusCode).toBe(200);
      // A draft's file id, learnt elsewhere, does not open.
      expect((await cl.get(`/api/v1/documents/${plain}/files/${draftPdfFileId}`)).statusCode).toBe(404);
    });
  }

  it('the drafter, the chain and the issuing unit’s records officer keep the drafting history', async () => {
    for (const who of ['staf.umum', 'kabag.umum', 'sekda', 'kasubag.tu']) {
      const res = await c[who]!.get(`/api/v1/documents/${plain}`);
      expect(res.statusCode, who).toBe(200);
      expect(res.json().me.access, who).toBe('full');
      expect(res.body, who).toContain(RETURN_REASON);
      expect(res.json().versions.length, who).toBeGreaterThanOrEqual(3);
      expect((await c[who]!.get(`/api/v1/documents/${plain}/files/${draftPdfFileId}`)).statusCode, who).toBe(200);
    }
  });
});

describe('Rahasia: only addressees and the chain, in lists, counts and search too', () => {
  it('after signing, the addressee sees it in his inbox; the unit’s records officer and the addressee’s colleagues do not', async () => {
    const staf = c['staf.umum']!;
    let d = await act(staf, secret, 'submit', { version: (await detail(staf, secret)).version });
    d = await act(c['kabag.umum']!, secret, 'approve', { version: d.version });
    d = await act(c['sekda']!, secret, 'sign', { version: d.version, passphrase: DEMO_PASSPHRASE });
    expect(d.status).toBe('delivered');

    const inbox = (await c['kadis.kominfo']!.get(`/api/v1/inbox?q=${encodeURIComponent('insiden keamanan')}`)).json();
    expect(inbox.items.map((i: { document: { id: string } }) => i.document.id)).toEqual([secret]);
    expect((await c['kadis.kominfo']!.get(`/api/v1/documents/${secret}`)).json().versions).toEqual([]);

    const officer = c['kasubag.tu']!;
    expect((await officer.get(`/api/v1/documents/${secret}`)).statusCode).toBe(404);
    for (const box of ['all', 'outgoing']) {
      const list = await listTotal(officer, `box=${box}&pageSize=100`);
      expect(list.items.map((i) => i.id), box).not.toContain(secret);
      expect(list.items.map((i) => i.hal), box).not.toContain(SECRET_HAL);
      expect((await listTotal(officer, `box=${box}&q=${encodeURIComponent('insiden')}`)).total, box).toBe(0);
    }
    const colleague = c['sekdis.kominfo']!;
    expect((await colleague.get(`/api/v1/documents/${secret}`)).statusCode).toBe(404);
    expect((await colleague.get(`/api/v1/inbox?q=insiden`)).json().total).toBe(0);
  });
});
