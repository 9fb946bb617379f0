// Background jobs on pg-boss in the same database. A job is enqueued inside the transaction
// of the state change that causes it (send(tx, …)), so it exists iff the change committed.
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from './db/client.js';
import type { Tx } from './db/tx.js';

export interface JobDefinition<T extends object = object> {
  name: string;
  /** Retries for transient failures. Never set >0 for non-idempotent external calls (e.g. a sign call). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Jobs of this queue processed concurrently by one instance. */
  concurrency?: number;
  handler: (data: T, meta: { id: string; retryCount: number }) => Promise<void>;
}

export class Jobs {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition>();
  private started = false;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => database.pool.query(text, values) },
      schema: 'pgboss',
      // Maintenance/monitoring would keep the single PGlite connection busy for little use.
      supervise: database.engine === 'postgres',
      schedule: false,
    });
    this.boss.on('error', (err) => log.error({ err }, 'job queue error'));
  }

  define<T extends object>(def: JobDefinition<T>): void {
    if (this.definitions.has(def.name)) throw new Error(`job ${def.name} defined twice`);
    this.definitions.set(def.name, def as unknown as JobDefinition);
  }

  /** Creates the queue schema if needed and every defined queue. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const def of this.definitions.values()) {
      await this.boss.createQueue(def.name, {
        name: def.name,
        retryLimit: def.retryLimit ?? 0,
        retryDelay: def.retryDelaySeconds ?? 10,
        retryBackoff: true,
        expireInSeconds: def.expireInSeconds ?? 15 * 60,
      });
    }
    this.started = true;
  }

  /** Start polling every defined queue in this process. */
  async work(pollingIntervalSeconds = 1): Promise<void> {
    for (const def of this.definitions.values()) {
      const concurrency = def.concurrency ?? 1;
      for (let i = 0; i < concurrency; i++) {
        await this.boss.work(def.name, { pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, async (jobs) => {
          for (const job of jobs) {
            try {
              await def.handler(job.data as object, { id: job.id, retryCount: job.retryCount });
            } catch (err) {
              this.log.warn({ err, job: def.name, id: job.id }, 'job failed');
              throw err;
            }
          }
        });
      }
    }
  }

  /** Enqueue inside a transaction (preferred) or on its own with tx = null. */
  async send<T extends object>(tx: Tx | null, name: string, data: T, options: PgBoss.SendOptions = {}): Promise<string> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    const db = tx ? { executeSql: (text: string, values: unknown[]) => tx.client.query(text, values) } : undefined;
    const id = await this.boss.send(name, data, { ...options, ...(db ? { db } : {}) });
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

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.started = false;
  }
}
