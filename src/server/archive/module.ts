// Classification codes with JRA retention: shipped reference codes loaded at start, CSV import.
import { defineModule } from '../module.js';
import { archiveCliCommands } from './cli.js';
import { ensureReferenceClassifications } from './ensureReferenceClassifications.js';
import { archiveErrors } from './errors.js';
import { archiveRoutes } from './routes.js';
import { registerSearchSource } from '../search/index.js';
import { indexOutgoingDocument } from './outgoingSource.js';
import { applyRetention, closeBerkasAtYearEnd } from './berkas.js';
import { preserveSignatures } from './preservation.js';

export const archiveModule = defineModule({
  name: 'archive',
  routes: archiveRoutes,
  errors: archiveErrors,
  cli: archiveCliCommands,
  // Year-end closing of berkas and the retention pass (inactive when the active years are over).
  pollers: (ctx) => [
    {
      name: 'archive.retention',
      intervalMs: 60 * 60 * 1000,
      run: async () => {
        await closeBerkasAtYearEnd(ctx);
        await applyRetention(ctx);
        return 0;
      },
    },
    // Long-term validity: archive timestamps (B-LTA) on signed records before their proofs end.
    {
      name: 'archive.preservation',
      intervalMs: 6 * 60 * 60 * 1000,
      run: async () => {
        const r = await preserveSignatures(ctx);
        return r.assessed + r.stamped;
      },
    },
  ],
  /** Loads the shipped classification codes that are missing (never overwrites existing rows). */
  async start(ctx) {
    // Outgoing documents reach the index (and, once delivered, the archive) through the queue
    // that a trigger on documents fills in the transaction of every change.
    registerSearchSource('outgoing', indexOutgoingDocument);
    const { inserted } = await ensureReferenceClassifications(ctx.database.db);
    if (inserted) ctx.log.info({ inserted }, 'archive: reference classification codes loaded');
  },
});
