// Backup and restore round trip (issue 12): `naskah backup` of a database with a signed letter,
// restored into a fresh data directory (embedded) or an empty database (PostgreSQL) with the
// same KEK: every signed letter verifies, the audit chain walks whole, every file is back. The
// KEK is nowhere in the backup; a wrong KEK, a non-empty target and a damaged dump are refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../../src/server/backup/backup.js';
import { restoreDatabase, restoreFilesAndVerify } from '../../src/server/backup/restore.js';
import { loadConfig } from '../../src/server/config.js';
import { closeContext, createContext, type AppContext } from '../../src/server/context.js';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { startModules } from '../../src/server/modules.js';
import { createTestApp, loginAs, type TestApp } from '../helpers/testApp.js';
import { act, DEMO_PASSPHRASE, detail, pdfDraft, pos, typeId } from '../helpers/documents.js';
import { TEST_KEK } from '../helpers/testContext.js';
import { adminUrl, testEngine, urlFor } from '../helpers/templates.js';

let t: TestApp;
let ids: DemoIds;
let signedId: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-backup-'));
const backupDir = path.join(tmp, 'cadangan');
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `naskah_restore_${process.pid}_${Date.now().toString(36)}_${created.length}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  created.push(name);
  return urlFor(name);
}

async function freshEnv(kek = TEST_KEK): Promise<Record<string, string>> {
  const env: Record<string, string> = { NASKAH_DATA_DIR: fs.mkdtempSync(path.join(tmp, 'data-')), NASKAH_KEK: kek, LOG_LEVEL: 'silent' };
  if (testEngine() === 'postgres') env.DATABASE_URL = await emptyDatabase();
  return env;
}

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  const staf = await loginAs(t.app, t.ctx, 'staf.umum');
  signedId = await pdfDraft(staf, {
    documentTypeId: await typeId(staf, 'surat'),
    hal: 'Surat yang dicadangkan',
    recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') }],
    verifierPositionIds: [pos(ids, 'kabag-umum')],
    signerPositionId: pos(ids, 'sekda'),
    submit: true,
  });
  const kabag = await loginAs(t.app, t.ctx, 'kabag.umum');
  let d = await act(kabag, signedId, 'approve', { version: (await detail(kabag, signedId)).version });
  const sekda = await loginAs(t.app, t.ctx, 'sekda');
  d = await act(sekda, signedId, 'sign', { version: d.version, passphrase: DEMO_PASSPHRASE });
  expect(d.signed?.fileId).toBeTruthy();
}, 300_000);

afterAll(async () => {
  await t?.close();
  if (created.length) {
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    for (const n of created) await admin.query(`drop database if exists "${n}" with (force)`).catch(() => {});
    await admin.end();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('naskah backup / naskah restore', () => {
  it('backs up the database and every file, never the KEK', async () => {
    const m = await createBackup(t.ctx, backupDir);
    expect(m.signedLetters).toBe(1);
    expect(m.files.blobs).toBeGreaterThan(0);
    expect(m.audit.events).toBeGreaterThan(10);
    const kek = Buffer.from(TEST_KEK, 'base64');
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    const files = walk(backupDir);
    expect(files.length).toBeGreaterThan(m.files.blobs);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(kek), f).toBe(false);
      expect(bytes.includes(Buffer.from(TEST_KEK)), f).toBe(false);
    }
    // Into a non-empty directory: refused.
    await expect(createBackup(t.ctx, backupDir)).rejects.toThrow(/kosong|empty/);
  });

  it('restores into a fresh place: every signed letter verifies and the audit chain is whole', async () => {
    const env = await freshEnv();
    const config = loadConfig(env, '0.0.0-test');
    const m = await restoreDatabase(config, Buffer.from(TEST_KEK, 'base64'), backupDir);
    let ctx: AppContext | undefined;
    try {
      ctx = await createContext(config, { log: pino({ level: 'silent' }) });
      await startModules(ctx);
      const r = await restoreFilesAndVerify(ctx, backupDir, m);
      expect(r.audit).toMatchObject({ ok: true, firstBroken: null });
      expect(r.audit.checked).toBeGreaterThanOrEqual(m.audit.events);
      expect(r.signedLetters).toEqual({ checked: 1, valid: 1, problems: [] });
      expect(r.blobs).toBe(m.files.blobs);
      // The restored instance still opens its sealed secrets (same KEK): the signer can sign.
      const rows = await ctx.database.pool.query('select count(*)::int as n from signing_credentials');
      expect(rows.rows[0].n).toBeGreaterThan(0);
    } finally {
      if (ctx) await closeContext(ctx);
    }
    // A second restore onto the same (now non-empty) target is refused.
    await expect(restoreDatabase(config, Buffer.from(TEST_KEK, 'base64'), backupDir)).rejects.toThrow(/kosong|tidak kosong|already|not empty/);
  }, 180_000);

  it('refuses a wrong KEK and a damaged dump', async () => {
    const wrong = Buffer.alloc(32, 9);
    const env = await freshEnv(wrong.toString('base64'));
    await expect(restoreDatabase(loadConfig(env, '0.0.0-test'), wrong, backupDir)).rejects.toThrow(/KEK/);
    const m = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    const dump = path.join(backupDir, m.database);
    const bytes = fs.readFileSync(dump);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0xff;
    fs.writeFileSync(dump, bytes);
    const env2 = await freshEnv();
    await expect(restoreDatabase(loadConfig(env2, '0.0.0-test'), Buffer.from(TEST_KEK, 'base64'), backupDir)).rejects.toThrow(/rusak|damaged/);
  });
});
