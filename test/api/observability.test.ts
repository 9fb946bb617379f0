// Observability: Prometheus /metrics (loopback or token), the request id in error bodies and
// headers, readiness that fails while a migration holds its lock.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_KEY } from '../../src/server/db/migrate.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ METRICS_TOKEN: 'rahasia-metrik-0123456789' });
});
afterAll(async () => t?.close());

describe('observability', () => {
  it('serves Prometheus metrics with request latency by route to a holder of the token only', async () => {
    await t.app.inject({ method: 'GET', url: '/api/health' });
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer salah-salah-salah-salah' } })).statusCode).toBe(404);
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer rahasia-metrik-0123456789' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/naskah_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} \d+/);
    expect(res.body).toMatch(/naskah_db_pool_connections\{state="total"\} \d+/);
    expect(res.body).toContain('naskah_job_queue_depth');
    expect(res.body).toContain('naskah_work_duration_seconds');
  });

  it('names the request id in the error body and the response header', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    const id = res.headers['x-request-id'];
    expect(id).toBeTruthy();
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', requestId: id });
  });

  it('is not ready while a migration holds its lock, and ready again after', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
    // Another instance migrating: a second connection takes the migration lock.
    const client = await t.ctx.database.pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const during = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(during.statusCode).toBe(503);
      expect(during.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    } finally {
      client.release();
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
  });
});
