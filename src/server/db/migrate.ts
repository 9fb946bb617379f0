// Schema migrations (drizzle-kit generated SQL in migrations/) and the job queue's schema.
// A session advisory lock makes concurrent starts of several instances safe: the first
// migrates, the others wait and then find nothing to do.
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { migrationsDir } from '../paths.js';
import type { Database } from './client.js';

/** Arbitrary constant: "naskah" in ASCII, as the advisory lock key. */
export const MIGRATION_LOCK_KEY = 0x6e61736b6168;

export async function runMigrations(database: Database): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: migrationsDir, migrationsSchema: 'drizzle' });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
