// Just enough of X.509, CMS, RFC 3161, OCSP and CRLs to verify them, read with the DER reader.
import { algId, bits, children, DerError, intHex, intValue, isContext, kids, oid, parse, readTlv, time, type AlgId, type Tlv } from './der.js';

export interface CertInfo {
  der: Buffer;
  serialHex: string;
  /** The serial INTEGER as encoded (for issuerAndSerialNumber). */
  serialRaw: Buffer;
  issuerRaw: Buffer;
  subjectRaw: Buffer;
  /** Content of the subjectPublicKey BIT STRING (what OCSP key hashes cover). */
  publicKeyBits: Buffer;
  ski: Buffer | null;
}

export function certInfo(der: Buffer): CertInfo {
  const cert = parse(der);
  const [tbs] = kids(cert, 3, 'Certificate');
  const f = kids(tbs!, 6, 'TBSCertificate');
  let i = isContext(f[0], 0) ? 1 : 0;
  const serialRaw = f[i]!.raw;
  const serialHex = intHex(f[i++]!);
  i++; // signature algorithm
  const issuerRaw = f[i++]!.raw;
  i++; // validity
  const subjectRaw = f[i++]!.raw;
  const spki = kids(f[i++]!, 2, 'SubjectPublicKeyInfo');
  let ski: Buffer | null = null;
  for (; i < f.length; i++) {
    if (!isContext(f[i], 3)) continue;
    for (const ext of children(children(f[i]!)[0]!)) {
      const e = children(ext);
      if (oid(e[0]!) === '2.5.29.14') ski = readTlv(e[e.length - 1]!.value).value;
    }
  }
  return { der: cert.raw, serialHex, serialRaw, issuerRaw, subjectRaw, publicKeyBits: bits(spki[1]!), ski };
}

export interface Attributes {
  /** attrType -> values. */
  byType: Map<string, Tlv[]>;
}

function attributes(t: Tlv): Attributes {
  const byType = new Map<string, Tlv[]>();
  for (const a of children(t)) {
    const c = kids(a, 2, 'Attribute');
    byType.set(oid(c[0]!), children(c[1]!));
  }
  return { byType };
}

export interface SignerInfoLite {
  sid: { issuerRaw: Buffer; serialHex: string } | { ski: Buffer };
  digestAlg: AlgId;
  /** The signed attributes as encoded in the message ([0] IMPLICIT tag), or null. */
  signedAttrsRaw: Buffer | null;
  signedAttrs: Attributes | null;
  sigAlg: AlgId;
  signature: Buffer;
  unsignedAttrs: Attributes | null;
}

export interface SignedDataLite {
  eContentType: string;
  eContent: Buffer | null;
  certificates: Buffer[];
  signerInfos: SignerInfoLite[];
}

function octets(t: Tlv): Buffer {
  if (t.tag === 0x04) return t.value;
  if (t.tag === 0x24) return Buffer.concat(children(t).map(octets));
  throw new DerError('not an OCTET STRING');
}

export function parseSignedData(der: Uint8Array): SignedDataLite {
  const ci = kids(parse(der), 2, 'ContentInfo');
  if (oid(ci[0]!) !== '1.2.840.113549.1.7.2') throw new DerError('not SignedData');
  const sd = children(children(ci[1]!)[0]!);
  let i = 2; // version, digestAlgorithms
  const eci = kids(sd[i++]!, 1, 'EncapsulatedContentInfo');
  const eContentType = oid(eci[0]!);
  const eContent = eci[1] ? octets(children(eci[1])[0]!) : null;
  const certificates: Buffer[] = [];
  if (isContext(sd[i], 0)) {
    for (const c of children(sd[i]!)) if (c.tag === 0x30) certificates.push(c.raw);
    i++;
  }
  if (isContext(sd[i], 1)) i++;
  const signerInfos = children(sd[i]!).map((si): SignerInfoLite => {
    const f = kids(si, 5, 'SignerInfo');
    let k = 1;
    const sidT = f[k++]!;
    const sid = sidT.tag === 0x30 ? { issuerRaw: children(sidT)[0]!.raw, serialHex: intHex(children(sidT)[1]!) } : { ski: sidT.value };
    const digestAlg = algId(f[k++]!);
    let signedAttrsRaw: Buffer | null = null;
    let signedAttrs: Attributes | null = null;
    if (isContext(f[k], 0)) {
      signedAttrsRaw = f[k]!.raw;
      signedAttrs = attributes(f[k]!);
      k++;
    }
    const sigAlg = algId(f[k++]!);
    const signature = f[k++]!.value;
    const unsignedAttrs = isContext(f[k], 1) ? attributes(f[k]!) : null;
    return { sid, digestAlg, signedAttrsRaw, signedAttrs, sigAlg, signature, unsignedAttrs };
  });
  return { eContentType, eContent, certificates, signerInfos };
}

export function signerCertOf(si: SignerInfoLite, certs: CertInfo[]): CertInfo | null {
  if ('ski' in si.sid) {
    const ski = si.sid.ski;
    return certs.find((c) => c.ski?.equals(ski)) ?? null;
  }
  const { issuerRaw, serialHex } = si.sid;
  return certs.find((c) => c.serialHex === serialHex && c.issuerRaw.equals(issuerRaw)) ?? null;
}

export interface TstInfoLite {
  hashOid: string;
  hashedMessage: Buffer;
  serialHex: string;
  genTime: Date;
  policy: string;
}

