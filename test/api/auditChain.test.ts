// The audit trail is hash-chained (issue 12): every event carries the previous one's hash, the
// chain stays whole under concurrent writers on both engines, the application cannot change or
// remove events, and a row edited or deleted in SQL (by someone who can bypass that) is found
// by the check, through the admin API as well.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../src/server/audit/recordAudit.js';
import { GENESIS_HASH, verifyAuditChain } from '../../src/server/audit/chain.js';
import { inTransaction } from '../../src/server/db/tx.js';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { createTestApp, loginAs, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
});
afterAll(async () => t?.close());

const db = () => t.ctx.database.db;
const rows = async () =>
  (await db().execute<{ seq: string; prev_hash: string; hash: string }>(sql`select seq::text, prev_hash, hash from audit_events order by audit_events.seq`)).rows;

/** Tampering needs the table owner's power to switch the append-only guard off. */
async function asTamperer(statement: ReturnType<typeof sql>) {
  await inTransaction(t.ctx.database, async (tx) => {
    await tx.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await tx.db.execute(statement);
    await tx.db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  });
}

describe('audit hash chain', () => {
  it('links every event to the previous one from the genesis hash', async () => {
    const r = await rows();
    expect(r.length).toBeGreaterThan(5);
    expect(r[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < r.length; i++) {
      expect(Number(r[i]!.seq)).toBe(Number(r[i - 1]!.seq) + 1);
      expect(r[i]!.prev_hash).toBe(r[i - 1]!.hash);
    }
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: r.length, firstBroken: null });
  });

  it('stays whole with 24 concurrent writers', async () => {
    const before = (await rows()).length;
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        inTransaction(t.ctx.database, async (tx) => {
          await recordAudit(tx.db, { at: t.ctx.now(), actorUserId: null, action: 'test.concurrent_written', entityType: 'test', entityId: String(i) });
        }),
      ),
    );
    const r = await rows();
    expect(r.length).toBe(before + 24);
    expect(new Set(r.map((x) => x.seq)).size).toBe(r.length);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('the application cannot change or delete an event', async () => {
    const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`);
    expect(await refusal(db().execute(sql`update audit_events set action = 'x.y' where seq = 1`))).toMatch(/audit_events is append-only/);
    expect(await refusal(db().execute(sql`delete from audit_events where seq = 1`))).toMatch(/audit_events is append-only/);
    expect(await refusal(db().execute(sql`truncate audit_events`))).toMatch(/audit_events is append-only/);
  });

  it('a deleted last event is found at the head of the chain', async () => {
    const last = Number((await rows()).at(-1)!.seq);
    await asTamperer(sql`delete from audit_events where seq = ${last}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBroken: { seq: last, reason: 'head_mismatch' } });
  });

  it('an event edited in SQL is reported as the first broken link, by the check and the admin API', async () => {
    await asTamperer(sql`update audit_events set data = '{"hal":"diubah"}'::jsonb where seq = 4`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'hash_mismatch' } });
    const admin = await loginAs(t.app, t.ctx, 'admin');
    const res = await admin.get('/api/v1/admin/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'hash_mismatch' } });
    // Re-hashing the edited row to hide it breaks the next link instead.
    await asTamperer(sql`update audit_events set hash = repeat('a', 64) where seq = 4`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
  });

  it('a deleted event is found: the chain no longer starts at 1', async () => {
    await asTamperer(sql`delete from audit_events where seq <= 4`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBroken: { seq: 5, reason: 'gap' } });
  });

  it('a non-admin may not run the check', async () => {
    const staff = await loginAs(t.app, t.ctx, 'staf.umum');
    expect((await staff.get('/api/v1/admin/audit/verify')).statusCode).toBe(403);
  });
});
