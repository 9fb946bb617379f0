// The CMS of a PAdES baseline signature (SubFilter ETSI.CAdES.detached): detached SignedData
// over the signed byte ranges with content-type, message-digest and signing-certificate-v2 as
// signed attributes and NO signing-time (ETSI EN 319 142-1 forbids it; time comes from the
// timestamp). B-T adds the signature timestamp token as an unsigned attribute.
import { OIDS } from '../pki/asn1.js';
import { attributeDer, createSignedData } from '../pki/cmsSign.js';
import { sha256, type CryptoKey } from '../pki/crypto.js';

export interface CadesKey {
  certDer: Buffer;
  /** Issuing CA and root, included so validators can build the chain offline. */
  chainDer: Buffer[];
  key: CryptoKey;
}

/** Returns a TimeStampToken (DER ContentInfo) over `digest` (SHA-256). */
export type Timestamper = (digest: Buffer) => Promise<Buffer>;

export async function buildCadesSignature(signedContent: Uint8Array, signer: CadesKey, timestamper: Timestamper | null): Promise<{ cms: Buffer; timestampToken: Buffer | null }> {
  const cms = createSignedData({
    contentType: OIDS.data,
    contentDigest: sha256(signedContent),
    eContent: null,
    signerCertDer: signer.certDer,
    certificatesDer: [signer.certDer, ...signer.chainDer],
    key: signer.key,
  });
  if (!timestamper) return { cms: cms.assemble(), timestampToken: null };
  const timestampToken = await timestamper(sha256(cms.signature));
  return { cms: cms.assemble([attributeDer(OIDS.signatureTimeStampToken, timestampToken)]), timestampToken };
}
