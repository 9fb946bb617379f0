// Ask for a scan's text layer: a queued run and its job, inside the caller's transaction (the
// run exists iff the registration that needs it committed).
import { z } from 'zod';
import { defineJob } from '../jobs.js';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/tx.js';
import { ocrRuns } from './schema.js';

/** Recognises one scan (options from config: see ocr/module.ts). */
export const OCR_JOB = defineJob('ocr.recognise', z.object({ runId: z.string().min(1) }));

export interface RequestOcrInput {
  sourceFileId: string;
  ownerType?: string | null;
  ownerId?: string | null;
  unitId?: string | null;
  requestedBy?: string | null;
}

export async function requestOcr(ctx: AppContext, tx: Tx, input: RequestOcrInput): Promise<{ runId: string }> {
  const [run] = await tx.db
    .insert(ocrRuns)
    .values({
      sourceFileId: input.sourceFileId,
      ownerType: input.ownerType ?? null,
      ownerId: input.ownerId ?? null,
      unitId: input.unitId ?? null,
      requestedBy: input.requestedBy ?? null,
      createdAt: ctx.now(),
    })
    .returning({ id: ocrRuns.id });
  await ctx.jobs.send(tx, OCR_JOB, { runId: run!.id });
  return { runId: run!.id };
}
