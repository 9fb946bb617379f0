// Reading the audit trail (system administrator: filters, paging, CSV), and the events the
// security review found missing: logout, the end of a session (logout elsewhere, expiry) and
// refused access attempts of a signed-in user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { verifyAuditChain } from '../../src/server/audit/chain.js';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { Client, createTestApp, loginAs, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
  admin = await loginAs(t.app, t.ctx, 'admin');
}, 120_000);
afterAll(async () => t?.close());

const userId = async (username: string) =>
  (await t.ctx.database.db.execute<{ id: string }>(sql`select id from users where username = ${username}`)).rows[0]!.id;

/** Events of one action for one user, oldest first, straight from the table. */
const eventsOf = async (action: string, actor: string) =>
  (
    await t.ctx.database.db.execute<{ entity_id: string | null; data: Record<string, unknown>; at: Date }>(
      sql`select entity_id, data, at from audit_events where action = ${action} and actor_user_id = ${actor} order by seq`,
    )
  ).rows;

describe('audit trail: events the review found missing', () => {
  it('a refused action of a signed-in user is audited with the route and the reason', async () => {
    const staf = await loginAs(t.app, t.ctx, 'staf.umum');
    const id = await userId('staf.umum');
    const res = await staf.get('/api/v1/admin/audit/events');
    expect(res.statusCode).toBe(403);
    const refused = await eventsOf('auth.access_refused', id);
    expect(refused.at(-1)).toMatchObject({ entity_id: 'GET /api/v1/admin/audit/events', data: { code: 'FORBIDDEN' } });
    expect(new Date(refused.at(-1)!.at).getTime()).toBe(t.ctx.now().getTime());

    // A forged write without the CSRF token.
    const before = refused.length;
    const forged = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: { cookie: staf.cookie! } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF_INVALID');
    const after = await eventsOf('auth.access_refused', id);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ entity_id: 'POST /api/v1/auth/logout-all', data: { code: 'CSRF_INVALID' } });
  });

  it('an anonymous request is not an audited refusal (it has no actor)', async () => {
    const before = Number((await t.ctx.database.db.execute<{ n: string }>(sql`select count(*)::text as n from audit_events where action = 'auth.access_refused'`)).rows[0]!.n);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit/events' });
    expect(res.statusCode).toBe(401);
    const after = Number((await t.ctx.database.db.execute<{ n: string }>(sql`select count(*)::text as n from audit_events where action = 'auth.access_refused'`)).rows[0]!.n);
    expect(after).toBe(before);
  });

  it('logout, logout elsewhere and logout everywhere are audited', async () => {
    const id = await userId('kasubag.tu');
    const a = await loginAs(t.app, t.ctx, 'kasubag.tu');
    const b = await loginAs(t.app, t.ctx, 'kasubag.tu');
    const c = await loginAs(t.app, t.ctx, 'kasubag.tu');
    const sessionsOfA = (await a.get('/api/v1/me/sessions')).json() as Array<{ id: string; current: boolean }>;
    const current = sessionsOfA.find((s) => s.current)!.id;

    // A ends B's session from the session list.
    const other = sessionsOfA.find((s) => !s.current)!.id;
    expect((await a.delete(`/api/v1/me/sessions/${other}`)).statusCode).toBe(204);
    expect((await eventsOf('auth.session_ended', id)).at(-1)).toMatchObject({ data: { sessionId: other } });
    // Ending a session that is not yours (or is gone) writes nothing.
    const endedBefore = (await eventsOf('auth.session_ended', id)).length;
    expect((await a.delete(`/api/v1/me/sessions/${other}`)).statusCode).toBe(404);
    expect(await eventsOf('auth.session_ended', id)).toHaveLength(endedBefore);

    expect((await a.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await eventsOf('auth.logged_out', id)).at(-1)).toMatchObject({ data: { sessionId: current } });

    const remaining = [b, c].filter(Boolean);
    expect(remaining.length).toBe(2);
    const everywhere = await c.post('/api/v1/auth/logout-all');
    expect(everywhere.statusCode).toBe(200);
    const ended = everywhere.json().ended as number;
    expect(ended).toBeGreaterThanOrEqual(1);
    expect((await eventsOf('auth.logged_out_everywhere', id)).at(-1)).toMatchObject({ data: { ended } });
  });

  it('a session that runs out (idle) ends once and leaves one event, whatever the concurrent requests', async () => {
    const id = await userId('kabag.umum');
    const k = await loginAs(t.app, t.ctx, 'kabag.umum');
    expect((await k.get('/api/v1/me')).statusCode).toBe(200);
    t.ctx.clock.advance((t.ctx.config.session.idleMinutes + 1) * 60_000);
    const results = await Promise.all([k.get('/api/v1/me'), k.get('/api/v1/me'), k.get('/api/v1/me')]);
    for (const r of results) expect(r.statusCode).toBe(401);
    const expired = await eventsOf('auth.session_expired', id);
    expect(expired).toHaveLength(1);
    expect(expired[0]!.data).toMatchObject({ reason: 'idle' });
    // The admin's own session idled out too: sign in again for the reading tests.
    admin = await loginAs(t.app, t.ctx, 'admin');
  });
});

