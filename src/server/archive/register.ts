// Per-context wiring of the archive domain: background jobs (sync, before the queue starts) and
// start-up work (async, after migrations: reference data, keys …).
import type { AppContext } from '../context.js';
import { ensureReferenceClassifications } from './ensureReferenceClassifications.js';

export function registerArchiveDomain(_ctx: AppContext): void {}

/** Loads the shipped classification codes that are missing (never overwrites existing rows). */
export async function startArchiveDomain(ctx: AppContext): Promise<void> {
  const { inserted } = await ensureReferenceClassifications(ctx.database.db);
  if (inserted) ctx.log.info({ inserted }, 'archive: reference classification codes loaded');
}
