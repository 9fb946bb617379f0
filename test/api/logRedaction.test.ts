// A failed query is logged by code and table, never with its parameters (issue 12: password
// hashes were found in the log) nor the row values PostgreSQL quotes in `detail`.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/http/types.js';
import { createLogger } from '../../src/server/logging.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { users } from '../../src/server/org/schema.js';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../helpers/testContext.js';

let ctx: TestContext;
let app: App;
const lines: string[] = [];
let hash: string;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.log = createLogger('info', new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }));
  hash = await hashPassword('Rahasia-Sekali-2026');
  app = await buildApp(ctx, {
    extraRoutes: [
      async (api) => {
        api.post('/test/failing-insert', { config: { public: true } }, async () => {
          // A malformed id makes PostgreSQL refuse the statement; its parameters include a password hash and a NIP.
          await ctx.database.db.update(users).set({ passwordHash: hash, nip: '199001012020121001' }).where(eq(users.id, 'bukan-uuid'));
          return { ok: true };
        });
        api.post('/test/duplicate', { config: { public: true } }, async () => {
          await ctx.database.db.insert(users).values({ username: 'kembar', name: 'Kembar', nip: '198001012005011001', passwordHash: hash });
          await ctx.database.db.insert(users).values({ username: 'kembar2', name: 'Kembar', nip: '198001012005011001', passwordHash: hash });
          return { ok: true };
        });
      },
    ],
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('logs of failed queries', () => {
  it('carry the SQLSTATE and the table, not the parameters', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/test/failing-insert' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('scrypt');
    const log = lines.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain('22P02');
    expect(log).not.toContain(hash);
    expect(log).not.toContain('scrypt$');
    expect(log).not.toContain('199001012020121001');
  });

  it('drop the row values PostgreSQL quotes in the detail of a constraint error', async () => {
    lines.length = 0;
    const res = await app.inject({ method: 'POST', url: '/api/v1/test/duplicate' });
    expect(res.statusCode).toBe(409);
    // A translated conflict is not an internal error, so log it through the logger directly too.
    try {
      await ctx.database.db.insert(users).values({ username: 'kembar3', name: 'Kembar', nip: '198001012005011001', passwordHash: hash });
    } catch (err) {
      ctx.log.error({ err }, 'insert failed');
    }
    const log = lines.join('');
    expect(log).toContain('23505');
    expect(log).toContain('users_nip_uq');
    expect(log).not.toContain('198001012005011001');
    expect(log).not.toContain(hash);
  });
});
