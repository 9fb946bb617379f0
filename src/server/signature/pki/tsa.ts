// RFC 3161 timestamps: parse a TimeStampReq, issue a TimeStampToken, wrap it in a
// TimeStampResp, and the client side (build a request, read a response). Pure: the time,
// serial and key come in.
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { HASH_BY_OID, OIDS, parseDer, toDer } from './asn1.js';
import { createSignedData } from './cmsSign.js';
import * as w from './derWrite.js';
import { sha256, toArrayBuffer, type CryptoKey } from './crypto.js';

/**
 * Policy of the instance timestamp unit. An OID in the 2.25 (UUID) arc, needing no registration.
 */
export const TSA_POLICY_OID = '2.25.172914418766326232089420916066183870471';

export interface TimestampRequestInfo {
  hashOid: string;
  hashedMessage: Buffer;
  /** The request's nonce INTEGER as encoded (echoed in the token), or null. */
  nonceDer: Buffer | null;
  certReq: boolean;
  reqPolicy: string | null;
}

/** Request info for an in-process SHA-256 timestamp (no request message). */
export function sha256Request(digest: Uint8Array): TimestampRequestInfo {
  return { hashOid: OIDS.sha256, hashedMessage: Buffer.from(digest), nonceDer: null, certReq: true, reqPolicy: null };
}

export class TimestampRequestError extends Error {
  constructor(
    readonly failInfo: 'badAlg' | 'badRequest' | 'badDataFormat' | 'unacceptedPolicy',
    message: string,
  ) {
    super(message);
  }
}

const HASH_LENGTH: Record<string, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

export function parseTimestampRequest(der: Uint8Array): TimestampRequestInfo {
  let req: pkijs.TimeStampReq;
  try {
    req = new pkijs.TimeStampReq({ schema: parseDer(der, 'TimeStampReq') });
  } catch {
    throw new TimestampRequestError('badDataFormat', 'not a TimeStampReq');
  }
  const hashOid = req.messageImprint.hashAlgorithm.algorithmId;
  const hash = HASH_BY_OID[hashOid];
  if (!hash || hash === 'SHA-1') throw new TimestampRequestError('badAlg', `hash algorithm ${hashOid} not accepted`);
  const hashedMessage = Buffer.from(req.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (hashedMessage.length !== HASH_LENGTH[hash]) throw new TimestampRequestError('badDataFormat', 'hashed message has the wrong length');
  const reqPolicy = req.reqPolicy ?? null;
  if (reqPolicy && reqPolicy !== TSA_POLICY_OID) throw new TimestampRequestError('unacceptedPolicy', `policy ${reqPolicy} not offered`);
  return { hashOid, hashedMessage, nonceDer: req.nonce ? Buffer.from(req.nonce.toBER(false)) : null, certReq: req.certReq ?? false, reqPolicy };
}

export interface TsaSigner {
  certDer: Buffer;
  /** Further certificates to include when certReq (the issuing CA). */
  chainDer: Buffer[];
  key: CryptoKey;
}

export async function createTimestampToken(tsa: TsaSigner, req: TimestampRequestInfo, genTime: Date, serialHex: string): Promise<Buffer> {
  const tstInfo = w.seq(
    w.int(1),
    w.oid(TSA_POLICY_OID),
    w.seq(w.seq(w.oid(req.hashOid)), w.octets(req.hashedMessage)),
    w.intFromHex(serialHex),
    // Whole seconds: the clock is NTP-synchronised to well within the declared accuracy.
    w.generalizedTime(genTime),
    w.seq(w.int(1)),
    ...(req.nonceDer ? [req.nonceDer] : []),
  );
  return createSignedData({
    contentType: OIDS.tstInfo,
    contentDigest: sha256(tstInfo),
    eContent: tstInfo,
    signerCertDer: tsa.certDer,
    certificatesDer: req.certReq ? [tsa.certDer, ...tsa.chainDer] : [],
    key: tsa.key,
  }).assemble();
}

const FAIL_INFO_BIT = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15, systemFailure: 25 } as const;

export function timestampGranted(token: Uint8Array): Buffer {
  return w.seq(w.seq(w.int(0)), Buffer.from(token));
}

export function timestampRejected(failInfo: keyof typeof FAIL_INFO_BIT, text: string): Buffer {
  const bit = FAIL_INFO_BIT[failInfo];
  const bytes = Buffer.alloc(Math.floor(bit / 8) + 1);
  bytes[Math.floor(bit / 8)] = 0x80 >> bit % 8;
  const unused = 7 - (bit % 8);
  const status = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 2 }), // rejection
      new asn1js.Sequence({ value: [new asn1js.Utf8String({ value: text })] }),
      new asn1js.BitString({ valueHex: toArrayBuffer(bytes), unusedBits: unused }),
    ],
  });
  return Buffer.from(new asn1js.Sequence({ value: [status] }).toBER(false));
}

/** Client side: a SHA-256 TimeStampReq with a random nonce, asking for the certificate. */
export function buildTimestampRequest(digest: Uint8Array): { der: Buffer; nonce: Buffer } {
  const nonce = randomBytes(8);
  nonce[0] = nonce[0]! & 0x7f;
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(Buffer.from(digest)) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
    certReq: true,
  });
  return { der: toDer(req), nonce };
}

export interface ParsedTimestampToken {
  signedData: pkijs.SignedData;
  tstInfo: pkijs.TSTInfo;
}

export function parseTimestampToken(der: Uint8Array): ParsedTimestampToken {
  const ci = new pkijs.ContentInfo({ schema: parseDer(der, 'TimeStampToken') });
  if (ci.contentType !== OIDS.signedData) throw new Error('timestamp token is not SignedData');
  const signedData = new pkijs.SignedData({ schema: ci.content });
  if (signedData.encapContentInfo.eContentType !== OIDS.tstInfo || !signedData.encapContentInfo.eContent) throw new Error('timestamp token does not carry TSTInfo');
  const tstInfo = new pkijs.TSTInfo({ schema: parseDer(Buffer.from(signedData.encapContentInfo.eContent.getValue()), 'TSTInfo') });
  return { signedData, tstInfo };
}

/** Reads a TimeStampResp: the token when granted, else the status text. */
export function readTimestampResponse(der: Uint8Array, expect: { digest: Uint8Array; nonce: Buffer }): Buffer {
  const resp = new pkijs.TimeStampResp({ schema: parseDer(der, 'TimeStampResp') });
  const status = resp.status.status;
  if (status !== 0 && status !== 1) {
    const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join('; ') ?? '';
    throw new Error(`timestamp refused (status ${status}${text ? `: ${text}` : ''})`);
  }
  if (!resp.timeStampToken) throw new Error('timestamp response without token');
  const token = toDer(resp.timeStampToken);
  const { tstInfo } = parseTimestampToken(token);
  const imprint = Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (!imprint.equals(Buffer.from(expect.digest))) throw new Error('timestamp token covers another digest');
  const nonce = tstInfo.nonce ? Buffer.from(tstInfo.nonce.valueBlock.valueHexView) : null;
  if (!nonce || !stripZeros(nonce).equals(stripZeros(expect.nonce))) throw new Error('timestamp token nonce mismatch');
  return token;
}

function stripZeros(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}
