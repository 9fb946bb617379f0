// PAdES signatures made by the product's signing core, checked by our verifier and by
// independent validators (pdfsig, openssl cms/ts, qpdf).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, rgb, StandardFonts } from '@cantoo/pdf-lib';
import { createTestPki, type TestCert, type TestPki } from '../../../../test/signature/testPki.js';
import { letterPdf } from '../../../../test/signature/pdfFixtures.js';
import { nssDbWithRoot, opensslCmsVerify, opensslTsVerify, pdfsig, qpdfCheck, rawSignatures, run, signatureTimestamp } from '../../../../test/signature/tools.js';
import { verifyPdf } from '../verify/verifyPdf.js';
import { addDocumentTimestamp } from './docTimestamp.js';
import { boxAtMarker } from './placement.js';
import { findMarker } from './marker.js';
import { usesXrefStream } from './pdfLoad.js';
import { SIGNATURE_MARKER } from '../../../shared/markers.js';

let dir: string;
let pki: TestPki;
let alice: TestCert;
let bob: TestCert;
let rootPath: string;
let nss: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-pades-'));
  pki = await createTestPki();
  alice = await pki.newSigner({ name: 'Alice Pratiwi, S.Kom.' });
  bob = await pki.newSigner({ name: 'Bambang Setiawan, M.M.', nip: '198001012005011002', nik: '3372010101800002' });
  rootPath = pki.writePem(dir).root;
  nss = nssDbWithRoot(path.join(dir, 'nss'), rootPath);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const trust = () => [pki.root.pem];
const write = (name: string, bytes: Uint8Array) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
};

async function changePageContent(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.getPages()[0]!.drawText('Nominal diubah menjadi Rp 999.000.000', { x: 72, y: 100, size: 12, font, color: rgb(1, 0, 0) });
  return doc.commit();
}

