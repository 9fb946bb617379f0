// Pemusnahan and serah arsip statis (issue 11): letters of a year are archived and filed; the
// berkas is closed; past its retention it is proposed for destruction, refused while a record is
// under legal hold, assessed by the panitia, fixed by a keputusan and executed: the files are gone,
// the metadata and the berita acara stay; the head of the Perangkat Daerah (the Sekda for the
// Setda), never the proposer, fixes it and signs the berita acara and the daftar with TTE. A
// permanent berkas is transferred as a BagIt package that `sha256sum -c` accepts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { documents } from '../../src/server/outgoing/schema.js';
import { documentTypes } from '../../src/server/catalog/schema.js';
import { archiveBerkas, archiveDisposals, archiveRecords } from '../../src/server/archive/schema.js';
import { DEMO_SIGNING_PASSPHRASE, verifyPdf } from '../../src/server/signature/index.js';
import { signatureVerifications } from '../../src/server/signature/schema.js';
import { applyRetention } from '../../src/server/archive/berkas.js';
import { disposalNext, proposeDisposal } from '../../src/server/archive/disposal.js';
import { loadGrants, type Actor } from '../../src/server/auth/actor.js';
import { simpleLetterPdf } from '../helpers/documents.js';
import { storeFile } from '../../src/server/files/storeFile.js';
import { extractPdfText } from '../../src/server/pdf/extractPdfText.js';
import { drainSearchQueueFully } from '../../src/server/search/index.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};
const START = '2026-06-01T03:00:00Z';
const signed: Record<string, string> = {};

async function at<T>(when: string, fn: () => Promise<T>): Promise<T> {
  t.ctx.clock.set(when);
  try {
    return await fn();
  } finally {
    t.ctx.clock.set(START);
  }
}
async function actorOf(username: string): Promise<Actor> {
  const userId = ids.users.get(username)!;
  return { userId, username, name: username, sessionId: null, grants: await loadGrants(t.ctx.database.db, userId), ip: null };
}
const ok = (res: { statusCode: number; body: string }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body || 'null');
};

beforeAll(async () => {
  t = await createTestApp();
  t.ctx.clock.set(START);
  ids = await seedDemo(t.ctx);
  for (const u of ['kabag.umum', 'kasubag.tu', 'staf.umum', 'arsip.kominfo', 'sekda', 'kadis.kominfo']) c[u] = await loginAs(t.app, t.ctx, u);
  const db = t.ctx.database.db;
  const [type] = await db.select({ id: documentTypes.id }).from(documentTypes).where(eq(documentTypes.code, 'surat'));
  const letters = [
    { hal: 'Surat tugas pemeriksaan gudang', code: '800.1.11.1', n: 1 },
    { hal: 'Surat tugas pendampingan audit', code: '800.1.11.1', n: 2 },
    { hal: 'Penetapan SOP pelayanan persuratan', code: '000.8.3.3', n: 3 },
  ];
  for (const l of letters) {
    const f = await storeFile(t.ctx, db, { bytes: await simpleLetterPdf(l.hal), name: `${l.n}.pdf`, mime: 'application/pdf', createdBy: null });
    signed[l.hal] = f.sha256;
    await db.insert(documents).values({
      documentTypeId: type!.id,
      issuingUnitId: ids.units.get('bagian-umum')!,
      drafterUserId: ids.users.get('staf.umum')!,
      hal: l.hal,
      classificationCode: l.code,
      draftKind: 'pdf',
      signerPositionId: ids.positions.get('kabag-umum')!,
      numberingMode: 'at_signing',
      status: 'delivered',
      number: `${l.code}/${l.n}/UM/410.01/2026`,
      documentDate: `2026-0${l.n}-10`,
      signedFileId: f.id,
    });
  }
  await drainSearchQueueFully(t.ctx);
}, 400_000);
afterAll(async () => t?.close());

