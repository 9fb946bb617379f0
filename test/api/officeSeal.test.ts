// The office's electronic seal (segel elektronik): a system administrator, freshly
// re-authenticated, issues the unit's seal certificate; from then on every letter of the unit
// (here a bidang's letter, sealed with its dinas's seal) carries, after the signer's signature, a
// second PAdES signature of the office, which our verifier and pdfsig both accept and which is
// listed as a seal, not as a person. Revocation shows in OCSP and the CRL and stops the sealing;
// the renewal poller re-issues a certificate before it ends.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pkijs from 'pkijs';
import { auditEvents } from '../../src/server/audit/schema.js';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { units } from '../../src/server/org/schema.js';
import { documents } from '../../src/server/outgoing/schema.js';
import { sealCredentials } from '../../src/server/signature/schema.js';
import { getPki } from '../../src/server/signature/pki/authority.js';
import { issuingCrl, statusesOf } from '../../src/server/signature/pki/revocation.js';
import { renewSealCredentials, SEAL_RENEW_BEFORE_DAYS } from '../../src/server/signature/sealCredentials.js';
import { verifyPdf } from '../../src/server/signature/verify/verifyPdf.js';
import { Client, createTestApp, loginAs, reauth, type TestApp } from '../helpers/testApp.js';
import { act, DEMO_PASSPHRASE, detail, pdfDraft, pos, typeId } from '../helpers/documents.js';
import { multipart } from '../helpers/multipart.js';
import { nssDbWithRoot, pdfsig } from '../signature/tools.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  await t.ctx.jobs.work(0.5);
  for (const u of ['admin', 'staf.perumahan', 'kabid.perumahan', 'sekdis.perkimta', 'kadis.perkimta']) c[u] = await loginAs(t.app, t.ctx, u);
}, 120_000);
afterAll(async () => t?.close());

const dinas = () => ids.units.get('perkimta')!;
const sealUrl = (unitId: string) => `/api/v1/signature/units/${unitId}/seal`;

/** A letter of the Bidang Perumahan through its chain to the Kepala Dinas's signature; the signed PDF. */
async function signedLetter(hal: string): Promise<{ id: string; pdf: Uint8Array }> {
  const drafter = c['staf.perumahan']!;
  const id = await pdfDraft(drafter, {
    documentTypeId: await typeId(drafter, 'surat'),
    hal,
    recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'sekda') }],
    verifierPositionIds: [pos(ids, 'kabid-perumahan'), pos(ids, 'sekdis-perkimta')],
    signerPositionId: pos(ids, 'kadis-perkimta'),
    submit: true,
  });
  let d = await detail(drafter, id);
  d = await act(c['kabid.perumahan']!, id, 'approve', { version: d.version });
  d = await act(c['sekdis.perkimta']!, id, 'approve', { version: d.version });
  d = await act(c['kadis.perkimta']!, id, 'sign', { version: d.version, passphrase: DEMO_PASSPHRASE });
  expect(d.status).not.toBe('awaiting_signature');
  const res = await c['kadis.perkimta']!.get(`/api/v1/documents/${id}/files/${d.signed.fileId}`);
  expect(res.statusCode).toBe(200);
  return { id, pdf: new Uint8Array(res.rawPayload) };
}

