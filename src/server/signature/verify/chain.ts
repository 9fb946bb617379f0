// Certificate paths to a trusted root and revocation status of the signer certificate: from
// the live database (certificates of this instance), the PDF's DSS (OCSP answers, CRLs) or,
// when asked, the OCSP responder named in the certificate. Certificates are handled with
// Node's X509Certificate (OpenSSL) plus the few raw fields read by the DER reader.
import { createHash, X509Certificate as NodeX509 } from 'node:crypto';
import { certificateFromDer } from '../pki/asn1.js';
import { reasonName } from '../pki/crl.js';
import { buildOcspRequest } from '../pki/ocsp.js';
import type { RevocationReason } from '../schema.js';
import { hashOfOid, verifyRaw } from './cryptoCheck.js';
import { certInfo, parseCrl, parseOcsp, type CertInfo, type CertStatusLite } from './lite.js';
import { children, oid, parse, type Tlv } from './der.js';

export interface CertEntry {
  /** SHA-256 of the DER, hex. */
  id: string;
  node: NodeX509;
  der: Buffer;
  info: CertInfo;
}

/**
 * Parsed certificates of recent verifications: the same CA, TSA and signer certificates come
 * back in every document, and parsing them is most of the cost of a verification.
 */
const recent = new Map<string, CertEntry>();
const RECENT_MAX = 512;

export function certEntry(der: Uint8Array): CertEntry {
  const b = Buffer.from(der);
  const id = createHash('sha256').update(b).digest('hex');
  const hit = recent.get(id);
  if (hit) return hit;
  const e = { id, node: new NodeX509(b), der: b, info: certInfo(b) };
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  recent.set(id, e);
  return e;
}

/** Certificates by content, so a pool never holds duplicates. */
export class CertPool {
  private readonly byId = new Map<string, CertEntry>();
  add(e: CertEntry): CertEntry {
    const existing = this.byId.get(e.id);
    if (existing) return existing;
    this.byId.set(e.id, e);
    return e;
  }
  addDer(der: Uint8Array): CertEntry | null {
    try {
      return this.add(certEntry(der));
    } catch {
      return null;
    }
  }
  all(): CertEntry[] {
    return [...this.byId.values()];
  }
  has(e: CertEntry): boolean {
    return this.byId.has(e.id);
  }
}

export interface ChainResult {
  trusted: boolean;
  path: CertEntry[];
  /** Indonesian reason when not trusted or not valid. */
  problem: string | null;
  /** The path is cryptographically sound and valid at `at`, only the root is not trusted. */
  untrustedRootOnly: boolean;
}

function validAt(c: NodeX509, at: Date): boolean {
  return new Date(c.validFrom) <= at && at <= new Date(c.validTo);
}

export function issues(issuer: CertEntry, child: CertEntry): boolean {
  try {
    return child.info.issuerRaw.equals(issuer.info.subjectRaw) && child.node.verify(issuer.node.publicKey);
  } catch {
    return false;
  }
}

export function buildChain(leaf: CertEntry, pool: CertPool, anchors: CertPool, at: Date): ChainResult {
  const path: CertEntry[] = [leaf];
  let cur = leaf;
  for (let depth = 0; depth < 10; depth++) {
    if (!validAt(cur.node, at)) {
      return { trusted: false, path, problem: `Sertifikat "${commonName(cur)}" tidak berlaku pada ${at.toISOString()}.`, untrustedRootOnly: false };
    }
    if (anchors.has(cur)) return { trusted: true, path, problem: null, untrustedRootOnly: false };
    const candidates = [...anchors.all(), ...pool.all()].filter((c) => c.id !== cur.id && issues(c, cur));
    const issuer = candidates.find((c) => anchors.has(c)) ?? candidates[0];
    if (!issuer) {
      const selfSigned = issues(cur, cur);
      return {
        trusted: false,
        path,
        problem: selfSigned ? `Sertifikat akar "${commonName(cur)}" tidak termasuk akar yang dipercaya.` : `Penerbit sertifikat "${commonName(cur)}" tidak ditemukan.`,
        untrustedRootOnly: selfSigned,
      };
    }
    if (!issuer.node.ca) return { trusted: false, path, problem: `"${commonName(issuer)}" bukan otoritas sertifikat.`, untrustedRootOnly: false };
    path.push(issuer);
    cur = issuer;
  }
  return { trusted: false, path, problem: 'Rantai sertifikat terlalu panjang.', untrustedRootOnly: false };
}

const NAME_KEYS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.12': 'title',
  '2.5.4.5': 'serialNumber',
  '0.9.2342.19200300.100.1.1': 'UID',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'E',
};

function decodeString(t: Tlv): string {
  if (t.tag === 0x1e) {
    let out = '';
    for (let i = 0; i + 1 < t.value.length; i += 2) out += String.fromCharCode((t.value[i]! << 8) | t.value[i + 1]!);
    return out;
  }
  return t.tag === 0x0c ? t.value.toString('utf8') : t.value.toString('latin1');
}

