// Revocation answers of the instance CA, from the database: CRLs (issuing CA, root CA) and
// OCSP (RFC 6960). Used by the public /pki routes and to embed validation data (B-LT).
import { eq, inArray } from 'drizzle-orm';
import type * as pkijs from 'pkijs';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { sealCredentials, signingCredentials } from '../schema.js';
import { hexOfInteger } from './asn1.js';
import type { AuthorityMaterial, Pki } from './authority.js';
import { buildCrl, CRL_VALIDITY_MS, REASON_CODES } from './crl.js';
import { buildOcspResponse, certIdMatchesIssuer, ocspErrorResponse, parseOcspRequest, type CertStatus } from './ocsp.js';
import * as pkijsLib from 'pkijs';

/** OCSP answers are valid as long as CRLs. */
export const OCSP_VALIDITY_MS = CRL_VALIDITY_MS;

function normaliseSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, '');
}

/** Status of certificates issued by the issuing CA, by serial (hex). */
export async function statusesOf(db: Db, pki: Pki, serials: string[]): Promise<Map<string, CertStatus>> {
  const out = new Map<string, CertStatus>();
  const wanted = serials.map(normaliseSerial);
  // The timestamp unit and OCSP responder, current and retired (a retired one is not revoked: its timestamps stand).
  const authoritySerials = new Set([pki.tsa.cert.serialNumber, pki.ocsp.cert.serialNumber, ...pki.previous.filter((p) => p.kind === 'tsa' || p.kind === 'ocsp').map((p) => p.serial)].map(normaliseSerial));
  const variants = wanted.flatMap((s) => [s, s.length % 2 ? `0${s}` : s]);
  const unique = [...new Set(variants)];
  // Certificates of people (signing credentials) and of offices (e-seals).
  const rows = variants.length
    ? [
        ...(await db.select({ serial: signingCredentials.certificateSerial, status: signingCredentials.status, revokedAt: signingCredentials.revokedAt, reason: signingCredentials.revocationReason }).from(signingCredentials).where(inArray(signingCredentials.certificateSerial, unique))),
        ...(await db.select({ serial: sealCredentials.certificateSerial, status: sealCredentials.status, revokedAt: sealCredentials.revokedAt, reason: sealCredentials.revocationReason }).from(sealCredentials).where(inArray(sealCredentials.certificateSerial, unique))),
      ]
    : [];
  const bySerial = new Map(rows.map((r) => [normaliseSerial(r.serial), r]));
  for (const s of wanted) {
    const r = bySerial.get(s);
    if (r) out.set(s, r.status === 'revoked' && r.revokedAt ? { kind: 'revoked', revokedAt: r.revokedAt, reasonCode: r.reason ? REASON_CODES[r.reason] : null } : { kind: 'good' });
    else if (authoritySerials.has(s)) out.set(s, { kind: 'good' });
    else out.set(s, { kind: 'unknown' });
  }
  return out;
}

/** The issuing CA (current or earlier) that issued `cert`, by issuer name; the current one if none matches. */
export function issuerOf(pki: Pki, cert: pkijs.Certificate): AuthorityMaterial {
  const name = Buffer.from(cert.issuer.toSchema().toBER(false));
  return pki.issuers.find((i) => Buffer.from(i.pk.subject.toSchema().toBER(false)).equals(name)) ?? pki.issuing;
}

/**
 * Who signs OCSP answers about the certificates of `issuer`: the delegated responder for the
 * current CA; an earlier CA answers for its own certificates itself (RFC 6960 §4.2.2.2).
 */
function responderFor(pki: Pki, issuer: AuthorityMaterial) {
  return issuer === pki.issuing ? { cert: pki.ocsp.pk, key: pki.ocsp.key, includeCert: true } : { cert: issuer.pk, key: issuer.key, includeCert: false };
}

