// The service desk's job types (shared by the code that sends them and jobs.ts that runs them).
import { z } from 'zod';
import { defineJob } from '../jobs.js';

export const PROVISION_RETRIES = 5;
/** Creates the account in the directory (step 5). Safe to run twice. */
export const PROVISION_JOB = defineJob('servicedesk.provision', z.object({ ticketId: z.string().min(1) }), { retryLimit: PROVISION_RETRIES, retryDelaySeconds: 30 });
/** Later directory operations on the account. Safe to run twice. */
export const DIRECTORY_OP_JOB = defineJob('servicedesk.directory-op', z.object({ ticketId: z.string().min(1), op: z.enum(['suspend', 'unsuspend', 'reset', 'close']) }), { retryLimit: 5, retryDelaySeconds: 30 });

export type ProvisionJob = z.output<typeof PROVISION_JOB.payload>;
export type DirectoryOpJob = z.output<typeof DIRECTORY_OP_JOB.payload>;
