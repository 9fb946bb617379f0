// Background jobs on pg-boss in the same database. A job is enqueued inside the transaction
// of the state change that causes it (send(tx, …)), so it exists iff the change committed.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from './db/client.js';
import type { Tx } from './db/tx.js';
import type { z } from 'zod';

export interface JobOptions {
  /** Retries for transient failures. Never set >0 for non-idempotent external calls (e.g. a sign call). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Jobs of this queue processed concurrently by one instance. */
  concurrency?: number;
}

/**
 * A job's name, payload schema and queue options: declared once (next to the code that sends
 * it), used by `send` (the payload type is checked by the compiler) and by the handler (the
 * payload is parsed with the schema before the handler sees it).
 */
export interface JobType<T> {
  readonly name: string;
  readonly payload: z.ZodType<T>;
  readonly options: JobOptions;
}

export function defineJob<S extends z.ZodType>(name: string, payload: S, options: JobOptions = {}): JobType<z.output<S>> {
  return { name, payload: payload as unknown as z.ZodType<z.output<S>>, options };
}

export interface JobMeta {
  id: string;
  retryCount: number;
}

/** A job type bound to its handler, as a module lists it (options: the type's, then these, e.g. from config). */
export interface JobHandler {
  readonly type: JobType<unknown>;
  readonly options: JobOptions;
  readonly run: (data: unknown, meta: JobMeta) => Promise<void>;
  /**
   * Called once when the queue gives a job up without its handler having said so: its worker
   * died (kill -9, power loss) on the last allowed attempt. The domain marks its entity failed
   * (with a way to try again) so nothing waits for it forever.
   */
  readonly abandoned?: (data: unknown) => Promise<void>;
}

export function handle<T>(
  type: JobType<T>,
  run: (data: T, meta: JobMeta) => Promise<void>,
  options: JobOptions & { abandoned?: (data: T) => Promise<void> } = {},
): JobHandler {
  const { abandoned, ...jobOptions } = options;
  return {
    type: type as JobType<unknown>,
    options: { ...type.options, ...jobOptions },
    run: run as (data: unknown, meta: JobMeta) => Promise<void>,
    ...(abandoned ? { abandoned: abandoned as (data: unknown) => Promise<void> } : {}),
  };
}

/**
 * Work drained from a table that triggers fill inside the transaction of a change (the search
 * index queue): run every `intervalMs` by worker processes, next to the pg-boss queues.
 */
export interface PollerDefinition {
  name: string;
  intervalMs: number;
  /** One round; returns how many items it handled (a full round runs again at once). */
  run: () => Promise<number>;
}