describe('the office e-seal (segel elektronik)', () => {
  it('only a freshly re-authenticated administrator issues it', async () => {
    const staff = c['staf.perumahan']!;
    expect((await staff.get(sealUrl(dinas()))).statusCode).toBe(403);
    expect((await staff.post(sealUrl(dinas()), {})).json().code).toBe('FORBIDDEN');
    const admin = c['admin']!;
    expect((await admin.get(sealUrl(dinas()))).json()).toEqual({ own: null, effective: null });
    const stale = await admin.post(sealUrl(dinas()), {});
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('REAUTH_REQUIRED');
    expect(await t.ctx.database.db.select().from(sealCredentials)).toHaveLength(0);
  });

  it('issued: the dinas and the bidang under it have a seal; a second issue needs "re-issue"', async () => {
    const admin = c['admin']!;
    expect((await reauth(admin, t.ctx, 'admin')).statusCode).toBe(200);
    const res = await admin.post(sealUrl(dinas()), {});
    expect(res.statusCode, res.body).toBe(201);
    const [unit] = await t.ctx.database.db.select({ name: units.name }).from(units).where(eq(units.id, dinas()));
    expect(res.json()).toMatchObject({ own: { status: 'active', unitId: dinas(), version: 1 }, effective: { unitId: dinas(), unitName: unit!.name } });
    expect(res.json().own.subject).toMatch(/NTRID-/);
    // The bidang has none of its own and inherits the dinas's.
    const bidang = (await admin.get(sealUrl(ids.units.get('perkimta-perumahan')!))).json();
    expect(bidang).toMatchObject({ own: null, effective: { unitId: dinas(), serial: res.json().own.serial } });
    const again = await admin.post(sealUrl(dinas()), {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SEAL_CREDENTIAL_EXISTS', message: expect.stringContaining('Terbitkan ulang') });
    const [event] = await t.ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'signature.seal_issued'));
    expect(event).toMatchObject({ entityType: 'unit', entityId: dinas(), data: expect.objectContaining({ certificateSerial: res.json().own.serial }) });
    // The key is held under the instance key only, never in the clear.
    const [row] = await t.ctx.database.db.select().from(sealCredentials);
    expect(row!.keySealed).not.toMatch(/BEGIN|MII/);
  });

  it("a bidang's letter carries the signer's signature and then the dinas's seal; both verify, also with pdfsig", async () => {
    const { id, pdf } = await signedLetter('Laporan Pendataan Rumah Tidak Layak Huni');
    const report = await verifyPdf(t.ctx, pdf);
    expect(report.verdict, JSON.stringify(report.signatures.map((s) => [s.kind, s.status, s.problems]))).toBe('valid');
    expect(report.signatures.map((s) => s.kind)).toEqual(['signature', 'seal']);
    const [unit] = await t.ctx.database.db.select({ name: units.name }).from(units).where(eq(units.id, dinas()));
    expect(report.signatures[1]!.signer?.commonName).toBe(unit!.name);
    expect(report.signatures[0]!.signer?.commonName).not.toBe(unit!.name);
    // The public page, given the delivered file: the registered document, and a seal by the office.
    const [doc] = await t.ctx.database.db.select({ code: documents.verificationCode }).from(documents).where(eq(documents.id, id));
    const form = multipart({}, [{ field: 'file', filename: 'surat.pdf', content: pdf, contentType: 'application/pdf' }]);
    const pub = await t.app.inject({ method: 'POST', url: `/verifikasi/${doc!.code}`, payload: form.body, headers: form.headers });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Berkas SAMA dengan dokumen terdaftar');
    expect(pub.body).toMatch(/Segel elektronik #2/);
    expect(pub.body).toContain(unit!.name);
    const [applied] = await t.ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'signature.seal_applied'));
    expect(applied).toMatchObject({ entityType: 'document', entityId: id, data: expect.objectContaining({ sealUnitId: dinas() }) });

    const dir = path.join(t.ctx.tmpDir, 'office-seal');
    fs.mkdirSync(dir, { recursive: true });
    const rootPem = path.join(dir, 'root.pem');
    fs.writeFileSync(rootPem, (await t.app.inject({ method: 'GET', url: '/pki/root.pem' })).body);
    const file = path.join(dir, 'surat.pdf');
    fs.writeFileSync(file, pdf);
    const ps = pdfsig(nssDbWithRoot(path.join(dir, 'nss'), rootPem), file, ['-no-ocsp']);
    expect(ps.signatures, ps.out).toHaveLength(2);
    for (const s of ps.signatures) expect(s, s.text).toMatchObject({ signatureValid: true, certificateTrusted: true });
    expect(ps.signatures[1]!.text).toContain(unit!.name);
  }, 240_000);

  it('revoked: OCSP and the CRL say so, and later letters carry no seal', async () => {
    const admin = c['admin']!;
    const current = (await admin.get(sealUrl(dinas()))).json();
    expect((await reauth(admin, t.ctx, 'admin')).statusCode).toBe(200);
    const stale = await admin.post(`${sealUrl(dinas())}/revoke`, { reason: 'cessationOfOperation', version: current.own.version + 1 });
    expect(stale.json().code).toBe('STALE_VERSION');
    const res = await admin.post(`${sealUrl(dinas())}/revoke`, { reason: 'cessationOfOperation', version: current.own.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ own: { status: 'revoked', revocationReason: 'cessationOfOperation' }, effective: null });
    const pki = await getPki(t.ctx);
    const serial = current.own.serial as string;
    expect((await statusesOf(t.ctx.database.db, pki, [serial])).get(serial.replace(/^0+/, ''))).toMatchObject({ kind: 'revoked' });
    const crl = pkijs.CertificateRevocationList.fromBER(await issuingCrl(t.ctx, t.ctx.database.db, pki));
    expect((crl.revokedCertificates ?? []).map((r) => Buffer.from(r.userCertificate.valueBlock.valueHexView).toString('hex').replace(/^0+/, ''))).toContain(serial.replace(/^0+/, ''));

    const { pdf } = await signedLetter('Undangan Sosialisasi Bantuan Stimulan Perumahan');
    const report = await verifyPdf(t.ctx, pdf);
    expect(report.verdict).toBe('valid');
    expect(report.signatures.map((s) => s.kind)).toEqual(['signature']);
  }, 240_000);

  it('the renewal poller re-issues a seal certificate before it ends', async () => {
    const admin = c['admin']!;
    expect((await reauth(admin, t.ctx, 'admin')).statusCode).toBe(200);
    const issued = await admin.post(sealUrl(dinas()), {});
    expect(issued.statusCode, issued.body).toBe(201);
    const first = issued.json().own;
    expect(await renewSealCredentials(t.ctx)).toBe(0);
    t.ctx.clock.set(new Date(new Date(first.notAfter).getTime() - (SEAL_RENEW_BEFORE_DAYS - 1) * 86_400_000));
    expect(await renewSealCredentials(t.ctx)).toBe(1);
    const rows = await t.ctx.database.db.select().from(sealCredentials).where(eq(sealCredentials.unitId, dinas()));
    const active = rows.filter((r) => r.status === 'active');
    expect(active).toHaveLength(1);
    expect(active[0]!.certificateSerial).not.toBe(first.serial);
    expect(active[0]!.notAfter.getTime()).toBeGreaterThan(new Date(first.notAfter).getTime());
    expect(rows.find((r) => r.certificateSerial === first.serial)!.status).toBe('superseded');
    expect(await renewSealCredentials(t.ctx)).toBe(0);
    const events = await t.ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'signature.seal_renewed'));
    expect(events).toHaveLength(1);
  });
});
