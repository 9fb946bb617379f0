// Everything a service function may use, built once per process: config, database, job
// queue, blob store, the instance key-encryption key, a logger and a clock.
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { openDatabase, type Database, type OpenOptions } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { loadOrCreateKek } from './crypto/kek.js';
import { FsBlobStore, type BlobStore } from './files/blobStore.js';
import { Jobs } from './jobs.js';

export interface AppContext {
  config: Config;
  database: Database;
  jobs: Jobs;
  blobs: BlobStore;
  /** Key-encryption key for secrets at rest (see crypto/kek.ts). */
  kek: Buffer;
  log: Logger;
  /** The clock. Tests replace it; nothing else calls `new Date()` for business time. */
  now: () => Date;
  /** Shutdown work of lazily created resources (converter processes …), run by closeContext. */
  closers: Array<() => Promise<void>>;
}

/** Stop jobs, run closers (newest first), close the database. */
export async function closeContext(ctx: AppContext): Promise<void> {
  await ctx.jobs.stop().catch((err) => ctx.log.warn({ err }, 'stopping jobs'));
  for (const close of ctx.closers.splice(0).reverse()) await close().catch((err) => ctx.log.warn({ err }, 'closing resource'));
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
  const log = opts.log ?? pino({ level: config.logLevel, base: undefined });
  const kek = loadOrCreateKek(config.kek);
  const database = opts.database ?? (await openDatabase(config.database, opts.openOptions));
  try {
    if (opts.migrate !== false) await runMigrations(database);
    const jobs = new Jobs(database, log);
    const ctx: AppContext = {
      config,
      database,
      jobs,
      blobs: new FsBlobStore(config.blobDir),
      kek,
      log,
      now: opts.now ?? (() => new Date()),
      closers: [],
    };
    return ctx;
  } catch (e) {
    if (!opts.database) await database.close();
    throw e;
  }
}
