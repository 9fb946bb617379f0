// One PAdES signature on a PDF, given an unlocked key: placeholder and stamp as an incremental
// update, CMS (B-B) with optional signature timestamp (B-T), then the DSS update (B-LT). No
// database: the caller brings the key, the chain, the timestamper and the validation data.
import { tokenInfo } from '../verify/signatures.js';
import { buildCadesSignature, type CadesKey, type Timestamper } from './cades.js';
import { addDss } from './dss.js';
import { fillSignature } from './fill.js';
import { addSignatureField, type SignatureFieldOptions } from './placeholder.js';

export interface PadesRequest {
  pdf: Uint8Array;
  key: CadesKey;
  /** DER of the signer certificate, the issuing CA and the root. */
  chainDer: Buffer[];
  level: 'B-B' | 'B-T' | 'B-LT';
  timestamper: Timestamper | null;
  /** Bytes reserved for the timestamp token inside /Contents. */
  timestampReserve: number;
  /** For B-LT: OCSP answers and CRLs, and the certificates of the timestamp authority. */
  validation?: { ocsps: Buffer[]; crls: Buffer[]; extraCerts: Buffer[] } | undefined;
  stamp: NonNullable<SignatureFieldOptions['stamp']> | null;
  footer: string | null;
  reason?: string | undefined;
  location?: string | undefined;
  signerName?: string | undefined;
  now: Date;
}

export interface PadesResult {
  pdf: Uint8Array;
  cms: Buffer;
  timestampToken: Buffer | null;
  /** Timestamp time when there is one, else `now`. */
  signedAt: Date;
}

export function contentsReserve(chainDer: Buffer[], timestampReserve: number): number {
  return Math.ceil((chainDer.reduce((a, b) => a + b.length, 0) + 1536 + timestampReserve) / 1024) * 1024;
}

export async function signPades(r: PadesRequest): Promise<PadesResult> {
  const reserve = contentsReserve(r.chainDer, r.level === 'B-B' ? 0 : r.timestampReserve);
  const withField = await addSignatureField(r.pdf, {
    kind: 'signature',
    contentsLength: reserve,
    reason: r.reason,
    location: r.location,
    signerName: r.signerName,
    signingTime: r.now,
    stamp: r.stamp,
    footer: r.footer,
  });
  const timestamper = r.level === 'B-B' ? null : r.timestamper;
  if (r.level !== 'B-B' && !timestamper) throw new Error(`${r.level} needs a timestamp authority`);
  let token: Buffer | null = null;
  let cms: Buffer = Buffer.alloc(0);
  let pdf: Uint8Array = await fillSignature(withField, async (content) => {
    const built = await buildCadesSignature(content, r.key, timestamper);
    token = built.timestampToken;
    cms = built.cms;
    return built.cms;
  });
  if (r.level === 'B-LT') {
    const v = r.validation ?? { ocsps: [], crls: [], extraCerts: [] };
    const contents = Buffer.alloc(reserve);
    cms.copy(contents);
    const tokenCerts: Buffer[] = token ? tokenCertificates(token) : [];
    const certs = [...new Map([...r.chainDer, ...v.extraCerts, ...tokenCerts].map((c) => [c.toString('base64'), c])).values()];
    pdf = await addDss(pdf, { certs, ocsps: v.ocsps, crls: v.crls }, [{ contents, certs, ocsps: v.ocsps, crls: v.crls }]);
  }
  return { pdf, cms, timestampToken: token, signedAt: token ? tokenInfo(token).tst.genTime : r.now };
}

/** Certificates carried by a timestamp token. */
export function tokenCertificates(token: Buffer): Buffer[] {
  return tokenInfo(token).sd.certificates;
}
