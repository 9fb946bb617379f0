// Everything a service function may use, built once per process: config, database, job
// queue, blob store, the instance key-encryption key, a logger and a clock.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { createLogger } from './logging.js';
import type { Config } from './config.js';
import { openDatabase, type Database, type OpenOptions } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { loadKek, type LoadedKek } from './crypto/kek.js';
import { ownerOnlyUmask, secureDataDir } from './files/ownerOnly.js';
import type { BlobStore } from './files/blobStore.js';
import { createBlobStore } from './files/createBlobStore.js';
import { Jobs } from './jobs.js';

export interface AppContext {
  config: Config;
  database: Database;
  jobs: Jobs;
  blobs: BlobStore;
  /** Key-encryption key for secrets at rest (see crypto/kek.ts). */
  kek: Buffer;
  /** Where the KEK came from (start-up output). */
  kekInfo?: Omit<LoadedKek, 'key'>;
  log: Logger;
  /** The clock. Tests replace it; nothing else calls `new Date()` for business time. */
  now: () => Date;
  /** Shutdown work of lazily created resources (converter processes …), run by closeContext. */
  closers: Array<() => Promise<void>>;
  /**
   * Work running in this process outside any request or job (a bulk signing run holds its
   * passphrase in memory only, so it cannot move to a queue): shutdown waits for it.
   */
  inflight: Set<Promise<unknown>>;
  /**
   * Aborted when shutdown begins: long in-process work (bulk signing) stops at its next item,
   * writes down where it stopped, and settles, so the drain below takes one item, not a batch.
   */
  shutdown: AbortController;
}

/** Keep `work` in the set shutdown drains until it settles. */
export function trackInflight<T>(ctx: AppContext, work: Promise<T>): Promise<T> {
  ctx.inflight.add(work);
  void work.then(
    () => ctx.inflight.delete(work),
    () => ctx.inflight.delete(work),
  );
  return work;
}

/** Wait for in-process work, at most `timeoutMs`; returns how many were still running then. */
export async function drainInflight(ctx: AppContext, timeoutMs: number): Promise<number> {
  if (!ctx.inflight.size) return 0;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
  await Promise.race([Promise.allSettled([...ctx.inflight]), timeout]);
  clearTimeout(timer);
  return ctx.inflight.size;
}

/** Stop jobs, run closers (newest first), close the database. */
export async function closeContext(ctx: AppContext): Promise<void> {
  ctx.shutdown.abort();
  const left = await drainInflight(ctx, ctx.config.shutdownTimeoutSeconds * 1000);
  if (left) ctx.log.warn({ left }, 'shutdown: in-process work still running after the timeout');
  await ctx.jobs.stop(ctx.config.shutdownTimeoutSeconds * 1000).catch((err) => ctx.log.warn({ err }, 'stopping jobs'));
  for (const close of ctx.closers.splice(0).reverse()) await close().catch((err) => ctx.log.warn({ err }, 'closing resource'));
  await ctx.blobs.close?.().catch((err) => ctx.log.warn({ err }, 'closing blob store'));
  await ctx.database.close();
}

export interface ContextOptions {
  log?: Logger;
  now?: () => Date;
  database?: Database;
  openOptions?: OpenOptions;
  migrate?: boolean;
}

export async function createContext(config: Config, opts: ContextOptions = {}): Promise<AppContext> {
  const log = opts.log ?? createLogger(config.logLevel);
  // Everything this process writes (embedded database, blobs, key file) is owner-only.
  ownerOnlyUmask();
  secureDataDir(config.dataDir);
  if (!config.blobDir.startsWith(config.dataDir + path.sep)) fs.mkdirSync(config.blobDir, { recursive: true, mode: 0o700 });
  const { key: kek, ...kekInfo } = loadKek(config.kek);
  const database = opts.database ?? (await openDatabase(config.database, opts.openOptions));
  try {
    if (opts.migrate !== false) await runMigrations(database);
    const jobs = new Jobs(database, log, { workerTimeoutSeconds: config.jobWorkerTimeoutSeconds });
    const ctx: AppContext = {
      config,
      database,
      jobs,
      blobs: await createBlobStore(config.blobStore, database),
      kek,
      kekInfo,
      log,
      now: opts.now ?? (() => new Date()),
      closers: [],
      inflight: new Set(),
      shutdown: new AbortController(),
    };
    return ctx;
  } catch (e) {
    if (!opts.database) await database.close();
    throw e;
  }
}
