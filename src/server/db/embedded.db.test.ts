// The embedded database's guarantees: one process per data directory (a second one gets a
// clear error), data survives a restart, and migrations are safe when instances start together.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { DirectoryLockedError, lockDirectory } from './dirLock.js';
import { openDatabase } from './client.js';
import { runMigrations } from './migrate.js';
import { testEngine } from '../../../test/helpers/templates.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-lock-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('data directory lock', () => {
  it('refuses a second holder and names the owner; a stale lock (dead pid) is taken over', () => {
    const dir = tmp();
    const first = lockDirectory(dir);
    expect(() => lockDirectory(dir)).not.toThrow(); // same process: re-entrant by pid
    first.release();
    fs.writeFileSync(path.join(dir, 'naskah.lock'), '999999'); // no such process
    const taken = lockDirectory(dir);
    expect(fs.readFileSync(taken.path, 'utf8')).toBe(String(process.pid));
    taken.release();
    expect(fs.existsSync(taken.path)).toBe(false);
  });
});

// Each engine's project runs the part that concerns it (the other part is not registered).
if (testEngine() === 'pglite') describe('embedded PGlite in a child process', () => {
  it('a second process on the same directory gets a clear error; data survives a restart', async () => {
    const dataDir = path.join(tmp(), 'pgdata');
    const a = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await a.pool.query('create table t (x int)');
      await a.pool.query('insert into t values (42)');
      const err = await openDatabase({ kind: 'pglite', dataDir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DirectoryLockedError);
      expect((err as Error).message).toMatch(/sedang dipakai proses lain \(pid \d+\)/);
    } finally {
      await a.close();
    }
    const b = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect((await b.pool.query('select x from t')).rows).toEqual([{ x: 42 }]);
    } finally {
      await b.close();
    }
  }, 60_000);

  it('a signal to the whole process group (Ctrl-C, systemd stop) closes cleanly: no EPIPE from the dead child', async () => {
    const dataDir = path.join(tmp(), 'pgdata');
    const db = await openDatabase({ kind: 'pglite', dataDir });
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    try {
      await db.pool.query('select 1');
      // The terminal delivers SIGTERM to the child too; the parent's shutdown then races its exit.
      const child = db.embedded?.child;
      expect(child).toBeDefined();
      child!.kill('SIGKILL'); // gone at once; its exit is not yet seen by the parent
      await db.embedded!.stop();
      await db.close();
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(errors).toEqual([]);
  }, 60_000);

  it('a failed query does not break the next, unrelated one (the pool replaces its connection)', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      for (let i = 0; i < 3; i++) {
        await expect(db.pool.query('select $1::uuid', ['x'])).rejects.toMatchObject({ code: '22P02' });
        expect((await db.pool.query('select 1 as a')).rows).toEqual([{ a: 1 }]);
      }
      // A failure inside a transaction leaves no transaction open for the next caller.
      const c = await db.pool.connect();
      await c.query('begin');
      await c.query('select $1::uuid', ['x']).catch(() => {});
      c.release(new Error('discard'));
      expect((await db.pool.query('select 2 as b')).rows).toEqual([{ b: 2 }]);
      expect((await db.pool.query("select current_setting('transaction_isolation') is not null as ok")).rows).toEqual([{ ok: true }]);
    } finally {
      await db.close();
    }
  }, 60_000);
});

if (testEngine() === 'postgres') describe('migrations on PostgreSQL', () => {
  it('two instances migrating a fresh database at once both succeed (advisory lock)', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `naskah_mig_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const [a, b] = await Promise.all([openDatabase({ kind: 'postgres', url: u.toString() }), openDatabase({ kind: 'postgres', url: u.toString() })]);
    try {
      await Promise.all([runMigrations(a), runMigrations(b)]);
      const applied = await a.pool.query('select count(*)::int n from drizzle.__drizzle_migrations');
      const files = fs.readdirSync(path.resolve('migrations')).filter((f) => f.endsWith('.sql'));
      expect(applied.rows[0].n).toBe(files.length);
    } finally {
      await a.close();
      await b.close();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }, 60_000);
});
