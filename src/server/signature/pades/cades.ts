// The CMS of a PAdES baseline signature (SubFilter ETSI.CAdES.detached): detached SignedData
// over the signed byte ranges with content-type, message-digest and signing-certificate-v2 as
// signed attributes and NO signing-time (ETSI EN 319 142-1 forbids it; time comes from the
// timestamp). B-T adds the signature timestamp token as an unsigned attribute.
import * as pkijs from 'pkijs';
import { OIDS, parseDer } from '../pki/asn1.js';
import { contentInfoDer, createSignedData } from '../pki/cmsSign.js';
import { sha256, type CryptoKey } from '../pki/crypto.js';

export interface CadesKey {
  cert: pkijs.Certificate;
  /** Issuing CA and root, included so validators can build the chain offline. */
  chain: pkijs.Certificate[];
  key: CryptoKey;
}

/** Returns a TimeStampToken (DER ContentInfo) over `digest` (SHA-256). */
export type Timestamper = (digest: Buffer) => Promise<Buffer>;

export async function buildCadesSignature(signedContent: Uint8Array, signer: CadesKey, timestamper: Timestamper | null): Promise<{ cms: Buffer; timestampToken: Buffer | null }> {
  const signedData = await createSignedData({
    contentType: OIDS.data,
    contentDigest: sha256(signedContent),
    eContent: null,
    signerCert: signer.cert,
    certificates: [signer.cert, ...signer.chain],
    privateKey: signer.key,
  });
  let timestampToken: Buffer | null = null;
  if (timestamper) {
    const signerInfo = signedData.signerInfos[0]!;
    timestampToken = await timestamper(sha256(Buffer.from(signerInfo.signature.valueBlock.valueHexView)));
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OIDS.signatureTimeStampToken, values: [parseDer(timestampToken, 'timestamp token')] })],
    });
  }
  return { cms: contentInfoDer(signedData), timestampToken };
}
