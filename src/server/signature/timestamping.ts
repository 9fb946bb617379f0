// Where signature and document timestamps come from: the instance TSA in-process, or an
// external RFC 3161 service (TSA_URL).
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { Pki } from './pki/authority.js';
import { randomSerialHex } from './pki/crypto.js';
import { buildTimestampRequest, createTimestampToken, readTimestampResponse, sha256Request } from './pki/tsa.js';
import type { Timestamper } from './pades/cades.js';

export function localTimestamper(ctx: AppContext, pki: Pki): Timestamper {
  return (digest) =>
    createTimestampToken({ certDer: pki.tsa.der, chainDer: [pki.issuing.der], key: pki.tsa.key }, sha256Request(digest), ctx.now(), randomSerialHex());
}

export function httpTimestamper(url: string, timeoutMs = 15_000): Timestamper {
  return async (digest) => {
    const { der, nonce } = buildTimestampRequest(digest);
    let body: Buffer;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: der, signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      throw new AppError('TIMESTAMP_FAILED', { url, reason: (e as Error).message });
    }
    try {
      return readTimestampResponse(body, { digest, nonce });
    } catch (e) {
      throw new AppError('TIMESTAMP_FAILED', { url, reason: (e as Error).message });
    }
  };
}

/** The configured timestamp source: TSA_URL when set, else the instance TSA. */
export function timestamperFor(ctx: AppContext, pki: Pki): Timestamper {
  return ctx.config.signature.tsaUrl ? httpTimestamper(ctx.config.signature.tsaUrl) : localTimestamper(ctx, pki);
}
