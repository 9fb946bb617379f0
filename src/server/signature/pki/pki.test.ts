import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../../test/signature/testPki.js';
import { run } from '../../../../test/signature/tools.js';
import { KDF_DEFAULTS, passphraseWeakness, unwrapPrivateKey, wrapPrivateKey } from './passphraseKey.js';
import { buildTimestampRequest, createTimestampToken, parseTimestampRequest, readTimestampResponse, TimestampRequestError, timestampGranted, timestampRejected } from './tsa.js';
import { randomSerialHex, sha256 } from './crypto.js';
import { esc, registeredSection, reportSection } from '../html/pages.js';

let dir: string;
let pki: TestPki;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-pki-'));
  pki = await createTestPki();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('certificates', () => {
  it('chain to the root for openssl; TSA has a critical timeStamping EKU; signer names NIK, NIP, position, unit and pemda', async () => {
    const signer = await pki.newSigner({ name: 'Dr. Bambang Wijaya, S.P., M.P.', title: 'Sekretaris Daerah', unit: 'Sekretariat Daerah' });
    const p = pki.writePem(dir);
    fs.writeFileSync(path.join(dir, 'issuing.pem'), pki.issuing.pem);
    fs.writeFileSync(path.join(dir, 'signer.pem'), signer.pem);
    fs.writeFileSync(path.join(dir, 'tsa.pem'), pki.tsa.pem);
    const v = run('openssl', ['verify', '-CAfile', p.root, '-untrusted', path.join(dir, 'issuing.pem'), path.join(dir, 'signer.pem'), path.join(dir, 'tsa.pem')]);
    expect(v.out).toMatch(/signer.pem: OK/);
    expect(v.out).toMatch(/tsa.pem: OK/);
    const tsaText = run('openssl', ['x509', '-in', path.join(dir, 'tsa.pem'), '-noout', '-text']).out;
    expect(tsaText).toMatch(/X509v3 Extended Key Usage: critical\s+Time Stamping/);
    const subj = run('openssl', ['x509', '-in', path.join(dir, 'signer.pem'), '-noout', '-subject', '-nameopt', 'RFC2253']).out;
    expect(subj).toContain('UID=197710272003121005');
    expect(subj).toContain('serialNumber=3372012710770001');
    expect(subj).toContain('CN=Dr. Bambang Wijaya\\, S.P.\\, M.P.');
    expect(subj).toContain('title=Sekretaris Daerah');
    expect(subj).toContain('OU=Sekretariat Daerah');
    expect(subj).toContain('O=Pemerintah Kabupaten Uji');
    const aia = run('openssl', ['x509', '-in', path.join(dir, 'signer.pem'), '-noout', '-ext', 'authorityInfoAccess,crlDistributionPoints']).out;
    expect(aia).toMatch(/OCSP - URI:http:\/\/127\.0\.0\.1:9\/pki\/ocsp/);
    expect(aia).toMatch(/CA Issuers - URI:http:\/\/127\.0\.0\.1:9\/pki\/issuing\.crt/);
    expect(aia).toMatch(/URI:http:\/\/127\.0\.0\.1:9\/pki\/crl/);
  });
});

describe('passphrase-wrapped keys', () => {
  it('unwraps only with the right passphrase; parameters and salt are stored', async () => {
    const key = Buffer.from('kunci privat PKCS#8 (uji)');
    const fast = { logN: 10, r: 8, p: 1 };
    const w = await wrapPrivateKey(key, 'TTE-Uji-2026', 'ctx', fast);
    expect(w.kdf).toMatchObject({ alg: 'scrypt', logN: 10, r: 8, p: 1 });
    expect(Buffer.from(w.kdf.salt, 'base64')).toHaveLength(16);
    expect(w.encrypted).not.toContain(key.toString('base64url'));
    expect(await unwrapPrivateKey(w.encrypted, w.kdf, 'TTE-Uji-2026', 'ctx')).toEqual(key);
    expect(await unwrapPrivateKey(w.encrypted, w.kdf, 'TTE-Uji-2027', 'ctx')).toBeNull();
    // Bound to its context (the certificate serial): not movable to another credential.
    expect(await unwrapPrivateKey(w.encrypted, w.kdf, 'TTE-Uji-2026', 'other')).toBeNull();
    expect(KDF_DEFAULTS).toEqual({ logN: 16, r: 8, p: 1 });
  });

  it('explains weak passphrases in Indonesian', () => {
    expect(passphraseWeakness('abc')).toBe('Passphrase minimal 8 karakter.');
    expect(passphraseWeakness('abcdefghij')).toBe('Passphrase harus mengandung huruf dan angka.');
    expect(passphraseWeakness('TTE-Demo-2026')).toBeNull();
  });
});