/** Name attributes by short name (CN, O, OU, C, title, serialNumber, UID …), first value of each. */
export function nameFields(c: CertEntry, which: 'subject' | 'issuer' = 'subject'): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    for (const rdn of children(parse(which === 'subject' ? c.info.subjectRaw : c.info.issuerRaw))) {
      for (const atv of children(rdn)) {
        const [type, value] = children(atv);
        const key = NAME_KEYS[oid(type!)];
        if (key && value && !(key in out)) out[key] = decodeString(value);
      }
    }
  } catch {
    /* unreadable name: fields stay empty */
  }
  return out;
}

export function commonName(c: CertEntry): string {
  return nameFields(c).CN ?? c.node.subject.replace(/\n/g, ', ');
}

export function hasEku(c: CertEntry, oid: string): boolean {
  const ku = c.node.keyUsage as string[] | undefined;
  return Array.isArray(ku) && ku.includes(oid);
}

export interface RevocationResult {
  status: 'good' | 'revoked' | 'unknown';
  source: 'live' | 'ocsp' | 'crl' | 'ocsp-online' | null;
  revokedAt: Date | null;
  reason: RevocationReason | null;
  /** When the answer was produced (OCSP) or issued (CRL). */
  producedAt: Date | null;
}

export const UNKNOWN_REVOCATION: RevocationResult = { status: 'unknown', source: null, revokedAt: null, reason: null, producedAt: null };

function fromStatus(s: CertStatusLite, source: RevocationResult['source'], producedAt: Date | null): RevocationResult {
  if (s.kind === 'good') return { status: 'good', source, revokedAt: null, reason: null, producedAt };
  if (s.kind === 'revoked') return { status: 'revoked', source, revokedAt: s.revokedAt, reason: reasonName(s.reasonCode), producedAt };
  return { ...UNKNOWN_REVOCATION, source, producedAt };
}

const NODE_HASH: Record<string, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** Status from a DER OCSP response, when it answers for `cert` and is signed by the issuer or its delegated responder. */
export function statusFromOcsp(der: Uint8Array, cert: CertEntry, issuer: CertEntry, source: 'ocsp' | 'ocsp-online'): RevocationResult | null {
  let o;
  try {
    o = parseOcsp(der);
  } catch {
    return null;
  }
  const single = o.responses.find((r) => {
    if (r.serialHex !== cert.info.serialHex) return false;
    const h = hashOfOid(r.hashOid);
    if (!h) return false;
    const nh = createHash(NODE_HASH[h]!).update(issuer.info.subjectRaw).digest();
    const kh = createHash(NODE_HASH[h]!).update(issuer.info.publicKeyBits).digest();
    return nh.equals(r.nameHash) && kh.equals(r.keyHash);
  });
  if (!single) return null;
  const responders: CertEntry[] = [issuer];
  for (const d of o.certs) {
    try {
      const e = certEntry(d);
      if (e.id !== issuer.id && issues(issuer, e) && hasEku(e, '1.3.6.1.5.5.7.3.9')) responders.push(e);
    } catch {
      /* unreadable certificate: not a responder */
    }
  }
  const named = responders.filter((r) => ('keyHash' in o.responder ? createHash('sha1').update(r.info.publicKeyBits).digest().equals(o.responder.keyHash) : r.info.subjectRaw.equals(o.responder.nameRaw)));
  const signedBy = named.find((r) => verifyRaw(o.tbsRaw, o.sigAlg, o.signature, r.node.publicKey));
  if (!signedBy) return null;
  return fromStatus(single.status, source, o.producedAt);
}

/** Status from a DER CRL issued (and signed) by `issuer`. */
export function statusFromCrl(der: Uint8Array, cert: CertEntry, issuer: CertEntry): RevocationResult | null {
  let crl;
  try {
    crl = parseCrl(der);
  } catch {
    return null;
  }
  if (!crl.issuerRaw.equals(issuer.info.subjectRaw)) return null;
  if (!verifyRaw(crl.tbsRaw, crl.sigAlg, crl.signature, issuer.node.publicKey)) return null;
  const entry = crl.revoked.get(cert.info.serialHex);
  if (!entry) return { status: 'good', source: 'crl', revokedAt: null, reason: null, producedAt: crl.thisUpdate };
  return { status: 'revoked', source: 'crl', revokedAt: entry.at, reason: reasonName(entry.reasonCode), producedAt: crl.thisUpdate };
}

/** OCSP responder URL named in the certificate's AIA, if any. */
export function ocspUrlOf(c: CertEntry): string | null {
  const m = /OCSP - URI:(\S+)/.exec(c.node.infoAccess ?? '');
  return m?.[1] ?? null;
}

/** Asks the certificate's OCSP responder (only with online checking switched on). */
export async function statusOnline(cert: CertEntry, issuer: CertEntry, timeoutMs = 5000): Promise<RevocationResult | null> {
  const url = ocspUrlOf(cert);
  if (!url || !/^https?:\/\//.test(url)) return null;
  try {
    const body = await buildOcspRequest(certificateFromDer(cert.der), certificateFromDer(issuer.der));
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body, signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    return statusFromOcsp(Buffer.from(await res.arrayBuffer()), cert, issuer, 'ocsp-online');
  } catch {
    return null;
  }
}
