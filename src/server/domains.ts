// Wires each domain's background jobs and demo data. Routes are listed in app.ts.
import type { AppContext } from './context.js';
import type { DemoSeeder } from './demo/seedDemo.js';

/** Demo data of domains beyond the organisation, in order (run by seedDemo). */
export const demoSeeders: DemoSeeder[] = [];

/** Define every domain's jobs on the context's queue (before ctx.jobs.start()). */
export function registerDomains(_ctx: AppContext): void {
  // e.g. defineConversionJobs(ctx), defineNotificationJobs(ctx)
}
