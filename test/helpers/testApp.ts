// An app on a test context plus a small HTTP client that keeps the session cookie and sends
// the CSRF token, as the web client does.
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/http/types.js';
import { totpCode } from '../../src/server/auth/totp.js';
import { createTestContext, type TestContext } from './testContext.js';

export interface TestApp {
  ctx: TestContext;
  app: App;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const ctx = await createTestContext(env);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    ctx,
    app,
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}

type Body = Record<string, unknown> | unknown[] | string | Buffer | undefined;

export class Client {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(
    readonly app: App,
    readonly lang: 'id' | 'en' = 'id',
  ) {}

  async request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: Body, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { 'accept-language': this.lang, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    const isJson = body !== undefined && typeof body === 'object' && !Buffer.isBuffer(body);
    if (isJson) h['content-type'] = 'application/json';
    const res = await this.app.inject({ method, url, headers: h, ...(body === undefined ? {} : { payload: isJson ? JSON.stringify(body) : (body as string | Buffer) }) });
    const set = res.cookies.find((c) => c.name === 'naskah_session');
    if (set) this.cookie = set.value ? `naskah_session=${set.value}` : undefined;
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: Body, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body: Body) {
    return this.request('PATCH', url, body);
  }
  put(url: string, body: Body) {
    return this.request('PUT', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  async login(username: string, password: string, extra: { totp?: string; recoveryCode?: string } = {}): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/v1/auth/login', { username, password, ...extra });
    if (res.statusCode === 200) this.csrf = res.json().csrfToken;
    return res;
  }
}

/** Log in as a demo user; signers and admins enrol TOTP on the way (policy requires it). */
export async function loginAs(app: App, ctx: TestContext, username: string, password = 'Naskah-Demo-2026'): Promise<Client> {
  const c = new Client(app);
  let res = await c.login(username, password);
  const known = totpSecrets.get(username);
  if (res.statusCode === 401 && res.json().code === 'TOTP_REQUIRED' && known) {
    // A second session of a user whose TOTP an earlier loginAs enrolled: a fresh code.
    ctx.clock.advance(30_000);
    res = await c.login(username, password, { totp: totpCode(known, ctx.now()) });
  }
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  if (res.json().mfaEnrolmentRequired) {
    const setup = await c.post('/api/v1/auth/totp/setup');
    const secret = setup.json().secret as string;
    const confirm = await c.post('/api/v1/auth/totp/confirm', { code: totpCode(secret, ctx.now()) });
    if (confirm.statusCode !== 200) throw new Error(`totp confirm ${username}: ${confirm.body}`);
    totpSecrets.set(username, secret);
  }
  return c;
}

/** TOTP secrets enrolled by loginAs, for tests that log in again. */
export const totpSecrets = new Map<string, string>();

/** Tests of signing outside the workflow: every demo signer also gets `tte_outside_workflow`. */
export async function grantOutsideWorkflowSigning(ctx: TestContext): Promise<void> {
  const { sql } = await import('drizzle-orm');
  await ctx.database.db.execute(sql`insert into role_grants (id, user_id, role, unit_id) select gen_random_uuid(), user_id, 'tte_outside_workflow', null::uuid from (select distinct user_id from role_grants where role = 'signer') s on conflict do nothing`);
}

/**
 * Fresh re-authentication (password + TOTP) of a session opened by loginAs, as key operations
 * (TTE enrolment, passphrase change, revocation, enrolment approval) require. Moves the test
 * clock to a new TOTP step (codes are single-use).
 */
export async function reauth(c: Client, ctx: TestContext, username: string, password = 'Naskah-Demo-2026'): Promise<LightMyRequestResponse> {
  const secret = totpSecrets.get(username);
  if (!secret) throw new Error(`no TOTP secret for ${username}`);
  ctx.clock.advance(30_000);
  return c.post('/api/v1/auth/reauth', { password, totp: totpCode(secret, ctx.now()) });
}
