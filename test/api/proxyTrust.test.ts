// X-Forwarded-For is believed only from configured proxies (issue 12: rotating the header
// escaped the login rate limit and wrote spoofed addresses into the audit).
import { afterAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { auditEvents } from '../../src/server/audit/schema.js';
import { ConfigError, parseTrustProxy } from '../../src/server/config.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

async function appWith(env: Record<string, string>): Promise<TestApp> {
  const t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '5', ...env });
  apps.push(t);
  return t;
}

const login = (t: TestApp, xff: string, remoteAddress = '203.0.113.9') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
    payload: JSON.stringify({ username: 'siapa.saja', password: 'bukan-sandinya-1' }),
  });

async function lastLoginAuditIp(t: TestApp): Promise<string | null> {
  const [row] = await t.ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.login_failed')).orderBy(desc(auditEvents.id)).limit(1);
  return row?.ip ?? null;
}

describe('TRUST_PROXY', () => {
  it('by default a rotating X-Forwarded-For neither escapes the rate limit nor reaches the audit', async () => {
    const t = await appWith({});
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await login(t, `198.51.100.${i + 1}`)).statusCode);
    expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
    expect(codes.slice(5).every((c) => c === 429)).toBe(true);
    expect(await lastLoginAuditIp(t)).toBe('203.0.113.9');
  });

  it('with a hop count, the address the trusted proxy saw is used', async () => {
    const t = await appWith({ TRUST_PROXY: '1' });
    const res = await login(t, '192.0.2.1, 198.51.100.7');
    expect(res.statusCode).toBe(401);
    expect(await lastLoginAuditIp(t)).toBe('198.51.100.7');
  });

  it('with a CIDR list, only those peers are believed', async () => {
    const t = await appWith({ TRUST_PROXY: '10.0.0.0/8, loopback' });
    await login(t, '198.51.100.20', '10.1.2.3');
    expect(await lastLoginAuditIp(t)).toBe('198.51.100.20');
    await login(t, '198.51.100.21', '203.0.113.50');
    expect(await lastLoginAuditIp(t)).toBe('203.0.113.50');
  });

  it('refuses "true" and malformed values with a clear message', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.1, fd00::/8')).toEqual(['10.0.0.1', 'fd00::/8']);
    expect(() => parseTrustProxy('true')).toThrow(ConfigError);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/TRUST_PROXY: "10.0.0.0\/33"/);
    expect(() => parseTrustProxy('proxy.example')).toThrow(/not an IP address/);
  });
});
