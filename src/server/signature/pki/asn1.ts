// Small ASN.1 helpers shared by CMS, TSA, OCSP and CRL code (asn1js + pkijs).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './crypto.js';

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha1: '1.3.14.3.2.26',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

export const HASH_BY_OID: Record<string, 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'> = {
  [OIDS.sha1]: 'SHA-1',
  [OIDS.sha256]: 'SHA-256',
  [OIDS.sha384]: 'SHA-384',
  [OIDS.sha512]: 'SHA-512',
};

export function parseDer(der: Uint8Array, what: string): asn1js.AsnType {
  const asn = asn1js.fromBER(toArrayBuffer(der));
  if (asn.offset === -1) throw new Error(`${what}: not DER/BER`);
  return asn.result;
}

export function certificateFromDer(der: Uint8Array): pkijs.Certificate {
  return new pkijs.Certificate({ schema: parseDer(der, 'certificate') });
}

export function toDer(o: { toSchema(): asn1js.AsnType } | asn1js.AsnType): Buffer {
  const schema = 'toSchema' in o ? o.toSchema() : o;
  return Buffer.from(schema.toBER(false));
}


/** Hex of an INTEGER's magnitude, lower case, without a leading sign byte. */
export function hexOfInteger(i: asn1js.Integer): string {
  let b = Buffer.from(i.valueBlock.valueHexView);
  while (b.length > 1 && b[0] === 0) b = b.subarray(1);
  return b.toString('hex');
}




