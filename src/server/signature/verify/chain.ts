// Certificate paths to a trusted root and revocation status of the signer certificate: from
// the live database (certificates of this instance), the PDF's DSS (OCSP answers, CRLs) or,
// when asked, the OCSP responder named in the certificate.
import { X509Certificate as NodeX509 } from 'node:crypto';
import * as pkijs from 'pkijs';
import { hexOfInteger, parseDer } from '../pki/asn1.js';
import { reasonName } from '../pki/crl.js';
import { sha1 } from '../pki/crypto.js';
import { buildOcspRequest, certIdMatchesIssuer, parseOcspResponse, type CertStatus } from '../pki/ocsp.js';
import type { RevocationReason } from '../schema.js';
import { nodeCert, verifyTbs } from './cryptoCheck.js';
import * as x509 from '../pki/x509.js';

export interface CertEntry {
  node: NodeX509;
  pk: pkijs.Certificate;
  der: Buffer;
}

export function certEntry(der: Uint8Array): CertEntry {
  const b = Buffer.from(der);
  const pk = new pkijs.Certificate({ schema: parseDer(b, 'certificate') });
  return { node: new NodeX509(b), pk, der: b };
}

export function entryOf(pk: pkijs.Certificate): CertEntry {
  const der = Buffer.from(pk.toSchema().toBER(false));
  return { node: nodeCert(der), pk, der };
}

/** Certificates looked up by fingerprint, so a pool never holds duplicates. */
export class CertPool {
  private readonly byFp = new Map<string, CertEntry>();
  add(e: CertEntry): CertEntry {
    const fp = e.node.fingerprint256;
    const existing = this.byFp.get(fp);
    if (existing) return existing;
    this.byFp.set(fp, e);
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
    return [...this.byFp.values()];
  }
  has(e: CertEntry): boolean {
    return this.byFp.has(e.node.fingerprint256);
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

function issues(issuer: CertEntry, child: CertEntry): boolean {
  try {
    return child.node.checkIssued(issuer.node) && child.node.verify(issuer.node.publicKey);
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
    const candidates = [...anchors.all(), ...pool.all()].filter((c) => c.node.fingerprint256 !== cur.node.fingerprint256 && issues(c, cur));
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

export function nameFields(name: pkijs.RelativeDistinguishedNames): Record<string, string> {
  const map: Record<string, string> = {
    '2.5.4.3': 'CN',
    '2.5.4.10': 'O',
    '2.5.4.11': 'OU',
    '2.5.4.6': 'C',
    '2.5.4.12': 'title',
    '2.5.4.5': 'serialNumber',
    '0.9.2342.19200300.100.1.1': 'UID',
    '1.2.840.113549.1.9.1': 'E',
  };
  const out: Record<string, string> = {};
  for (const tv of name.typesAndValues) {
    const key = map[tv.type];
    const v = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
    if (key && typeof v === 'string' && !(key in out)) out[key] = v;
  }
  return out;
}

export function commonName(c: CertEntry): string {
  return nameFields(c.pk.subject).CN ?? c.node.subject.split('\n').find((l) => l.startsWith('CN='))?.slice(3) ?? c.node.subject;
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

function fromStatus(s: CertStatus, source: RevocationResult['source'], producedAt: Date | null): RevocationResult {
  if (s.kind === 'good') return { status: 'good', source, revokedAt: null, reason: null, producedAt };
  if (s.kind === 'revoked') return { status: 'revoked', source, revokedAt: s.revokedAt, reason: reasonName(s.reasonCode), producedAt };
  return { ...UNKNOWN_REVOCATION, source, producedAt };
}

/** Status from a DER OCSP response, when it answers for `cert` and its signature checks out. */
export async function statusFromOcsp(der: Uint8Array, cert: CertEntry, issuer: CertEntry, pool: CertPool, source: 'ocsp' | 'ocsp-online'): Promise<RevocationResult | null> {
  let parsed;
  try {
    parsed = parseOcspResponse(der);
  } catch {
    return null;
  }
  const serial = hexOfInteger(cert.pk.serialNumber);
  const single = parsed.single.find((s) => s.serialHex === serial);
  if (!single || !(await certIdMatchesIssuer(single.certId, issuer.pk))) return null;
  const basic = parsed.basic;
  const responders: CertEntry[] = [issuer];
  for (const c of basic.certs ?? []) {
    if (!(c instanceof pkijs.Certificate)) continue;
    const e = entryOf(c);
    if (e.node.fingerprint256 !== issuer.node.fingerprint256 && issues(issuer, e) && hasEku(e, '1.3.6.1.5.5.7.3.9')) responders.push(e);
  }
  void pool;
  const tbs = basic.tbsResponseData.tbsView;
  const sig = basic.signature.valueBlock.valueHexView;
  const signedBy = responders.find((r) => verifyTbs(tbs, basic.signatureAlgorithm, sig, r.pk));
  if (!signedBy) return null;
  return fromStatus(single.status, source, parsed.producedAt);
}

/** Status from a DER CRL issued (and signed) by `issuer`. */
export function statusFromCrl(der: Uint8Array, cert: CertEntry, issuer: CertEntry): RevocationResult | null {
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = new pkijs.CertificateRevocationList({ schema: parseDer(der, 'CRL') });
  } catch {
    return null;
  }
  if (!crl.issuer.isEqual(issuer.pk.subject)) return null;
  if (!verifyTbs(crl.tbsView, crl.signature, crl.signatureValue.valueBlock.valueHexView, issuer.pk)) return null;
  const serial = hexOfInteger(cert.pk.serialNumber);
  const entry = crl.revokedCertificates?.find((r) => hexOfInteger(r.userCertificate as pkijsInteger) === serial);
  if (!entry) return { status: 'good', source: 'crl', revokedAt: null, reason: null, producedAt: crl.thisUpdate.value };
  const reasonExt = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === '2.5.29.21');
  let reasonCode: number | null = null;
  if (reasonExt) {
    try {
      reasonCode = (parseDer(Buffer.from(reasonExt.extnValue.valueBlock.valueHexView), 'reason') as unknown as { valueBlock: { valueDec: number } }).valueBlock.valueDec;
    } catch {
      reasonCode = null;
    }
  }
  return { status: 'revoked', source: 'crl', revokedAt: entry.revocationDate.value, reason: reasonName(reasonCode), producedAt: crl.thisUpdate.value };
}
type pkijsInteger = Parameters<typeof hexOfInteger>[0];

/** OCSP responder URL named in the certificate's AIA, if any. */
export function ocspUrlOf(c: CertEntry): string | null {
  try {
    const ext = new x509.X509Certificate(c.der).getExtension(x509.AuthorityInfoAccessExtension);
    const url = ext?.ocsp.find((g) => g.type === 'url')?.value;
    return url ?? null;
  } catch {
    return null;
  }
}

/** Asks the certificate's OCSP responder (only with online checking switched on). */
export async function statusOnline(cert: CertEntry, issuer: CertEntry, pool: CertPool, timeoutMs = 5000): Promise<RevocationResult | null> {
  const url = ocspUrlOf(cert);
  if (!url || !/^https?:\/\//.test(url)) return null;
  try {
    const body = await buildOcspRequest(cert.pk, issuer.pk);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body, signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    return statusFromOcsp(Buffer.from(await res.arrayBuffer()), cert, issuer, pool, 'ocsp-online');
  } catch {
    return null;
  }
}

export function fingerprintSha1(der: Uint8Array): string {
  return sha1(der).toString('hex');
}
