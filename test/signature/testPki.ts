// An in-memory PKI for tests without a database, built with the product's own certificate
// templates: root CA -> issuing CA -> { TSA, signers }, plus PAdES signing through signPades.
import fs from 'node:fs';
import path from 'node:path';
import type * as pkijs from 'pkijs';
import { certificateFromDer } from '../../src/server/signature/pki/asn1.js';
import { createIssuingCertificate, createRootCertificate, createSealCertificate, createSignerCertificate, createTsaCertificate, pkiUrls, type SealIdentity, type SignerIdentity } from '../../src/server/signature/pki/certificates.js';
import { generateKeyPair, randomSerialHex, type CryptoKey } from '../../src/server/signature/pki/crypto.js';
import { buildCrl, type CrlEntry } from '../../src/server/signature/pki/crl.js';
import { buildOcspResponse, type CertStatus } from '../../src/server/signature/pki/ocsp.js';
import { createTimestampToken, sha256Request } from '../../src/server/signature/pki/tsa.js';
import type { Timestamper } from '../../src/server/signature/pades/cades.js';
import { signPades, type PadesRequest } from '../../src/server/signature/pades/signPades.js';
import type { KeyAlgorithm } from '../../src/server/signature/schema.js';
import * as x509 from '../../src/server/signature/pki/x509.js';
import * as pkijsLib from 'pkijs';

export interface TestCert {
  cert: x509.X509Certificate;
  pk: pkijs.Certificate;
  der: Buffer;
  pem: string;
  key: CryptoKey;
}

export interface TestPki {
  alg: KeyAlgorithm;
  root: TestCert;
  issuing: TestCert;
  tsa: TestCert;
  timestamper: Timestamper;
  newSigner(identity?: Partial<SignerIdentity>): Promise<TestCert>;
  /** An office's electronic seal certificate (legal person). */
  newSeal(identity?: Partial<SealIdentity>): Promise<TestCert>;
  ocsp(cert: TestCert, status?: CertStatus): Promise<Buffer>;
  crl(entries?: CrlEntry[]): Promise<Buffer>;
  sign(pdf: Uint8Array, signer: TestCert, opts?: Partial<PadesRequest>): Promise<Uint8Array>;
  /** Writes root.pem etc. into `dir`. */
  writePem(dir: string): { root: string; chain: string };
}

function wrap(cert: x509.X509Certificate, key: CryptoKey): TestCert {
  const der = Buffer.from(cert.rawData);
  return { cert, pk: certificateFromDer(der), der, pem: cert.toString('pem') + '\n', key };
}

export async function createTestPki(opts: { alg?: KeyAlgorithm; org?: string; publicUrl?: string; now?: Date } = {}): Promise<TestPki> {
  const alg = opts.alg ?? 'P-256';
  const org = opts.org ?? 'Pemerintah Kabupaten Uji';
  const now = opts.now ?? new Date();
  const urls = pkiUrls(opts.publicUrl ?? 'http://127.0.0.1:9');
  const rk = await generateKeyPair(alg);
  const ik = await generateKeyPair(alg);
  const tk = await generateKeyPair(alg);
  const rootCert = await createRootCertificate({ alg, now, serialHex: randomSerialHex(), org, keys: rk });
  const issuingCert = await createIssuingCertificate({ alg, now, serialHex: randomSerialHex(), org, root: rootCert, rootKey: rk.privateKey, publicKey: ik.publicKey, urls });
  const tsaCert = await createTsaCertificate({ alg, now, serialHex: randomSerialHex(), org, issuing: issuingCert, issuingKey: ik.privateKey, publicKey: tk.publicKey, urls });
  const root = wrap(rootCert, rk.privateKey);
  const issuing = wrap(issuingCert, ik.privateKey);
  const tsa = wrap(tsaCert, tk.privateKey);
  let clock = now;
  const timestamper: Timestamper = (digest) =>
    createTimestampToken({ certDer: tsa.der, chainDer: [issuing.der], key: tsa.key }, sha256Request(digest), clock, randomSerialHex());
  const pki: TestPki = {
    alg,
    root,
    issuing,
    tsa,
    timestamper,
    async newSigner(identity = {}) {
      const k = await generateKeyPair(alg);
      const cert = await createSignerCertificate({
        alg,
        now,
        serialHex: randomSerialHex(),
        identity: { name: 'Penanda Tangan Uji', nip: '197710272003121005', nik: '3372012710770001', title: 'Kepala Dinas Uji', unit: 'Dinas Uji', organisation: org, ...identity },
        issuing: issuingCert,
        issuingKey: ik.privateKey,
        publicKey: k.publicKey,
        urls,
      });
      return wrap(cert, k.privateKey);
    },
    async newSeal(identity = {}) {
      const k = await generateKeyPair(alg);
      const cert = await createSealCertificate({
        alg,
        now,
        serialHex: randomSerialHex(),
        identity: { unit: 'Dinas Uji', unitIdentifier: '410.99', organisation: org, ...identity },
        issuing: issuingCert,
        issuingKey: ik.privateKey,
        publicKey: k.publicKey,
        urls,
      });
      return wrap(cert, k.privateKey);
    },
    async ocsp(cert, status = { kind: 'good' }) {
      const certId = await pkijsLib.CertID.create(cert.pk, { hashAlgorithm: 'SHA-1', issuerCertificate: issuing.pk });
      return buildOcspResponse({ cert: issuing.pk, key: issuing.key }, [{ certId, status }], new Date(), { nextUpdate: new Date(Date.now() + 86_400_000) }, null);
    },
    async crl(entries = []) {
      return Buffer.from((await buildCrl({ issuer: issuingCert, issuerKey: ik.privateKey, alg, entries, thisUpdate: new Date() })).rawData);
    },
    async sign(pdf, signer, o = {}) {
      clock = o.now ?? new Date();
      const level = o.level ?? 'B-LT';
      const r = await signPades({
        pdf,
        key: { certDer: signer.der, chainDer: [issuing.der, root.der], key: signer.key },
        chainDer: [signer.der, issuing.der, root.der],
        level,
        timestamper,
        timestampReserve: tsa.der.length + issuing.der.length + 1536,
        validation: level === 'B-LT' ? { ocsps: [await pki.ocsp(signer), await pki.ocsp(tsa)], crls: [await pki.crl()], extraCerts: [tsa.der] } : undefined,
        stamp: null,
        footer: null,
        now: clock,
        ...o,
      });
      return r.pdf;
    },
    writePem(dir) {
      fs.mkdirSync(dir, { recursive: true });
      const rootPath = path.join(dir, 'root.pem');
      const chainPath = path.join(dir, 'chain.pem');
      fs.writeFileSync(rootPath, root.pem);
      fs.writeFileSync(chainPath, issuing.pem + root.pem);
      return { root: rootPath, chain: chainPath };
    },
  };
  return pki;
}
