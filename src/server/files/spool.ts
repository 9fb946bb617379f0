// Streams bytes to a temporary file (owner-only) while hashing them: how the stores learn a
// file's SHA-256 (its address) before putting it in place, without holding it in memory.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export async function spoolHashed(source: AsyncIterable<Uint8Array>, tmpPath: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  await pipeline(
    Readable.from(source),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const c of chunks) {
        h.update(c);
        size += c.byteLength;
        yield c;
      }
    },
    fs.createWriteStream(tmpPath, { mode: 0o600 }),
  );
  return { sha256: h.digest('hex'), size };
}
