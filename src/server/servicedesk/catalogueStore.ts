// The catalogue in the database: shipped entries inserted when missing, read by key.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { shippedCatalogue, type CatalogueEntry } from './catalogue.js';
import { serviceCatalogue } from './schema.js';

export async function ensureShippedCatalogue(db: Db): Promise<number> {
  const rows = await db
    .insert(serviceCatalogue)
    .values(shippedCatalogue.map((e) => ({ ...e })))
    .onConflictDoNothing()
    .returning({ key: serviceCatalogue.key });
  return rows.length;
}

export async function getCatalogueEntry(db: Db, key: string): Promise<CatalogueEntry> {
  const [row] = await db.select().from(serviceCatalogue).where(eq(serviceCatalogue.key, key));
  if (!row || !row.active) throw new AppError('SERVICE_NOT_FOUND', { key });
  return row;
}

export async function listCatalogue(db: Db): Promise<CatalogueEntry[]> {
  return (await db.select().from(serviceCatalogue).where(eq(serviceCatalogue.active, true))).map((r) => r);
}
