// The service desk (seed 004): service catalogue, tickets through their steps, directory jobs.
import { handle } from '../jobs.js';
import { defineModule } from '../module.js';
import { ensureShippedCatalogue } from './catalogueStore.js';
import { serviceDeskErrors } from './errors.js';
import { DIRECTORY_OP_JOB, PROVISION_JOB } from './jobNames.js';
import { runDirectoryOpJob, runProvisionJob } from './jobs.js';
import { serviceDeskPublicRoutes } from './publicRoutes.js';
import { serviceDeskRoutes } from './routes.js';

export const serviceDeskModule = defineModule({
  name: 'servicedesk',
  // The public activation routes live under /api/v1 too (declared public per route).
  async routes(app, ctx) {
    await serviceDeskRoutes(app, ctx);
    await serviceDeskPublicRoutes(app, ctx);
  },
  errors: serviceDeskErrors,
  jobs: (ctx) => [handle(PROVISION_JOB, (d, meta) => runProvisionJob(ctx, d, meta)), handle(DIRECTORY_OP_JOB, (d) => runDirectoryOpJob(ctx, d))],
  async start(ctx) {
    const n = await ensureShippedCatalogue(ctx.database.db);
    if (n) ctx.log.info({ inserted: n }, 'servicedesk: service catalogue loaded');
  },
  webSections: ['services'],
});