describe('the disposal stages (pure)', () => {
  it('a retention of 10 years or more needs the Kepala ANRI before the keputusan; execution only after it', () => {
    const base = { kind: 'musnah' as const, needsAnriApproval: true, hasAnriApproval: false };
    expect(disposalNext({ ...base, status: 'usul' }, 'decide')).toMatchObject({ ok: false });
    expect(disposalNext({ ...base, status: 'usul' }, 'assess')).toEqual({ ok: true, status: 'dinilai' });
    expect(disposalNext({ ...base, status: 'dinilai' }, 'decide')).toMatchObject({ ok: false, reason: expect.stringContaining('Kepala ANRI') });
    expect(disposalNext({ ...base, status: 'dinilai', hasAnriApproval: true }, 'decide')).toEqual({ ok: true, status: 'ditetapkan' });
    expect(disposalNext({ ...base, status: 'dinilai' }, 'execute')).toMatchObject({ ok: false });
    expect(disposalNext({ ...base, status: 'ditetapkan' }, 'execute')).toEqual({ ok: true, status: 'dilaksanakan' });
    expect(disposalNext({ ...base, status: 'ditetapkan' }, 'sign')).toMatchObject({ ok: false });
    expect(disposalNext({ ...base, status: 'dilaksanakan' }, 'sign')).toEqual({ ok: true, status: 'selesai' });
    expect(disposalNext({ ...base, status: 'selesai' }, 'execute')).toMatchObject({ ok: false });
    expect(disposalNext({ kind: 'serah', needsAnriApproval: false, hasAnriApproval: false, status: 'dinilai' }, 'assess')).toMatchObject({ ok: false });
  });
});

