// Signature checks with Node's crypto (OpenSSL): CMS signer infos, CRLs and OCSP answers. Algorithms: ECDSA and RSA (PKCS#1 v1.5, PSS) with SHA-1/256/384/512.
import { createHash, verify as cryptoVerify, constants, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { HASH_BY_OID, OIDS } from '../pki/asn1.js';
import type { AlgId } from './der.js';
import type { SignerInfoLite } from './lite.js';

type Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
const NODE_HASH: Record<Hash, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

const SIG_ALGS: Record<string, { hash: Hash | null; kind: 'ecdsa' | 'rsa' | 'pss' }> = {
  '1.2.840.10045.4.3.2': { hash: 'SHA-256', kind: 'ecdsa' },
  '1.2.840.10045.4.3.3': { hash: 'SHA-384', kind: 'ecdsa' },
  '1.2.840.10045.4.3.4': { hash: 'SHA-512', kind: 'ecdsa' },
  '1.2.840.10045.4.1': { hash: 'SHA-1', kind: 'ecdsa' },
  '1.2.840.10045.2.1': { hash: null, kind: 'ecdsa' },
  '1.2.840.113549.1.1.11': { hash: 'SHA-256', kind: 'rsa' },
  '1.2.840.113549.1.1.12': { hash: 'SHA-384', kind: 'rsa' },
  '1.2.840.113549.1.1.13': { hash: 'SHA-512', kind: 'rsa' },
  '1.2.840.113549.1.1.5': { hash: 'SHA-1', kind: 'rsa' },
  '1.2.840.113549.1.1.1': { hash: null, kind: 'rsa' },
  '1.2.840.113549.1.1.10': { hash: null, kind: 'pss' },
};

export function digest(hash: Hash, data: Uint8Array | Uint8Array[]): Buffer {
  const h = createHash(NODE_HASH[hash]);
  for (const part of Array.isArray(data) ? data : [data]) h.update(part);
  return h.digest();
}

export function hashOfOid(oid: string): Hash | null {
  return HASH_BY_OID[oid] ?? null;
}

/** Verifies `signature` over `data` with `key` under the algorithm (hash from it or `fallbackHash`). */
export function verifyRaw(data: Uint8Array, sigAlg: AlgId, signature: Uint8Array, key: KeyObject, fallbackHash: Hash | null = null): boolean {
  const alg = SIG_ALGS[sigAlg.oid];
  if (!alg) return false;
  try {
    if (alg.kind === 'pss') {
      if (!sigAlg.params) return false;
      const params = new pkijs.RSASSAPSSParams({ schema: asn1js.fromBER(new Uint8Array(sigAlg.params)).result });
      const hash = HASH_BY_OID[params.hashAlgorithm.algorithmId] ?? 'SHA-1';
      return cryptoVerify(NODE_HASH[hash], data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength }, signature);
    }
    const hash = alg.hash ?? fallbackHash;
    if (!hash) return false;
    return alg.kind === 'ecdsa' ? cryptoVerify(NODE_HASH[hash], data, { key, dsaEncoding: 'der' }, signature) : cryptoVerify(NODE_HASH[hash], data, key, signature);
  } catch {
    return false;
  }
}

export interface SignerInfoCheck {
  ok: boolean;
  /** Indonesian reason when not ok. */
  reason: string | null;
  digestMatches: boolean;
  hash: Hash | null;
}

/**
 * Checks a SignerInfo against the content: message-digest attribute equal to the digest of the
 * content, and the signature over the signed attributes as encoded (tag set to SET OF).
 */
export function checkSignerInfo(si: SignerInfoLite, key: KeyObject, content: Uint8Array[] | Uint8Array): SignerInfoCheck {
  const hash = hashOfOid(si.digestAlg.oid);
  if (!hash) return { ok: false, reason: 'Algoritma hash tanda tangan tidak didukung.', digestMatches: false, hash };
  const contentDigest = digest(hash, content);
  if (!si.signedAttrsRaw || !si.signedAttrs) {
    const ok = verifyRaw(Buffer.concat(Array.isArray(content) ? content : [content]), si.sigAlg, si.signature, key, hash);
    return { ok, reason: ok ? null : 'Nilai tanda tangan tidak cocok dengan isi dokumen.', digestMatches: ok, hash };
  }
  const md = si.signedAttrs.byType.get(OIDS.messageDigest)?.[0];
  const digestMatches = !!md && md.tag === 0x04 && md.value.equals(contentDigest);
  const encoded = Buffer.from(si.signedAttrsRaw);
  encoded[0] = 0x31;
  const sigOk = verifyRaw(encoded, si.sigAlg, si.signature, key, hash);
  if (!digestMatches) return { ok: false, reason: 'Isi dokumen yang ditandatangani telah berubah (hash tidak cocok).', digestMatches, hash };
  if (!sigOk) return { ok: false, reason: 'Nilai tanda tangan tidak valid untuk sertifikat penanda tangan.', digestMatches, hash };
  return { ok: true, reason: null, digestMatches, hash };
}
