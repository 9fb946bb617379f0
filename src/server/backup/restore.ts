// `naskah restore <dir>`: into a fresh place only (an empty PostgreSQL database, or a data
// directory without a database), with the same KEK the backup was made with; then every file is
// put back into the configured store and the result is checked: the audit chain walks whole and
// every signed letter's signatures verify.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { openDatabase } from '../db/client.js';
import { FsBlobStore } from '../files/fsBlobStore.js';
import { migrateBlobs } from '../files/migrateBlobs.js';
import { verifyAuditChain } from '../audit/chain.js';
import { verifyPdf } from '../signature/index.js';
import { BackupError, BLOBS, kekFingerprint, MANIFEST, PG_DUMP, PGLITE_DUMP, sha256File, type BackupManifest } from './backup.js';

const run = promisify(execFile);

export function readManifest(dir: string): BackupManifest {
  const file = path.join(path.resolve(dir), MANIFEST);
  if (!fs.existsSync(file)) throw new BackupError(`Bukan direktori cadangan Naskah (tidak ada ${MANIFEST}) / not a Naskah backup: ${dir}`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (m.format !== 'naskah-backup-1') throw new BackupError(`Format cadangan tidak dikenal / unknown backup format: ${String(m.format)}`);
  for (const [name, sha] of Object.entries(m.sha256)) {
    if (sha256File(path.join(path.resolve(dir), name)) !== sha) throw new BackupError(`${name} rusak (SHA-256 tidak cocok) / ${name} is damaged`);
  }
  return m;
}

/**
 * Step 1, before any context exists (a context would migrate the empty target): the database.
 * Refuses a target that is not fresh, and a backup of the other engine.
 */
export async function restoreDatabase(config: Config, kek: Buffer, dir: string): Promise<BackupManifest> {
  const m = readManifest(dir);
  if (m.kekFingerprint !== kekFingerprint(kek)) {
    throw new BackupError('Kunci enkripsi (KEK) yang dikonfigurasi bukan kunci saat cadangan dibuat: kunci penandatangan, TOTP dan CA tidak akan terbuka. Pasang KEK yang benar (NASKAH_KEK / NASKAH_KEK_FILE). / The configured KEK is not the one the backup was made with.');
  }
  const source = path.join(path.resolve(dir), m.database);
  if (config.database.kind === 'postgres') {
    if (m.engine !== 'postgres' || m.database !== PG_DUMP) throw new BackupError('Cadangan ini dari basis data tertanam; pulihkan tanpa DATABASE_URL / this backup is of the embedded database');
    const client = new pg.Client({ connectionString: config.database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`);
      if (rows[0].n > 0) throw new BackupError('Basis data tujuan tidak kosong; pulihkan ke basis data baru / the target database is not empty');
    } finally {
      await client.end();
    }
    await run('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', config.database.url, source], { maxBuffer: 16 * 1024 * 1024 });
  } else {
    if (m.engine !== 'pglite' || m.database !== PGLITE_DUMP) throw new BackupError('Cadangan ini dari PostgreSQL; pulihkan dengan DATABASE_URL ke basis data kosong / this backup is of PostgreSQL');
    const pgdata = config.database.dataDir;
    if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length) throw new BackupError(`Direktori data sudah berisi basis data; pulihkan ke direktori baru / the data directory already holds a database: ${pgdata}`);
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    const database = await openDatabase(config.database, { pgliteLoadFrom: source });
    await database.close();
  }
  return m;
}

export interface RestoreReport {
  blobs: number;
  audit: { ok: boolean; checked: number; firstBroken: unknown };
  signedLetters: { checked: number; valid: number; problems: Array<{ documentId: string; verdict: string }> };
}

/** Step 2, on the restored (and migrated) database: the files, then the checks. */
export async function restoreFilesAndVerify(ctx: AppContext, dir: string, m: BackupManifest): Promise<RestoreReport> {
  const report = await migrateBlobs(ctx.database.db, new FsBlobStore(path.join(path.resolve(dir), BLOBS)), ctx.blobs);
  if (report.missingInSource.length || report.mismatched.length) throw new BackupError(`Berkas cadangan hilang atau rusak / backup files missing or damaged: ${[...report.missingInSource, ...report.mismatched].slice(0, 5).join(', ')}`);
  const out = await verifyRestored(ctx);
  if (out.audit.checked < m.audit.events) throw new BackupError(`Jejak audit tidak lengkap: ${out.audit.checked} dari ${m.audit.events} kejadian / audit events missing`);
  return { blobs: report.total, ...out };
}

/** The audit chain walks whole and every signed letter verifies. */
export async function verifyRestored(ctx: AppContext): Promise<Omit<RestoreReport, 'blobs'>> {
  const chain = await verifyAuditChain(ctx.database.db);
  const rows = (await ctx.database.db.execute(sql`select d.id::text as id, f.sha256 from documents d join files f on f.id = d.signed_file_id order by d.id`)).rows as Array<{ id: string; sha256: string }>;
  const problems: Array<{ documentId: string; verdict: string }> = [];
  for (const r of rows) {
    const report = await verifyPdf(ctx, await ctx.blobs.get(r.sha256), { online: false });
    if (report.verdict !== 'valid') problems.push({ documentId: r.id, verdict: report.verdict });
  }
  return { audit: { ok: chain.ok, checked: chain.checked, firstBroken: chain.firstBroken }, signedLetters: { checked: rows.length, valid: rows.length - problems.length, problems } };
}
