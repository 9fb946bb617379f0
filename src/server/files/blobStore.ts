// Content-addressed byte storage. One implementation: a directory (shared storage such as NFS
// when several instances run). Blobs are immutable; the key is the SHA-256 of the bytes.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface BlobStore {
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class FsBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  private pathFor(sha: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`invalid blob key ${sha}`);
    return path.join(this.dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = sha256Hex(bytes);
    const dest = this.pathFor(sha256);
    if (!(await this.has(sha256))) {
      await fs.mkdir(path.dirname(dest), { recursive: true });
      const tmp = `${dest}.${randomBytes(6).toString('hex')}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, dest);
    }
    return { sha256, size: bytes.byteLength };
  }

  async get(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathFor(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.pathFor(sha256));
      return true;
    } catch {
      return false;
    }
  }
}
