// Notices by WhatsApp and e-mail: the delivery job.
import { handle } from '../jobs.js';
import { defineModule } from '../module.js';
import { notifyErrors } from './errors.js';
import { notifyRoutes } from './routes.js';
import { deliverNoticeJob, NOTICE_JOB } from './sendNotice.js';

export const notifyModule = defineModule({ name: 'notify', routes: notifyRoutes, errors: notifyErrors, jobs: (ctx) => [handle(NOTICE_JOB, (data, meta) => deliverNoticeJob(ctx, data, meta))] });
