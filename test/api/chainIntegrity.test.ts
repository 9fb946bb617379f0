// Workflow integrity (issue 12): the drafter never verifies or signs his own letter unless the
// document type's SOP allows it; acting on a step needs the step's role for the position's unit
// and holding the position (or its Plt/Plh) that day — checked when the chain is composed, when
// it is submitted, and when anyone acts.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { act, detail, pdfDraft, pos, typeId } from '../helpers/documents.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};
let surat: string;

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  for (const u of ['admin', 'staf.umum', 'kabag.umum', 'asisten.umum', 'sekda', 'staf.perumahan', 'kasubag.perkimta']) c[u] = await loginAs(t.app, t.ctx, u);
  surat = await typeId(c['staf.umum']!, 'surat');
}, 120_000);
afterAll(async () => t?.close());

const setda = () => ({
  documentTypeId: surat,
  recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') }],
  signerPositionId: pos(ids, 'sekda'),
});

async function setSelfApproval(allowed: boolean) {
  const types = (await c['admin']!.get('/api/v1/document-types')).json() as Array<{ id: string; version: number; selfApprovalAllowed: boolean }>;
  const type = types.find((x) => x.id === surat)!;
  const res = await c['admin']!.patch(`/api/v1/document-types/${surat}`, { version: type.version, selfApprovalAllowed: allowed });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().selfApprovalAllowed).toBe(allowed);
}

describe('self-approval', () => {
  it('a drafter cannot put his own position in the chain (as verifier or signer)', async () => {
    const kabag = c['kabag.umum']!;
    const asVerifier = await kabag.post('/api/v1/documents', {
      ...setda(),
      draftKind: 'pdf',
      hal: 'Surat yang saya paraf sendiri',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '000.1',
      verifierPositionIds: [pos(ids, 'kabag-umum'), pos(ids, 'asisten-umum')],
    });
    expect(asVerifier.statusCode, asVerifier.body).toBe(400);
    expect(asVerifier.json()).toMatchObject({ code: 'DOCUMENT_CHAIN_SELF', details: { positionIds: [pos(ids, 'kabag-umum')] } });

    const sekda = c['sekda']!;
    const asSigner = await sekda.post('/api/v1/documents', {
      ...setda(),
      draftKind: 'pdf',
      hal: 'Surat yang saya tandatangani sendiri',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '000.1',
      verifierPositionIds: [pos(ids, 'kabag-umum')],
    });
    expect(asSigner.statusCode).toBe(400);
    expect(asSigner.json().code).toBe('DOCUMENT_CHAIN_SELF');
  });

  it('nor add himself later by editing the chain', async () => {
    const kabag = c['kabag.umum']!;
    const id = await pdfDraft(kabag, { ...setda(), hal: 'Surat Kabag lewat Asisten', verifierPositionIds: [pos(ids, 'asisten-umum')] });
    const d = await detail(kabag, id);
    const res = await kabag.patch(`/api/v1/documents/${id}`, { version: d.version, verifierPositionIds: [pos(ids, 'kabag-umum'), pos(ids, 'asisten-umum')] });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('DOCUMENT_CHAIN_SELF');
  });

  it('when the SOP allows it (per document type) he may; when it is switched off again, he cannot act', async () => {
    await setSelfApproval(true);
    const kabag = c['kabag.umum']!;
    const id = await pdfDraft(kabag, { ...setda(), hal: 'Surat dengan paraf konseptor', verifierPositionIds: [pos(ids, 'kabag-umum'), pos(ids, 'asisten-umum')], submit: true });
    let d = await detail(kabag, id);
    expect(d.me.actions).toContain('approve');
    await setSelfApproval(false);
    d = await detail(kabag, id);
    expect(d.me.actions).not.toContain('approve');
    const refused = await kabag.post(`/api/v1/documents/${id}/approve`, { version: d.version });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('DOCUMENT_SELF_APPROVAL');
    const ret = await kabag.post(`/api/v1/documents/${id}/return`, { version: d.version, reason: 'kembalikan sendiri' });
    expect(ret.json().code).toBe('DOCUMENT_SELF_APPROVAL');
    await setSelfApproval(true);
    d = await act(kabag, id, 'approve', { version: d.version });
    expect(d.currentStepOrder).toBe(2);
    await setSelfApproval(false);
  });

  it('a draft whose chain became the drafter’s own (he took the position since) cannot be submitted', async () => {
    const staf = c['staf.umum']!;
    const id = await pdfDraft(staf, { ...setda(), hal: 'Surat staf yang menjadi Plh', verifierPositionIds: [pos(ids, 'kabag-umum')] });
    // The drafter becomes Plh Kabag Umum today.
    const hold = await c['admin']!.post(`/api/v1/org/positions/${pos(ids, 'kabag-umum')}/holders`, { userId: ids.users.get('staf.umum'), kind: 'plh', startsOn: '2024-01-01', decree: 'Plh selama Kabag cuti' });
    expect(hold.statusCode, hold.body).toBe(201);
    const res = await staf.post(`/api/v1/documents/${id}/submit`, { version: (await detail(staf, id)).version });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('DOCUMENT_CHAIN_SELF');
    await c['admin']!.request('DELETE', `/api/v1/org/holders/${hold.json().id}`);
    await t.ctx.database.db.execute(sql`delete from position_holders where id = ${hold.json().id}`);
  });
});

