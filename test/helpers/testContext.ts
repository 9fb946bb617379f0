// A fresh, migrated database and an AppContext on it for one test file.
// Engine from NASKAH_TEST_ENGINE (vitest projects "db" = PGlite, "db-postgres" = PostgreSQL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/server/config.js';
import { closeContext, createContext, type AppContext } from '../../src/server/context.js';
import { openDatabase } from '../../src/server/db/client.js';
import { startModules } from '../../src/server/modules.js';
import { adminUrl, pgliteTemplatePath, postgresTemplateName, testEngine, urlFor } from './templates.js';

export const TEST_KEK = Buffer.alloc(32, 7).toString('base64');

let counter = 0;

export interface TestContext extends AppContext {
  /** Move the test clock. */
  clock: { now: Date; advance(ms: number): void; set(d: Date | string): void };
  tmpDir: string;
  close(): Promise<void>;
}

export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-test-'));
  const engine = testEngine();
  let dbName: string | undefined;
  const baseEnv: Record<string, string> = {
    NASKAH_DATA_DIR: tmpDir,
    NASKAH_KEK: TEST_KEK,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  };
  if (engine === 'postgres') {
    dbName = `naskah_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      await admin.query(`create database "${dbName}" template "${postgresTemplateName()}"`);
    } finally {
      await admin.end();
    }
    baseEnv.DATABASE_URL = urlFor(dbName);
  }
  const config: Config = loadConfig(baseEnv, '0.0.0-test');
  const database = await openDatabase(engine === 'pglite' ? { kind: 'pglite', dataDir: 'memory://' } : config.database, engine === 'pglite' ? { pgliteLoadFrom: pgliteTemplatePath(), connectionTimeoutMs: 20_000 } : { poolMax: 10 });
  const clock = {
    now: new Date(),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
    set(d: Date | string) {
      this.now = new Date(d);
    },
  };
  const ctx = await createContext(config, { database, log: pino({ level: process.env.NASKAH_TEST_LOG ?? 'silent' }), now: () => clock.now, migrate: false });
  await startModules(ctx);
  return Object.assign(ctx, {
    clock,
    tmpDir,
    async close() {
      await closeContext(ctx);
      if (dbName) {
        const admin = new pg.Client({ connectionString: adminUrl() });
        await admin.connect();
        await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => {});
        await admin.end();
      }
      fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  });
}