describe('pemusnahan', () => {
  let berkasId: string;
  let disposal: { id: string; version: number };

  it('the berkas is closed, and past its retention the retention report lists it for disposal', async () => {
    const list = ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas?unitId=${ids.units.get('bagian-umum')}`));
    const b = list.find((x: { classificationCode: string }) => x.classificationCode === '800.1.11.1');
    berkasId = b.id;
    expect(b.itemCount).toBe(2);
    ok(await c['kabag.umum']!.post(`/api/v1/archive/berkas/${berkasId}/close`, { version: b.version }));
    expect(await at('2027-06-02T03:00:00Z', () => applyRetention(t.ctx))).toBe(1);
    // Not yet past the inactive years: refused.
    const early = await at('2027-06-03T03:00:00Z', async () => proposeDisposal(t.ctx, await actorOf('kabag.umum'), { kind: 'musnah', unitId: ids.units.get('bagian-umum')!, berkasIds: [berkasId], panitiaUserIds: [ids.users.get('kasubag.tu')!] }).catch((e) => e.code));
    expect(early).toBe('DISPOSAL_NOT_DUE');
  });

  it('a record under legal hold blocks the proposal', async () => {
    const items = ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas/${berkasId}`)).items;
    ok(await c['kabag.umum']!.post(`/api/v1/archive/records/${items[0].id}/legal-hold`, { version: items[0].version, hold: true, reason: 'Perkara 3/Pid/2028' }), 204);
    const refused = await at('2028-06-02T03:00:00Z', async () => proposeDisposal(t.ctx, await actorOf('kabag.umum'), { kind: 'musnah', unitId: ids.units.get('bagian-umum')!, berkasIds: [berkasId], panitiaUserIds: [ids.users.get('kasubag.tu')!] }).catch((e) => ({ code: e.code, details: e.details })));
    expect(refused).toEqual({ code: 'DISPOSAL_LEGAL_HOLD', details: { berkasIds: [berkasId] } });
    const r = ok(await c['kabag.umum']!.get(`/api/v1/archive/records/${items[0].id}`));
    ok(await c['kabag.umum']!.post(`/api/v1/archive/records/${items[0].id}/legal-hold`, { version: r.version, hold: false }), 204);
  });

  it('proposed from the due list, assessed by the panitia, fixed by a keputusan', async () => {
    const d = await at('2028-06-02T03:00:00Z', async () => proposeDisposal(t.ctx, await actorOf('kabag.umum'), { kind: 'musnah', unitId: ids.units.get('bagian-umum')!, berkasIds: [berkasId], panitiaUserIds: [ids.users.get('kasubag.tu')!] }));
    expect(d).toMatchObject({ status: 'usul', needsAnriApproval: false });
    const usul = await c['kabag.umum']!.get(`/api/v1/archive/disposals/${d.id}/documents/usul`);
    expect(usul.statusCode).toBe(200);
    const usulText = (await extractPdfText(usul.rawPayload)).replace(/\s+/g, ' ');
    expect(usulText).toContain('DAFTAR ARSIP USUL MUSNAH');
    expect(usulText).toContain('800.1.11.1');
    // The panitia member sees the list with the unit and the panitia by name.
    const seen = ok(await c['kasubag.tu']!.get(`/api/v1/archive/disposals/${d.id}`));
    expect(seen).toMatchObject({ unitName: 'Bagian Umum', panitia: [{ userId: ids.users.get('kasubag.tu'), name: 'Agus Prasetyo, S.E.' }], items: [expect.objectContaining({ berkasId, approved: null })] });
    // It waits for him on the home page; not for the officer.
    expect(ok(await c['kasubag.tu']!.get('/api/v1/dashboard')).archiveToAssess).toBe(1);
    expect(ok(await c['kabag.umum']!.get('/api/v1/dashboard')).archiveToAssess).toBe(0);
    // Outsiders see nothing; the officer may not assess in the panitia's place.
    expect((await c['arsip.kominfo']!.get(`/api/v1/archive/disposals/${d.id}`)).statusCode).toBe(404);
    const item = { berkasId, approved: true, pertimbangan: 'Tidak bernilai guna lagi, tidak terkait perkara' };
    expect((await c['kabag.umum']!.post(`/api/v1/archive/disposals/${d.id}/assess`, { version: d.version, items: [item] })).statusCode).toBe(404);
    // Keputusan before the panitia: refused.
    const early = await c['sekda']!.post(`/api/v1/archive/disposals/${d.id}/decide`, { version: d.version, keputusanNumber: '000.5.7/12/2028', keputusanDate: '2026-06-01' });
    expect(early.json().code).toBe('DISPOSAL_WRONG_STAGE');
    const assessed = ok(await c['kasubag.tu']!.post(`/api/v1/archive/disposals/${d.id}/assess`, { version: d.version, items: [item] }));
    expect(assessed.status).toBe('dinilai');
    expect(ok(await c['kasubag.tu']!.get('/api/v1/dashboard')).archiveToAssess).toBe(0);
    // The keputusan is the Sekda's (head of the Setda), not the records officer's; another
    // Perangkat Daerah's head does not even see the list.
    const byOfficer = await c['kabag.umum']!.post(`/api/v1/archive/disposals/${d.id}/decide`, { version: assessed.version, keputusanNumber: '000.5.7/12/2028', keputusanDate: '2026-06-01' });
    expect([byOfficer.statusCode, byOfficer.json().code]).toEqual([403, 'DISPOSAL_NOT_HEAD']);
    expect((await c['kadis.kominfo']!.post(`/api/v1/archive/disposals/${d.id}/decide`, { version: assessed.version, keputusanNumber: '000.5.7/12/2028', keputusanDate: '2026-06-01' })).statusCode).toBe(404);
    const forHead = ok(await c['sekda']!.get(`/api/v1/archive/disposals/${d.id}`));
    expect(forHead).toMatchObject({ head: { unitName: 'Sekretariat Daerah', positionName: 'Sekretaris Daerah', holders: [expect.objectContaining({ userId: ids.users.get('sekda') })] }, actions: { decide: true, sign: false, execute: false, assess: false } });
    expect(ok(await c['sekda']!.get('/api/v1/dashboard')).archiveForHead).toBe(1);
    expect(ok(await c['sekda']!.get('/api/v1/archive/disposals')).map((x: { id: string }) => x.id)).toContain(d.id);
    const future = await c['sekda']!.post(`/api/v1/archive/disposals/${d.id}/decide`, { version: assessed.version, keputusanNumber: '000.5.7/12/2028', keputusanDate: '2026-06-02' });
    expect(future.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ path: 'body.keputusanDate' })] } });
    disposal = ok(await c['sekda']!.post(`/api/v1/archive/disposals/${d.id}/decide`, { version: assessed.version, keputusanNumber: '000.5.7/12/2028', keputusanDate: '2026-06-01' }));
    expect(disposal).toMatchObject({ status: 'ditetapkan', keputusanNumber: '000.5.7/12/2028', decidedByUserId: ids.users.get('sekda') });
    expect(ok(await c['sekda']!.get('/api/v1/dashboard')).archiveForHead).toBe(0);
  });

  it('a hold placed after the keputusan still blocks the execution', async () => {
    const b = ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas/${berkasId}`));
    ok(await c['kabag.umum']!.post(`/api/v1/archive/berkas/${berkasId}/legal-hold`, { version: b.version, hold: true, reason: 'Pemeriksaan BPK' }), 204);
    const res = await c['kabag.umum']!.post(`/api/v1/archive/disposals/${disposal.id}/execute`, { version: disposal.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DISPOSAL_LEGAL_HOLD');
    const b2 = ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas/${berkasId}`));
    ok(await c['kabag.umum']!.post(`/api/v1/archive/berkas/${berkasId}/legal-hold`, { version: b2.version, hold: false }), 204);
  });

  it('executed: the files are gone, the metadata and the berita acara stay', async () => {
    const db = t.ctx.database.db;
    const before = await db.select().from(archiveRecords).where(eq(archiveRecords.berkasId, berkasId));
    const shas = before.flatMap((r) => r.files.map((f) => f.sha256));
    expect(shas).toHaveLength(2);
    for (const s of shas) expect(await t.ctx.blobs.has(s)).toBe(true);
    // Executing is the records officer's, not the head's.
    expect((await c['sekda']!.post(`/api/v1/archive/disposals/${disposal.id}/execute`, { version: disposal.version })).statusCode).toBe(404);
    const done = ok(await c['kabag.umum']!.post(`/api/v1/archive/disposals/${disposal.id}/execute`, { version: disposal.version }));
    expect(done).toMatchObject({ status: 'dilaksanakan', executedByUserId: ids.users.get('kabag.umum'), beritaAcaraFileId: null });
    disposal = done;
    for (const s of shas) expect(await t.ctx.blobs.has(s)).toBe(false);
    const after = await db.select().from(archiveRecords).where(eq(archiveRecords.berkasId, berkasId));
    expect(after.map((r) => r.title).sort()).toEqual(['Surat tugas pemeriksaan gudang', 'Surat tugas pendampingan audit']);
    for (const r of after) {
      expect(r.contentDeletedAt).not.toBeNull();
      expect(r.files.every((f) => f.fileId === null && /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    }
    const [b] = await db.select().from(archiveBerkas).where(eq(archiveBerkas.id, berkasId));
    expect(b!.state).toBe('musnah');
    const rec = ok(await c['kabag.umum']!.get(`/api/v1/archive/records/${after[0]!.id}`));
    expect(rec.files.every((f: { available: boolean }) => !f.available)).toBe(true);
    expect(rec.contentDeletedAt).not.toBeNull();
    expect((await c['kabag.umum']!.get(`/api/v1/archive/records/${after[0]!.id}/files/0`)).statusCode).toBe(404);
    // Search still finds the metadata, now as destroyed.
    const s = ok(await c['staf.umum']!.get('/api/v1/search?q=pendampingan'));
    expect(s.items).toEqual([expect.objectContaining({ state: 'musnah', title: 'Surat tugas pendampingan audit' })]);
    // Until the Sekda signs, the berita acara is a draft he can read, with his signature block.
    const draft = await c['sekda']!.get(`/api/v1/archive/disposals/${disposal.id}/documents/berita-acara`);
    expect(draft.statusCode).toBe(200);
    expect(draft.headers['content-disposition']).toContain('konsep-');
    const text = (await extractPdfText(draft.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('BERITA ACARA PEMUSNAHAN ARSIP');
    expect(text).toContain('000.5.7/12/2028');
    expect(text).toContain('1 berkas (2 naskah)');
    expect(text).toContain('Dilaksanakan oleh Rina Marlina');
    expect(text).toContain('Sekretaris Daerah');
    expect(text).toContain('Dr. Bambang Wijaya');
  });

  it('the Sekda signs the berita acara and the daftar arsip musnah with TTE; then the disposal is done', async () => {
    expect(ok(await c['sekda']!.get('/api/v1/dashboard')).archiveForHead).toBe(1);
    const byOfficer = await c['kabag.umum']!.post(`/api/v1/archive/disposals/${disposal.id}/sign`, { version: disposal.version, passphrase: DEMO_SIGNING_PASSPHRASE });
    expect([byOfficer.statusCode, byOfficer.json().code]).toEqual([403, 'DISPOSAL_NOT_HEAD']);
    const wrong = await c['sekda']!.post(`/api/v1/archive/disposals/${disposal.id}/sign`, { version: disposal.version, passphrase: 'bukan-passphrase' });
    expect(wrong.json().code).toBe('PASSPHRASE_WRONG');
    expect(ok(await c['sekda']!.get(`/api/v1/archive/disposals/${disposal.id}`)).status).toBe('dilaksanakan');
    const signedD = ok(await c['sekda']!.post(`/api/v1/archive/disposals/${disposal.id}/sign`, { version: disposal.version, passphrase: DEMO_SIGNING_PASSPHRASE }));
    expect(signedD).toMatchObject({ status: 'selesai', signedByUserId: ids.users.get('sekda') });
    expect(signedD.beritaAcaraFileId).not.toBeNull();
    expect(ok(await c['sekda']!.get('/api/v1/dashboard')).archiveForHead).toBe(0);
    // Signing again: refused, nothing changes.
    expect((await c['sekda']!.post(`/api/v1/archive/disposals/${disposal.id}/sign`, { version: signedD.version, passphrase: DEMO_SIGNING_PASSPHRASE })).json().code).toBe('DISPOSAL_WRONG_STAGE');
    for (const which of ['berita-acara', 'daftar'] as const) {
      const res = await c['kabag.umum']!.get(`/api/v1/archive/disposals/${disposal.id}/documents/${which}`);
      expect(res.statusCode).toBe(200);
      const report = await verifyPdf(t.ctx, res.rawPayload, {});
      expect(report.verdict, JSON.stringify(report.summary)).toBe('valid');
      expect(report.signatures).toHaveLength(1);
      const text = (await extractPdfText(res.rawPayload)).replace(/\s+/g, ' ');
      expect(text).toContain(which === 'daftar' ? 'DAFTAR ARSIP MUSNAH' : 'BERITA ACARA PEMUSNAHAN ARSIP');
      expect(text).toContain('Dr. Bambang Wijaya');
    }
    // Each signed document is registered under its own QR code, as the Sekda's.
    const regs = await t.ctx.database.db.select().from(signatureVerifications).where(eq(signatureVerifications.documentId, disposal.id));
    expect(regs.map((r) => r.title).sort()).toEqual(['Berita Acara Pemusnahan Arsip, Sekretariat Daerah', 'Daftar Arsip Musnah, Sekretariat Daerah']);
    expect(new Set(regs.map((r) => r.code)).size).toBe(2);
    expect(regs.every((r) => r.signerTitle === 'Sekretaris Daerah' && r.number === '000.5.7/12/2028')).toBe(true);
    // The trail: who decided, executed and signed, and the two signatures.
    const trail = await t.ctx.database.db.execute<{ action: string; actor: string }>(sql`select action, actor_user_id::text actor from audit_events where entity_type = 'archive_disposal' and entity_id = ${disposal.id} order by at, id`);
    expect(trail.rows.map((r) => [r.action, r.actor])).toEqual(
      expect.arrayContaining([
        ['archive.disposal_decided', ids.users.get('sekda')],
        ['archive.disposal_executed', ids.users.get('kabag.umum')],
        ['archive.disposal_signed', ids.users.get('sekda')],
      ]),
    );
    const sigs = await t.ctx.database.db.execute<{ n: number }>(sql`select count(*)::int n from audit_events where action = 'signature.pdf_signed' and actor_user_id = ${ids.users.get('sekda')!}::uuid and data->>'via' = 'archive'`);
    expect(sigs.rows[0]!.n).toBe(2);
  });

  it('the head may not decide a list he proposed himself', async () => {
    const db = t.ctx.database.db;
    const [own] = await db
      .insert(archiveDisposals)
      .values({ kind: 'serah', unitId: ids.units.get('bagian-umum')!, status: 'dinilai', createdByUserId: ids.users.get('sekda')! })
      .returning();
    const res = await c['sekda']!.post(`/api/v1/archive/disposals/${own!.id}/decide`, { version: own!.version, keputusanNumber: '000.5.8/9/2026', keputusanDate: '2026-06-01' });
    expect([res.statusCode, res.json().code]).toEqual([403, 'DISPOSAL_OWN_PROPOSAL']);
    expect(ok(await c['sekda']!.get(`/api/v1/archive/disposals/${own!.id}`)).actions.decide).toBe(false);
    await db.delete(archiveDisposals).where(eq(archiveDisposals.id, own!.id));
  });
});

describe('serah arsip statis', () => {
  it('a permanent berkas is exported as a BagIt package that sha256sum -c accepts', async () => {
    const list = ok(await c['kabag.umum']!.get(`/api/v1/archive/berkas?unitId=${ids.units.get('bagian-umum')}`));
    const b = list.find((x: { classificationCode: string }) => x.classificationCode === '000.8.3.3');
    ok(await c['kabag.umum']!.post(`/api/v1/archive/berkas/${b.id}/close`, { version: b.version }));
    await at('2028-06-02T03:00:00Z', () => applyRetention(t.ctx));
    const d = await at('2031-06-02T03:00:00Z', async () => proposeDisposal(t.ctx, await actorOf('kabag.umum'), { kind: 'serah', unitId: ids.units.get('bagian-umum')!, berkasIds: [b.id] }));
    expect(d.status).toBe('dinilai');
    const fixed = ok(await c['sekda']!.post(`/api/v1/archive/disposals/${d.id}/decide`, { version: d.version, keputusanNumber: '000.5.8/3/2031', keputusanDate: '2026-06-01' }));
    const executed = ok(await c['kabag.umum']!.post(`/api/v1/archive/disposals/${d.id}/execute`, { version: fixed.version }));
    expect(executed).toMatchObject({ status: 'dilaksanakan', packageFileId: null });
    const done = ok(await c['sekda']!.post(`/api/v1/archive/disposals/${d.id}/sign`, { version: executed.version, passphrase: DEMO_SIGNING_PASSPHRASE }));
    expect(done.status).toBe('selesai');
    const pkg = await c['kabag.umum']!.get(`/api/v1/archive/disposals/${d.id}/documents/paket`);
    expect(pkg.statusCode).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-bag-'));
    try {
      fs.writeFileSync(path.join(dir, 'paket.tar'), pkg.rawPayload);
      execFileSync('tar', ['-xf', 'paket.tar'], { cwd: dir });
      const [bag] = fs.readdirSync(dir).filter((n) => n !== 'paket.tar');
      const root = path.join(dir, bag!);
      expect(fs.readFileSync(path.join(root, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
      expect(fs.readFileSync(path.join(root, 'bag-info.txt'), 'utf8')).toMatch(/^Source-Organization: .+$/m);
      expect(execFileSync('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], { cwd: root, encoding: 'utf8' })).not.toMatch(/FAILED/);
      expect(execFileSync('sha256sum', ['-c', '--strict', 'tagmanifest-sha256.txt'], { cwd: root, encoding: 'utf8' })).toContain('manifest-sha256.txt: OK');
      const manifest = fs.readFileSync(path.join(root, 'manifest-sha256.txt'), 'utf8');
      // The signed PDF, its metadata and audit trail, and the berita acara are in the payload.
      expect(manifest).toContain(signed['Penetapan SOP pelayanan persuratan']);
      expect(manifest).toMatch(/data\/.+\/metadata\.json/);
      expect(manifest).toMatch(/data\/.+\/audit\.json/);
      expect(manifest).toContain('data/berita-acara-serah-terima.pdf');
      // The package holds the berita acara as the Sekda signed it.
      const ba = fs.readFileSync(path.join(root, 'data/berita-acara-serah-terima.pdf'));
      expect((await verifyPdf(t.ctx, ba, {})).verdict).toBe('valid');
      // Every PDF is PDF/A itself or has a PDF/A-2b rendition beside it, as poppler reads the XMP
      // (a signed PDF keeps its signature; a rendition cannot carry one).
      const pdfs = manifest.trim().split('\n').map((l) => l.split('  ')[1]!).filter((f) => f.endsWith('.pdf') && !f.endsWith('-pdfa.pdf'));
      expect(pdfs.length).toBeGreaterThanOrEqual(3);
      const pdfaOf = (f: string) => /pdfaid:part(?:="|>)\s*2/.test(execFileSync('pdfinfo', ['-meta', path.join(root, f)], { encoding: 'utf8' }));
      for (const f of pdfs) {
        const rendition = f.replace(/\.pdf$/, '-pdfa.pdf');
        const preserved = pdfaOf(f) || (fs.existsSync(path.join(root, rendition)) && pdfaOf(rendition));
        expect(preserved, `${f} is PDF/A or has a PDF/A rendition`).toBe(true);
      }
      expect(fs.existsSync(path.join(root, 'data/berita-acara-serah-terima-pdfa.pdf'))).toBe(true);
      expect(JSON.parse(fs.readFileSync(path.join(root, 'data/preservation.json'), 'utf8'))).toContainEqual(expect.objectContaining({ file: 'berita-acara-serah-terima.pdf', rendition: 'berita-acara-serah-terima-pdfa.pdf' }));
      const recordMeta = JSON.parse(fs.readFileSync(path.join(root, manifest.match(/data\/\S+\/metadata\.json/)![0]), 'utf8'));
      expect(recordMeta.preservation.length).toBeGreaterThan(0);
      expect(fs.readFileSync(path.join(root, 'bag-info.txt'), 'utf8')).toMatch(/^PDF-A-Renditions: [1-9]/m);
      expect(fs.readFileSync(path.join(root, 'bag-info.txt'), 'utf8')).not.toMatch(/PDF-A-Missing/);
      // Payload-Oxum matches the payload.
      const files = manifest.trim().split('\n').map((l) => l.split('  ')[1]!);
      const octets = files.reduce((n, f) => n + fs.statSync(path.join(root, f)).size, 0);
      expect(fs.readFileSync(path.join(root, 'bag-info.txt'), 'utf8')).toContain(`Payload-Oxum: ${octets}.${files.length}`);
      // A tampered payload file is caught.
      const meta = files.find((f) => f.endsWith('metadata.json'))!;
      fs.appendFileSync(path.join(root, meta), ' ');
      expect(() => execFileSync('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], { cwd: root, stdio: 'pipe' })).toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const [berkas] = await t.ctx.database.db.select().from(archiveBerkas).where(eq(archiveBerkas.id, b.id));
    expect(berkas!.state).toBe('statis');
  });
});
