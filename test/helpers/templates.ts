// Migrated template databases so each test file starts from a fresh, already-migrated database
// in well under a second: a PGlite data-dir tarball, or a PostgreSQL TEMPLATE database.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/client.js';
import { runMigrations } from '../../src/server/db/migrate.js';
import { Jobs } from '../../src/server/jobs.js';
import { migrationsDir, packageRoot } from '../../src/server/paths.js';
import pino from 'pino';

export type TestEngine = 'pglite' | 'postgres';

export function testEngine(): TestEngine {
  return process.env.NASKAH_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

function schemaHash(): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(migrationsDir).sort()) {
    if (f.endsWith('.sql')) h.update(f).update(fs.readFileSync(path.join(migrationsDir, f)));
  }
  for (const pkg of ['pg-boss', '@electric-sql/pglite']) {
    h.update(JSON.parse(fs.readFileSync(path.join(packageRoot, 'node_modules', pkg, 'package.json'), 'utf8')).version);
  }
  return h.digest('hex').slice(0, 12);
}

export const cacheDir = path.join(packageRoot, '.test-cache');

export function pgliteTemplatePath(): string {
  return path.join(cacheDir, `pglite-${schemaHash()}.tar`);
}

export function postgresTemplateName(): string {
  return `naskah_tpl_${schemaHash()}`;
}

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

export function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

async function migrateInto(database: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  await runMigrations(database);
  const jobs = new Jobs(database, pino({ level: 'silent' }));
  await jobs.start();
  await jobs.stop();
}

export async function preparePgliteTemplate(): Promise<string> {
  const file = pgliteTemplatePath();
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(cacheDir, { recursive: true });
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  try {
    await migrateInto(database);
    const tmp = `${file}.${process.pid}.tmp`;
    await database.embedded!.dump(tmp);
    fs.renameSync(tmp, file);
  } finally {
    await database.close();
  }
  return file;
}

export async function preparePostgresTemplate(): Promise<string> {
  const name = postgresTemplateName();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return name;
    const building = `${name}_build_${process.pid}`;
    await admin.query(`drop database if exists "${building}"`);
    await admin.query(`create database "${building}"`);
    const database = await openDatabase(loadConfig({ DATABASE_URL: urlFor(building) }).database, { poolMax: 2 });
    try {
      await migrateInto(database);
    } finally {
      await database.close();
    }
    try {
      await admin.query(`alter database "${building}" rename to "${name}"`);
    } catch {
      await admin.query(`drop database if exists "${building}"`); // a concurrent run won the race
    }
    // Templates of other schema versions are left alone: another checkout (a branch with a different
    // schema) may be cloning from one right now. Each is one small database; drop stale ones by hand.
    return name;
  } finally {
    await admin.end();
  }
}
