// The catalog: document types (loaded at start when missing), letterheads (KOP), templates and
// recipient groups. Its routes are served with outgoing's for now (outgoing/routes.ts).
import { defineModule } from '../module.js';
import { catalogDemoSeeder } from './demo.js';
import { catalogErrors } from './errors.js';
import { ensureDocumentTypes } from './referenceData.js';
import { ensureDefaultSopStandard } from './sopStandardStore.js';

export const catalogModule = defineModule({
  name: 'catalog',
  errors: catalogErrors,
  demo: catalogDemoSeeder,
  async start(ctx) {
    await ensureDocumentTypes(ctx.database.db);
    await ensureDefaultSopStandard(ctx.database.db);
  },
});
