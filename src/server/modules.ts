// THE list of domain modules. The HTTP app (routes), the job workers (jobs), every process start
// (start), the demo seed (demo, in this order) and the `naskah` CLI (cli) are all composed from
// it. A new domain is one folder with a module.ts and one line here.
import type { AppContext } from './context.js';
import type { BuiltinErrorCode, ErrorCode } from './errors.js';
import type { DomainModule } from './module.js';
import { auditModule } from './audit/module.js';
import { orgModule } from './org/module.js';
import { authModule } from './auth/module.js';
import { directoryModule } from './directory/module.js';
import { archiveModule } from './archive/module.js';
import { searchModule } from './search/module.js';
import { catalogModule } from './catalog/module.js';
import { numberingModule } from './numbering/module.js';
import { templatesModule } from './templates/module.js';
import { conversionModule } from './conversion/module.js';
import { pdfModule } from './pdf/module.js';
import { mailModule } from './mail/module.js';
import { signatureModule } from './signature/module.js';
import { outgoingModule } from './outgoing/module.js';
import { correspondenceModule } from './correspondence/module.js';
import { ocrModule } from './ocr/module.js';
import { notifyModule } from './notify/module.js';
import { incomingModule } from './incoming/module.js';
import { dispositionModule } from './disposition/module.js';
import { mailIntakeModule } from './mailintake/module.js';
import { serviceDeskModule } from './servicedesk/module.js';
import { dashboardModule } from './dashboard/module.js';
import { sopClockModule } from './sopclock/module.js';
import { backupModule } from './backup/module.js';

export const modules = [
  auditModule,
  orgModule,
  authModule,
  directoryModule,
  archiveModule,
  searchModule,
  catalogModule,
  numberingModule,
  templatesModule,
  conversionModule,
  pdfModule,
  mailModule,
  signatureModule,
  outgoingModule,
  correspondenceModule,
  ocrModule,
  notifyModule,
  incomingModule,
  dispositionModule,
  dashboardModule,
  sopClockModule,
  mailIntakeModule,
  serviceDeskModule,
  backupModule,
] as const;

// The compiler checks that every error code declared anywhere (ErrorCodeRegistry) belongs to a
// module listed above, so its messages are loaded whenever the app runs. A code in an
// unlisted module makes the next line fail to compile and names the code.
type ListedCodes = (typeof modules)[number] extends infer M ? (M extends DomainModule<infer E> ? keyof E : never) : never;
type UnlistedCodes = Exclude<ErrorCode, ListedCodes | BuiltinErrorCode>;
export const everyErrorCodeIsListed: [UnlistedCodes] extends [never] ? true : { unlisted: UnlistedCodes } = true;

/** Every module's jobs on this context's queue (every process registers all, so any can send). */
export function registerModuleJobs(ctx: AppContext): void {
  for (const m of modules as readonly DomainModule[]) {
    for (const job of m.jobs?.(ctx) ?? []) ctx.jobs.register(job);
    for (const poller of m.pollers?.(ctx) ?? []) ctx.jobs.definePoller(poller);
  }
}

/** This process runs jobs: the queues are polled, then every module's `work` hook runs. */
export async function startWorkers(ctx: AppContext): Promise<void> {
  await ctx.jobs.work();
  for (const m of modules as readonly DomainModule[]) m.work?.(ctx);
}

/** Registers every module's jobs, creates the queues, runs every module's start-up work. */
export async function startModules(ctx: AppContext): Promise<void> {
  registerModuleJobs(ctx);
  await ctx.jobs.start();
  for (const m of modules as readonly DomainModule[]) await m.start?.(ctx);
}
