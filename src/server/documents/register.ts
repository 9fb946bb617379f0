// Per-context wiring of the documents domain: conversion and e-mail jobs; document types at start.
import type { AppContext } from '../context.js';
import { ensureDocumentTypes } from './referenceData.js';
import { EMAIL_DISPATCH_JOB, emailDispatchJob } from './sendDispatch.js';
import { CONVERT_JOB, convertVersionJob } from './uploadVersion.js';

export function registerDocumentsDomain(ctx: AppContext): void {
  ctx.jobs.define<{ versionId: string }>({
    name: CONVERT_JOB,
    retryLimit: 2,
    retryDelaySeconds: 5,
    expireInSeconds: 10 * 60,
    handler: (data) => convertVersionJob(ctx, data),
  });
  ctx.jobs.define<{ dispatchId: string }>({
    name: EMAIL_DISPATCH_JOB,
    retryLimit: 0, // a failure is shown to the records officer; no duplicate e-mails
    handler: (data) => emailDispatchJob(ctx, data),
  });
}

export async function startDocumentsDomain(ctx: AppContext): Promise<void> {
  await ensureDocumentTypes(ctx.database.db);
}