export function parseTstInfo(der: Buffer): TstInfoLite {
  const f = kids(parse(der), 5, 'TSTInfo');
  const imprint = kids(f[2]!, 2, 'MessageImprint');
  return { policy: oid(f[1]!), hashOid: algId(imprint[0]!).oid, hashedMessage: imprint[1]!.value, serialHex: intHex(f[3]!), genTime: time(f[4]!) };
}

export type CertStatusLite = { kind: 'good' } | { kind: 'revoked'; revokedAt: Date; reasonCode: number | null } | { kind: 'unknown' };

export interface OcspLite {
  tbsRaw: Buffer;
  sigAlg: AlgId;
  signature: Buffer;
  certs: Buffer[];
  responder: { nameRaw: Buffer } | { keyHash: Buffer };
  producedAt: Date;
  responses: Array<{ hashOid: string; nameHash: Buffer; keyHash: Buffer; serialHex: string; status: CertStatusLite; thisUpdate: Date; nextUpdate: Date | null }>;
}

export function parseOcsp(der: Uint8Array): OcspLite {
  const r = kids(parse(der), 1, 'OCSPResponse');
  if (intValue(r[0]!) !== 0 || !isContext(r[1], 0)) throw new DerError('OCSP response not successful');
  const rb = kids(children(r[1])[0]!, 2, 'ResponseBytes');
  if (oid(rb[0]!) !== '1.3.6.1.5.5.7.48.1.1') throw new DerError('not a basic OCSP response');
  const basic = kids(parse(rb[1]!.value), 3, 'BasicOCSPResponse');
  const tbs = basic[0]!;
  const f = kids(tbs, 3, 'ResponseData');
  let i = isContext(f[0], 0) ? 1 : 0;
  const rid = f[i++]!;
  const inner = children(rid)[0]!;
  const responder = rid.tagNumber === 1 ? { nameRaw: inner.raw } : { keyHash: inner.value };
  const producedAt = time(f[i++]!);
  const responses = children(f[i]!).map((s) => {
    const sf = kids(s, 3, 'SingleResponse');
    const cid = kids(sf[0]!, 4, 'CertID');
    const cs = sf[1]!;
    let status: CertStatusLite = { kind: 'unknown' };
    if (cs.tagNumber === 0) status = { kind: 'good' };
    else if (cs.tagNumber === 1) {
      const ri = children(cs);
      const reason = ri[1] && isContext(ri[1], 0) ? intValue(children(ri[1])[0]!) : null;
      status = { kind: 'revoked', revokedAt: time(ri[0]!), reasonCode: reason };
    }
    const next = sf.slice(3).find((x) => isContext(x, 0));
    return { hashOid: algId(cid[0]!).oid, nameHash: cid[1]!.value, keyHash: cid[2]!.value, serialHex: intHex(cid[3]!), status, thisUpdate: time(sf[2]!), nextUpdate: next ? time(children(next)[0]!) : null };
  });
  const certs = basic[3] && isContext(basic[3], 0) ? children(children(basic[3])[0]!).map((c) => c.raw) : [];
  return { tbsRaw: tbs.raw, sigAlg: algId(basic[1]!), signature: bits(basic[2]!), certs, responder, producedAt, responses };
}

export interface CrlLite {
  tbsRaw: Buffer;
  sigAlg: AlgId;
  signature: Buffer;
  issuerRaw: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  revoked: Map<string, { at: Date; reasonCode: number | null }>;
}

export function parseCrl(der: Uint8Array): CrlLite {
  const c = kids(parse(der), 3, 'CertificateList');
  const f = kids(c[0]!, 3, 'TBSCertList');
  let i = f[0]!.tag === 0x02 ? 1 : 0;
  i++; // signature algorithm
  const issuerRaw = f[i++]!.raw;
  const thisUpdate = time(f[i++]!);
  let nextUpdate: Date | null = null;
  if (f[i] && (f[i]!.tag === 0x17 || f[i]!.tag === 0x18)) nextUpdate = time(f[i++]!);
  const revoked = new Map<string, { at: Date; reasonCode: number | null }>();
  if (f[i] && f[i]!.tag === 0x30) {
    for (const e of children(f[i]!)) {
      const ef = kids(e, 2, 'revoked entry');
      let reasonCode: number | null = null;
      if (ef[2]) for (const ext of children(ef[2])) {
        const x = children(ext);
        if (oid(x[0]!) === '2.5.29.21') reasonCode = intValue(readTlv(x[x.length - 1]!.value));
      }
      revoked.set(intHex(ef[0]!), { at: time(ef[1]!), reasonCode });
    }
  }
  return { tbsRaw: c[0]!.raw, sigAlg: algId(c[1]!), signature: bits(c[2]!), issuerRaw, thisUpdate, nextUpdate, revoked };
}

/** Hashes named by a signing-certificate(-v2) attribute value. */
export function essHashes(value: Tlv, v2: boolean): Array<{ hashOid: string; hash: Buffer }> {
  const certs = children(children(value)[0]!);
  return certs.map((c) => {
    const f = children(c);
    if (v2 && f[0]!.tag === 0x30) return { hashOid: algId(f[0]!).oid, hash: f[1]!.value };
    return { hashOid: v2 ? '2.16.840.1.101.3.4.2.1' : '1.3.14.3.2.26', hash: f[0]!.value };
  });
}
