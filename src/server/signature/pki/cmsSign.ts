// Building a CMS SignedData signer (shared by PAdES signatures and timestamp tokens): signed
// attributes in DER order, signature by WebCrypto through pkijs.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { attribute, OIDS, signingCertificateV2Attribute, toDer } from './asn1.js';
import { toArrayBuffer, type CryptoKey } from './crypto.js';

/** DER SET OF order: by encoding, shorter padded with zeros. */
export function sortAttributes(attrs: pkijs.Attribute[]): pkijs.Attribute[] {
  const enc = attrs.map((a) => ({ a, der: toDer(a) }));
  enc.sort((x, y) => {
    const n = Math.max(x.der.length, y.der.length);
    for (let i = 0; i < n; i++) {
      const d = (x.der[i] ?? 0) - (y.der[i] ?? 0);
      if (d) return d;
    }
    return 0;
  });
  return enc.map((e) => e.a);
}

export interface SignedDataInput {
  /** Content type of what is signed: id-data for PDFs, id-ct-TSTInfo for timestamps. */
  contentType: string;
  /** SHA-256 of the content. */
  contentDigest: Uint8Array;
  /** Encapsulated content (timestamp tokens) or null (detached, PAdES). */
  eContent: Uint8Array | null;
  signerCert: pkijs.Certificate;
  certificates: pkijs.Certificate[];
  privateKey: CryptoKey;
}

export async function createSignedData(p: SignedDataInput): Promise<pkijs.SignedData> {
  const signedAttrs = sortAttributes([
    attribute(OIDS.contentType, new asn1js.ObjectIdentifier({ value: p.contentType })),
    attribute(OIDS.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(Buffer.from(p.contentDigest)) })),
    signingCertificateV2Attribute(p.signerCert),
  ]);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: p.contentType,
      ...(p.eContent ? { eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(Buffer.from(p.eContent)) }) } : {}),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: p.signerCert.issuer, serialNumber: p.signerCert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signedAttrs }),
      }),
    ],
    certificates: p.certificates,
  });
  // RFC 5652 §5.1: version 3 when eContentType is not id-data.
  if (p.contentType !== OIDS.data) signedData.version = 3;
  await signedData.sign(p.privateKey, 0, 'SHA-256');
  return signedData;
}

export function contentInfoDer(signedData: pkijs.SignedData): Buffer {
  return toDer(new pkijs.ContentInfo({ contentType: OIDS.signedData, content: signedData.toSchema(true) }));
}
