// PostgreSQL restarted (or a backend terminated) while a connection is checked out — in the
// middle of a transaction, as a signing or a job holds one: the transaction fails with the
// database's error, the process keeps running (no unhandled 'error' event of the pg client: that
// crashed every worker of the scale bench at its PostgreSQL restart), and the next request works.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/server/db/tx.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';
import { testEngine } from '../helpers/templates.js';

describe.skipIf(testEngine() !== 'postgres')('a PostgreSQL backend ended under a held connection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('fails that transaction only; the process and the pool go on', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const attempt = inTransaction(t.ctx.database, async (tx) => {
        const pid = ((await tx.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`)).rows[0]!).pid;
        // Another connection ends this one, as a restart does; the client is idle, checked out.
        await t.ctx.database.pool.query('select pg_terminate_backend($1)', [pid]);
        await new Promise((r) => setTimeout(r, 300));
        await tx.db.execute(sql`select 1`);
      });
      await expect(attempt).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 100));
      expect(uncaught).toEqual([]);
      const health = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(health.statusCode).toBe(200);
      expect((await t.ctx.database.pool.query('select 1 as one')).rows[0].one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
