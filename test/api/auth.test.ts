import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { totpCode } from '../../src/server/auth/totp.js';
import { Client, createTestApp, type TestApp } from '../helpers/testApp.js';

const PW = 'Naskah-Demo-2026';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' });
  await seedDemo(t.ctx);
});
afterAll(async () => t?.close());

describe('health, errors, OpenAPI', () => {
  it('health answers with engine and version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.ctx.database.engine, version: '0.0.0-test' });
  });

  it('unknown API routes are a JSON 404', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'Alamat API tidak dikenal.' });
  });

  it('invalid input is a 400 with field errors in the asked language, never a stack', async () => {
    const id = await new Client(t.app, 'id').post('/api/v1/auth/login', { username: 'x' });
    expect(id.statusCode).toBe(400);
    expect(id.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'body.password' }] } });
    expect(id.json().details.fields[0].message).toMatch(/diharapkan string/);
    const en = await new Client(t.app, 'en').post('/api/v1/auth/login', { username: 'x' });
    expect(en.json().message).toBe('The submitted data is invalid.');
    expect(en.json().details.fields[0].message).toMatch(/expected string/);
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('BAD_REQUEST');
    expect(broken.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('publishes OpenAPI 3 with the fixed endpoints', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/v1/auth/login', '/api/v1/me', '/api/v1/org/units']));
    expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('totp');
    // The browsable docs page, without signing in.
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger-ui/i);
  });
});

