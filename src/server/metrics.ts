// Prometheus metrics (prom-client): request latency by route, job queue depth and age, durations
// of conversion and signing, database pool use. One registry per process; GET /metrics serves it
// to loopback callers, or to anyone with METRICS_TOKEN as a bearer token when one is set.
import { timingSafeEqual } from 'node:crypto';
import client from 'prom-client';
import type { AppContext } from './context.js';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'naskah_process_' });

export const httpDuration = new client.Histogram({
  name: 'naskah_http_request_duration_seconds',
  help: 'HTTP request latency by route (the route pattern, not the URL)',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const workDuration = new client.Histogram({
  name: 'naskah_work_duration_seconds',
  help: 'Duration of heavy work items: conversion (docx to PDF), signing (one document)',
  labelNames: ['kind', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
  registers: [registry],
});

/** Time `fn` into naskah_work_duration_seconds{kind}. */
export async function timed<T>(kind: 'conversion' | 'signing', fn: () => Promise<T>): Promise<T> {
  const end = workDuration.startTimer({ kind });
  try {
    const out = await fn();
    end({ outcome: 'ok' });
    return out;
  } catch (e) {
    end({ outcome: 'error' });
    throw e;
  }
}

const contexts = new Set<AppContext>();

/** Gauges read at scrape time from the database and the pool of the contexts that registered. */
export function registerContextMetrics(ctx: AppContext): void {
  contexts.add(ctx);
  ctx.closers.push(async () => void contexts.delete(ctx));
}

new client.Gauge({
  name: 'naskah_db_pool_connections',
  help: 'Database pool connections by state',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const ctx of contexts) {
      const p = ctx.database.pool;
      this.inc({ state: 'total' }, p.totalCount);
      this.inc({ state: 'idle' }, p.idleCount);
      this.inc({ state: 'waiting' }, p.waitingCount);
    }
  },
});

const queueDepth = new client.Gauge({ name: 'naskah_job_queue_depth', help: 'Jobs waiting or running, by queue and state', labelNames: ['queue', 'state'] as const, registers: [registry] });
const queueAge = new client.Gauge({ name: 'naskah_job_queue_oldest_age_seconds', help: 'Age of the oldest waiting job, by queue', labelNames: ['queue'] as const, registers: [registry] });

async function collectQueues(): Promise<void> {
  queueDepth.reset();
  queueAge.reset();
  const ctx = [...contexts][0];
  if (!ctx) return;
  const { rows } = await ctx.database.pool.query<{ name: string; state: string; n: number; age: number | null }>(
    `select name, state::text as state, count(*)::int as n, extract(epoch from now() - min(created_on))::float8 as age
       from pgboss.job where state in ('created', 'retry', 'active') group by name, state`,
  );
  const oldest = new Map<string, number>();
  for (const r of rows) {
    queueDepth.set({ queue: r.name, state: r.state }, r.n);
    if (r.state !== 'active') oldest.set(r.name, Math.max(oldest.get(r.name) ?? 0, r.age ?? 0));
  }
  for (const [queue, age] of oldest) queueAge.set({ queue }, age);
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  await collectQueues().catch(() => {
    /* the database is gone: the other metrics still answer; readiness reports it */
  });
  return { contentType: registry.contentType, body: await registry.metrics() };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Token when configured; otherwise only a caller on this machine (the socket's peer, not X-Forwarded-For). */
export function metricsAllowed(token: string | undefined, peer: string | undefined, authorization: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
    const want = Buffer.from(token);
    return given.length === want.length && timingSafeEqual(given, want);
  }
  return !!peer && LOOPBACK.has(peer);
}
