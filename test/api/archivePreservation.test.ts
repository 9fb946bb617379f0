// Long-term validity of signed records (issue 11): a letter signed with TTE (PAdES B-LT) becomes
// an archive record; before its signer certificate ends, the preservation job adds an archive
// timestamp (B-LTA); the clock then runs over the timestamp unit's certificate life: the job
// refuses to stamp with a certificate about to end, the timestamp unit's key is rolled over, the
// job stamps again on the new one, and the record still verifies after the first timestamp
// certificate has ended. The declared bytes stay a prefix of the kept file throughout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { documents } from '../../src/server/outgoing/schema.js';
import { documentTypes } from '../../src/server/catalog/schema.js';
import { archivePreservations, archiveRecords } from '../../src/server/archive/schema.js';
import { PRESERVE_MARGIN_DAYS, preserveSignatures } from '../../src/server/archive/preservation.js';
import { storeFile, readFileBytes } from '../../src/server/files/storeFile.js';
import { drainSearchQueueFully } from '../../src/server/search/index.js';
import { DEMO_SIGNING_PASSPHRASE, renewAuthorities, signatureProtection, signPdf, verifyPdf } from '../../src/server/signature/index.js';
import { signatureAuthorities } from '../../src/server/signature/schema.js';
import { getPki } from '../../src/server/signature/pki/authority.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { simpleLetterPdf } from '../helpers/documents.js';
import { qpdfCheck } from '../signature/tools.js';

const START = '2026-06-01T03:00:00Z';
const DAY = 24 * 60 * 60 * 1000;
let t: TestApp;
let ids: DemoIds;
let kabag: Client;
let recordId = '';
let declared: Buffer;

const row = async () => (await t.ctx.database.db.select().from(archivePreservations).where(eq(archivePreservations.recordId, recordId)))[0]!;
const kept = async () => (await readFileBytes(t.ctx, t.ctx.database.db, (await row()).fileId)).bytes;
const at = (d: Date) => t.ctx.clock.set(d.toISOString());

beforeAll(async () => {
  t = await createTestApp();
  t.ctx.clock.set(START);
  ids = await seedDemo(t.ctx);
  kabag = await loginAs(t.app, t.ctx, 'kabag.umum');
  const db = t.ctx.database.db;
  const signed = await signPdf(t.ctx, {
    signerUserId: ids.users.get('sekda')!,
    passphrase: DEMO_SIGNING_PASSPHRASE,
    pdf: await simpleLetterPdf('Penetapan SOP pelayanan arsip'),
    appearance: { visible: false },
    verificationUrl: 'https://naskah.example/verifikasi/TEST',
  });
  const f = await storeFile(t.ctx, db, { bytes: signed.pdf, name: 'sop-arsip.pdf', mime: 'application/pdf', createdBy: null });
  declared = Buffer.from(signed.pdf);
  const [type] = await db.select({ id: documentTypes.id }).from(documentTypes).where(eq(documentTypes.code, 'surat'));
  const [doc] = await db
    .insert(documents)
    .values({
      documentTypeId: type!.id,
      issuingUnitId: ids.units.get('bagian-umum')!,
      drafterUserId: ids.users.get('staf.umum')!,
      hal: 'Penetapan SOP pelayanan arsip',
      classificationCode: '000.8.3.3',
      draftKind: 'pdf',
      signerPositionId: ids.positions.get('sekda')!,
      numberingMode: 'at_signing',
      status: 'delivered',
      number: '000.8.3.3/7/UM/410.01/2026',
      documentDate: '2026-06-01',
      signedFileId: f.id,
    })
    .returning();
  await drainSearchQueueFully(t.ctx);
  const [rec] = await db.select().from(archiveRecords).where(eq(archiveRecords.sourceId, doc!.id));
  recordId = rec!.id;
}, 400_000);
afterAll(async () => t?.close());

