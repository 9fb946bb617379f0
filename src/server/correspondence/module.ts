// Correspondence: delivery to inboxes, dispatch from the outbox (e-mail job), the buku ekspedisi.
import { handle } from '../jobs.js';
import { defineModule } from '../module.js';
import { correspondenceErrors } from './errors.js';
import { correspondenceRoutes } from './routes.js';
import { EMAIL_DISPATCH_JOB, emailDispatchJob } from './sendDispatch.js';

export const correspondenceModule = defineModule({
  name: 'correspondence',
  routes: correspondenceRoutes,
  errors: correspondenceErrors,
  jobs: (ctx) => [handle(EMAIL_DISPATCH_JOB, (data) => emailDispatchJob(ctx, data))],
  webSections: ['incoming', 'outgoing'],
});