describe('PAdES signing core', () => {
  it('signs B-LT with content-type, message-digest and signing-certificate-v2 but no signing-time; our verifier and pdfsig agree', async () => {
    const signed = await pki.sign(await letterPdf(), alice, { reason: 'Persetujuan', location: 'Kota Uji' });
    const report = await verifyPdf(null, signed, { extraTrustPem: trust() });
    expect(report.verdict).toBe('valid');
    expect(report.signatures).toHaveLength(1);
    const s = report.signatures[0]!;
    expect(s).toMatchObject({ status: 'valid', level: 'B-LT', subFilter: 'ETSI.CAdES.detached', reason: 'Persetujuan', revocation: { status: 'good', source: 'ocsp' }, chain: { trusted: true } });
    expect(s.signer).toMatchObject({ commonName: 'Alice Pratiwi, S.Kom.', nip: '197710272003121005', nik: '3372012710770001', title: 'Kepala Dinas Uji' });
    expect(s.warnings).toEqual([]);
    expect(s.timestamp.valid).toBe(true);
    // openssl prints the signed attributes: no signingTime among them.
    const raw = rawSignatures(Buffer.from(signed))[0]!;
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER'], raw.contents).out;
    expect(printed).toMatch(/object: contentType/);
    expect(printed).toMatch(/object: messageDigest/);
    expect(printed).toMatch(/id-smime-aa-signingCertificateV2|signingCertificateV2/);
    expect(printed).not.toMatch(/signingTime/);
    const file = write('blt.pdf', signed);
    const ps = pdfsig(nss, file, ['-no-ocsp']);
    expect(ps.signatures).toHaveLength(1);
    expect(ps.signatures[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });
    expect(qpdfCheck(file).code).toBe(0);
    expect(opensslCmsVerify(dir, raw, rootPath).code).toBe(0);
  });

  it('keeps the first signature valid when a second signer signs, each as an incremental update', async () => {
    const once = await pki.sign(await letterPdf(), alice, { level: 'B-T' });
    const twice = await pki.sign(once, bob, { level: 'B-T' });
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
    const report = await verifyPdf(null, twice, { extraTrustPem: trust() });
    expect(report.verdict).toBe('valid');
    expect(report.signatures.map((s) => [s.signer?.commonName, s.status, s.coversWholeDocument, s.modifiedAfterSigning.changed])).toEqual([
      ['Alice Pratiwi, S.Kom.', 'valid', false, false],
      ['Bambang Setiawan, M.M.', 'valid', true, false],
    ]);
    const file = write('two.pdf', twice);
    const ps = pdfsig(nss, file, ['-no-ocsp']);
    expect(ps.signatures.map((s) => s.signatureValid && s.certificateTrusted)).toEqual([true, true]);
    for (const raw of rawSignatures(Buffer.from(twice))) {
      expect(opensslCmsVerify(dir, raw, rootPath).code).toBe(0);
      const ts = signatureTimestamp(raw.contents)!;
      expect(opensslTsVerify(dir, ts.token, ts.imprintData, rootPath, write('issuing.pem', Buffer.from(pki.issuing.pem))).code).toBe(0);
    }
  });

  it("an office's electronic seal after the signer's signature is listed as a seal with the office's name, not as a person; pdfsig validates both", async () => {
    const seal = await pki.newSeal({ unit: 'Dinas Perumahan, Kawasan Permukiman dan Pertanahan', unitIdentifier: '410.30' });
    const signed = await pki.sign(await letterPdf(), alice);
    const sealed = await pki.sign(signed, seal, { reason: 'Segel elektronik Dinas Perumahan, Kawasan Permukiman dan Pertanahan' });
    const report = await verifyPdf(null, sealed, { extraTrustPem: trust() });
    expect(report.verdict).toBe('valid');
    expect(report.signatures.map((s) => [s.kind, s.status, s.signer?.commonName])).toEqual([
      ['signature', 'valid', 'Alice Pratiwi, S.Kom.'],
      ['seal', 'valid', 'Dinas Perumahan, Kawasan Permukiman dan Pertanahan'],
    ]);
    const s = report.signatures[1]!;
    expect(s.signer).toMatchObject({ nik: null, nip: null, title: null, organisationIdentifier: 'NTRID-410.30', organisation: expect.any(String) });
    expect(s).toMatchObject({ level: 'B-LT', modifiedAfterSigning: { changed: false }, revocation: { status: 'good' } });
    expect(report.text).toMatch(/Segel elektronik #2.*VALID/);
    expect(report.text).toMatch(/Instansi: Dinas Perumahan, Kawasan Permukiman dan Pertanahan/);
    expect(report.text).toMatch(/Tanda tangan #1/);
    const file = write('sealed.pdf', sealed);
    const ps = pdfsig(nss, file, ['-no-ocsp']);
    expect(ps.signatures.map((x) => x.signatureValid && x.certificateTrusted)).toEqual([true, true]);
    expect(ps.out).toMatch(/Dinas Perumahan, Kawasan Permukiman dan Pertanahan/);
  });

  it('rejects a flipped byte in the signed range', async () => {
    const signed = Buffer.from(await pki.sign(await letterPdf(), alice, { level: 'B-B' }));
    const [, gapStart] = rawSignatures(signed)[0]!.byteRange;
    // A byte of the first page's compressed content stream, well inside the first signed range.
    const pos = signed.indexOf('stream', 20) + 40;
    expect(pos).toBeLessThan(gapStart);
    const flipped = Buffer.from(signed);
    flipped[pos] = flipped[pos]! ^ 0x01;
    const report = await verifyPdf(null, flipped, { extraTrustPem: trust() });
    expect(report.verdict).toBe('invalid');
    expect(report.signatures[0]!.integrity.ok).toBe(false);
    expect(report.text).toMatch(/TIDAK VALID/);
  });

  it('detects page content changed in a later incremental update, which pdfsig still calls a valid signature', async () => {
    const signed = await pki.sign(await letterPdf(), alice, { level: 'B-T' });
    const tampered = await changePageContent(signed);
    const report = await verifyPdf(null, tampered, { extraTrustPem: trust() });
    expect(report.verdict).toBe('invalid');
    const s = report.signatures[0]!;
    expect(s.integrity.ok).toBe(true);
    expect(s.modifiedAfterSigning.changed).toBe(true);
    expect(s.modifiedAfterSigning.details.join(' ')).toMatch(/Halaman 1 berubah: .*isi halaman/);
    expect(report.summary.id).toMatch(/diubah setelah ditandatangani/);
    const ps = pdfsig(nss, write('tampered.pdf', tampered), ['-no-ocsp']);
    expect(ps.signatures[0]!.signatureValid).toBe(true);
  });

  it('rejects a non-signature annotation added after signing, accepts a later DSS and document timestamp', async () => {
    const signed = await pki.sign(await letterPdf(), alice, { level: 'B-LT' });
    const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true, updateMetadata: false });
    const page = doc.getPages()[0]!;
    const note = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [100, 100, 120, 120], Contents: 'Catatan' }));
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (annots) (annots as unknown as { push(r: unknown): void }).push(note);
    else page.node.set(PDFName.of('Annots'), doc.context.obj([note]));
    const annotated = await doc.commit();
    const bad = await verifyPdf(null, annotated, { extraTrustPem: trust() });
    expect(bad.signatures[0]!.modifiedAfterSigning.details.join(' ')).toMatch(/anotasi baru yang bukan tanda tangan/);
    expect(bad.verdict).toBe('invalid');

    const archived = (await addDocumentTimestamp(signed, pki.timestamper, 4096)).pdf;
    const ok = await verifyPdf(null, archived, { extraTrustPem: trust() });
    expect(ok.verdict).toBe('valid');
    expect(ok.signatures.map((s) => [s.kind, s.status, s.level])).toEqual([
      ['signature', 'valid', 'B-LTA'],
      ['timestamp', 'valid', 'B-LTA'],
    ]);
    const raw = rawSignatures(Buffer.from(archived));
    const docTs = raw.find((r) => r.subFilter === 'ETSI.RFC3161')!;
    expect(opensslTsVerify(dir, docTs.contents, docTs.signedContent, rootPath, write('issuing.pem', Buffer.from(pki.issuing.pem))).code).toBe(0);
    expect(qpdfCheck(write('archived.pdf', archived)).code).toBe(0);
  });

  it('signs a PDF with object streams using a cross-reference stream update', async () => {
    const input = await letterPdf({ objectStreams: true });
    expect(usesXrefStream(input)).toBe(true);
    const signed = await pki.sign(await pki.sign(input, alice, { level: 'B-LT' }), bob, { level: 'B-LT' });
    expect(usesXrefStream(signed)).toBe(true);
    const report = await verifyPdf(null, signed, { extraTrustPem: trust() });
    expect(report.verdict).toBe('valid');
    const file = write('objstm.pdf', signed);
    expect(qpdfCheck(file).code).toBe(0);
    expect(pdfsig(nss, file, ['-no-ocsp']).signatures.map((s) => s.signatureValid && s.certificateTrusted)).toEqual([true, true]);
  });

  it('reports a certificate revoked before signing (OCSP in the DSS) as invalid, and an unknown root as untrusted', async () => {
    const signed = await pki.sign(await letterPdf(), alice, {
      level: 'B-LT',
      validation: { ocsps: [await pki.ocsp(alice, { kind: 'revoked', revokedAt: new Date(Date.now() - 3_600_000), reasonCode: 1 })], crls: [], extraCerts: [] },
    });
    const r = await verifyPdf(null, signed, { extraTrustPem: trust() });
    expect(r.signatures[0]!.revocation).toMatchObject({ status: 'revoked', source: 'ocsp', reason: 'keyCompromise' });
    expect(r.verdict).toBe('invalid');
    const other = await createTestPki();
    const untrusted = await verifyPdf(null, await pki.sign(await letterPdf(), alice, { level: 'B-B' }), { extraTrustPem: [other.root.pem] });
    expect(untrusted.verdict).toBe('untrusted');
    expect(untrusted.signatures[0]!.chain.problem).toMatch(/tidak termasuk akar yang dipercaya/);
  });

  it('places the visible stamp over the signature marker', async () => {
    const pdf = await letterPdf();
    const hit = (await findMarker(pdf, SIGNATURE_MARKER))!;
    expect(hit).toMatchObject({ pageIndex: 1 });
    expect(hit.x).toBeCloseTo(320, 0);
    expect(hit.y).toBeCloseTo(140, 0);
    const box = boxAtMarker(hit);
    // Hangs below the marker line (the space the template leaves), not over the text above.
    expect(box.y + box.height).toBeCloseTo(hit.y + hit.fontSize, 5);
    const signed = await pki.sign(pdf, alice, {
      level: 'B-B',
      stamp: { box, content: { verificationUrl: 'https://naskah.example/verifikasi/ABCDEFGH2345', signerName: 'Alice Pratiwi, S.Kom.', signerTitle: 'a.n. Bupati Uji\nSekretaris Daerah', nip: '197710272003121005' } },
      footer: 'Dokumen ini telah ditandatangani secara elektronik.',
    });
    const doc = await PDFDocument.load(signed);
    const annots = doc.getPages()[1]!.node.Annots()!;
    const widget = doc.context.lookup(annots.get(annots.size() - 1)) as unknown as { lookup(n: PDFName): { asRectangle(): { x: number; y: number; width: number; height: number } } };
    const rect = widget.lookup(PDFName.of('Rect')).asRectangle();
    expect(rect.x).toBeCloseTo(box.x, 1);
    expect(rect.width).toBeCloseTo(box.width, 1);
    // The stamp text is visible to text extraction (pdftotext reads appearance streams of widgets? no: check the footer on the page).
    const text = run('pdftotext', ['-layout', write('stamp.pdf', signed), '-']).out;
    expect(text).toMatch(/Dokumen ini telah ditandatangani secara elektronik/);
    expect((await verifyPdf(null, signed, { extraTrustPem: trust() })).verdict).toBe('valid');
  });

  it('signs with RSA-2048 keys as well', async () => {
    const rsa = await createTestPki({ alg: 'RSA-2048' });
    const signer = await rsa.newSigner();
    const signed = await rsa.sign(await letterPdf(), signer, { level: 'B-LT' });
    const r = await verifyPdf(null, signed, { extraTrustPem: [rsa.root.pem] });
    expect(r.verdict).toBe('valid');
    const rp = path.join(dir, 'rsa-root.pem');
    fs.writeFileSync(rp, rsa.root.pem);
    expect(opensslCmsVerify(dir, rawSignatures(Buffer.from(signed))[0]!, rp).code).toBe(0);
  });

  it('never crashes on damaged files: a report or a clear error, for truncations and corrupted bytes', async () => {
    const signed = Buffer.from(await pki.sign(await pki.sign(await letterPdf({ objectStreams: true }), alice, { level: 'B-LT' }), bob, { level: 'B-T' }));
    let seed = 20260601;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let reports = 0;
    let errors = 0;
    for (let i = 0; i < 120; i++) {
      const damaged = Buffer.from(i % 3 === 0 ? signed.subarray(0, rnd(signed.length)) : signed);
      if (i % 3 !== 0) for (let k = 0; k < 1 + rnd(20); k++) damaged[rnd(damaged.length)] = rnd(256);
      try {
        const r = await verifyPdf(null, damaged, { extraTrustPem: trust() });
        expect(['valid', 'invalid', 'untrusted', 'no_signatures']).toContain(r.verdict);
        reports++;
      } catch (e) {
        expect((e as { code?: string }).code).toMatch(/^PDF_(INVALID|ENCRYPTED|TOO_LARGE)$/);
        errors++;
      }
    }
    expect(reports).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
  });

  it('gives clear errors for files that cannot be checked, and says so when there is no signature', async () => {
    await expect(verifyPdf(null, Buffer.from('bukan pdf sama sekali'), {})).rejects.toMatchObject({ code: 'PDF_INVALID' });
    await expect(verifyPdf(null, Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF'), {})).rejects.toMatchObject({ code: 'PDF_INVALID' });
    await expect(verifyPdf(null, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048)]), { maxBytes: 1024 })).rejects.toMatchObject({ code: 'PDF_TOO_LARGE' });
    const plain = write('plain.pdf', await letterPdf());
    const enc = path.join(dir, 'enc.pdf');
    expect(run('qpdf', ['--encrypt', 'user', 'owner', '256', '--', plain, enc]).code).toBe(0);
    await expect(verifyPdf(null, fs.readFileSync(enc), {})).rejects.toMatchObject({ code: 'PDF_ENCRYPTED' });
    const none = await verifyPdf(null, await letterPdf(), {});
    expect(none.verdict).toBe('no_signatures');
    expect(none.summary.id).toBe('Dokumen tidak memiliki tanda tangan elektronik.');
  });
});
