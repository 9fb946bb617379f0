// A document timestamp (/Type /DocTimeStamp, SubFilter ETSI.RFC3161): an RFC 3161 token over
// the whole document so far, as its own incremental update (PAdES B-LTA).
import { sha256 } from '../pki/crypto.js';
import type { Timestamper } from './cades.js';
import { fillSignature } from './fill.js';
import { addSignatureField } from './placeholder.js';

export async function addDocumentTimestamp(pdf: Uint8Array, timestamper: Timestamper, reserve: number): Promise<{ pdf: Uint8Array; token: Buffer }> {
  let token: Buffer | null = null;
  const withField = await addSignatureField(pdf, { kind: 'timestamp', contentsLength: Math.ceil(reserve / 1024) * 1024 });
  const out = await fillSignature(withField, async (content) => {
    token = await timestamper(sha256(content));
    return token;
  });
  return { pdf: out, token: token! };
}
