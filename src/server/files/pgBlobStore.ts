// The PostgreSQL blob store (NASKAH_BLOB_STORE=postgres): instances share the bytes through the
// database they already share. A blob is a list of 256 KiB chunks, each stored once under its own
// SHA-256 (schema.ts: blobs, blob_parts, blob_chunks). Writing and reading go one chunk at a
// time; the blob row and its part list appear in one transaction, after every chunk is in, so a
// reader sees a whole blob or none.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { assertBlobKey, BlobMissingError, fixedChunks, streamToBuffer, type BlobStore } from './blobStore.js';

export const PG_BLOB_CHUNK_BYTES = 256 * 1024;

export class PgBlobStore implements BlobStore {
  readonly kind = 'postgres' as const;
  constructor(
    private readonly pool: pg.Pool,
    private readonly chunkBytes = PG_BLOB_CHUNK_BYTES,
  ) {}

  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    return this.putStream([bytes]);
  }

  async putStream(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<{ sha256: string; size: number }> {
    const whole = createHash('sha256');
    const chunkKeys: string[] = [];
    let size = 0;
    const iterable: AsyncIterable<Uint8Array> = Symbol.asyncIterator in source ? source : Readable.from(source as Iterable<Uint8Array>);
    for await (const chunk of fixedChunks(iterable, this.chunkBytes)) {
      whole.update(chunk);
      size += chunk.length;
      const key = createHash('sha256').update(chunk).digest('hex');
      await this.pool.query('insert into blob_chunks (sha256, data) values ($1, $2) on conflict (sha256) do nothing', [key, chunk]);
      chunkKeys.push(key);
    }
    const sha256 = whole.digest('hex');
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const { rowCount } = await client.query('insert into blobs (sha256, size, chunk_count) values ($1, $2, $3) on conflict (sha256) do nothing', [sha256, size, chunkKeys.length]);
      if (rowCount) {
        for (let i = 0; i < chunkKeys.length; i += 1000) {
          const slice = chunkKeys.slice(i, i + 1000);
          await client.query('insert into blob_parts (blob_sha256, seq, chunk_sha256) select $1, s.seq, s.key from unnest($2::int[], $3::text[]) as s(seq, key)', [sha256, slice.map((_, j) => i + j), slice]);
        }
      }
      await client.query('commit');
    } catch (e) {
      await client.query('rollback').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
    return { sha256, size };
  }

  async get(sha256: string): Promise<Buffer> {
    return streamToBuffer(await this.getStream(sha256));
  }

  async getStream(sha256: string): Promise<Readable> {
    assertBlobKey(sha256);
    const { rows } = await this.pool.query<{ chunk_count: number }>('select chunk_count from blobs where sha256 = $1', [sha256]);
    if (!rows[0]) throw new BlobMissingError(sha256);
    const count = rows[0].chunk_count;
    const pool = this.pool;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let seq = 0; seq < count; seq++) {
        const r = await pool.query<{ data: Buffer }>('select c.data from blob_parts p join blob_chunks c on c.sha256 = p.chunk_sha256 where p.blob_sha256 = $1 and p.seq = $2', [sha256, seq]);
        if (!r.rows[0]) throw new BlobMissingError(sha256);
        yield r.rows[0].data;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  /** The blob and the chunks no other blob shares. */
  async delete(sha256: string): Promise<void> {
    assertBlobKey(sha256);
    const { rows } = await this.pool.query<{ chunk_sha256: string }>('select chunk_sha256 from blob_parts where blob_sha256 = $1', [sha256]);
    await this.pool.query('delete from blobs where sha256 = $1', [sha256]);
    if (rows.length) {
      await this.pool.query('delete from blob_chunks c where c.sha256 = any($1::text[]) and not exists (select 1 from blob_parts p where p.chunk_sha256 = c.sha256)', [rows.map((r) => r.chunk_sha256)]);
    }
  }

  async has(sha256: string): Promise<boolean> {
    assertBlobKey(sha256);
    const { rowCount } = await this.pool.query('select 1 from blobs where sha256 = $1', [sha256]);
    return !!rowCount;
  }
}
