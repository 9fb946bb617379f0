// The filesystem blob store: <dir>/ab/cd/<sha256>, written to a temporary file and renamed, so a
// reader never sees half a blob.
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { assertBlobKey, BlobMissingError, sha256Hex, type BlobStore } from './blobStore.js';
import { spoolHashed } from './spool.js';

export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  constructor(private readonly dir: string) {}

  private pathFor(sha: string): string {
    assertBlobKey(sha);
    return path.join(this.dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = sha256Hex(bytes);
    const dest = this.pathFor(sha256);
    if (!(await this.has(sha256))) {
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      const tmp = `${dest}.${randomBytes(6).toString('hex')}.tmp`;
      await fsp.writeFile(tmp, bytes);
      await fsp.rename(tmp, dest);
    }
    return { sha256, size: bytes.byteLength };
  }

  async putStream(source: AsyncIterable<Uint8Array>): Promise<{ sha256: string; size: number }> {
    await fsp.mkdir(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `.incoming.${randomBytes(8).toString('hex')}.tmp`);
    try {
      const { sha256, size } = await spoolHashed(source, tmp);
      const dest = this.pathFor(sha256);
      if (await this.has(sha256)) await fsp.rm(tmp, { force: true });
      else {
        await fsp.mkdir(path.dirname(dest), { recursive: true });
        await fsp.rename(tmp, dest);
      }
      return { sha256, size };
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
  }

  async get(sha256: string): Promise<Buffer> {
    try {
      return await fsp.readFile(this.pathFor(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobMissingError(sha256);
      throw e;
    }
  }

  async getStream(sha256: string): Promise<Readable> {
    const file = this.pathFor(sha256);
    const handle = await fsp.open(file, 'r').catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? new BlobMissingError(sha256) : e;
    });
    return handle.createReadStream({ highWaterMark: 256 * 1024 });
  }

  async delete(sha256: string): Promise<void> {
    await fsp.rm(this.pathFor(sha256), { force: true });
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fsp.access(this.pathFor(sha256));
      return true;
    } catch {
      return false;
    }
  }
}
