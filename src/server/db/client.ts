// One database handle for both engines: PostgreSQL (DATABASE_URL) or embedded PGlite served
// by a child process over a Unix socket. Both are reached through node-postgres.
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Config } from '../config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.js';
// Tables live in each module's schema.ts (drizzle-kit finds them by glob: drizzle.config.ts);
// queries name their tables, so the client needs no schema list.
export type Db = NodePgDatabase;
export type Engine = 'pglite' | 'postgres';

export interface Database {
  engine: Engine;
  pool: pg.Pool;
  db: Db;
  /** The embedded server, in PGlite mode. */
  embedded?: EmbeddedPostgres | undefined;
  close(): Promise<void>;
}

// Return int8 (bigint/count) as JS numbers: our counts and sizes stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// DATE stays "YYYY-MM-DD": a calendar date, not an instant in the server's time zone.
pg.types.setTypeParser(1082, (v) => v);

export interface OpenOptions {
  /** Tarball of a migrated PGlite data dir to start from (tests). */
  pgliteLoadFrom?: string;
  poolMax?: number;
  connectionTimeoutMs?: number;
}

export async function openDatabase(database: Config['database'], opts: OpenOptions = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let pool: pg.Pool;
  if (database.kind === 'postgres') {
    pool = new pg.Pool({
      connectionString: database.url,
      max: opts.poolMax ?? 10,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 30_000,
      application_name: 'naskah',
      // PostgreSQL's JIT compiles any statement its planner thinks expensive: for the short
      // page queries of an office system it costs more than it saves (a unit head's letter
      // list among 30 000 letters: 290 ms with JIT, 144 ms without, measured in the scale bench).
      options: '-c jit=off',
    });
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: database.dataDir,
      ...(opts.pgliteLoadFrom ? { loadFrom: opts.pgliteLoadFrom } : {}),
    });
    // PGlite is a single session: one connection, requests queue for it in the pool.
    pool = new pg.Pool({
      host: embedded.socketDir,
      port: 5432,
      database: 'postgres',
      user: 'postgres',
      max: 1,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 60_000,
    });
  }
  pool.on('error', () => {
    /* idle client errors (server restart) surface on the next query */
  });
  // A checked-out client (a transaction, a held advisory lock) has no listener of the pool's:
  // when PostgreSQL restarts while it is held, its 'error' event would crash the process. The
  // error reaches the holder anyway (its next query rejects) and the pool drops the dead client
  // on release, so the event itself only needs a listener.
  const guarded = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', () => {});
  });
  try {
    await pool.query('select 1');
  } catch (e) {
    await pool.end().catch(() => {});
    await embedded?.stop();
    throw e;
  }
  const db = drizzle({ client: pool });
  let closed: Promise<void> | undefined;
  return {
    engine: database.kind,
    pool,
    db,
    embedded,
    close() {
      closed ??= (async () => {
        await pool.end();
        await embedded?.stop();
      })();
      return closed;
    },
  };
}
