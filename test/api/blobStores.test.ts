// One contract for the three blob stores (filesystem, PostgreSQL, S3-compatible against a local
// s3rver), and `naskah blobs migrate` between them verified by SHA-256.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobMissingError, sha256Hex, streamToBuffer, type BlobStore } from '../../src/server/files/blobStore.js';
import { FsBlobStore } from '../../src/server/files/fsBlobStore.js';
import { PG_BLOB_CHUNK_BYTES, PgBlobStore } from '../../src/server/files/pgBlobStore.js';
import { S3BlobStore } from '../../src/server/files/s3BlobStore.js';
import { migrateBlobs } from '../../src/server/files/migrateBlobs.js';
import { storeFile, readFileBytes, MIME } from '../../src/server/files/storeFile.js';
import { createTestContext, type TestContext } from '../helpers/testContext.js';

let ctx: TestContext;
let s3: S3rver;
let s3Endpoint: string;
const BUCKET = 'naskah-blobs';
const stores: Record<'fs' | 'postgres' | 's3', BlobStore> = {} as never;

beforeAll(async () => {
  ctx = await createTestContext();
  const s3Dir = path.join(ctx.tmpDir, 's3');
  fs.mkdirSync(s3Dir);
  s3 = new S3rver({ address: '127.0.0.1', port: 0, directory: s3Dir, silent: true });
  const addr = (await s3.run()) as unknown as { port: number };
  s3Endpoint = `http://127.0.0.1:${addr.port}`;
  const admin = new S3Client({ endpoint: s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  await admin.send(new CreateBucketCommand({ Bucket: BUCKET }));
  admin.destroy();
  stores.fs = new FsBlobStore(path.join(ctx.tmpDir, 'fs-blobs'));
  stores.postgres = new PgBlobStore(ctx.database.pool);
  stores.s3 = new S3BlobStore({ endpoint: s3Endpoint, region: 'us-east-1', bucket: BUCKET, prefix: 'naskah/', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
});

afterAll(async () => {
  await stores.s3?.close?.();
  await s3?.close();
  await ctx?.close();
});

/** A stream that yields `bytes` in pieces of awkward sizes, like a network upload. */
function jagged(bytes: Buffer): AsyncIterable<Uint8Array> {
  return (async function* () {
    let i = 0;
    let n = 1;
    while (i < bytes.length) {
      const step = Math.min(bytes.length - i, 1 + ((n * 7919) % 90_001));
      yield bytes.subarray(i, i + step);
      i += step;
      n++;
    }
  })();
}

describe.each(['fs', 'postgres', 's3'] as const)('blob store contract: %s', (kind) => {
  const store = () => stores[kind];

  it('keys bytes by their SHA-256 and gives them back whole', async () => {
    const bytes = Buffer.from(`Surat Dinas ${kind} ${randomBytes(8).toString('hex')}`);
    const put = await store().put(bytes);
    expect(put).toEqual({ sha256: sha256Hex(bytes), size: bytes.length });
    expect(await store().has(put.sha256)).toBe(true);
    expect((await store().get(put.sha256)).equals(bytes)).toBe(true);
    // Same bytes again: same key, nothing changes.
    expect(await store().put(bytes)).toEqual(put);
    expect((await store().get(put.sha256)).equals(bytes)).toBe(true);
  });

  it('stores a stream larger than several chunks and streams it back in pieces', async () => {
    const bytes = randomBytes(3 * PG_BLOB_CHUNK_BYTES + 12_345);
    const put = await store().putStream(jagged(bytes));
    expect(put).toEqual({ sha256: sha256Hex(bytes), size: bytes.length });
    const pieces: Buffer[] = [];
    for await (const c of await store().getStream(put.sha256)) pieces.push(Buffer.from(c));
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(PG_BLOB_CHUNK_BYTES);
    expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
    expect((await store().get(put.sha256)).equals(bytes)).toBe(true);
  });

  it('keeps an empty file', async () => {
    const put = await store().putStream(Readable.from([]));
    expect(put).toEqual({ sha256: sha256Hex(Buffer.alloc(0)), size: 0 });
    expect((await store().get(put.sha256)).length).toBe(0);
  });

  it('answers a missing blob with BlobMissingError and refuses keys that are not SHA-256', async () => {
    const absent = sha256Hex(randomBytes(16));
    expect(await store().has(absent)).toBe(false);
    await expect(store().get(absent)).rejects.toBeInstanceOf(BlobMissingError);
    await expect(store().getStream(absent)).rejects.toBeInstanceOf(BlobMissingError);
    await expect(store().get('../../etc/passwd')).rejects.toThrow(/invalid blob key/);
  });

  it('deletes a blob for good (archive destruction); deleting an absent one is fine', async () => {
    const bytes = randomBytes(2 * PG_BLOB_CHUNK_BYTES + 7);
    const put = await store().put(bytes);
    await store().delete(put.sha256);
    expect(await store().has(put.sha256)).toBe(false);
    await expect(store().get(put.sha256)).rejects.toBeInstanceOf(BlobMissingError);
    await store().delete(put.sha256);
  });

  it('serves concurrent writers of the same bytes one blob', async () => {
    const bytes = randomBytes(PG_BLOB_CHUNK_BYTES + 10);
    const puts = await Promise.all([0, 1, 2].map(() => store().putStream(jagged(bytes))));
    expect(new Set(puts.map((p) => p.sha256)).size).toBe(1);
    expect((await store().get(puts[0]!.sha256)).equals(bytes)).toBe(true);
  });
});

describe('PostgreSQL store', () => {
  it('stores a chunk shared by two files once', async () => {
    const common = randomBytes(PG_BLOB_CHUNK_BYTES);
    const a = Buffer.concat([common, Buffer.from('lampiran A')]);
    const b = Buffer.concat([common, Buffer.from('lampiran B')]);
    await stores.postgres.put(a);
    await stores.postgres.put(b);
    const { rows } = await ctx.database.pool.query<{ n: number }>('select count(*)::int as n from blob_chunks where sha256 = $1', [sha256Hex(common)]);
    expect(rows[0]!.n).toBe(1);
    const parts = await ctx.database.pool.query<{ n: number }>('select count(*)::int as n from blob_parts where chunk_sha256 = $1', [sha256Hex(common)]);
    expect(parts.rows[0]!.n).toBe(2);
  });

  it('deleting one file keeps the chunks another file shares, and drops the rest', async () => {
    const common = randomBytes(PG_BLOB_CHUNK_BYTES);
    const a = Buffer.concat([common, Buffer.from('berkas musnah')]);
    const b = Buffer.concat([common, Buffer.from('berkas tetap')]);
    const pa = await stores.postgres.put(a);
    await stores.postgres.put(b);
    const ownChunk = sha256Hex(Buffer.from('berkas musnah'));
    const count = async () => (await ctx.database.pool.query<{ n: number }>('select count(*)::int as n from blob_chunks where sha256 = $1', [ownChunk])).rows[0]!.n;
    expect(await count()).toBe(1);
    await stores.postgres.delete(pa.sha256);
    expect((await stores.postgres.get(sha256Hex(b))).equals(b)).toBe(true);
    expect(await count()).toBe(0);
  });
});

describe('migration between stores', () => {
  it('copies every file fs -> postgres -> s3 -> fs, each copy verified by SHA-256, and the app reads them from the new store', async () => {
    const origin = new FsBlobStore(path.join(ctx.tmpDir, 'origin'));
    const app = { ...ctx, blobs: origin };
    const contents = [randomBytes(10), randomBytes(PG_BLOB_CHUNK_BYTES * 2 + 1), Buffer.from('%PDF-1.7 surat keputusan')];
    const rows = [];
    for (const [i, bytes] of contents.entries()) rows.push(await storeFile(app, ctx.database.db, { bytes, name: `f${i}.pdf`, mime: MIME.pdf, createdBy: null }));
    // A second name for the same bytes: copied once.
    await storeFile(app, ctx.database.db, { bytes: contents[0]!, name: 'copy.pdf', mime: MIME.pdf, createdBy: null });

    const chain: BlobStore[] = [origin, new PgBlobStore(ctx.database.pool), stores.s3, new FsBlobStore(path.join(ctx.tmpDir, 'back'))];
    const fileShas = (await ctx.database.pool.query<{ sha256: string }>('select distinct sha256 from files')).rows.length;
    for (let i = 1; i < chain.length; i++) {
      const report = await migrateBlobs(ctx.database.db, chain[i - 1]!, chain[i]!, { pageSize: 2 });
      expect(report.total).toBe(fileShas);
      expect(report.verified).toBe(fileShas);
      expect(report.missingInSource).toEqual([]);
      expect(report.mismatched).toEqual([]);
      // Run again: nothing to copy, everything verified.
      const again = await migrateBlobs(ctx.database.db, chain[i - 1]!, chain[i]!);
      expect(again).toMatchObject({ copied: 0, alreadyPresent: fileShas, verified: fileShas });
    }
    const last = { ...ctx, blobs: chain[chain.length - 1]! };
    for (const [i, row] of rows.entries()) expect((await readFileBytes(last, ctx.database.db, row.id)).bytes.equals(contents[i]!)).toBe(true);
  });

  it('reports a damaged or lost source blob instead of copying it', async () => {
    const source = new FsBlobStore(path.join(ctx.tmpDir, 'damaged'));
    const app = { ...ctx, blobs: source };
    const good = await storeFile(app, ctx.database.db, { bytes: randomBytes(100), name: 'baik.pdf', mime: MIME.pdf, createdBy: null });
    const bad = await storeFile(app, ctx.database.db, { bytes: randomBytes(100), name: 'rusak.pdf', mime: MIME.pdf, createdBy: null });
    const lost = await storeFile(app, ctx.database.db, { bytes: randomBytes(100), name: 'hilang.pdf', mime: MIME.pdf, createdBy: null });
    const p = (sha: string) => path.join(ctx.tmpDir, 'damaged', sha.slice(0, 2), sha.slice(2, 4), sha);
    fs.writeFileSync(p(bad.sha256), 'bit rot');
    fs.rmSync(p(lost.sha256));
    const target = new FsBlobStore(path.join(ctx.tmpDir, 'damaged-target'));
    const report = await migrateBlobs(ctx.database.db, source, target);
    expect(report.mismatched).toContain(bad.sha256);
    expect(report.missingInSource).toContain(lost.sha256);
    expect(report.mismatched).not.toContain(good.sha256);
    expect(await target.has(good.sha256)).toBe(true);
    expect(await target.has(bad.sha256)).toBe(false);
    expect(await streamToBuffer(await target.getStream(good.sha256))).toHaveLength(100);
  });
});
