// Wires each domain's background jobs and demo data. Routes are listed in app.ts.
import type { AppContext } from './context.js';
import type { DemoSeeder } from './demo/seedDemo.js';
import { registerArchiveDomain } from './archive/register.js';
import { registerNumberingDomain } from './numbering/register.js';
import { registerSignatureDomain } from './signature/register.js';
import { registerDocumentsDomain } from './documents/register.js';

/** Demo data of domains beyond the organisation, in order (run by seedDemo). */
export const demoSeeders: DemoSeeder[] = [];

/** Define every domain's jobs and adapters on the context (before ctx.jobs.start()). */
export function registerDomains(ctx: AppContext): void {
  registerArchiveDomain(ctx);
  registerNumberingDomain(ctx);
  registerSignatureDomain(ctx);
  registerDocumentsDomain(ctx);
}
