// E-mail intake (seed 004): each unit's mailbox is read by a job; new scans become pending
// registrations of incoming letters.
import { handle } from '../jobs.js';
import { defineModule } from '../module.js';
import { wireIncomingIntake } from './incomingBridge.js';
import { setPendingSink } from './pendingSink.js';
import { pollMailboxJob, POLL_JOB } from './pollMailbox.js';
import { startMailIntakeDomain } from './register.js';
import { mailIntakeRoutes } from './routes.js';

export const mailIntakeModule = defineModule({
  name: 'mailintake',
  routes: mailIntakeRoutes,
  jobs: (ctx) => {
    wireIncomingIntake(ctx, setPendingSink);
    return [
      handle(POLL_JOB, async (data, meta) => {
        await pollMailboxJob(ctx, data, meta);
      }),
    ];
  },
  start: startMailIntakeDomain,
});
