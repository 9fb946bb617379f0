// Wires each domain's background jobs, start-up work and demo data. Routes are listed in app.ts.
import type { AppContext } from './context.js';
import type { DemoSeeder } from './demo/seedDemo.js';
import { registerArchiveDomain, startArchiveDomain } from './archive/register.js';
import { registerNumberingDomain, startNumberingDomain } from './numbering/register.js';
import { registerSignatureDomain, startSignatureDomain } from './signature/register.js';
import { registerDocumentsDomain, startDocumentsDomain } from './documents/wiring.js';
import { archiveDemoSeeder } from './archive/demo.js';
import { numberingDemoSeeder } from './numbering/demo.js';
import { signatureDemoSeeder } from './signature/demo.js';
import { documentsDemoSeeder } from './documents/wiring.js';

/** Demo data of domains beyond the organisation, in order (run by seedDemo). */
export const demoSeeders: DemoSeeder[] = [archiveDemoSeeder, numberingDemoSeeder, signatureDemoSeeder, documentsDemoSeeder];

/** Define every domain's jobs and adapters on the context (before ctx.jobs.start()). */
export function registerDomains(ctx: AppContext): void {
  registerArchiveDomain(ctx);
  registerNumberingDomain(ctx);
  registerSignatureDomain(ctx);
  registerDocumentsDomain(ctx);
}

/** Start-up work after migrations (reference data, instance keys …), every process start. */
export async function startDomains(ctx: AppContext): Promise<void> {
  await startArchiveDomain(ctx);
  await startNumberingDomain(ctx);
  await startSignatureDomain(ctx);
  await startDocumentsDomain(ctx);
}
