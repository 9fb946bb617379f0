// Files at rest (issue 12): everything under the data directory is owner-only, the embedded
// database's own files included; the key-encryption key lives outside the data directory by
// default, and an older installation's key file is moved out at start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { closeContext, createContext, type AppContext } from '../../src/server/context.js';
import { openDatabase } from '../../src/server/db/client.js';
import { kekLine } from '../../src/server/main.js';
import { pgliteTemplatePath, testEngine } from '../helpers/templates.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-rest-'));
const contexts: AppContext[] = [];
afterAll(async () => {
  for (const c of contexts) await closeContext(c);
  fs.rmSync(root, { recursive: true, force: true });
});

/** Paths under `dir` that group or others may read, write or enter. */
function notOwnerOnly(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isSymbolicLink()) continue;
      if (fs.statSync(p).mode & 0o077) out.push(`${p} ${(fs.statSync(p).mode & 0o777).toString(8)}`);
      if (e.isDirectory()) walk(p);
    }
  };
  if (fs.statSync(dir).mode & 0o077) out.push(dir);
  walk(dir);
  return out;
}

// The data directory (embedded database files, blobs, key file) is the same on both engines; the
// PostgreSQL project would only add a slow second PGlite start, so this runs in the PGlite project.
describe.skipIf(testEngine() !== 'pglite')('the data directory', () => {
  it('an installation with world-readable files and the key inside the data directory is made owner-only and the key moved out', async () => {
    const dataDir = path.join(root, 'old-install');
    const configHome = path.join(root, 'config');
    fs.mkdirSync(path.join(dataDir, 'blobs', 'ab'), { recursive: true, mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, 'blobs', 'ab', 'surat.pdf'), 'isi', { mode: 0o644 });
    fs.chmodSync(path.join(dataDir, 'blobs', 'ab', 'surat.pdf'), 0o644);
    const oldKey = randomBytes(32).toString('base64');
    fs.writeFileSync(path.join(dataDir, 'kek.key'), oldKey + '\n');
    fs.chmodSync(path.join(dataDir, 'kek.key'), 0o644);
    expect(notOwnerOnly(dataDir).length).toBeGreaterThan(0);

    const config = loadConfig({ NASKAH_DATA_DIR: dataDir, XDG_CONFIG_HOME: configHome, LOG_LEVEL: 'silent' }, '0.0.0-test');
    expect(config.kek).toMatchObject({ kind: 'file', path: path.join(configHome, 'naskah', 'kek.key') });
    const embedded = config.database.kind === 'pglite';
    const database = await openDatabase(config.database, { pgliteLoadFrom: pgliteTemplatePath(), connectionTimeoutMs: 60_000 });
    const ctx = await createContext(config, { database, log: pino({ level: 'silent' }), migrate: false });
    contexts.push(ctx);
    await ctx.blobs.put(Buffer.from('naskah dinas dengan data pribadi'));
    await ctx.database.pool.query('create table rest_check (x int)');
    await ctx.database.pool.query('insert into rest_check values (1)');
    await ctx.database.pool.query('checkpoint');

    expect(notOwnerOnly(dataDir)).toEqual([]);
    if (embedded) expect(fs.readdirSync(path.join(dataDir, 'pgdata')).length).toBeGreaterThan(5);
    // The key left the data directory, unchanged, and the start-up output says where it is.
    expect(fs.existsSync(path.join(dataDir, 'kek.key'))).toBe(false);
    const moved = path.join(configHome, 'naskah', 'kek.key');
    expect(fs.readFileSync(moved, 'utf8').trim()).toBe(oldKey);
    expect(fs.statSync(moved).mode & 0o777).toBe(0o600);
    expect(ctx.kek.toString('base64')).toBe(oldKey);
    expect(kekLine(ctx)).toContain(`dipindah dari ${path.join(dataDir, 'kek.key')}`);
    expect(kekLine(ctx)).toContain(moved);
  });

  it('a new installation creates its key outside the data directory', () => {
    const dataDir = path.join(root, 'fresh');
    const config = loadConfig({ NASKAH_DATA_DIR: dataDir, HOME: path.join(root, 'home') }, '0.0.0-test');
    expect(config.kek).toMatchObject({ kind: 'file', path: path.join(root, 'home', '.config', 'naskah', 'kek.key') });
    expect(config.kek.kind === 'file' && config.kek.path.startsWith(dataDir)).toBe(false);
  });
});
