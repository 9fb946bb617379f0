// RFC 6960 OCSP: read a request, answer it (signed by a responder certificate the issuing CA
// delegated, included in the answer), and the client side used when gathering validation data.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { hexOfInteger, OIDS, parseDer, toDer } from './asn1.js';
import { crypto, sha1, toArrayBuffer, type CryptoKey } from './crypto.js';

export type CertStatus =
  | { kind: 'good' }
  | { kind: 'revoked'; revokedAt: Date; reasonCode: number | null }
  | { kind: 'unknown' };

export interface OcspQuery {
  certId: pkijs.CertID;
  serialHex: string;
}

export interface ParsedOcspRequest {
  queries: OcspQuery[];
  nonce: asn1js.OctetString | null;
}

export function parseOcspRequest(der: Uint8Array): ParsedOcspRequest {
  const req = new pkijs.OCSPRequest({ schema: parseDer(der, 'OCSPRequest') });
  const queries = req.tbsRequest.requestList.map((r) => ({ certId: r.reqCert, serialHex: hexOfInteger(r.reqCert.serialNumber) }));
  const nonceExt = req.tbsRequest.requestExtensions?.find((e) => e.extnID === OIDS.ocspNonce);
  return { queries, nonce: nonceExt ? nonceExt.extnValue : null };
}

/** True when the CertID names `issuer` (name and key hash, whatever hash the client used). */
export async function certIdMatchesIssuer(certId: pkijs.CertID, issuer: pkijs.Certificate): Promise<boolean> {
  const hash = { '1.3.14.3.2.26': 'SHA-1', '2.16.840.1.101.3.4.2.1': 'SHA-256', '2.16.840.1.101.3.4.2.2': 'SHA-384', '2.16.840.1.101.3.4.2.3': 'SHA-512' }[certId.hashAlgorithm.algorithmId];
  if (!hash) return false;
  const nameHash = Buffer.from(await crypto.subtle.digest(hash, issuer.subject.toSchema().toBER(false)));
  const keyHash = Buffer.from(await crypto.subtle.digest(hash, issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView));
  return nameHash.equals(Buffer.from(certId.issuerNameHash.valueBlock.valueHexView)) && keyHash.equals(Buffer.from(certId.issuerKeyHash.valueBlock.valueHexView));
}

function certStatusSchema(s: CertStatus): asn1js.AsnType {
  if (s.kind === 'good') return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
  if (s.kind === 'unknown') return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } });
  const value: asn1js.AsnType[] = [new asn1js.GeneralizedTime({ valueDate: new Date(Math.floor(s.revokedAt.getTime() / 1000) * 1000) })];
  if (s.reasonCode !== null) value.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: s.reasonCode })] }));
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value });
}

export interface OcspResponder {
  cert: pkijs.Certificate;
  key: CryptoKey;
  /** Included in the answer (a delegated responder's certificate must be). */
  includeCert?: boolean;
}

/** A signed "successful" OCSP response answering each query. */
export async function buildOcspResponse(
  responder: OcspResponder,
  answers: Array<{ certId: pkijs.CertID; status: CertStatus }>,
  now: Date,
  validity: { nextUpdate: Date },
  nonce: asn1js.OctetString | null,
): Promise<Buffer> {
  const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const keyHash = sha1(responder.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({
      responderID: new asn1js.OctetString({ valueHex: toArrayBuffer(keyHash) }),
      producedAt: at,
      responses: answers.map(
        (a) =>
          new pkijs.SingleResponse({
            certID: a.certId,
            certStatus: certStatusSchema(a.status),
            thisUpdate: at,
            nextUpdate: new Date(Math.floor(validity.nextUpdate.getTime() / 1000) * 1000),
          }),
      ),
      ...(nonce ? { responseExtensions: [new pkijs.Extension({ extnID: OIDS.ocspNonce, critical: false, extnValue: nonce.valueBlock.valueHexView.slice().buffer })] } : {}),
    }),
  });
  if (responder.includeCert) basic.certs = [responder.cert];
  await basic.sign(responder.key, 'SHA-256');
  const resp = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({ responseType: OIDS.ocspBasic, response: new asn1js.OctetString({ valueHex: toArrayBuffer(toDer(basic)) }) }),
  });
  return toDer(resp);
}

/** An unsigned error answer: 1 malformedRequest, 2 internalError, 6 unauthorized. */
export function ocspErrorResponse(status: 1 | 2 | 6): Buffer {
  return Buffer.from(new asn1js.Sequence({ value: [new asn1js.Enumerated({ value: status })] }).toBER(false));
}

export interface ParsedOcspResponse {
  basic: pkijs.BasicOCSPResponse;
  producedAt: Date;
  single: Array<{ serialHex: string; certId: pkijs.CertID; status: CertStatus; thisUpdate: Date; nextUpdate: Date | null }>;
}

/** Reads a successful OCSP response (throws on error statuses). Signature is checked elsewhere. */
export function parseOcspResponse(der: Uint8Array): ParsedOcspResponse {
  const resp = new pkijs.OCSPResponse({ schema: parseDer(der, 'OCSPResponse') });
  const status = resp.responseStatus.valueBlock.valueDec;
  if (status !== 0 || !resp.responseBytes) throw new Error(`OCSP response status ${status}`);
  if (resp.responseBytes.responseType !== OIDS.ocspBasic) throw new Error('OCSP response is not basic');
  const basic = new pkijs.BasicOCSPResponse({ schema: parseDer(Buffer.from(resp.responseBytes.response.valueBlock.valueHexView), 'BasicOCSPResponse') });
  const single = basic.tbsResponseData.responses.map((r) => {
    const cs = r.certStatus as asn1js.BaseBlock;
    let st: CertStatus = { kind: 'unknown' };
    if (cs.idBlock.tagNumber === 0) st = { kind: 'good' };
    else if (cs.idBlock.tagNumber === 1) {
      const inner = (cs as asn1js.Constructed).valueBlock.value;
      const t = inner[0] as asn1js.GeneralizedTime;
      let reasonCode: number | null = null;
      const r0 = inner[1] as asn1js.Constructed | undefined;
      if (r0) reasonCode = (r0.valueBlock.value[0] as asn1js.Enumerated).valueBlock.valueDec;
      st = { kind: 'revoked', revokedAt: t.toDate(), reasonCode };
    }
    return { serialHex: hexOfInteger(r.certID.serialNumber), certId: r.certID, status: st, thisUpdate: r.thisUpdate, nextUpdate: r.nextUpdate ?? null };
  });
  return { basic, producedAt: basic.tbsResponseData.producedAt, single };
}

/** Client side: an OCSP request for one certificate (SHA-1 CertID, as responders expect). */
export async function buildOcspRequest(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<Buffer> {
  const certId = await pkijs.CertID.create(cert, { hashAlgorithm: 'SHA-1', issuerCertificate: issuer });
  const req = new pkijs.OCSPRequest({ tbsRequest: new pkijs.TBSRequest({ requestList: [new pkijs.Request({ reqCert: certId })] }) });
  return Buffer.from(req.toSchema(true).toBER(false));
}
