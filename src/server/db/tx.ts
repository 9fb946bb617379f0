// One transaction per user action. The callback gets a drizzle handle bound to the
// transaction's connection, plus that connection for pg-boss (jobs enqueued in the same
// transaction as the state change).
import type pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Database, Db } from './client.js';

export interface Tx {
  db: Db;
  client: pg.PoolClient;
}

// Building a drizzle instance costs a little; pooled
// connections are reused, so build one per connection, once.
const handles = new WeakMap<pg.PoolClient, Db>();
function handleFor(client: pg.PoolClient): Db {
  let db = handles.get(client);
  if (!db) {
    db = drizzle({ client });
    handles.set(client, db);
  }
  return db;
}

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK = '40P01';

export async function inTransaction<T>(
  database: Database,
  fn: (tx: Tx) => Promise<T>,
  opts: { isolation?: 'read committed' | 'repeatable read' | 'serializable'; retries?: number } = {},
): Promise<T> {
  const retries = opts.retries ?? (opts.isolation && opts.isolation !== 'read committed' ? 3 : 0);
  for (let attempt = 0; ; attempt++) {
    const client = await database.pool.connect();
    let broken = false;
    try {
      await client.query(opts.isolation ? `begin isolation level ${opts.isolation}` : 'begin');
      const result = await fn({ db: handleFor(client), client });
      await client.query('commit');
      return result;
    } catch (e) {
      try {
        await client.query('rollback');
      } catch {
        broken = true;
      }
      const code = (e as { code?: string }).code;
      if (attempt < retries && (code === SERIALIZATION_FAILURE || code === DEADLOCK)) continue;
      throw e;
    } finally {
      client.release(broken);
    }
  }
}
