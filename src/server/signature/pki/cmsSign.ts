// CMS SignedData built directly in DER (signing hot path): signed attributes content-type,
// message-digest and signing-certificate-v2 in DER order, signature by Node's crypto with the
// unlocked key, certificates copied in byte for byte. Used for PAdES signatures (detached,
// id-data) and for timestamp tokens (id-ct-TSTInfo, encapsulated).
import { KeyObject, sign as cryptoSign } from 'node:crypto';
import { certInfo } from '../verify/lite.js';
import { OIDS } from './asn1.js';
import { sha256, type CryptoKey } from './crypto.js';
import { ctx, int, nullValue, octets, oid, seq, set, setOf, tlv } from './derWrite.js';

const SIG_ALG = {
  ec: seq(oid('1.2.840.10045.4.3.2')),
  rsa: seq(oid('1.2.840.113549.1.1.11'), nullValue()),
};

export interface SignedDataInput {
  /** Content type of what is signed: id-data for PDFs, id-ct-TSTInfo for timestamps. */
  contentType: string;
  /** SHA-256 of the content. */
  contentDigest: Uint8Array;
  /** Encapsulated content (timestamp tokens) or null (detached, PAdES). */
  eContent: Uint8Array | null;
  signerCertDer: Buffer;
  certificatesDer: Buffer[];
  key: CryptoKey;
}

export interface SignedCms {
  /** The raw signature value (what a signature timestamp covers). */
  signature: Buffer;
  /** ContentInfo DER, with optional unsigned attributes (DER Attribute encodings). */
  assemble(unsignedAttributes?: Buffer[]): Buffer;
}

export function attributeDer(type: string, value: Buffer): Buffer {
  return seq(oid(type), set(value));
}

/** ESS signing-certificate-v2 naming the certificate by SHA-256 (default algorithm, omitted) and issuer/serial. */
export function signingCertificateV2(certDer: Buffer): Buffer {
  const info = certInfo(certDer);
  const issuerSerial = seq(seq(ctx(4, info.issuerRaw)), info.serialRaw);
  return attributeDer(OIDS.signingCertificateV2, seq(seq(seq(octets(sha256(certDer)), issuerSerial))));
}

export function createSignedData(p: SignedDataInput): SignedCms {
  const key = KeyObject.from(p.key as unknown as Parameters<typeof KeyObject.from>[0]);
  const ec = key.asymmetricKeyType === 'ec';
  const info = certInfo(p.signerCertDer);
  const attrs = setOf([attributeDer(OIDS.contentType, oid(p.contentType)), attributeDer(OIDS.messageDigest, octets(p.contentDigest)), signingCertificateV2(p.signerCertDer)]);
  const signature = ec ? cryptoSign('sha256', attrs, { key, dsaEncoding: 'der' }) : cryptoSign('sha256', attrs, key);
  const digestAlg = seq(oid(OIDS.sha256));
  const signedAttrs = Buffer.from(attrs);
  signedAttrs[0] = 0xa0; // [0] IMPLICIT SET OF Attribute
  // RFC 5652 §5.1: version 3 when eContentType is not id-data.
  const version = p.contentType === OIDS.data ? 1 : 3;
  const encap = seq(oid(p.contentType), ...(p.eContent ? [ctx(0, octets(p.eContent))] : []));
  const certs = p.certificatesDer.length ? [tlv(0xa0, ...p.certificatesDer)] : [];
  return {
    signature,
    assemble(unsigned = []) {
      const signerInfo = seq(
        int(1),
        seq(info.issuerRaw, info.serialRaw),
        digestAlg,
        signedAttrs,
        ec ? SIG_ALG.ec : SIG_ALG.rsa,
        octets(signature),
        ...(unsigned.length ? [tlv(0xa1, ...[...unsigned].sort(Buffer.compare))] : []),
      );
      const signedData = seq(int(version), set(digestAlg), encap, ...certs, set(signerInfo));
      return seq(oid(OIDS.signedData), ctx(0, signedData));
    },
  };
}