describe('audit trail: reading it', () => {
  it('lists newest first, filters by actor, action prefix and period, and pages without overlap', async () => {
    const staf = await userId('staf.umum');
    const res = await admin.get(`/api/v1/admin/audit/events?actorUserId=${staf}&limit=200`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const all = res.json().items as Array<{ id: number; at: string; action: string; actor: { username: string } | null }>;
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const e of all) expect(e.actor?.username).toBe('staf.umum');
    for (let i = 1; i < all.length; i++) expect(all[i]!.id).toBeLessThan(all[i - 1]!.id);

    const auth = (await admin.get(`/api/v1/admin/audit/events?action=auth.&limit=200`)).json().items as Array<{ action: string }>;
    expect(auth.length).toBeGreaterThan(3);
    for (const e of auth) expect(e.action.startsWith('auth.')).toBe(true);
    const exact = (await admin.get(`/api/v1/admin/audit/events?action=auth.logged_out`)).json().items as Array<{ action: string }>;
    expect(exact.length).toBeGreaterThanOrEqual(1);
    for (const e of exact) expect(e.action).toBe('auth.logged_out');

    // Pages of 2 walk the same events as one page, in the same order.
    const walked: number[] = [];
    let before: number | null = null;
    do {
      const page: { items: Array<{ id: number }>; nextBefore: number | null } = (
        await admin.get(`/api/v1/admin/audit/events?actorUserId=${staf}&limit=2${before ? `&before=${before}` : ''}`)
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.items.map((e) => e.id));
      before = page.nextBefore;
    } while (before);
    expect(walked).toEqual(all.map((e) => e.id));

    // A period that ends before the first event holds none; one that contains them holds all.
    const first = new Date(all.at(-1)!.at);
    const none = (await admin.get(`/api/v1/admin/audit/events?actorUserId=${staf}&to=${first.toISOString()}`)).json().items;
    expect(none).toEqual([]);
    const inPeriod = (await admin.get(`/api/v1/admin/audit/events?actorUserId=${staf}&from=${first.toISOString()}&limit=200`)).json().items;
    expect(inPeriod).toHaveLength(all.length);
  });

  it('refuses a malformed filter at the field, in Indonesian', async () => {
    const res = await admin.get('/api/v1/admin/audit/events?action=%25');
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.fields[0].path).toContain('action');
    expect((await admin.get('/api/v1/admin/audit/events?actorUserId=bukan-uuid')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/admin/audit/events?limit=5000')).statusCode).toBe(400);
  });

  it('exports the filtered trail as CSV for Excel', async () => {
    const res = await admin.get('/api/v1/admin/audit/events/export?action=auth.');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['x-truncated']).toBe('false');
    const text = res.body;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('urutan;waktu;pengguna;nama;tindakan;jenis_objek;id_objek;alamat_ip;rincian');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines.slice(1)) expect(l).toMatch(/;auth\.[a-z_]+;/);
    const comma = await admin.get('/api/v1/admin/audit/events/export?action=auth.logged_out&separator=comma');
    expect(comma.body.slice(1).split('\r\n')[0]).toBe('urutan,waktu,pengguna,nama,tindakan,jenis_objek,id_objek,alamat_ip,rincian');
  });

  it('is for the system administrator only, and the chain stays whole', async () => {
    const records = await loginAs(t.app, t.ctx, 'kasubag.tu');
    expect((await records.get('/api/v1/admin/audit/events')).statusCode).toBe(403);
    expect((await records.get('/api/v1/admin/audit/events/export')).statusCode).toBe(403);
    expect((await verifyAuditChain(t.ctx.database.db)).ok).toBe(true);
  });
});
