// Key operations (issue 12): a session alone can no longer enrol a signing key, change the TTE
// passphrase or revoke a certificate; each needs a fresh re-authentication (password + TOTP
// within REAUTH_MAX_AGE_MINUTES). After an administrator reset an official's 2FA or password,
// his next key enrolment also needs a registration authority's approval: a second person who
// is neither the official nor that administrator. Every step is audited; the official is told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { auditEvents } from '../../src/server/audit/schema.js';
import { notificationMessages } from '../../src/server/notify/schema.js';
import { roleGrants, users } from '../../src/server/org/schema.js';
import { DEMO_SIGNING_PASSPHRASE } from '../../src/server/signature/index.js';
import { totpCode } from '../../src/server/auth/totp.js';
import { createTestApp, loginAs, reauth, totpSecrets, type Client, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ REAUTH_MAX_AGE_MINUTES: '5' });
  await seedDemo(t.ctx);
});
afterAll(async () => t?.close());

const userId = async (username: string) => (await t.ctx.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
const certificate = async (c: Client) => (await c.get('/api/v1/signature/certificate')).json();

describe('fresh re-authentication before key operations', () => {
  it('refuses enrolment, passphrase change and revocation on a session alone; accepts them after password + TOTP, for a few minutes', async () => {
    const c = await loginAs(t.app, t.ctx, 'sekda');
    const cert = await certificate(c);
    expect(cert.status).toBe('active');

    const change = () => c.post('/api/v1/signature/passphrase', { current: DEMO_SIGNING_PASSPHRASE, next: 'Passphrase-Lain-2026', version: cert.version });
    const revoke = () => c.post('/api/v1/signature/certificate/revoke', { reason: 'keyCompromise', version: cert.version });
    for (const res of [await change(), await revoke(), await c.post('/api/v1/signature/enrol', { passphrase: 'Passphrase-Lain-2026' })]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('REAUTH_REQUIRED');
    }
    expect((await certificate(c)).status).toBe('active');

    // Wrong password, wrong code, a replayed code: refused and counted.
    const secret = totpSecrets.get('sekda')!;
    t.ctx.clock.advance(30_000);
    const wrongPw = await c.post('/api/v1/auth/reauth', { password: 'bukan-kata-sandi-1', totp: totpCode(secret, t.ctx.now()) });
    expect(wrongPw.json().code).toBe('PASSWORD_WRONG');
    expect((await c.post('/api/v1/auth/reauth', { password: 'Naskah-Demo-2026', totp: '000000' })).json().code).toBe('TOTP_INVALID');
    const ok = await c.post('/api/v1/auth/reauth', { password: 'Naskah-Demo-2026', totp: totpCode(secret, t.ctx.now()) });
    expect(ok.statusCode).toBe(200);
    expect(new Date(ok.json().validUntil).getTime() - t.ctx.now().getTime()).toBe(5 * 60_000);
    expect((await c.post('/api/v1/auth/reauth', { password: 'Naskah-Demo-2026', totp: totpCode(secret, t.ctx.now()) })).json().code).toBe('TOTP_INVALID');

    // Another session of the same user is not re-authenticated by this one.
    const other = await loginAs(t.app, t.ctx, 'sekda');
    expect((await other.post('/api/v1/signature/passphrase', { current: DEMO_SIGNING_PASSPHRASE, next: 'Passphrase-Lain-2026', version: cert.version })).json().code).toBe('REAUTH_REQUIRED');

    const changed = await change();
    expect(changed.statusCode).toBe(200);
    // Minutes later the confirmation has expired.
    t.ctx.clock.advance(5 * 60_000 + 1000);
    const late = await c.post('/api/v1/signature/passphrase', { current: 'Passphrase-Lain-2026', next: DEMO_SIGNING_PASSPHRASE, version: changed.json().version });
    expect(late.json().code).toBe('REAUTH_REQUIRED');

    const me = await userId('sekda');
    const events = await t.ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, me), inArray(auditEvents.action, ['auth.reauthenticated', 'auth.login_failed', 'signature.passphrase_changed'])));
    expect(events.filter((e) => e.action === 'auth.reauthenticated')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'auth.login_failed').length).toBeGreaterThanOrEqual(3);
    expect(events.filter((e) => e.action === 'signature.passphrase_changed')).toHaveLength(1);
  });

  it('an administrator revoking another official’s certificate re-authenticates too', async () => {
    const admin = await loginAs(t.app, t.ctx, 'admin');
    const target = await loginAs(t.app, t.ctx, 'bupati');
    const cert = await certificate(target);
    const body = { userId: await userId('bupati'), reason: 'cessationOfOperation', version: cert.version };
    expect((await admin.post('/api/v1/signature/certificate/revoke', body)).json().code).toBe('REAUTH_REQUIRED');
    expect((await reauth(admin, t.ctx, 'admin')).statusCode).toBe(200);
    expect((await admin.post('/api/v1/signature/certificate/revoke', body)).json()).toMatchObject({ status: 'revoked' });
  });
});