export class Jobs {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobHandler>();
  private readonly pollers: PollerDefinition[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private started = false;
  private working = false;
  /** This process as a job worker (job_workers.id), once `work` has started. */
  readonly workerId = randomUUID();
  /** Poller ticks in progress (stop() waits for them) and whether stop() has begun. */
  private readonly ticks = new Set<Promise<void>>();
  private stopping = false;
  private readonly workerTimeoutSeconds: number;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    opts: { workerTimeoutSeconds?: number } = {},
  ) {
    this.workerTimeoutSeconds = opts.workerTimeoutSeconds ?? 30;
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => database.pool.query(text, values) },
      schema: 'pgboss',
      // Maintenance/monitoring would keep the single PGlite connection busy for little use.
      supervise: database.engine === 'postgres',
      schedule: false,
    });
    this.boss.on('error', (err) => log.error({ err }, 'job queue error'));
  }

  /** Every process registers every module's jobs (so any process can send); only workers run them. */
  register(handler: JobHandler): void {
    const name = handler.type.name;
    if (this.definitions.has(name)) throw new Error(`job ${name} defined twice`);
    this.definitions.set(name, handler);
  }

  definePoller(def: PollerDefinition): void {
    if (this.pollers.some((p) => p.name === def.name)) throw new Error(`poller ${def.name} defined twice`);
    this.pollers.push(def);
  }

  /** Creates the queue schema if needed and every defined queue. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const { type, options } of this.definitions.values()) {
      await this.boss.createQueue(type.name, {
        name: type.name,
        retryLimit: options.retryLimit ?? 0,
        retryDelay: options.retryDelaySeconds ?? 10,
        retryBackoff: true,
        expireInSeconds: options.expireInSeconds ?? 15 * 60,
      });
    }
    this.started = true;
  }

  /** Whether a worker is alive: its heartbeat is recent (the worker of this process, while it works, always is). */
  async isWorkerAlive(workerId: string | null): Promise<boolean> {
    if (!workerId) return false;
    // This very process: what it started in memory is still running (or it would not be asking).
    if (workerId === this.workerId) return true;
    const { rows } = await this.database.pool.query(`select 1 from job_workers where id = $1 and heartbeat_at > now() - make_interval(secs => $2)`, [workerId, this.workerTimeoutSeconds]);
    return rows.length > 0;
  }

  /**
   * Jobs whose worker died (its heartbeat is older than the timeout; or a job active that long
   * with no claim, its worker killed between taking and claiming it) are failed back to the
   * queue: retried with the queue's back-off, or, after the last attempt, given up and the
   * domain told (`abandoned`). Runs when a worker starts and with every heartbeat; pg-boss's
   * own expiry (off in embedded mode) is only a backstop.
   */
  async recoverOrphans(): Promise<number> {
    const { rows } = await this.database.pool.query(
      `select j.id, j.name from pgboss.job j
         left join job_claims c on c.job_id = j.id
         left join job_workers w on w.id = c.worker_id
        where j.state = 'active'
          and (c.job_id is null and j.started_on < now() - make_interval(secs => $1)
               or c.job_id is not null and c.worker_id <> $2 and (w.id is null or w.heartbeat_at < now() - make_interval(secs => $1)))`,
      [this.workerTimeoutSeconds, this.workerId],
    );
    for (const row of rows as Array<{ id: string; name: string }>) {
      await this.boss.fail(row.name, row.id, { message: 'worker stopped while running the job (recovered)' });
      await this.database.pool.query('delete from job_claims where job_id = $1', [row.id]);
      const job = await this.boss.getJobById(row.name, row.id);
      this.log.warn({ job: row.name, id: row.id, state: job?.state }, 'job of a dead worker recovered');
      const handler = this.definitions.get(row.name);
      if (job?.state === 'failed' && handler?.abandoned) {
        await handler.abandoned(handler.type.payload.parse(job.data)).catch((err: unknown) => this.log.error({ err, job: row.name, id: row.id }, 'marking an abandoned job failed'));
      }
    }
    return rows.length;
  }

  private async heartbeat(): Promise<void> {
    await this.database.pool.query('update job_workers set heartbeat_at = now() where id = $1', [this.workerId]);
    // Workers silent for a day are forgotten (their jobs were recovered long ago).
    await this.database.pool.query(`delete from job_workers where heartbeat_at < now() - interval '1 day'`);
  }

  /**
   * Announce this process as alive (job_workers) and keep its heartbeat; recover what dead
   * workers left. Every serving process does this (bulk signing runs in the web process too);
   * `work` starts it as well.
   */
  async startHeartbeat(): Promise<void> {
    if (this.working) return;
    await this.database.pool.query('insert into job_workers (id, pid, host) values ($1, $2, $3) on conflict (id) do update set heartbeat_at = now()', [this.workerId, process.pid, os.hostname()]);
    this.working = true;
    await this.recoverOrphans().catch((err: unknown) => this.log.warn({ err }, 'recovering jobs of dead workers'));
    let beating = false;
    const beat = setInterval(
      () => {
        if (beating || !this.working) return;
        beating = true;
        void this.heartbeat()
          .then(() => this.recoverOrphans())
          .catch((err: unknown) => this.log.warn({ err }, 'job worker heartbeat'))
          .finally(() => {
            beating = false;
          });
      },
      Math.max(1000, (this.workerTimeoutSeconds * 1000) / 3),
    );
    beat.unref();
    this.timers.push(beat);
  }

  /** Start polling every defined queue (and poller) in this process. */
  async work(pollingIntervalSeconds = 1): Promise<void> {
    this.stopping = false;
    await this.startHeartbeat();
    for (const p of this.pollers) {
      let busy = false;
      const tick = async () => {
        if (busy || this.stopping) return;
        busy = true;
        try {
          while (!this.stopping && (await p.run()) > 0 && this.started) {
            /* drain */
          }
        } catch (err) {
          this.log.warn({ err, poller: p.name }, 'poller failed');
        } finally {
          busy = false;
        }
      };
      const timer = setInterval(() => {
        // stop() waits for a tick in progress: it must not run on after the pool is closed.
        const running = tick();
        this.ticks.add(running);
        void running.finally(() => this.ticks.delete(running));
      }, p.intervalMs);
      timer.unref();
      this.timers.push(timer);
    }
    for (const { type, options, run } of this.definitions.values()) {
      const concurrency = options.concurrency ?? 1;
      for (let i = 0; i < concurrency; i++) {
        await this.boss.work(type.name, { pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, async (jobs) => {
          for (const job of jobs) {
            await this.database.pool.query('insert into job_claims (job_id, queue, worker_id) values ($1, $2, $3) on conflict (job_id) do update set worker_id = excluded.worker_id, claimed_at = now()', [job.id, type.name, this.workerId]);
            try {
              await run(type.payload.parse(job.data), { id: job.id, retryCount: job.retryCount });
            } catch (err) {
              this.log.warn({ err, job: type.name, id: job.id }, 'job failed');
              throw err;
            } finally {
              await this.database.pool.query('delete from job_claims where job_id = $1 and worker_id = $2', [job.id, this.workerId]).catch(() => {});
            }
          }
        });
      }
    }
  }

  /** Enqueue inside a transaction (preferred) or on its own with tx = null. */
  async send<T>(tx: Tx | null, type: JobType<T>, data: NoInfer<T>, options: PgBoss.SendOptions = {}): Promise<string> {
    const name = type.name;
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    const db = tx ? { executeSql: (text: string, values: unknown[]) => tx.client.query(text, values) } : undefined;
    const id = await this.boss.send(name, data as object, { ...options, ...(db ? { db } : {}) });
    if (!id) throw new Error(`job ${name} was not enqueued`);
    return id;
  }

  async getJob(name: string, id: string) {
    return this.boss.getJobById(name, id);
  }

  /** Wait until no job of the given queues is pending or active (tests, CLI one-shot runs). */
  async drain(names: string[] = [...this.definitions.keys()], timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let pending = 0;
      for (const n of names) pending += await this.boss.getQueueSize(n, { before: 'completed' });
      if (pending === 0) return;
      if (Date.now() > deadline) throw new Error(`jobs not drained after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stop taking jobs; running ones may finish within `timeoutMs` (graceful shutdown). */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const t of this.timers.splice(0)) clearInterval(t);
    if (this.ticks.size) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.ticks]), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
    }
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    // The worker row stays: what a graceful stop leaves running is found by its silence, as a
    // killed process's is.
    this.working = false;
    this.started = false;
  }
}