describe('the step’s role for the position’s unit', () => {
  it('a chain with a position whose holder lacks the verifier role (another office’s drafter) is refused', async () => {
    const res = await c['staf.umum']!.post('/api/v1/documents', {
      ...setda(),
      draftKind: 'pdf',
      hal: 'Surat lewat konseptor dinas lain',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '000.1',
      verifierPositionIds: [pos(ids, 'kabag-umum'), pos(ids, 'staf-perumahan')],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'DOCUMENT_CHAIN_ROLE_MISSING', details: { positionIds: [pos(ids, 'staf-perumahan')] } });
  });

  it('a holder whose verifier role was withdrawn cannot approve (checked at action time)', async () => {
    const staf = c['staf.umum']!;
    const id = await pdfDraft(staf, { ...setda(), hal: 'Surat untuk verifikator yang perannya dicabut', verifierPositionIds: [pos(ids, 'kabag-umum')], submit: true });
    const kabagId = ids.users.get('kabag.umum')!;
    const saved = await t.ctx.database.db.execute<{ id: string; unit_id: string | null }>(sql`delete from role_grants where user_id = ${kabagId} and role = 'verifier' returning id, unit_id`);
    try {
      const kabag = await loginAs(t.app, t.ctx, 'kabag.umum');
      const d = await detail(kabag, id);
      expect(d.me.actions).toEqual([]);
      const res = await kabag.post(`/api/v1/documents/${id}/approve`, { version: d.version });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'DOCUMENT_STEP_ROLE_REQUIRED', details: { requiredRole: 'verifier' } });
    } finally {
      for (const g of saved.rows) await t.ctx.database.db.execute(sql`insert into role_grants (id, user_id, role, unit_id) values (${g.id}, ${kabagId}, 'verifier', ${g.unit_id})`);
    }
  });

  it('a verifier role granted for another office does not count for this one', async () => {
    // kasubag.perkimta is a verifier in Disperkimta; he becomes Plh Kabag Umum Setda without a Setda verifier grant.
    const hold = await c['admin']!.post(`/api/v1/org/positions/${pos(ids, 'asisten-umum')}/holders`, { userId: ids.users.get('kasubag.perkimta'), kind: 'plh', startsOn: '2024-01-01', decree: 'Plh' });
    expect(hold.statusCode, hold.body).toBe(201);
    try {
      const staf = c['staf.umum']!;
      const id = await pdfDraft(staf, { ...setda(), hal: 'Surat lewat Plh dari dinas lain', verifierPositionIds: [pos(ids, 'asisten-umum')], submit: true });
      const plh = await loginAs(t.app, t.ctx, 'kasubag.perkimta');
      const d = await detail(plh, id);
      expect(d.me.actions).toEqual([]);
      const res = await plh.post(`/api/v1/documents/${id}/approve`, { version: d.version });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('DOCUMENT_STEP_ROLE_REQUIRED');
      // The definitive Plt (with the Setda verifier role) still can.
      await act(c['asisten.umum']!, id, 'approve', { version: d.version });
    } finally {
      await t.ctx.database.db.execute(sql`delete from position_holders where id = ${hold.json().id}`);
    }
  });

  it('holding the position is judged on the day of the action: an ended Plt cannot act', async () => {
    const staf = c['staf.umum']!;
    const id = await pdfDraft(staf, { ...setda(), hal: 'Surat untuk Plt yang masa tugasnya habis', verifierPositionIds: [pos(ids, 'asisten-umum')], submit: true });
    const asisten = ids.users.get('asisten.umum')!;
    await t.ctx.database.db.execute(sql`update position_holders set ends_on = '2024-06-30' where user_id = ${asisten} and position_id = ${pos(ids, 'asisten-umum')}`);
    try {
      const res = await c['asisten.umum']!.post(`/api/v1/documents/${id}/approve`, { version: (await detail(staf, id)).version });
      expect([403, 404]).toContain(res.statusCode);
      expect(['DOCUMENT_NOT_YOUR_STEP', 'DOCUMENT_NOT_FOUND']).toContain(res.json().code);
    } finally {
      await t.ctx.database.db.execute(sql`update position_holders set ends_on = null where user_id = ${asisten} and position_id = ${pos(ids, 'asisten-umum')}`);
    }
  });
});

