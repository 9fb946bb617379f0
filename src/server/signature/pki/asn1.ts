// Small ASN.1 helpers shared by CMS, TSA, OCSP and CRL code (asn1js + pkijs).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256, toArrayBuffer } from './crypto.js';

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

export function integerFromHex(hex: string): asn1js.Integer {
  let h = hex.length % 2 ? `0${hex}` : hex;
  if (parseInt(h.slice(0, 2), 16) >= 0x80) h = `00${h}`;
  return new asn1js.Integer({ valueHex: toArrayBuffer(Buffer.from(h, 'hex')) });
}

/** Hex of an INTEGER's magnitude, lower case, without a leading sign byte. */
export function hexOfInteger(i: asn1js.Integer): string {
  let b = Buffer.from(i.valueBlock.valueHexView);
  while (b.length > 1 && b[0] === 0) b = b.subarray(1);
  return b.toString('hex');
}

/**
 * ESS signing-certificate-v2 (RFC 5035) naming `cert` by its SHA-256 hash (the default
 * algorithm, therefore omitted in DER) and issuer/serial.
 */
export function signingCertificateV2Attribute(cert: pkijs.Certificate): pkijs.Attribute {
  const certHash = sha256(toDer(cert));
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })] }),
      cert.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) }), issuerSerial] });
  return new pkijs.Attribute({
    type: OIDS.signingCertificateV2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
  });
}

/** Certificate hashes named in a signing-certificate(-v2) attribute value: [{alg, hash}]. */
export function essCertHashes(attr: pkijs.Attribute): Array<{ hash: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'; value: Buffer }> {
  const out: Array<{ hash: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'; value: Buffer }> = [];
  const v2 = attr.type === OIDS.signingCertificateV2;
  const seq = attr.values[0] as asn1js.Sequence;
  const certs = seq.valueBlock.value[0] as asn1js.Sequence;
  for (const c of certs.valueBlock.value as asn1js.Sequence[]) {
    const parts = c.valueBlock.value;
    let idx = 0;
    let hash: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' = v2 ? 'SHA-256' : 'SHA-1';
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      const algId = new pkijs.AlgorithmIdentifier({ schema: parts[0] });
      hash = HASH_BY_OID[algId.algorithmId] ?? 'SHA-256';
      idx = 1;
    }
    const octets = parts[idx] as asn1js.OctetString;
    out.push({ hash, value: Buffer.from(octets.valueBlock.valueHexView) });
  }
  return out;
}

export function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** AlgorithmIdentifier for SHA-256 with absent (not NULL) parameters. */
export function sha256AlgorithmId(): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 });
}
