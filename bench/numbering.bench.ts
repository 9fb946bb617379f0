// Numbering throughput: allocateNumber in its own transaction (as the signing workflow calls it),
// 32 concurrent callers on ONE register (the worst case: every caller queues for the same row
// lock), on PostgreSQL and on embedded PGlite. Also a single caller for comparison. Checks the
// register is gap-free and duplicate-free afterwards.
import pg from 'pg';
import { count, max, sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { inTransaction } from '../src/server/db/tx.js';
import { uuidv7 } from '../src/server/db/ids.js';
import { ensureReferenceClassifications } from '../src/server/archive/ensureReferenceClassifications.js';
import { allocateNumber } from '../src/server/numbering/allocateNumber.js';
import { numberEntries } from '../src/server/numbering/schema.js';
import { insertUnit } from '../src/server/org/units.js';
import { percentile, round, type Bench } from './lib.js';

const CONCURRENCY = 32;

async function prepare(database: Database): Promise<string> {
  await runMigrations(database);
  await ensureReferenceClassifications(database.db);
  const unit = await insertUnit(database.db, { parentId: null, name: 'Dinas Bench', kind: 'dinas', code: '410.99' });
  return unit.id;
}

async function measure(database: Database, unitId: string, total: number, concurrency: number) {
  let started = 0;
  const latencies: number[] = [];
  const one = () =>
    inTransaction(database, (tx) =>
      allocateNumber(tx, { unitId, year: 2026, documentTypeId: null, classificationCode: '000.1.5', documentId: uuidv7(), date: '2026-06-01', actorUserId: null, hal: 'Bench', at: new Date() }),
    );
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        started++;
        const s = performance.now();
        await one();
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { perSecond: round(total / seconds, 1), p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) };
}

async function check(database: Database): Promise<boolean> {
  const [r] = await database.db.select({ n: count(), top: max(numberEntries.seq) }).from(numberEntries);
  const [d] = await database.db.select({ n: sql`count(distinct ${numberEntries.number})`.mapWith(Number) }).from(numberEntries);
  return r!.n === r!.top && d!.n === r!.n;
}

async function runOn(database: Database, total: number) {
  const unitId = await prepare(database);
  await measure(database, unitId, 50, 8); // warm-up
  const single = await measure(database, unitId, Math.round(total / 4), 1);
  const concurrent = await measure(database, unitId, total, CONCURRENCY);
  return { single, concurrent, gapFree: await check(database) };
}

const bench: Bench = {
  name: 'numbering',
  description: `allocateNumber throughput, ${CONCURRENCY} concurrent callers on one register (PostgreSQL and PGlite)`,
  async run() {
    const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const dbName = `naskah_bench_numbering_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    let pgResult: Awaited<ReturnType<typeof runOn>> | null = null;
    let pgNote = '';
    try {
      await admin.query(`drop database if exists "${dbName}"`);
      await admin.query(`create database "${dbName}"`);
      const u = new URL(adminUrl);
      u.pathname = `/${dbName}`;
      const database = await openDatabase(loadConfig({ DATABASE_URL: u.toString() }).database, { poolMax: CONCURRENCY });
      try {
        pgResult = await runOn(database, 3000);
      } finally {
        await database.close();
      }
    } catch (e) {
      pgNote = `PostgreSQL run failed: ${(e as Error).message}`;
    } finally {
      await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => {});
      await admin.end();
    }
    const lite = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    let liteResult: Awaited<ReturnType<typeof runOn>>;
    try {
      liteResult = await runOn(lite, 1000);
    } finally {
      await lite.close();
    }
    return {
      metrics: {
        postgres_allocations_per_s_c32: pgResult?.concurrent.perSecond ?? null,
        postgres_p50_ms_c32: pgResult?.concurrent.p50 ?? null,
        postgres_p99_ms_c32: pgResult?.concurrent.p99 ?? null,
        postgres_allocations_per_s_c1: pgResult?.single.perSecond ?? null,
        postgres_gap_free: pgResult?.gapFree ?? null,
        pglite_allocations_per_s_c32: liteResult.concurrent.perSecond,
        pglite_p50_ms_c32: liteResult.concurrent.p50,
        pglite_p99_ms_c32: liteResult.concurrent.p99,
        pglite_allocations_per_s_c1: liteResult.single.perSecond,
        pglite_gap_free: liteResult.gapFree,
      },
      notes:
        'One register, so every allocation waits for the previous transaction to commit (gap-free numbering serialises a register by design); ' +
        'allocations in different units/years/series do not wait for each other. Each allocation = own transaction with unit/settings/classification reads, ' +
        'register upsert, entry insert, audit insert, commit. PGlite has one connection, so concurrency only queues. ' +
        pgNote,
    };
  },
};

export default bench;