describe('PATCH /documents/{id} is a partial update', () => {
  it('sending one field (lampiran, then pdfMarks) changes only that field', async () => {
    const staf = c['staf.umum']!;
    const id = await pdfDraft(staf, { ...setda(), hal: 'Surat dengan sifat terbatas', sifat: 'terbatas', verifierPositionIds: [pos(ids, 'kabag-umum')] });
    let d = await detail(staf, id);
    expect(d).toMatchObject({ sifat: 'terbatas', hal: 'Surat dengan sifat terbatas' });
    const before = { sifat: d.sifat, urgensi: d.urgensi, hal: d.hal, classificationCode: d.classificationCode, recipients: d.recipients, steps: d.steps.map((s: { positionId: string }) => s.positionId), signatureVisibility: d.signatureVisibility, pdfMarks: d.pdfMarks };
    const urg = await staf.patch(`/api/v1/documents/${id}`, { version: d.version, urgensi: 'segera' });
    expect(urg.statusCode, urg.body).toBe(204);
    d = await detail(staf, id);
    expect(d).toMatchObject({ sifat: 'terbatas', urgensi: 'segera' });
    const res = await staf.patch(`/api/v1/documents/${id}`, { version: d.version, lampiran: '1 (satu) berkas' });
    expect(res.statusCode, res.body).toBe(204);
    d = await detail(staf, id);
    expect(d.lampiran).toBe('1 (satu) berkas');
    expect({ sifat: d.sifat, urgensi: d.urgensi, hal: d.hal, classificationCode: d.classificationCode, recipients: d.recipients, steps: d.steps.map((s: { positionId: string }) => s.positionId), signatureVisibility: d.signatureVisibility, pdfMarks: d.pdfMarks }).toEqual({ ...before, urgensi: 'segera' });
    const marks = { ...d.pdfMarks, signature: { page: 1, x: 300, y: 100, width: 200, height: 70 } };
    expect((await staf.patch(`/api/v1/documents/${id}`, { version: d.version, pdfMarks: marks })).statusCode).toBe(204);
    d = await detail(staf, id);
    expect(d).toMatchObject({ sifat: 'terbatas', urgensi: 'segera', lampiran: '1 (satu) berkas', pdfMarks: marks });
  });
});
