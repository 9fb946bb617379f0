// Key rollover of the issuing CA (issue 11, long-term validity): the clock runs seven years; a
// signer whose certificate came from the first issuing CA signs before and after that CA is
// replaced three years before its end; a signer enrolled afterwards gets a certificate of the
// new CA (its own name, CRL and certificate URLs). Every letter verifies with nothing but the
// root and what the PDF carries (the first CA answers OCSP for its own certificates), pdfsig
// agrees, each CA's CRL is signed by that CA, and a second run rolls nothing over again.
import fs from 'node:fs';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { DEMO_SIGNING_PASSPHRASE, enrolSigner, renewAuthorities, signPdf, verifyPdf } from '../../src/server/signature/index.js';
import { latestCredential } from '../../src/server/signature/credentialStore.js';
import { getPki, ISSUING_RENEW_BEFORE_DAYS, type Pki } from '../../src/server/signature/pki/authority.js';
import * as x509 from '../../src/server/signature/pki/x509.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';
import { simpleLetterPdf } from '../helpers/documents.js';
import { nssDbWithRoot, parsePdfsig, run } from '../signature/tools.js';

const START = new Date('2026-06-01T03:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
let t: TestApp;
let ids: DemoIds;
let first: Pki;
let rootPem = '';
const letters: Record<string, Uint8Array> = {};

const at = (d: Date) => t.ctx.clock.set(d.toISOString());
const issuerCn = (pem: string) => new x509.X509Certificate(pem).issuerName.getField('CN')[0]!;
const crlIssuerCn = (der: Buffer) => {
  const crl = pkijs.CertificateRevocationList.fromBER(der);
  return crl.issuer.typesAndValues.map((tv) => tv.value.valueBlock.value as string).at(-1)!;
};

async function sign(username: string, hal: string): Promise<Uint8Array> {
  const r = await signPdf(t.ctx, { signerUserId: ids.users.get(username)!, passphrase: DEMO_SIGNING_PASSPHRASE, pdf: await simpleLetterPdf(hal), appearance: { visible: false }, verificationUrl: 'https://naskah.example/verifikasi/UJI' });
  return r.pdf;
}

/** Verified as an outsider would: no database, only the root and what the file carries. */
async function verifiedOffline(pdf: Uint8Array) {
  const report = await verifyPdf(null, pdf, { extraTrustPem: [rootPem], now: t.ctx.now() });
  return { report, sig: report.signatures.find((s) => s.kind === 'signature')! };
}

beforeAll(async () => {
  t = await createTestApp();
  at(START);
  ids = await seedDemo(t.ctx);
  first = await getPki(t.ctx);
  rootPem = first.root.pem;
  letters.before = await sign('sekda', 'Surat sebelum pergantian CA');
}, 300_000);
afterAll(async () => t?.close());

describe('rollover of the issuing CA', () => {
  it('does nothing while the issuing CA has more than three years left', async () => {
    at(new Date(first.issuing.cert.notAfter.getTime() - (ISSUING_RENEW_BEFORE_DAYS + 100) * DAY));
    // The signer's first certificate ended years ago: he enrols again, still under the first CA.
    await enrolSigner(t.ctx, t.ctx.database.db, { userId: ids.users.get('sekda')!, passphrase: DEMO_SIGNING_PASSPHRASE });
    const outcome = await renewAuthorities(t.ctx);
    expect(outcome.renewed.map((r) => r.kind)).not.toContain('issuing');
    const cred = await latestCredential(t.ctx.database.db, ids.users.get('sekda')!);
    expect(issuerCn(cred!.certificatePem)).toBe(first.issuing.cert.subjectName.getField('CN')[0]);
    letters.oldCert = await sign('sekda', 'Surat dengan sertifikat CA pertama');
  }, 120_000);

  it('three years before its end a new issuing CA takes over, with the timestamp unit and the responder', async () => {
    at(new Date(first.issuing.cert.notAfter.getTime() - (ISSUING_RENEW_BEFORE_DAYS - 1) * DAY));
    const outcome = await renewAuthorities(t.ctx);
    expect(outcome.renewed.map((r) => r.kind).sort()).toEqual(['issuing', 'ocsp', 'tsa']);
    const pki = await getPki(t.ctx);
    expect(pki.issuers).toHaveLength(2);
    expect(pki.issuers[1]!.der.equals(first.issuing.der)).toBe(true);
    expect(pki.firstIssuer.der.equals(first.issuing.der)).toBe(true);
    expect(pki.issuing.cert.subjectName.getField('CN')[0]).toMatch(/ 2$/);
    expect(pki.issuing.cert.notAfter.getTime()).toBeGreaterThan(first.issuing.cert.notAfter.getTime());
    const serial = pki.issuing.cert.serialNumber.toLowerCase();
    expect(pki.urls.crl).toMatch(new RegExp(`/pki/ca/${serial}/crl$`));
    expect(pki.urls.issuingCert).toMatch(new RegExp(`/pki/ca/${serial}/issuing\\.crt$`));
    expect(issuerCn(pki.tsa.pem)).toBe(pki.issuing.cert.subjectName.getField('CN')[0]);
    expect((await renewAuthorities(t.ctx)).renewed).toEqual([]);
  }, 120_000);

  it('a certificate of the first CA still signs; the letter verifies offline with the first CA answering OCSP', async () => {
    letters.afterOld = await sign('sekda', 'Surat dengan sertifikat CA pertama setelah pergantian');
    for (const k of ['oldCert', 'afterOld']) {
      const { report, sig } = await verifiedOffline(letters[k]!);
      expect(report.verdict, `${k}: ${JSON.stringify(sig.problems)}`).toBe('valid');
      expect(sig.chain.trusted).toBe(true);
      expect(sig.chain.path[1]).toBe(first.issuing.cert.subjectName.getField('CN')[0]);
      expect(sig.revocation).toMatchObject({ status: 'good' });
    }
  }, 120_000);

  it('a signer enrolled now gets a certificate of the new CA; his letter verifies offline too', async () => {
    await enrolSigner(t.ctx, t.ctx.database.db, { userId: ids.users.get('kadis.kominfo')!, passphrase: DEMO_SIGNING_PASSPHRASE });
    const pki = await getPki(t.ctx);
    const cred = await latestCredential(t.ctx.database.db, ids.users.get('kadis.kominfo')!);
    const cert = new x509.X509Certificate(cred!.certificatePem);
    expect(cert.issuerName.getField('CN')[0]).toMatch(/ 2$/);
    const crlDp = cert.getExtension(x509.CRLDistributionPointsExtension)!;
    expect(JSON.stringify(crlDp.distributionPoints.map((d) => d.distributionPoint?.fullName?.map((n) => n.uniformResourceIdentifier)))).toContain(`/pki/ca/${pki.issuing.cert.serialNumber.toLowerCase()}/crl`);
    letters.newCert = await sign('kadis.kominfo', 'Surat dengan sertifikat CA kedua');
    const { report, sig } = await verifiedOffline(letters.newCert);
    expect(report.verdict, JSON.stringify(sig.problems)).toBe('valid');
    expect(sig.chain.path[1]).toMatch(/ 2$/);
    expect(sig.revocation).toMatchObject({ status: 'good' });
    // With the database, both generations verify as well.
    expect((await verifyPdf(t.ctx, letters.newCert)).verdict).toBe('valid');
    expect((await verifyPdf(t.ctx, letters.afterOld!)).verdict).toBe('valid');
  }, 120_000);

  it('each CA publishes its own certificate and CRL; pdfsig trusts both generations', async () => {
    const pki = await getPki(t.ctx);
    const serial = pki.issuing.cert.serialNumber.toLowerCase();
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const legacyCrl = await get('/pki/crl');
    expect(legacyCrl.statusCode).toBe(200);
    expect(crlIssuerCn(legacyCrl.rawPayload)).toBe(first.issuing.cert.subjectName.getField('CN')[0]);
    const newCrl = await get(`/pki/ca/${serial}/crl`);
    expect(newCrl.statusCode).toBe(200);
    expect(crlIssuerCn(newCrl.rawPayload)).toMatch(/ 2$/);
    expect((await get(`/pki/ca/${serial}/issuing.crt`)).rawPayload.equals(pki.issuing.der)).toBe(true);
    expect((await get('/pki/issuing.crt')).rawPayload.equals(first.issuing.der)).toBe(true);
    expect((await get('/pki/chain.pem')).body.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    expect((await get('/pki/ca/0123abcd/crl')).statusCode).toBe(404);

    const dir = path.join(t.ctx.tmpDir, 'rollover');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'root.pem'), rootPem);
    const nss = nssDbWithRoot(path.join(dir, 'nss'), path.join(dir, 'root.pem'));
    for (const k of ['afterOld', 'newCert']) {
      const file = path.join(dir, `${k}.pdf`);
      fs.writeFileSync(file, letters[k]!);
      // pdfsig judges certificates at the system time: run it at the test's date, years ahead.
      const when = t.ctx.now().toISOString().slice(0, 19).replace('T', ' ');
      const ps = parsePdfsig(run('faketime', [when, 'pdfsig', '-nssdir', nss, '-no-ocsp', file]));
      expect(ps.signatures, ps.out).toHaveLength(1);
      expect(ps.signatures[0], ps.out).toMatchObject({ signatureValid: true, certificateTrusted: true });
    }
  }, 120_000);
});