/** Answers an OCSP request (DER) for our issuing CAs. Never throws: errors become OCSP errors. */
export async function answerOcsp(ctx: AppContext, pki: Pki, requestDer: Uint8Array): Promise<Buffer> {
  let parsed;
  try {
    parsed = parseOcspRequest(requestDer);
  } catch {
    return ocspErrorResponse(1);
  }
  if (!parsed.queries.length) return ocspErrorResponse(1);
  try {
    // One responder signs the answer: that of the first query's issuer; queries about another
    // CA's certificates in the same request are answered "unknown".
    const issuerOfQuery = await Promise.all(
      parsed.queries.map(async (q) => {
        for (const i of pki.issuers) if (await certIdMatchesIssuer(q.certId, i.pk)) return i;
        return null;
      }),
    );
    const issuer = issuerOfQuery.find((i) => i !== null) ?? pki.issuing;
    const ours = issuerOfQuery.map((i) => i === issuer);
    const statuses = await statusesOf(ctx.database.db, pki, parsed.queries.filter((_, i) => ours[i]).map((q) => q.serialHex));
    const now = ctx.now();
    return await buildOcspResponse(
      responderFor(pki, issuer),
      parsed.queries.map((q, i) => ({ certId: q.certId, status: ours[i] ? statuses.get(normaliseSerial(q.serialHex))! : ({ kind: 'unknown' } as const) })),
      now,
      { nextUpdate: new Date(now.getTime() + OCSP_VALIDITY_MS) },
      parsed.nonce,
    );
  } catch (err) {
    ctx.log.error({ err }, 'OCSP answer failed');
    return ocspErrorResponse(2);
  }
}

/** OCSP response for one certificate of one of our issuing CAs (validation data for B-LT). */
export async function ocspFor(ctx: AppContext, db: Db, pki: Pki, cert: pkijs.Certificate): Promise<Buffer> {
  const issuer = issuerOf(pki, cert);
  const certId = await pkijsLib.CertID.create(cert, { hashAlgorithm: 'SHA-1', issuerCertificate: issuer.pk });
  const serial = hexOfInteger(cert.serialNumber);
  const status = (await statusesOf(db, pki, [serial])).get(normaliseSerial(serial))!;
  const now = ctx.now();
  return buildOcspResponse(responderFor(pki, issuer), [{ certId, status }], now, { nextUpdate: new Date(now.getTime() + OCSP_VALIDITY_MS) }, null);
}

/**
 * CRL of an issuing CA (the current one unless named): every revoked signer and seal
 * certificate. Serials are random and unique across our CAs, so one list serves each CA.
 */
export async function issuingCrl(ctx: AppContext, db: Db, pki: Pki, issuer: AuthorityMaterial = pki.issuing): Promise<Buffer> {
  const revoked = [
    ...(await db.select({ serial: signingCredentials.certificateSerial, revokedAt: signingCredentials.revokedAt, reason: signingCredentials.revocationReason }).from(signingCredentials).where(eq(signingCredentials.status, 'revoked'))),
    ...(await db.select({ serial: sealCredentials.certificateSerial, revokedAt: sealCredentials.revokedAt, reason: sealCredentials.revocationReason }).from(sealCredentials).where(eq(sealCredentials.status, 'revoked'))),
  ];
  const crl = await buildCrl({
    issuer: issuer.cert,
    issuerKey: issuer.key,
    alg: issuer.alg,
    entries: revoked.filter((r) => r.revokedAt).map((r) => ({ serialHex: r.serial, revokedAt: r.revokedAt!, reason: r.reason })),
    thisUpdate: ctx.now(),
  });
  return Buffer.from(crl.rawData);
}

/** CRL of the root CA (it issues only the issuing CA, which is never revoked here). */
export async function rootCrl(ctx: AppContext, pki: Pki): Promise<Buffer> {
  const crl = await buildCrl({ issuer: pki.root.cert, issuerKey: pki.root.key, alg: pki.root.alg, entries: [], thisUpdate: ctx.now() });
  return Buffer.from(crl.rawData);
}
