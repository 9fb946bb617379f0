// The blob store the configuration names (NASKAH_BLOB_STORE). The S3 SDK is loaded only when
// the S3 store is chosen (it is large and warns about Node versions at load).
import type { BlobStoreConfig } from '../config.js';
import type { Database } from '../db/client.js';
import type { BlobStore } from './blobStore.js';
import { FsBlobStore } from './fsBlobStore.js';
import { PgBlobStore } from './pgBlobStore.js';

export async function createBlobStore(cfg: BlobStoreConfig, database: Database): Promise<BlobStore> {
  switch (cfg.kind) {
    case 'fs':
      return new FsBlobStore(cfg.dir);
    case 'postgres':
      return new PgBlobStore(database.pool);
    case 's3':
      return new (await import('./s3BlobStore.js')).S3BlobStore(cfg);
  }
}