describe('timestamps (RFC 3161)', () => {
  it('grants tokens openssl accepts, echoes the nonce, and rejects SHA-1 and garbage', async () => {
    const data = Buffer.from('data yang dicap waktu');
    const { der, nonce } = buildTimestampRequest(sha256(data));
    const req = parseTimestampRequest(der);
    expect(req.certReq).toBe(true);
    const token = await createTimestampToken({ certDer: pki.tsa.der, chainDer: [pki.issuing.der], key: pki.tsa.key }, req, new Date(), randomSerialHex());
    const resp = timestampGranted(token);
    expect(readTimestampResponse(resp, { digest: sha256(data), nonce })).toEqual(token);
    const p = pki.writePem(dir);
    fs.writeFileSync(path.join(dir, 'q.tsq'), der);
    fs.writeFileSync(path.join(dir, 'r.tsr'), resp);
    fs.writeFileSync(path.join(dir, 'issuing.pem'), pki.issuing.pem);
    const v = run('openssl', ['ts', '-verify', '-queryfile', path.join(dir, 'q.tsq'), '-in', path.join(dir, 'r.tsr'), '-CAfile', p.root, '-untrusted', path.join(dir, 'issuing.pem')]);
    expect(v.out).toMatch(/Verification: OK/);
    const sha1Req = run('openssl', ['ts', '-query', '-digest', 'a'.repeat(40), '-sha1']);
    expect(sha1Req.code).toBe(0);
    const q = run('bash', ['-c', `openssl ts -query -digest ${'a'.repeat(40)} -sha1 | base64 -w0`]).out;
    expect(() => parseTimestampRequest(Buffer.from(q, 'base64'))).toThrow(TimestampRequestError);
    expect(() => parseTimestampRequest(Buffer.from('garbage'))).toThrow(TimestampRequestError);
    fs.writeFileSync(path.join(dir, 'rej.tsr'), timestampRejected('badAlg', 'SHA-1 tidak diterima'));
    expect(run('openssl', ['ts', '-reply', '-in', path.join(dir, 'rej.tsr'), '-text']).out).toMatch(/Status: Rejected[\s\S]*unrecognized or unsupported algorithm/i);
  });
});

describe('verification page', () => {
  it('escapes what an uploaded PDF says about its signer', () => {
    expect(esc('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    const html = reportSection({
      verdict: 'invalid',
      summary: { id: '1 dari 1 tanda tangan TIDAK VALID.', en: '1 of 1 signature NOT VALID.' },
      file: { sha256: 'ab', size: 1, pages: 1, revisions: 2 },
      verifiedAt: new Date().toISOString(),
      text: '',
      signatures: [
        {
          index: 1,
          kind: 'signature',
          fieldName: null,
          subFilter: 'ETSI.CAdES.detached',
          status: 'invalid',
          level: 'B-B',
          signer: { commonName: '<img src=x onerror=alert(1)>', subject: '', nik: null, nip: null, title: null, organisation: null, unit: null, organisationIdentifier: null, serial: '1', issuer: 'x', notBefore: '', notAfter: '' },
          claimedSigningTime: null,
          reason: null,
          location: null,
          integrity: { ok: true, problem: null },
          coversWholeDocument: true,
          modifiedAfterSigning: { changed: false, details: [], notes: [] },
          chain: { trusted: false, path: [], problem: null },
          timestamp: { present: false, valid: false, time: null, authority: null, trusted: false, problem: null },
          revocation: { status: 'unknown', source: null, revokedAt: null, reason: null, checkedAt: null },
          problems: [],
          warnings: [],
        },
      ],
    }, 'Asia/Jakarta');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('TIDAK VALID');
  });
});

describe('registered document on the public page', () => {
  it('dates as the letter writes them, times in the pemda zone (WITA here)', () => {
    const html = registeredSection(
      { code: 'ABC', title: 'Undangan', number: '005/1/2026', date: '2026-12-02', signerName: 'Kepala', signerTitle: 'KEPALA DINAS', registeredAt: new Date('2026-12-01T18:30:05Z'), sha256: 'ab' } as Parameters<typeof registeredSection>[0],
      'Asia/Makassar',
    );
    expect(html).toContain('2 Desember 2026');
    expect(html).not.toContain('2026-12-02');
    expect(html).toContain('2 Desember 2026 pukul 02.30.05 WITA');
  });
});