describe('password login', () => {
  it('logs in, sets an HttpOnly SameSite cookie and returns me with a CSRF token', async () => {
    const c = new Client(t.app);
    const res = await c.login('staf.umum', PW);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((k) => k.name === 'naskah_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = res.json();
    expect(me.user).toMatchObject({ username: 'staf.umum', nip: '199306082019032011' });
    expect(me.positions[0]).toMatchObject({ positionName: 'Pelaksana Bagian Umum', kind: 'definitif' });
    expect(me.mfaEnrolmentRequired).toBe(false);
    expect((await c.get('/api/v1/me')).json().user.username).toBe('staf.umum');
  });

  it('is case-insensitive on the username and refuses a wrong password with the same message as an unknown user', async () => {
    expect((await new Client(t.app).login('STAF.UMUM', PW)).statusCode).toBe(200);
    const wrong = await new Client(t.app).login('kabid.dafduk', 'wrong-password-1');
    const unknown = await new Client(t.app).login('nobody', 'wrong-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
  });

  it('personal data is never cached: /me, the login answer, user details and errors send Cache-Control: no-store', async () => {
    const c = new Client(t.app);
    const login = await c.login('staf.umum', PW);
    expect(login.headers['cache-control']).toBe('no-store');
    expect((await c.get('/api/v1/me')).headers['cache-control']).toBe('no-store');
    expect((await new Client(t.app).get('/api/v1/me')).headers['cache-control']).toBe('no-store');
    const admin = await adminClient();
    const list = await admin.get('/api/v1/org/users?q=staf.umum');
    expect(list.headers['cache-control']).toBe('no-store');
    const detail = await admin.get(`/api/v1/org/users/${list.json().items[0].id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.headers['cache-control']).toBe('no-store');
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    const c = new Client(t.app);
    await c.login('staf.umum', PW);
    const csrf = c.csrf;
    c.csrf = undefined;
    const res = await c.post('/api/v1/auth/logout-all');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_INVALID');
    c.csrf = csrf;
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('locks the account after repeated failures; the admin sees why and can unlock it', async () => {
    const user = 'sekdis.kominfo';
    for (let i = 0; i < 3; i++) {
      const r = await new Client(t.app).login(user, 'not-the-password1');
      expect(r.statusCode).toBe(401);
      expect(r.json()).toEqual({ code: 'LOGIN_FAILED', message: 'Nama pengguna atau kata sandi salah, atau akun sedang dikunci sementara. Coba lagi nanti atau hubungi admin.', requestId: r.headers['x-request-id'] });
    }
    // Even the right password is refused while locked, with the same answer.
    const locked = await new Client(t.app).login(user, PW);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe('LOGIN_FAILED');

    const admin = await adminClient();
    const found = (await admin.get(`/api/v1/org/users?q=${user}`)).json().items[0];
    expect(found.lockReason).toMatch(/3 kali gagal masuk dalam 15 menit/);
    expect((await admin.post(`/api/v1/org/users/${found.id}/unlock`)).statusCode).toBe(204);
    expect((await new Client(t.app).login(user, PW)).statusCode).toBe(200);
  });

  const sansRequestId = (body: string) => {
    const { requestId, ...rest } = JSON.parse(body) as { requestId?: string };
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    return JSON.stringify(rest);
  };
  it('an unknown user, a wrong password and a locked account get the same status and body', async () => {
    const answers = [];
    answers.push(await new Client(t.app).login('tidak.ada.orangnya', 'not-the-password1'));
    answers.push(await new Client(t.app).login('kabid.persandian', 'not-the-password1'));
    for (let i = 0; i < 3; i++) await new Client(t.app).login('kasi.kamsinfo', 'not-the-password1');
    answers.push(await new Client(t.app).login('kasi.kamsinfo', 'not-the-password1'));
    answers.push(await new Client(t.app).login('kasi.kamsinfo', PW));
    for (const lang of ['id', 'en'] as const) {
      const bodies = [];
      for (const [u, p] of [['tidak.ada.orangnya', 'x-password-12'], ['kabid.persandian', 'x-password-12'], ['kasi.kamsinfo', PW]] as const) {
        bodies.push(sansRequestId((await new Client(t.app, lang).login(u, p)).body));
      }
      expect(new Set(bodies).size).toBe(1);
    }
    for (const a of answers) {
      expect(a.statusCode).toBe(401);
      // Equal but for the request id, which is random per request and names no account.
      expect(sansRequestId(a.body)).toBe(sansRequestId(answers[0]!.body));
    }
    expect(answers[0]!.json()).not.toHaveProperty('details');
  });

  it('the lock expires after the configured time', async () => {
    const user = 'sekdis.perkimta';
    for (let i = 0; i < 3; i++) await new Client(t.app).login(user, 'not-the-password1');
    expect((await new Client(t.app).login(user, PW)).json().code).toBe('LOGIN_FAILED');
    t.ctx.clock.advance(16 * 60_000);
    expect((await new Client(t.app).login(user, PW)).statusCode).toBe(200);
  });

  it('logout everywhere ends all sessions of the user', async () => {
    const a = new Client(t.app);
    const b = new Client(t.app);
    await a.login('kasubag.tu', PW);
    await b.login('kasubag.tu', PW);
    expect((await a.post('/api/v1/auth/logout-all')).json().ended).toBeGreaterThanOrEqual(2);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
  });
});

let adminSecret: string | undefined;
async function adminClient(): Promise<Client> {
  const c = new Client(t.app);
  t.ctx.clock.advance(30_000); // a fresh TOTP step each time (codes are single-use)
  const res = await c.login('admin', PW, adminSecret ? { totp: totpCode(adminSecret, t.ctx.now()) } : {});
  expect(res.statusCode).toBe(200);
  if (res.json().mfaEnrolmentRequired) adminSecret = (await enrol(c)).secret;
  return c;
}

async function enrol(c: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await c.post('/api/v1/auth/totp/setup');
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUrl, qrDataUrl } = setup.json();
  expect(otpauthUrl).toContain(`secret=${secret}`);
  expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
  const confirm = await c.post('/api/v1/auth/totp/confirm', { code: totpCode(secret, t.ctx.now()) });
  expect(confirm.statusCode).toBe(200);
  return { secret, recoveryCodes: confirm.json().recoveryCodes };
}

describe('two-factor authentication', () => {
  it('a signer must enrol TOTP before anything else; afterwards login needs the code', async () => {
    const c = new Client(t.app);
    const first = await c.login('kadis.dukcapil', PW);
    expect(first.json()).toMatchObject({ mfaRequired: true, mfaEnrolmentRequired: true });
    const blocked = await c.get('/api/v1/org/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('TOTP_ENROLMENT_REQUIRED');

    const setup = await c.post('/api/v1/auth/totp/setup');
    const { secret } = setup.json();
    const bad = await c.post('/api/v1/auth/totp/confirm', { code: '000000' });
    expect(bad.json().code).toBe('TOTP_INVALID');
    const ok = await c.post('/api/v1/auth/totp/confirm', { code: totpCode(secret, t.ctx.now()) });
    expect(ok.json().recoveryCodes).toHaveLength(10);
    expect((await c.get('/api/v1/org/units')).statusCode).toBe(200);

    // Next login: password alone is not enough.
    t.ctx.clock.advance(60_000);
    const again = new Client(t.app);
    expect((await again.login('kadis.dukcapil', PW)).json().code).toBe('TOTP_REQUIRED');
    expect((await again.login('kadis.dukcapil', PW, { totp: '123456' })).json().code).toBe('TOTP_INVALID');
    const good = await again.login('kadis.dukcapil', PW, { totp: totpCode(secret, t.ctx.now()) });
    expect(good.statusCode).toBe(200);
    expect(good.json().mfaEnrolmentRequired).toBe(false);
    // The same code cannot be used twice.
    expect((await new Client(t.app).login('kadis.dukcapil', PW, { totp: totpCode(secret, t.ctx.now()) })).json().code).toBe('TOTP_INVALID');

    // A recovery code works once.
    const code = ok.json().recoveryCodes[0];
    expect((await new Client(t.app).login('kadis.dukcapil', PW, { recoveryCode: code })).statusCode).toBe(200);
    expect((await new Client(t.app).login('kadis.dukcapil', PW, { recoveryCode: code })).json().code).toBe('TOTP_INVALID');

    // Policy forbids turning it off for a signer.
    t.ctx.clock.advance(60_000);
    const off = await c.post('/api/v1/auth/totp/disable', { password: PW, code: totpCode(secret, t.ctx.now()) });
    expect(off.json().code).toBe('TOTP_REQUIRED_BY_POLICY');
  });

  it('2FA is evaluated against the current roles: a session without it loses access once signer or system_admin is granted', async () => {
    const admin = await adminClient();
    for (const [username, role, probe] of [
      ['staf.perumahan', 'signer', '/api/v1/org/units'],
      ['admin.email', 'system_admin', '/api/v1/org/users'],
    ] as const) {
      const c = new Client(t.app);
      const login = await c.login(username, PW);
      expect(login.json().mfaEnrolmentRequired).toBe(false);
      expect((await c.get('/api/v1/org/units')).statusCode).toBe(200);
      const userId = login.json().user.id;
      const grant = await admin.post(`/api/v1/org/users/${userId}/roles`, { role, unitId: null });
      expect(grant.statusCode).toBe(201);
      // The same session, next request: refused until 2FA is enrolled.
      const blocked = await c.get(probe);
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().code).toBe('TOTP_ENROLMENT_REQUIRED');
      expect((await c.get('/api/v1/me')).json()).toMatchObject({ mfaRequired: true, mfaEnrolmentRequired: true });
      if (role === 'signer') expect((await c.post('/api/v1/signature/enrol', { passphrase: 'Sangat-Rahasia-2026' })).json().code).toBe('TOTP_ENROLMENT_REQUIRED');
      await enrol(c);
      expect((await c.get(probe)).statusCode).toBe(200);
      // Revoke again for the other tests.
      const roles = (await admin.get(`/api/v1/org/users/${userId}`)).json().roles as Array<{ id: string; role: string }>;
      expect((await admin.delete(`/api/v1/org/roles/${roles.find((r) => r.role === role)!.id}`)).statusCode).toBe(204);
    }
  });

  it('an admin can require 2FA for another role', async () => {
    const admin = await adminClient();
    const res = await admin.put('/api/v1/admin/mfa-policy', { role: 'records_officer', required: true });
    expect(res.json()).toMatchObject({ records_officer: true, signer: true, drafter: false });
    const c = new Client(t.app);
    const arsip = await c.login('arsip.kominfo', PW);
    expect(arsip.json().mfaEnrolmentRequired).toBe(true);
    await admin.put('/api/v1/admin/mfa-policy', { role: 'records_officer', required: false });
  });
});

describe('forced password change', () => {
  it('an account with a temporary password can do nothing before changing it', async () => {
    const admin = await adminClient();
    const created = await admin.post('/api/v1/org/users', { username: 'pegawai.baru', name: 'Pegawai Baru', nip: '199912312024121001', whatsapp: '081311112222' });
    expect(created.statusCode).toBe(201);
    const temp = created.json().temporaryPassword as string;

    const c = new Client(t.app);
    const login = await c.login('pegawai.baru', temp);
    expect(login.json().mustChangePassword).toBe(true);
    expect((await c.get('/api/v1/org/units')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.post('/api/v1/auth/password', { currentPassword: temp, newPassword: 'short' });
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_WEAK', message: 'Kata sandi minimal 10 karakter.' });
    const same = await c.post('/api/v1/auth/password', { currentPassword: temp, newPassword: temp });
    expect(same.json().code).toBe('PASSWORD_REUSED');
    expect((await c.post('/api/v1/auth/password', { currentPassword: temp, newPassword: 'Baru-Sekali-2026' })).statusCode).toBe(204);
    expect((await c.get('/api/v1/org/units')).statusCode).toBe(200);
    expect((await new Client(t.app).login('pegawai.baru', temp)).statusCode).toBe(401);
    expect((await new Client(t.app).login('pegawai.baru', 'Baru-Sekali-2026')).json().mustChangePassword).toBe(false);
  });
});
