// Tables of the shared infrastructure (no domain): the job workers' liveness and their claims.
import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.js';

/**
 * One row per process that runs jobs, its heartbeat renewed every few seconds. A worker whose
 * heartbeat is older than JOB_WORKER_TIMEOUT_SECONDS is dead (kill -9, power loss): what it was
 * running is recovered by any live worker (jobs.ts `recoverOrphans`, bulk signing batches).
 */
export const jobWorkers = pgTable('job_workers', {
  id: uuid('id').primaryKey(),
  pid: integer('pid').notNull(),
  host: text('host').notNull(),
  startedAt: tstz('started_at').notNull().defaultNow(),
  heartbeatAt: tstz('heartbeat_at').notNull().defaultNow(),
});

/** Which worker runs which pg-boss job right now (deleted when the handler returns). */
export const jobClaims = pgTable('job_claims', {
  jobId: uuid('job_id').primaryKey(),
  queue: text('queue').notNull(),
  workerId: uuid('worker_id').notNull(),
  claimedAt: tstz('claimed_at').notNull().defaultNow(),
});
