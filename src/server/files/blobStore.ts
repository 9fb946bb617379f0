// Content-addressed byte storage behind one small interface, with three implementations chosen
// by NASKAH_BLOB_STORE: a directory (fs, the embedded default; shared storage such as NFS when
// several instances run), the PostgreSQL database itself (postgres: N instances need nothing but
// PostgreSQL) and S3-compatible object storage (s3: MinIO, Ceph, AWS …). Blobs are immutable; the
// key is the SHA-256 of the bytes. Streams move bytes in chunks, so a large scan is never held
// whole in memory by the store (callers that need the whole file, such as the PDF signer, use get).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

export type BlobStoreKind = 'fs' | 'postgres' | 's3';

export interface BlobStore {
  readonly kind: BlobStoreKind;
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  /** Store bytes from a stream; the key is known only at its end. */
  putStream(source: AsyncIterable<Uint8Array>): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer>;
  /** The bytes in chunks; rejects with BlobMissingError when the blob is not there. */
  getStream(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** Remove the bytes for good (archive destruction, pemusnahan); an absent blob is fine. */
  delete(sha256: string): Promise<void>;
  close?(): Promise<void>;
}

export class BlobMissingError extends Error {
  readonly code = 'BLOB_MISSING';
  constructor(readonly sha256: string) {
    super(`blob ${sha256} is not in the store`);
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function assertBlobKey(sha: string): void {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`invalid blob key ${sha}`);
}

export async function streamToBuffer(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/** Re-chunk a byte stream into pieces of exactly `size` bytes (the last may be shorter). */
export async function* fixedChunks(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingLen = 0;
  for await (const c of source) {
    let buf = Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    while (pendingLen + buf.length >= size) {
      const take = size - pendingLen;
      pending.push(buf.subarray(0, take));
      yield Buffer.concat(pending, size);
      pending = [];
      pendingLen = 0;
      buf = buf.subarray(take);
    }
    if (buf.length) {
      // Copy: the source may reuse its buffer for the next chunk.
      pending.push(Buffer.from(buf));
      pendingLen += buf.length;
    }
  }
  if (pendingLen) yield Buffer.concat(pending, pendingLen);
}

/** SHA-256 of everything a stream yields (verification after a migration). */
export async function sha256OfStream(stream: AsyncIterable<Uint8Array>): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const c of stream) {
    h.update(c);
    size += c.byteLength;
  }
  return { sha256: h.digest('hex'), size };
}

export { Readable };
