import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { settings } from './schema.js';

/** Known keys: instance.name ("Pemerintah Kabupaten Contoh"), instance.shortName, instance.region … */
export async function getSetting<T = unknown>(db: Db, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}

/** `at`: ctx.now() of the change. */
export async function setSetting(db: Db, key: string, value: unknown, at: Date): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } });
}