describe('long-term validity of signed records', () => {
  it('reads until when a signed PDF stays provable, and nothing for an unsigned one', async () => {
    const p = signatureProtection(declared);
    expect(p.signatures).toBe(1);
    expect(p.documentTimestamps).toBe(0);
    // The signer certificate (2 years) ends before the timestamp unit's (5 years).
    const cred = await t.ctx.database.db.execute<{ not_after: Date }>(sql`select not_after from signing_credentials where user_id = ${ids.users.get('sekda')!}::uuid and status = 'active'`);
    expect(p.protectedUntil!.getTime()).toBe(new Date(cred.rows[0]!.not_after).getTime());
    expect(signatureProtection(await simpleLetterPdf('tanpa tanda tangan'))).toEqual({ signatures: 0, documentTimestamps: 0, protectedUntil: null });
  });

  it('assesses the record once; stamps nothing while the proof has long to run', async () => {
    const first = await preserveSignatures(t.ctx);
    expect(first.assessed).toBeGreaterThanOrEqual(1);
    expect(first.stamped).toBe(0);
    const r = await row();
    expect(r).toMatchObject({ signatures: 1, archiveTimestamps: 0, lastError: null });
    expect(r.protectedUntil!.getTime()).toBe(signatureProtection(declared).protectedUntil!.getTime());
    expect((await preserveSignatures(t.ctx)).assessed).toBe(0);
    const page = await kabag.get(`/api/v1/archive/records/${recordId}`);
    expect(page.json().files[0].longTerm).toEqual({ protectedUntil: r.protectedUntil!.toISOString(), archiveTimestamps: 0 });
  });

  it('before the signer certificate ends, adds an archive timestamp (B-LTA) over the declared bytes', async () => {
    const until = (await row()).protectedUntil!;
    at(new Date(until.getTime() - (PRESERVE_MARGIN_DAYS + 5) * DAY));
    expect((await preserveSignatures(t.ctx)).stamped).toBe(0);
    at(new Date(until.getTime() - (PRESERVE_MARGIN_DAYS - 5) * DAY));
    const round = await preserveSignatures(t.ctx);
    expect((await row()).lastError).toBeNull();
    expect(round.stamped).toBeGreaterThanOrEqual(1);
    const r = await row();
    expect(r.archiveTimestamps).toBe(1);
    const bytes = await kept();
    expect(bytes.subarray(0, declared.length).equals(declared)).toBe(true);
    const pki = await getPki(t.ctx);
    expect(r.protectedUntil!.getTime()).toBe(pki.tsa.cert.notAfter.getTime());
    const report = await verifyPdf(t.ctx, bytes, {});
    expect(report.verdict, JSON.stringify(report.signatures.map((s) => s.problems))).toBe('valid');
    expect(report.signatures.map((s) => [s.kind, s.level])).toEqual([
      ['signature', 'B-LTA'],
      ['timestamp', 'B-LTA'],
    ]);
    // The record's page serves the kept file; its declared hash stays (signed in again: the clock moved on).
    kabag = await loginAs(t.app, t.ctx, 'kabag.umum');
    const res = await kabag.get(`/api/v1/archive/records/${recordId}/files/0`);
    expect(res.statusCode).toBe(200);
    expect(Buffer.from(res.rawPayload).equals(bytes)).toBe(true);
    const page = (await kabag.get(`/api/v1/archive/records/${recordId}`)).json();
    expect(page.files[0].longTerm.archiveTimestamps).toBe(1);
    const audit = await t.ctx.database.db.execute<{ n: number }>(sql`select count(*)::int n from audit_events where action = 'archive.record_timestamped' and entity_id = ${recordId}`);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('over the timestamp unit certificate life: refuses a certificate about to end, rolls the key over, stamps on the new one', async () => {
    const db = t.ctx.database.db;
    const oldTsa = (await getPki(t.ctx)).tsa;
    const until = (await row()).protectedUntil!;
    expect(until.getTime()).toBe(oldTsa.cert.notAfter.getTime());
    // Nothing to renew yet, years before.
    at(new Date(until.getTime() - 3 * 365 * DAY));
    expect((await renewAuthorities(t.ctx)).renewed.filter((r) => r.kind === 'tsa')).toEqual([]);
    // Within the margin, with the old timestamp unit still current: no stamp that would be due again at once.
    at(new Date(until.getTime() - (PRESERVE_MARGIN_DAYS - 10) * DAY));
    const refused = await preserveSignatures(t.ctx);
    expect(refused.stamped).toBe(0);
    expect((await row()).lastError).toMatch(/timestamp unit/);
    expect((await row()).archiveTimestamps).toBe(1);
    // The rollover: a new key and certificate; the old row is retired, not deleted.
    const renewal = await renewAuthorities(t.ctx);
    expect(renewal.renewed.map((r) => r.kind).sort()).toEqual(['ocsp', 'tsa']);
    expect((await renewAuthorities(t.ctx)).renewed).toEqual([]);
    const tsaRows = await db.select().from(signatureAuthorities).where(eq(signatureAuthorities.kind, 'tsa'));
    expect(tsaRows).toHaveLength(2);
    expect(tsaRows.filter((r) => r.retiredAt === null)).toHaveLength(1);
    const newTsa = (await getPki(t.ctx)).tsa;
    expect(newTsa.cert.serialNumber).not.toBe(oldTsa.cert.serialNumber);
    expect(newTsa.cert.notAfter.getTime()).toBeGreaterThan(oldTsa.cert.notAfter.getTime());
    // The failed try is retried the next day, on the new timestamp unit.
    at(new Date(t.ctx.now().getTime() + DAY));
    const round = await preserveSignatures(t.ctx);
    expect(round.stamped).toBeGreaterThanOrEqual(1);
    const r = await row();
    expect(r).toMatchObject({ archiveTimestamps: 2, lastError: null });
    expect(r.protectedUntil!.getTime()).toBe(newTsa.cert.notAfter.getTime());
    const bytes = await kept();
    expect(bytes.subarray(0, declared.length).equals(declared)).toBe(true);
    // Verified after the first timestamp unit's certificate has ended: every proof still holds.
    const after = await verifyPdf(t.ctx, bytes, { now: new Date(oldTsa.cert.notAfter.getTime() + 30 * DAY) });
    expect(after.verdict, JSON.stringify(after.signatures.map((s) => s.problems))).toBe('valid');
    expect(after.signatures.map((s) => s.kind)).toEqual(['signature', 'timestamp', 'timestamp']);
    // An independent reader agrees the file's structure is sound (the letter had object streams).
    const file = path.join(os.tmpdir(), `naskah-lta-${process.pid}.pdf`);
    fs.writeFileSync(file, bytes);
    try {
      const q = qpdfCheck(file);
      expect(q.code, q.out).toBe(0);
    } finally {
      fs.rmSync(file, { force: true });
    }
    expect(after.signatures[2]!.signer?.serial.toLowerCase().replace(/^0+/, '')).toBe(newTsa.cert.serialNumber.toLowerCase().replace(/^0+/, ''));
  });
});
