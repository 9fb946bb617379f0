// Dispositions: the tree on an incoming letter, its due-date job, instruction presets at start.
import { handle } from '../jobs.js';
import { defineModule } from '../module.js';
import { dispositionErrors } from './errors.js';
import { dueJob } from './dueDates.js';
import { DUE_JOB } from './index.js'; // index.ts also adds the tree to the letter's visibility rules
import { ensureInstructionPresets } from './instructions.js';
import { wireDispositionNotices } from './notices.js';
import { dispositionRoutes } from './routes.js';

export const dispositionModule = defineModule({
  name: 'disposition',
  routes: dispositionRoutes,
  errors: dispositionErrors,
  jobs: (ctx) => [handle(DUE_JOB, (data) => dueJob(ctx, data))],
  async start(ctx) {
    await ensureInstructionPresets(ctx.database.db);
    // Every process that changes letters tells people about it (WhatsApp / e-mail jobs).
    wireDispositionNotices(ctx);
  },
  webSections: ['dispositions'],
});
