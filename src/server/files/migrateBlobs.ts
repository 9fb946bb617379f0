// Copy every stored file's bytes from one blob store to another, verifying each copy by reading
// it back from the target and hashing it (the key is the SHA-256, so a copy is right exactly when
// its hash equals its key). Idempotent: blobs already in the target are verified, not copied.
import type { Db } from '../db/client.js';
import { sql } from 'drizzle-orm';
import { BlobMissingError, sha256OfStream, type BlobStore } from './blobStore.js';

export interface BlobMigrationReport {
  from: string;
  to: string;
  total: number;
  copied: number;
  alreadyPresent: number;
  verified: number;
  missingInSource: string[];
  mismatched: string[];
}

export async function migrateBlobs(db: Db, from: BlobStore, to: BlobStore, opts: { pageSize?: number; onProgress?: (done: number) => void } = {}): Promise<BlobMigrationReport> {
  const report: BlobMigrationReport = { from: from.kind, to: to.kind, total: 0, copied: 0, alreadyPresent: 0, verified: 0, missingInSource: [], mismatched: [] };
  const pageSize = opts.pageSize ?? 500;
  let after = '';
  for (;;) {
    // Keyset paging: millions of files never sit in memory at once.
    const page = await db.execute<{ sha256: string }>(sql`select distinct sha256 from files where sha256 > ${after} order by sha256 limit ${pageSize}`);
    if (!page.rows.length) break;
    for (const { sha256 } of page.rows) {
      report.total++;
      if (await to.has(sha256)) report.alreadyPresent++;
      else {
        try {
          const put = await to.putStream(await from.getStream(sha256));
          if (put.sha256 !== sha256) {
            report.mismatched.push(sha256);
            continue;
          }
          report.copied++;
        } catch (e) {
          if (e instanceof BlobMissingError) {
            report.missingInSource.push(sha256);
            continue;
          }
          throw e;
        }
      }
      const back = await sha256OfStream(await to.getStream(sha256));
      if (back.sha256 === sha256) report.verified++;
      else report.mismatched.push(sha256);
      opts.onProgress?.(report.total);
    }
    after = page.rows[page.rows.length - 1]!.sha256;
  }
  return report;
}
