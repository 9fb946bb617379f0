// `naskah backup <dir>`: the database (PostgreSQL: pg_dump custom format; embedded: PGlite's own
// consistent dump of its data directory) and every stored file (blobs, by SHA-256, verified),
// with a manifest. The key-encryption key is never written: a backup is useless for opening
// signer keys, TOTP secrets and CA keys without the KEK, which is backed up apart.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { FsBlobStore } from '../files/fsBlobStore.js';
import { migrateBlobs } from '../files/migrateBlobs.js';

const run = promisify(execFile);

export const MANIFEST = 'manifest.json';
export const PG_DUMP = 'database.pgdump';
export const PGLITE_DUMP = 'database.pglite.tar.gz';
export const BLOBS = 'blobs';

export interface BackupManifest {
  format: 'naskah-backup-1';
  naskahVersion: string;
  createdAt: string;
  engine: 'postgres' | 'pglite';
  database: string;
  /** SHA-256 of the KEK, shortened: restore checks it has the same key, without the key being here. */
  kekFingerprint: string;
  files: { blobs: number };
  audit: { events: number; headSeq: number | null };
  signedLetters: number;
  sha256: Record<string, string>;
}

export function kekFingerprint(kek: Buffer): string {
  return createHash('sha256').update('naskah-kek-fingerprint\0').update(kek).digest('hex').slice(0, 16);
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export class BackupError extends Error {}

/** Write a backup of the database and the files into `dir` (created; must be empty). */
export async function createBackup(ctx: AppContext, dir: string): Promise<BackupManifest> {
  const target = path.resolve(dir);
  if (fs.existsSync(target) && fs.readdirSync(target).length) throw new BackupError(`Direktori cadangan harus kosong / the backup directory must be empty: ${target}`);
  if (target === ctx.config.dataDir || target.startsWith(ctx.config.dataDir + path.sep)) throw new BackupError('Cadangan tidak boleh di dalam direktori data / the backup must not be inside the data directory');
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });

  let database: string;
  if (ctx.database.engine === 'postgres') {
    if (ctx.config.database.kind !== 'postgres') throw new BackupError('unexpected configuration');
    database = PG_DUMP;
    // Custom format: compressed, restorable table by table, blobs of the postgres store included.
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', path.join(target, database), '--dbname', ctx.config.database.url], { maxBuffer: 16 * 1024 * 1024 });
  } else {
    database = PGLITE_DUMP;
    // PGlite's dumpDataDir: a consistent copy of the data directory taken by the engine itself.
    if (!ctx.database.embedded) throw new BackupError('embedded database not available');
    await ctx.database.embedded.dump(path.join(target, database));
  }

  // Every stored file, whatever the store (fs, postgres, S3), copied by SHA-256 and read back.
  const report = await migrateBlobs(ctx.database.db, ctx.blobs, new FsBlobStore(path.join(target, BLOBS)));
  if (report.missingInSource.length || report.mismatched.length) {
    throw new BackupError(`Berkas hilang atau rusak di penyimpanan / files missing or damaged in the store: ${[...report.missingInSource, ...report.mismatched].slice(0, 5).join(', ')}`);
  }

  const audit = (await ctx.database.db.execute(sql`select count(*)::int as n, max(seq)::bigint as head from audit_events`)).rows[0] as { n: number; head: string | null };
  const signed = (await ctx.database.db.execute(sql`select count(*)::int as n from documents where signed_file_id is not null`)).rows[0] as { n: number };
  const manifest: BackupManifest = {
    format: 'naskah-backup-1',
    naskahVersion: ctx.config.version,
    createdAt: new Date().toISOString(),
    engine: ctx.database.engine,
    database,
    kekFingerprint: kekFingerprint(ctx.kek),
    files: { blobs: report.total },
    audit: { events: audit.n, headSeq: audit.head === null ? null : Number(audit.head) },
    signedLetters: signed.n,
    sha256: { [database]: sha256File(path.join(target, database)) },
  };
  fs.writeFileSync(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}