describe('re-enrolment after an administrator reset needs a second person', () => {
  it('the official cannot enrol until a registration authority who is neither he nor the resetting admin approves; the approval is audited and used once', async () => {
    const db = t.ctx.database.db;
    const wabup = await userId('wabup');
    const adminId = await userId('admin');
    const raId = await userId('kadis.kominfo');
    await db.update(users).set({ email: 'wabup@contoh.go.id' }).where(eq(users.id, wabup));
    await db.insert(roleGrants).values([
      { userId: adminId, role: 'registration_authority', unitId: null },
      { userId: wabup, role: 'registration_authority', unitId: null },
      { userId: raId, role: 'registration_authority', unitId: null },
    ]);

    // The admin resets the official's 2FA: he could now log in as him with a known password.
    const admin = await loginAs(t.app, t.ctx, 'admin');
    expect((await admin.post(`/api/v1/org/users/${wabup}/reset-totp`)).statusCode).toBe(204);
    totpSecrets.delete('wabup');
    const official = await loginAs(t.app, t.ctx, 'wabup'); // enrols a new TOTP on the way
    expect((await official.get(`/api/v1/signature/users/${wabup}/enrolment-approval`)).json().required).toBe(true);

    // Revoking his current key needs only his re-authentication; a new key needs the approval.
    const cert = await certificate(official);
    expect((await reauth(official, t.ctx, 'wabup')).statusCode).toBe(200);
    expect((await official.post('/api/v1/signature/certificate/revoke', { reason: 'keyCompromise', version: cert.version })).statusCode).toBe(200);
    const refused = await official.post('/api/v1/signature/enrol', { passphrase: 'Kunci-Baru-Wabup-1' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('ENROLMENT_APPROVAL_REQUIRED');

    // Not the admin who reset him, not he himself, not an RA without re-authentication.
    expect((await reauth(admin, t.ctx, 'admin')).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/signature/users/${wabup}/enrolment-approval`, {})).json().code).toBe('ENROLMENT_APPROVAL_SELF');
    expect((await official.post(`/api/v1/signature/users/${wabup}/enrolment-approval`, {})).json().code).toBe('ENROLMENT_APPROVAL_SELF');
    const ra = await loginAs(t.app, t.ctx, 'kadis.kominfo');
    expect((await ra.post(`/api/v1/signature/users/${wabup}/enrolment-approval`, {})).json().code).toBe('REAUTH_REQUIRED');
    const plain = await loginAs(t.app, t.ctx, 'kadis.dukcapil'); // no RA role
    expect((await plain.post(`/api/v1/signature/users/${wabup}/enrolment-approval`, {})).statusCode).toBe(403);

    // The RA's list (the web page "Otoritas Pendaftaran"): the official waits there; the admin who
    // reset him sees him but may not approve; a user without the role gets no list.
    const pendingOf = async (c: typeof ra) => ((await c.get('/api/v1/signature/enrolment-approvals')).json().items as Array<{ userId: string; mayApprove: boolean; resetByName: string | null; approval: unknown }>).find((i) => i.userId === wabup);
    expect(await pendingOf(ra)).toMatchObject({ mayApprove: true, resetByName: 'Administrator Sistem', approval: null });
    expect(await pendingOf(admin)).toMatchObject({ mayApprove: false });
    expect((await plain.get('/api/v1/signature/enrolment-approvals')).statusCode).toBe(403);

    expect((await reauth(ra, t.ctx, 'kadis.kominfo')).statusCode).toBe(200);
    const approved = await ra.post(`/api/v1/signature/users/${wabup}/enrolment-approval`, { note: 'Identitas diperiksa langsung (KTP, SK jabatan)' });
    expect(approved.statusCode).toBe(201);
    expect(await pendingOf(ra)).toMatchObject({ approval: { approvedByName: expect.any(String) } });

    expect((await reauth(official, t.ctx, 'wabup')).statusCode).toBe(200);
    const enrolled = await official.post('/api/v1/signature/enrol', { passphrase: 'Kunci-Baru-Wabup-1' });
    expect(enrolled.statusCode).toBe(201);
    expect((await official.get(`/api/v1/signature/users/${wabup}/enrolment-approval`)).json().required).toBe(false);
    expect(await pendingOf(ra)).toBeUndefined(); // used: no longer waiting

    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, wabup), inArray(auditEvents.action, ['signature.enrolment_approved', 'signature.enrolled', 'signature.certificate_revoked'])));
    expect(events.find((e) => e.action === 'signature.enrolment_approved')).toMatchObject({ actorUserId: raId });
    expect(events.filter((e) => e.action === 'signature.enrolled').at(-1)?.data).toMatchObject({ approvalId: approved.json().id });
    // The official is told about each change to his key.
    const notices = await db.select().from(notificationMessages).where(and(eq(notificationMessages.userId, wabup), eq(notificationMessages.purpose, 'signature_key')));
    expect(notices.length).toBeGreaterThanOrEqual(3); // revoked, approved, enrolled
  });

  it('a fresh account created by an administrator needs the approval for its first key', async () => {
    const admin = await loginAs(t.app, t.ctx, 'admin');
    const created = await admin.post('/api/v1/org/users', { username: 'pejabat.baru', name: 'Pejabat Baru', nip: '198502022010011003' });
    expect(created.statusCode).toBe(201);
    const id = created.json().user?.id ?? created.json().id;
    expect((await admin.get(`/api/v1/signature/users/${id}/enrolment-approval`)).json().required).toBe(true);
  });
});
