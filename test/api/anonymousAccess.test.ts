// Every operation of the OpenAPI document, called without a session under the URL spellings an
// attacker would try, is refused unless it is one of the few deliberately public ones. The
// authentication decision is taken on the route the router matched, so no spelling of a private
// path may ever answer with data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';
import { isPkiPath, PUBLIC_OPERATIONS } from '../helpers/publicOperations.js';

const PUBLIC = PUBLIC_OPERATIONS;
const isPki = isPkiPath;

let t: TestApp;
let operations: { method: string; path: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) operations.push({ method: method.toUpperCase(), path });
    }
  }
});
afterAll(async () => t?.close());

const SAMPLE_ID = '00000000-0000-4000-8000-000000000001';
function concrete(path: string): string {
  return path.replace(/\{[^}]+\}/g, SAMPLE_ID);
}

/** Spellings of the same path that a lenient router might match while a naive check would not. */
function spellings(url: string): string[] {
  const out = new Set<string>([url]);
  out.add(url.replace('/api/', '/%61pi/'));
  out.add(url.replace('/api/', '/%61%70%69/'));
  out.add(url.replace(/\/v1\//, '/%76%31/'));
  out.add(url.replace('/api/', '//api/'));
  out.add(url.replace('/api/', '/api//'));
  out.add(url.replace('/api/v1/', '/api/./v1/'));
  out.add(url.replace('/api/v1/', '/api/x/../v1/'));
  out.add(`${url}/`);
  out.add(url.toUpperCase());
  out.add(url.replace('/api/', '/API/'));
  out.add(`${url};jsessionid=1`);
  out.add(url.replace('/api/', '/api;x=1/'));
  out.add(`${url}?x=1#frag`);
  out.add(url.replace(/\//g, '%2F').replace(/^%2F/, '/'));
  return [...out];
}

describe('anonymous access to every OpenAPI operation', () => {
  it('finds the operations', () => {
    expect(operations.length).toBeGreaterThan(60);
  });

  it('refuses every private operation under every spelling', async () => {
    const leaks: string[] = [];
    const publicSeen: string[] = [];
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      const isPublic = PUBLIC.has(key) || isPki(op.path);
      if (isPublic) {
        publicSeen.push(key);
        continue;
      }
      for (const url of spellings(concrete(op.path))) {
        const res = await t.app.inject({ method: op.method as 'GET', url, headers: { 'content-type': 'application/json' }, payload: op.method === 'GET' ? undefined : '{}' });
        const ok401 = res.statusCode === 401 && res.json().code === 'UNAUTHENTICATED';
        // A spelling the router does not match is an unknown route: a JSON 404 (or 405/400 from
        // the HTTP layer), never data.
        const unmatched = (res.statusCode === 404 && /ROUTE_NOT_FOUND|NOT_FOUND/.test(res.body)) || res.statusCode === 400;
        if (url === concrete(op.path) ? !ok401 : !(ok401 || unmatched)) leaks.push(`${key} via ${url}: ${res.statusCode} ${res.body.slice(0, 80)}`);
      }
    }
    expect(leaks).toEqual([]);
    // The allow-list stays honest: every name in it is a real operation.
    for (const k of PUBLIC) expect(publicSeen).toContain(k);
  });

  it('answers public operations without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/instance' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBe(200);
  });

  it('was open to a percent-encoded prefix before (regression)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/%61pi/v1/org/units' });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toMatch(/Sekretariat|nip/i);
  });
});
