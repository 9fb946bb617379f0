import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { settings } from './schema.js';

/** Known keys: instance.name ("Pemerintah Kabupaten Contoh"), instance.shortName, instance.region … */
export async function getSetting<T = unknown>(db: Db, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}

export async function setSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
